"""The prose of a list: code, URLs, link targets and HTML are masked, columns are kept."""

from hypothesis import given, settings
from hypothesis import strategies as st

from awesome_lint.tree.builder import parse
from awesome_lint.tree.prose import (
    code_spans,
    mask_emphasis,
    mask_line,
    plain_text,
    prose_blocks,
    strip_emphasis,
)


def test_mask_keeps_columns_and_visible_text():
    line = '- [Foo](https://x.y/a_(b)) - A "quoted" `code "x` thing (see <https://a.b>).'
    masked = mask_line(line)
    assert len(masked) == len(line)
    assert masked.split() == ["-", "Foo", "-", "A", '"quoted"', "thing", "(see", ")."]


def test_images_html_references_and_escapes_are_masked():
    masked = mask_line('![Build](https://img/x.svg "t") [ref][r] <a href="x">link</a> www.x.com/"a \\( &quot;')
    assert masked.split() == ["ref", "link"]


def test_badge_inside_a_link_is_masked_whole():
    assert mask_line("[![Awesome](https://awesome.re/badge.svg)](https://awesome.re) hi").strip() == "hi"


def test_bare_url_with_brackets():
    assert mask_line("See https://en.wikipedia.org/wiki/Foo_(bar) (really).").split() == ["See", "(really)."]


def test_blocks_split_at_items_headings_rows_and_code():
    doc = parse("# Title\n\nA paragraph\non two lines.\n- item one\n  continued\n- item two\n\n| a | b |\n|---|---|\n| c | d |\n\n```\ncode\n```\n")
    assert [[line.line for line in block] for block in prose_blocks(doc)] == [[1], [3, 4], [5, 6], [7], [9], [11]]


def test_blocks_are_built_once_per_document():
    doc = parse("A paragraph.\n")
    assert prose_blocks(doc) is prose_blocks(doc)
    assert prose_blocks(parse("A paragraph.\n")) is not prose_blocks(doc)


def test_emphasis_markers_are_blanked_or_removed_but_not_inside_words():
    text = "**Github** and _Node_ ~~old~~ `x` snake_case"
    assert mask_emphasis(text) == "  Github   and  Node    old    x  snake_case"
    assert strip_emphasis(text) == "Github and Node old x snake_case"


def test_plain_text_of_a_cell():
    assert plain_text("[**Title** of _it_](https://x.y) ![logo](l.png) <br> &amp; `code`") == "Title of it & code"


@settings(max_examples=300, deadline=None, derandomize=True)
@given(st.text(alphabet="[]()!<>*_~`&\\ ab:/.", max_size=16), st.text(alphabet="[]()<> \"ab:/.", max_size=12))
def test_plain_text_reads_a_one_link_cell_like_any_other(label, target):
    # '[label](target)' alone takes a shortcut; with a space before it, the full reading: same text.
    cell = f"[{label}]({target})"
    assert plain_text(cell) == plain_text(" " + cell)


def test_code_spans_pair_runs_of_equal_length():
    text = "a `b` ``c`d`` `e"
    assert [text[start:end] for start, end in code_spans(text)] == ["`b`", "``c`d``"]
