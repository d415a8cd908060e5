"""The parser: every node a rule can point at has the right line (and links their column).

Expected values here were checked by hand against the Markdown shown.
"""

import json

import pytest
from click.testing import CliRunner

from awesome_lint.cli import main
from awesome_lint.markdown.inline import github_slug
from awesome_lint.tree.builder import parse
from awesome_lint.markdown.blocks import split_row
from conftest import CORPUS, SEED


def titles(doc):
    return [(e.line, e.title) for e in doc.entries]


def test_atx_and_setext_headings_and_slugs():
    doc = parse("# Awesome X\n\nIntro\n\nSetext Two\n----------\n\n### Robustness/Fairness\n\n### Robustness/Fairness ###\n")
    got = [(s.level, s.line, s.title, s.anchor, s.style) for s in doc.sections]
    assert got == [
        (1, 1, "Awesome X", "awesome-x", "atx"),
        (2, 5, "Setext Two", "setext-two", "setext"),
        (3, 8, "Robustness/Fairness", "robustnessfairness", "atx"),
        (3, 10, "Robustness/Fairness", "robustnessfairness-1", "atx"),
    ]


@pytest.mark.parametrize(
    "title, slug",
    [
        ("Multimodal Instruction Tuning (& Latest Works)", "multimodal-instruction-tuning--latest-works"),
        ("✨ Highlights of NJU-MiG", "-highlights-of-nju-mig"),
        ("IoT (Internet of Things)", "iot-internet-of-things"),
        ("C++", "c"),
        ("snake_case Name", "snake_case-name"),
        ("Über Café", "über-café"),
    ],
)
def test_github_slug(title, slug):
    assert github_slug(title) == slug


def test_section_tree_nests_by_level():
    doc = parse("# A\n## B\n### C\n## D\n# E\n")
    root = doc.root
    assert [s.title for s in root.sections] == ["A", "E"]
    assert [s.title for s in root.sections[0].sections] == ["B", "D"]
    assert [s.title for s in root.sections[0].sections[0].sections] == ["C"]


PAPER = """\
## Papers

- Contrastive Multiview Coding.
  - *ECCV 2020* [[paper]](https://arxiv.org/abs/1906.05849) [[code]](https://github.com/HobbitLong/CMC)

- Second Paper
  - **NeurIPS 2021** [[paper]](https://arxiv.org/abs/2106.00001)
"""


def test_paper_entry_fields_and_positions():
    doc = parse(PAPER)
    first, second = doc.entries
    assert (first.line, first.end_line, first.title, first.venue, first.year) == (3, 4, "Contrastive Multiview Coding.", "ECCV", 2020)
    assert first.venue_year.style == "italic" and (first.venue_year.line, first.venue_year.column) == (4, 5)
    assert [(l.label, l.url, l.line, l.column) for l in first.links] == [
        ("[paper]", "https://arxiv.org/abs/1906.05849", 4, 17),
        ("[code]", "https://github.com/HobbitLong/CMC", 4, 61),
    ]
    assert second.venue_year.style == "bold" and second.year == 2021 and second.line == 6


def test_classic_entries_bullets_and_descriptions():
    doc = parse("# X\n\n- [Foo](https://foo.dev) - Does foo.\n* [Bar](https://bar.dev) – bars things\n+ [Baz](https://baz.dev)\n1. [Qux](https://qux.dev) - Quxes.\n")
    got = [(e.line, e.bullet, e.title, e.description, e.separator) for e in doc.entries]
    assert got == [
        (3, "-", "Foo", "Does foo.", " - "),
        (4, "*", "Bar", "bars things", " – "),
        (5, "+", "Baz", None, None),
        (6, "1.", "Qux", "Quxes.", " - "),
    ]
    assert all(e.style == "classic" and e.title_kind == "link" for e in doc.entries)


def test_nested_classic_entries_under_a_group_label():
    doc = parse("# X\n\n- Databases\n  - [pg](https://pg.dev) - SQL.\n    - [pg-ext](https://ext.dev) - More.\n")
    assert titles(doc) == [(4, "pg"), (5, "pg-ext")]
    assert doc.entries[1].indent == 4


