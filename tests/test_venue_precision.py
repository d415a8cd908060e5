"""What the venue rules and duplicate-link say, and what they would write, where a
year, a venue name or a code link is in doubt: a wrong link is not a wrong year,
a typo is not a real venue the data lacks, a family repository is not a copied link."""

from __future__ import annotations

import pytest

from awesome_lint.knowledge.venues import calendar
from conftest import CORPUS, SEED
from lintkit import lint_text

VENUE_RULES = ["venue-year", "venue-calendar", "year-mismatch"]


def findings(text: str, rules: list[str], config: dict | None = None):
    return lint_text(text, rules, config)


def only(found, rule: str):
    matching = [f for f in found if f.rule == rule]
    assert len(matching) == 1, [f"{f.line}: {f.rule} {f.message}" for f in found]
    return matching[0]


# --- year-mismatch: a wrong link is not a wrong year ---------------------------------------

SHARED = """# Papers

- VLMo: Unified Vision-Language Pre-Training with Mixture-of-Modality-Experts.
  - *NeurIPS 2022* [[paper]](https://arxiv.org/abs/2111.02358)

- Self-Supervised Learning of Audio-Visual Objects from Video.
  - *ECCV 2020* [[paper]](https://arxiv.org/abs/2111.02358)
"""


def test_an_arxiv_link_that_another_entry_uses_is_suspected_instead_of_the_year():
    found = only(findings(SHARED, ["year-mismatch"]), "year-mismatch")
    assert found.line == 7
    assert found.message == (
        "arXiv 2111.02358 was first posted in November 2021, after ECCV 2020 (September); "
        "the arXiv link is also used by line 4 ('VLMo: Unified Vision-Language Pre-Training with Mixture-of-Modality-Experts.'); check the link before the year"
    )
    assert found.fix is None
    assert "ECCV 2022" not in found.message


def test_the_same_paper_listed_twice_under_one_title_still_gets_its_year_suggested():
    text = SHARED.replace("VLMo: Unified Vision-Language Pre-Training with Mixture-of-Modality-Experts.", "Self-Supervised Learning of Audio-Visual Objects from Video.")
    found = [f for f in findings(text, ["year-mismatch"]) if f.line == 7]
    assert found and "ECCV 2022?" in found[0].message


def test_a_year_section_that_agrees_with_the_entry_puts_the_link_in_doubt():
    text = """# Robotics

### 2017

- Multi-view Self-supervised Deep Learning for 6D Pose Estimation in the Amazon Picking Challenge.
  [[pdf]](https://arxiv.org/pdf/1803.09956.pdf)
  - Andy Zeng, Kuan-Ting Yu. *ICRA 2017*
"""
    found = only(findings(text, ["year-mismatch"]), "year-mismatch")
    assert found.message == (
        "arXiv 1803.09956 was first posted in March 2018, after ICRA 2017 (May); "
        "this entry's section is '2017' too, so the year looks right: is the link to another paper?"
    )
    assert found.fix is None


def test_a_year_two_editions_off_is_suggested_without_a_fix():
    text = "# Papers\n\n- A paper.\n  - *CVPR 2019* [[paper]](https://arxiv.org/abs/2011.00003)\n"
    found = only(findings(text, ["year-mismatch"]), "year-mismatch")
    assert "CVPR 2021? (or the link is to another paper)" in found.message
    assert found.fix is None


def test_the_next_edition_is_an_unsafe_fix():
    text = "# Papers\n\n- A paper.\n  - *CVPR 2020* [[paper]](https://arxiv.org/abs/2011.00003)\n"
    found = only(findings(text, ["year-mismatch"]), "year-mismatch")
    assert found.fix is not None and not found.fix.safe and found.fix.edits[0].text == "2021"


def test_an_edition_that_never_was_is_reported_once_by_venue_calendar():
    text = "# Papers\n\n- Emerging Properties in Self-Supervised Vision Transformers.\n  - *ICCV 2020* [[paper]](https://arxiv.org/abs/2104.14294)\n"
    found = findings(text, VENUE_RULES)
    assert [(f.rule, f.message) for f in found] == [
        ("venue-calendar", "ICCV is held in odd years; ICCV 2020 does not exist (did you mean ICCV 2021?)")
    ]


def test_seed_list_vlmo_link_under_another_title_is_not_given_a_year():
    found = [f for f in lint_text(SEED.read_text(encoding="utf-8"), ["year-mismatch"]) if f.line == 339]
    assert found and "also used by line 308" in found[0].message and found[0].fix is None


# --- venue-year: typos and a year run into the name -----------------------------------------


@pytest.mark.parametrize(
    ("written", "meant"),
    [("CVRP", "CVPR"), ("CPVR", "CVPR"), ("cvrp", "CVPR"), ("NeurlPS", "NeurIPS"), ("NuerIPS", "NeurIPS"), ("ICLM", "ICML"), ("Interspech", "Interspeech")],
)
def test_an_unknown_venue_one_typo_from_a_known_one_is_a_warning_with_an_unsafe_fix(written, meant):
    text = f"# Papers\n\n- A paper.\n  - *{written} 2020* [[paper]](https://example.org/p.pdf)\n"
    found = only(findings(text, ["venue-year"]), "venue-year")
    assert (found.severity, found.message) == ("warning", f"unknown venue '{written}'; did you mean '{meant}'?")
    assert found.column == 6
    assert found.fix is not None and not found.fix.safe
    edit = found.fix.edits[0]
    assert text[edit.start:edit.end] == written and edit.text == meant


