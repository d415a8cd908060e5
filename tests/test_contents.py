"""Contents and anchors as GitHub renders them: what a reader clicking a contents item reaches."""

from awesome_lint.tree.anchors import landing, page_anchors
from awesome_lint.tree.builder import parse


def test_heading_anchors_keep_the_spaces_beside_badges_and_tags():
    doc = parse("# Awesome-X [![Awesome](https://awesome.re/badge.svg)](https://awesome.re)\n\n"
                "## <a name=\"p\"></a> Papers\n\n## ![icon](i.png) Tools\n\n## Plain `code` & more\n")
    assert [s.anchor for s in doc.sections] == ["awesome-x-", "-papers", "-tools", "plain-code--more"]
    assert [s.title for s in doc.sections][:2] == ["Awesome-X", "Papers"]


def test_an_html_anchor_lands_on_the_heading_it_sits_in_or_beside_but_not_in_a_paragraph():
    doc = parse("# L\n\n<a name=\"above\"></a>\n\n## One\n\n## <a id=\"in\"></a>Two\n\n"
                "<a name=\"para\"></a> Text of a paragraph.\n\n## Three\n")
    assert {"above", "in", "para", "one", "two", "three"} <= page_anchors(doc)
    assert landing(doc, "above").title == "One"
    assert landing(doc, "IN").title == "Two"  # found whatever the case, as GitHub does
    assert landing(doc, "para") is None
    assert landing(doc, "nowhere") is None


def test_contents_in_html_with_several_links_per_item_and_dash_nesting():
    html = parse("# L\n\n<table>\n<tr><td><a href=\"#a\">A</a></td><td><a href='#b'>B <b>x</b></a></td></tr>\n"
                 "</table>\n\n## A\n\n## B\n")
    assert [(i.label, i.target, i.line) for i in html.toc.items] == [("A", "a", 4), ("B x", "b", 4)]
    several = parse("# L\n\n- [A](#a) | [B](#b)\n- [C](#c)\n\n## A\n\n## B\n\n## C\n")
    assert [i.target for i in several.toc.items] == ["a", "b", "c"]
    dashes = parse("# L\n\n- [A](#a)\n- - [B](#b)\n- - - [C](#c)\n\n# A\n\n## B\n\n### C\n")
    assert [(i.target, i.depth) for i in dashes.toc.items] == [("a", 0), ("b", 1), ("c", 2)]


def test_a_list_of_entries_with_an_in_page_link_is_not_contents():
    doc = parse("# L\n\n- [Tool](https://a.example) - see [below](#below).\n"
                "- [Other](https://b.example) - see [below](#below).\n\n## Below\n")
    assert doc.toc is None


def test_a_broken_html_contents_item_is_reported_once_by_toc():
    from lintkit import lint_text

    text = "# L\n\n<ul>\n<li><a href=\"#one\">One</a></li>\n<li><a href=\"#Two\">Two</a></li>\n</ul>\n\n## One\n\n## Two\n"
    findings = lint_text(text, ["toc", "broken-anchor"])
    assert [(f.rule, f.line, f.severity) for f in findings] == [("toc", 5, "info")]