def test_list_split_by_html_comment_keeps_entries_and_lines():
    text = "# X\n\n- [A](https://a.dev) - A.\n<!-- a note -->\n- [B](https://b.dev) - B.\n"
    doc = parse(text)
    assert titles(doc) == [(3, "A"), (5, "B")]
    assert [(c.line, c.text) for c in doc.comments] == [(4, "a note")]


def test_code_is_never_an_entry_or_a_link():
    text = "# X\n\n```\n- [A](https://a.dev) - A.\n```\n\n    - [B](https://b.dev) - B.\n\n~~~md\n[c](https://c.dev)\n~~~\n- [D](https://d.dev) - `[e](https://e.dev)`\n"
    doc = parse(text)
    assert titles(doc) == [(12, "D")]
    assert [l.url for l in doc.links] == ["https://d.dev"]
    assert doc.code_lines == [3, 4, 5, 7, 9, 10, 11]


def test_html_blocks_and_blockquotes():
    text = '# X\n\n<p align="center">\n  <img src=figs/taxo.png width="500">\n</p>\n\n> quoted [link](https://q.dev)\n> more\n'
    doc = parse(text)
    assert [(l.url, l.line, l.image) for l in doc.links] == [("figs/taxo.png", 4, True), ("https://q.dev", 7, False)]
    assert doc.links[0].column == 8


def test_reference_links_resolve():
    doc = parse("# X\n\n- [Foo][foo] - Foo.\n\n[foo]: https://foo.dev\n")
    assert doc.entries[0].title == "Foo" and doc.entries[0].links[0].url == "https://foo.dev"
    assert doc.entries[0].links[0].line == 3


def test_crlf_bom_tabs():
    text = "# X\r\n\r\n- [A](https://a.dev) - A.\r\n\t- [B](https://b.dev) - B.\r\n"
    doc = parse(text)
    assert titles(doc) == [(3, "A"), (4, "B")]
    assert doc.newline == "\r\n"
    assert doc.entries[0].description == "A."


def test_a_lone_cr_ends_a_line_as_on_github():
    text = "# X\r\r- [A](https://a.dev) - A.\r- [B](https://b.dev) - B.\r"
    doc = parse(text)
    assert titles(doc) == [(3, "A"), (4, "B")]
    assert doc.newline == "\r" and doc.line_count == 4
    assert doc.offset(4, 3) == text.index("[B]")
    assert (doc.links[1].line, doc.links[1].column) == (4, 3)


GFM_TABLE = """\
# Data

| Name | Size |
|------|:----:|
| COCO | 330K |
| Flickr |
| VG | 108K | extra | |
"""


def test_table_short_and_long_rows():
    doc = parse(GFM_TABLE)
    (table,) = doc.tables
    assert (table.line, table.delimiter_line, table.end_line, table.header, table.align) == (3, 4, 7, ["Name", "Size"], ["none", "center"])
    rows = [(r.line, r.cells, r.extra_cells, r.written_cells) for r in table.rows]
    assert rows == [
        (5, ["COCO", "330K"], [], 2),
        (6, ["Flickr", ""], [], 1),
        (7, ["VG", "108K"], ["extra", ""], 4),
    ]


def test_split_row_escaped_pipe():
    assert [c for c, _ in split_row(r"| a \| b | c |")] == [r"a \| b", "c"]


def test_toc_is_found_whatever_its_heading():
    text = "# X\n\n## Inhalt\n\n- [Eins](#eins)\n  - [Zwei](#zwei)\n\n## Eins\n\n### Zwei\n"
    doc = parse(text)
    assert doc.toc.heading_line == 3
    assert [(i.label, i.target, i.line, i.depth) for i in doc.toc.items] == [("Eins", "eins", 5, 0), ("Zwei", "zwei", 6, 1)]
    assert doc.entries == []


# --- the seed list, checked by hand -------------------------------------------------


@pytest.fixture(scope="module")
def seed():
    return parse(SEED.read_text(encoding="utf-8"), str(SEED))


def test_seed_counts(seed):
    # 139 '  - *' venue lines, one of them in the 'Contribute' code block: 138 entries.
    assert len(seed.entries) == 138
    assert len(seed.tables) == 6
    assert len(seed.sections) == 27
    assert len(seed.toc.items) == 22 and seed.toc.heading_line == 16