@pytest.mark.parametrize(
    "written",
    # Real venues one edit from a known one: short acronyms (SEM, TAC, HCI, ICCP), ones the data lists as real (ICAR, TIST),
    # one close to two venues (ICASP: ICAPS and ICASSP), a known word in another case (nature), and the corpus's unknown venues.
    ["SEM", "TAC", "HCI", "AI", "ICCP", "ICAR", "TIST", "CIRA", "ICASP", "nature", "Multimedia", "Preprint", "Frobnication Workshop"],
)
def test_a_real_venue_missing_from_the_data_is_not_called_a_typo(written):
    assert calendar().near_miss(written) is None


def test_the_real_near_misses_in_the_data_are_not_known_venues():
    # If one is added to the venue data, it is known and its near_misses entry is dead weight.
    import tomllib
    from importlib.resources import files

    data = tomllib.loads(files("awesome_lint.knowledge").joinpath("data", "venues.toml").read_text(encoding="utf-8"))
    for name in data["near_misses"]["real"]:
        assert calendar().find(name) is None, name


@pytest.mark.parametrize("path", sorted(CORPUS.glob("*+*.md")), ids=lambda p: p.name)
def test_no_venue_in_the_corpus_is_called_a_typo(path):
    found = lint_text(path.read_text(encoding="utf-8"), ["venue-year"], {"rules": {"venue-year": {"report_unknown": True}}})
    assert not [f"{f.line}: {f.message}" for f in found if "did you mean" in f.message]


@pytest.mark.parametrize(("written", "fixed"), [("ICCV2021", "ICCV 2021"), ("CoRL2017", "CoRL 2017")])
def test_a_known_venue_run_into_its_year_gets_a_safe_fix_that_adds_the_space(written, fixed):
    text = f"# Papers\n\n- A paper.\n  - *{written}* [[paper]](https://example.org/p.pdf)\n"
    found = only(findings(text, ["venue-year"]), "venue-year")
    assert (found.severity, found.message) == ("warning", f"write '{fixed}', with a space before the year")
    assert found.fix is not None and found.fix.safe
    edit = found.fix.edits[0]
    assert text[:edit.start] + edit.text + text[edit.end:] == text.replace(written, fixed)


def test_an_unknown_name_run_into_a_year_is_left_alone():
    text = "# Papers\n\n- A paper.\n  - *Frob2021* [[paper]](https://example.org/p.pdf)\n"
    assert findings(text, ["venue-year"]) == []


# --- duplicate-link: a borrowed repository -----------------------------------------------------

BORROWED = """# Papers

- VideoCLIP: Contrastive Pre-training for Zero-shot Video-Text Understanding.
  - *EMNLP 2021* [[paper]](https://arxiv.org/abs/2109.14084) [[code]](https://github.com/ZrrSkywalker/PointCLIP)

- PointCLIP: Point Cloud Understanding by CLIP.
  - *CVPR 2022* [[paper]](http://arxiv.org/abs/2112.02413v1) [[code]](https://github.com/ZrrSkywalker/PointCLIP)
"""


def test_a_code_link_to_another_entrys_repository_is_a_warning():
    found = only(findings(BORROWED, ["duplicate-link"]), "duplicate-link")
    assert (found.line, found.severity) == (4, "warning")
    assert "the repository of 'PointCLIP: Point Cloud Understanding by CLIP.' (line 7)" in found.message


def test_the_borrowed_severity_is_an_option():
    found = only(findings(BORROWED, ["duplicate-link"], {"rules": {"duplicate-link": {"borrowed_code": "info"}}}), "duplicate-link")
    assert found.severity == "info"


@pytest.mark.parametrize(
    ("row", "repository"),
    [
        ("[**CogAgent: A Visual Language Model for GUI Agents**](https://arxiv.org/abs/2312.08914)", "THUDM/CogVLM"),  # a family name
        ("[**Flamingo: a Visual Language Model for Few-Shot Learning**](https://arxiv.org/abs/2204.14198)", "mlfoundations/open_flamingo"),  # its own name inside
        ("![Star](https://img.shields.io/github/stars/QwenLM/Qwen2-VL.svg) [**QVQ: To See the World with Wisdom**](https://qwenlm.github.io/blog/qvq-72b-preview/)", "QwenLM/Qwen2-VL"),  # a star badge
    ],
)
def test_a_shared_repository_that_looks_deliberate_stays_info(row, repository):
    owner_title = {"THUDM/CogVLM": "CogVLM: Visual Expert For Large Language Models", "mlfoundations/open_flamingo": "OpenFlamingo: An Open-Source Framework", "QwenLM/Qwen2-VL": "Qwen2-VL: Enhancing Vision-Language Model's Perception"}[repository]
    text = (
        "# Models\n\n| Title | Code |\n|:--|:--|\n"
        f"| [**{owner_title}**](https://arxiv.org/abs/2311.00001) | [Github](https://github.com/{repository}) |\n"
        f"| {row} | [Github](https://github.com/{repository}) |\n"
    )
    found = only(findings(text, ["duplicate-link"]), "duplicate-link")
    assert (found.line, found.severity) == (6, "info")
