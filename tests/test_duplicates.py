"""Duplicate titles and links, title normalisation, and the seed list's known mistakes."""


from difflib import SequenceMatcher

import pytest
from conftest import CORPUS, SEED
from hypothesis import given, settings
from hypothesis import strategies as st
from lintkit import lint_text

from awesome_lint.knowledge import titles
from awesome_lint.tree.builder import parse
from awesome_lint.tree.listed import listed_items
from awesome_lint.knowledge.titles import alphabetical_key, near_duplicates, title_key, title_matches


def test_title_key_ignores_case_punctuation_quotes_and_dashes():
    assert title_key("Google’s Multilingual NMT – Zero-Shot Translation.") == title_key("google's multilingual nmt - zero shot translation")
    assert title_key("Self-Supervised  Learning") == title_key("self supervised learning")
    assert title_key("ＣＬＩＰ") == title_key("CLIP")  # full-width letters
    assert title_key("go-cache") != title_key("gocache")


def test_near_duplicates_finds_a_changed_word_but_not_versions_or_names():
    keys = [title_key(t) for t in [
        "Vokenization: Improving Language Understanding with Contextualized, Visual-Grounded Supervision",
        "Vokenization: Improving Language Understanding via Contextualized, Visual-Grounded Supervision",
        "Qwen2-VL: Enhancing Vision-Language Model's Perception of the World at Any Resolution",
        "Qwen2.5-VL: Enhancing Vision-Language Model's Perception of the World at Any Resolution",
        "MiMo-VL Technical Report for Multimodal Reasoning",
        "Kimi-VL Technical Report for Multimodal Reasoning",
    ]]
    assert [(i, j) for i, j, _ in near_duplicates(keys)] == [(0, 1)]


def test_near_duplicates_compares_few_pairs_on_a_long_list(monkeypatch):
    words = [f"w{n}" for n in range(400)]
    many = [" ".join(words[(i * 7 + k * 13) % 400] for k in range(8)) + f" topic{i}" for i in range(3000)]
    many.append(many[1234].replace("topic1234", "topic1234x"))  # one near-duplicate
    calls = []
    real = titles.similarity
    monkeypatch.setattr(titles, "similarity", lambda a, b, **bar: calls.append(1) or real(a, b, **bar))
    pairs = near_duplicates([title_key(t) for t in many])
    assert (1234, 3000) in [(i, j) for i, j, _ in pairs]
    assert len(calls) < 20 * len(many)  # all pairs would be 4.5 million


@settings(max_examples=300, deadline=None, derandomize=True)
@given(st.text(alphabet="abcde ", max_size=30), st.text(alphabet="abcdef ", max_size=30), st.sampled_from([0.5, 0.8, 0.85, 0.9, 1.0]))
def test_similarity_is_difflib_ratio_wherever_it_reaches_the_bar(a, b, at_least):
    ratio = SequenceMatcher(None, a, b, autojunk=False).ratio()
    bar = max(at_least, 0.8)
    if ratio >= bar:
        assert titles.similarity(a, b, at_least) == ratio
    else:
        assert titles.similarity(a, b, at_least) < bar


def test_table_rows_are_items_with_their_title_column():
    doc = parse(
        "| Name | Paper |\n|---|---|\n| **ShareGPT4V** | [ShareGPT4V: Better Captions](https://arxiv.org/abs/2311.12793) |\n\n"
        "| Title | Code |\n|---|---|\n| ![Star](https://img.shields.io/x.svg) <br> [**Qwen3-VL Technical Report**](https://arxiv.org/pdf/2511.21631) <br> | [Github](https://github.com/QwenLM/Qwen3-VL) |\n"
    )
    items = listed_items(doc)
    assert [(item.title, item.paper) for item in items] == [("ShareGPT4V", False), ("Qwen3-VL Technical Report", True)]
    assert items[1].title_link.url == "https://arxiv.org/pdf/2511.21631"


def test_duplicate_title_names_the_earlier_line():
    text = "## A\n\n- Contrastive Multiview Coding.\n  - *ECCV 2020* [[paper]](https://arxiv.org/abs/1906.05849)\n\n- Contrastive multiview coding\n  - *ECCV 2020* [[paper]](https://arxiv.org/abs/1906.05849)\n"
    [finding] = lint_text(text, ["duplicate-title"])
    assert (finding.line, finding.severity, finding.related_lines) == (6, "error", [3])
    assert finding.message.startswith("same title as line 3: 'Contrastive Multiview Coding.'")