def test_seed_entries_known_lines(seed):
    by_line = {e.line: e for e in seed.entries}
    cmc = by_line[102]
    assert (cmc.title, cmc.venue, cmc.year, cmc.venue_year.line) == ("Contrastive Multiview Coding.", "ECCV", 2019, 103)
    pointclip = by_line[114]
    assert (pointclip.venue, pointclip.year) == ("CVPR", 2021)
    assert pointclip.links[0].url == "http://arxiv.org/abs/2112.02413v1"
    assert by_line[141].venue_year.text == "arXiv" and by_line[141].year is None


def test_seed_point_cloud_table(seed):
    table = next(t for t in seed.tables if t.line == 617)
    assert len(table.header) == 6 and len(table.rows) == 3
    modelnet = table.rows[0]
    assert (modelnet.line, modelnet.extra_cells) == (619, [""])


def test_classic_list_counts():
    doc = parse((CORPUS / "sindresorhus+awesome.md").read_text(encoding="utf-8"))
    # 711 lines start with '- [' (any indent); 27 of them are the contents list.
    assert len(doc.entries) == 684
    assert len(doc.toc.items) == 27


@pytest.mark.parametrize("path", sorted(p for p in CORPUS.glob("*.md") if p.name != "SOURCES.md"), ids=lambda p: p.name)
def test_every_corpus_list_parses(path):
    doc = parse(path.read_text(encoding="utf-8"), str(path))
    assert doc.sections

    def inside(line: int, column: int) -> bool:
        """A place in the file: a line that exists, a column at most just past its end."""
        return 1 <= line <= doc.line_count and 1 <= column <= len(doc.lines[line - 1]) + 1

    for link in doc.links:
        assert inside(link.line, link.column), link
    for entry in doc.entries:
        assert inside(entry.title_line, entry.title_column), entry


def test_parse_command_prints_json_tree():
    result = CliRunner().invoke(main, ["parse", str(SEED), "--format", "json"])
    assert result.exit_code == 0
    tree = json.loads(result.output)
    sections = tree["root"]["sections"][0]["sections"]
    assert sections[0]["title"] == "Table of Contents"
    entry = next(s for s in sections if s["title"] == "Related Survey Papers")["entries"][0]
    assert {"line", "end_line", "title", "venue", "year", "description", "links"} <= set(entry)
    assert set(entry["links"][0]) >= {"label", "url", "line", "column"}


def test_empty_link_target_is_placed_at_its_label():
    doc = parse("# X\n\n- [a](https://a.dev) and [Coming soon]() - x\n")
    assert [(l.url, l.column, l.raw) for l in doc.links] == [("https://a.dev", 3, "[a](https://a.dev)"), ("", 26, "[Coming soon]()")]


def test_a_list_that_is_not_contents_has_each_link_once():
    doc = parse("# Title\n\n- [Intro](#nowhere)\n- [Foo](https://example.com) - A thing.\n")
    assert [(l.url, l.line) for l in doc.links] == [("#nowhere", 3), ("https://example.com", 4)]


def test_contents_items_keep_all_their_links_and_comments():
    text = "# T\n\n## Contents\n\n- [A](#a)\n- [More](#more) and [x](htps://bad) <!-- note -->\n- [B](#b)\n\n## A\n\n## More\n\n## B\n"
    doc = parse(text)
    assert [i.target for i in doc.toc.items] == ["a", "more", "b"]
    assert [(l.url, l.line, l.column) for l in doc.links] == [("#a", 5, 3), ("#more", 6, 3), ("htps://bad", 6, 21), ("#b", 7, 3)]
    assert [(c.line, c.text) for c in doc.comments] == [(6, "note")]


def test_a_comment_inside_a_code_span_is_not_a_comment():
    doc = parse("# X\n\nWrite `<!-- awesome-lint-disable -->` to silence.\n\nReal <!-- awesome-lint-disable-line -->\n")
    assert [(c.line, c.text) for c in doc.comments] == [(5, "awesome-lint-disable-line")]


def test_heading_links_are_placed_on_their_own_line_and_column():
    doc = parse("Short\nand a [link](htps://x.org) in it\n===\n\n## A [b](htps://y.org)\n")
    assert doc.sections[0].title == "Short and a link in it" and doc.sections[0].line == 1
    assert [(l.line, l.column) for l in doc.links] == [(2, 7), (5, 6)]


def test_venue_year_is_placed_at_its_emphasis_not_at_the_title():
    doc = parse("# X\n\n- [Beyond ECCV 2019 Baselines](https://arxiv.org/abs/2001.01234) *ECCV 2019*\n")
    venue = doc.entries[0].venue_year
    assert (venue.text, venue.line, venue.column, venue.text_column) == ("ECCV 2019", 3, 66, 67)


def test_short_year_forms_are_venue_years():
    doc = parse("# X\n\n- [Learning Things From Other Things](https://arxiv.org/abs/1904.01766) *ICCV'19*\n")
    (entry,) = doc.entries
    assert (entry.style, entry.venue, entry.year) == ("paper", "ICCV", 2019)


def blocks(doc):
    return [(b.kind, b.line, b.end_line, b.quote_depth, b.item_line, b.tag) for b in doc.blocks]


def test_blocks_are_the_leaf_blocks_in_document_order():
    text = (
        "# Title\n"  # 1
        "\n"
        "<!-- markdownlint-disable -->\n"  # 3
        "\n"
        '<p align="center">\n'  # 5
        '<img src="logo.svg">\n'
        "</p>\n"  # 7
        "\n"
        "Intro text\n"  # 9
        "on two lines.\n"  # 10
        "\n"
        "Setext\n"  # 12
        "------\n"  # 13
        "\n"
        "***\n"  # 15
        "\n"
        "> quoted\n"  # 17
        "> > nested\n"  # 18
        "\n"
        "- item\n"  # 20
        "  more of it\n"  # 21
        "\n"
        "  ```\n"  # 23
        "  code\n"
        "  ```\n"  # 25
        "- - -\n"  # 26: a thematic break, not a list
        "\n"
        "| a | b |\n"  # 28
        "|---|---|\n"
        "| 1 | 2 |\n"  # 30
        "\n"
        "[ref]: https://example.org\n"  # 32
        "\n"
        "    indented code\n"  # 34
    )
    assert blocks(parse(text)) == [
        ("heading", 1, 1, 0, None, None),
        ("comment", 3, 3, 0, None, None),
        ("html", 5, 7, 0, None, "p"),
        ("paragraph", 9, 10, 0, None, None),
        ("heading", 12, 13, 0, None, None),
        ("thematic_break", 15, 15, 0, None, None),
        ("paragraph", 17, 17, 1, None, None),
        ("paragraph", 18, 18, 2, None, None),
        ("paragraph", 20, 21, 0, 20, None),
        ("code", 23, 25, 0, 20, None),
        ("thematic_break", 26, 26, 0, None, None),
        ("table", 28, 30, 0, None, None),
        ("refdef", 32, 32, 0, None, None),
        ("code", 34, 34, 0, None, None),
    ]


def test_blocks_know_their_innermost_item_and_quote():
    doc = parse("- outer\n  - inner\n\n    > said\n    inner text\n")
    assert blocks(doc) == [
        ("paragraph", 1, 1, 0, 1, None),
        ("paragraph", 2, 2, 0, 2, None),
        ("paragraph", 4, 5, 1, 2, None),  # 'inner text' is a lazy line of the quote
    ]


def test_block_at_finds_the_block_covering_a_line():
    doc = parse("Para\ngoes on\n\n<details>\n<summary>More</summary>\n</details>\n")
    assert doc.block_at(2).kind == "paragraph" and doc.block_at(2).line == 1
    assert doc.block_at(3) is None  # a blank line
    assert (doc.block_at(5).kind, doc.block_at(5).line, doc.block_at(5).tag) == ("html", 4, "details")
    assert doc.block_at(99) is None


def test_blocks_stay_out_of_the_json_tree():
    doc = parse("# X\n\n---\n\nText\n")
    assert len(doc.blocks) == 3 and "blocks" not in doc.model_dump()