def test_same_title_in_another_section_is_information_by_default():
    text = "## A\n\n- Perceiver: General Perception.\n  - *ICML 2021* [[paper]](https://arxiv.org/abs/2103.03206)\n\n## B\n\n- Perceiver: General Perception.\n  - *ICML 2021* [[paper]](https://arxiv.org/abs/2103.03206)\n"
    assert [f.severity for f in lint_text(text, ["duplicate-title"])] == ["info"]
    config = {"rules": {"duplicate-title": {"across_sections": "error"}}}
    assert [f.severity for f in lint_text(text, ["duplicate-title"], config)] == ["error"]


def test_shared_paper_link_is_an_error_on_both_entries():
    text = (
        "- CTAL: Audio-and-Language Representations.\n  - *EMNLP 2021* [[paper]](https://arxiv.org/abs/2107.00249)\n\n"
        "- OPT: Omni-Perception Pre-Trainer.\n  - *arXiv 2021* [[paper]](https://arxiv.org/pdf/2107.00249v2.pdf)\n"
    )
    findings = lint_text(text, ["duplicate-link"])
    assert [(f.line, f.severity, f.related_lines) for f in findings] == [(2, "error", [5]), (5, "error", [2])]
    assert "arXiv 2107.00249" in findings[0].message and "OPT" in findings[0].message


def test_a_shared_code_repository_named_after_another_entry_is_said_so():
    text = (
        "- VideoCLIP: Zero-shot Video-Text Understanding.\n  - *EMNLP 2021* [[paper]](https://arxiv.org/abs/2109.14084) [[code]](https://github.com/ZrrSkywalker/PointCLIP)\n\n"
        "- PointCLIP: Point Cloud Understanding by CLIP.\n  - *CVPR 2022* [[paper]](https://arxiv.org/abs/2112.02413) [[code]](https://github.com/ZrrSkywalker/PointCLIP)\n"
    )
    [finding] = lint_text(text, ["duplicate-link"], {"rules": {"duplicate-link": {"shared_code": "warning"}}})
    assert (finding.line, finding.severity, finding.related_lines) == (2, "warning", [5])
    assert "ZrrSkywalker/PointCLIP, the repository of 'PointCLIP: Point Cloud Understanding by CLIP.'" in finding.message


@pytest.mark.skipif(not SEED.is_file(), reason="the seed list is in ../shared/corpus")
def test_seed_list_mistakes_are_reported():
    findings = lint_text(SEED.read_text(encoding="utf-8"), ["duplicate-link", "toc"])
    by_line = {(f.line, f.rule): f for f in findings}
    assert by_line[(235, "duplicate-link")].severity == "error" and by_line[(235, "duplicate-link")].related_lines == [256]
    assert by_line[(256, "duplicate-link")].severity == "error" and by_line[(256, "duplicate-link")].related_lines == [235]
    assert "PointCLIP" in by_line[(109, "duplicate-link")].message
    assert "'Robotics'" in by_line[(461, "toc")].message


# Error-level findings of these rules on the corpus, each read and judged real
# (missing-file is left out: the corpus holds READMEs without their repositories).
JUDGED_REAL = {
    "ys-zong+awesome-self-supervised-multimodal-learning.md": {(235, "duplicate-link"), (256, "duplicate-link"), (308, "duplicate-link"), (339, "duplicate-link")},
    "jason718+awesome-self-supervised-learning.md": {(806, "duplicate-link"), (811, "duplicate-link"), (1138, "duplicate-link"), (1147, "duplicate-link"), (81, "malformed-url"), (812, "malformed-url")},
    "pliang279+awesome-multimodal-ml.md": {(118, "duplicate-title"), (114, "malformed-url")},
    "public-apis+public-apis.md": {(52, "malformed-url")},
}
RULES = ["duplicate-title", "duplicate-link", "toc", "broken-anchor", "malformed-url"]


@pytest.mark.parametrize("name", sorted(p.name for p in CORPUS.glob("*+*.md")))
def test_errors_on_the_corpus_are_only_the_judged_real_ones(name: str):
    text = (CORPUS / name).read_text(encoding="utf-8")
    errors = {(f.line, f.rule) for f in lint_text(text, RULES) if f.severity == "error"}
    assert errors == JUDGED_REAL.get(name, set())


def test_title_matches_a_name_or_its_start():
    assert title_matches("Contributing Guidelines 🤝", ["Contributing"])
    assert title_matches("Table of Contents:", ["table of contents"])
    assert not title_matches("Contributors' Corner", ["Contributing"])


def test_alphabetical_key_drops_leading_punctuation_and_case_only():
    assert alphabetical_key('"Quoted" Name') == 'quoted" name'
    assert alphabetical_key("C#") != alphabetical_key("C++")


def test_listed_items_are_built_once_per_document():
    doc = parse("# T\n\n- [a](https://a.example) - A.\n")
    assert listed_items(doc) is listed_items(doc)
