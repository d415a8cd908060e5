"""The one table of link labels ('[paper]', '[code]', '[slides]'): data/link_labels.toml."""

import re
import tomllib
from importlib.resources import files

import pytest

from awesome_lint.tree import listed
from awesome_lint.knowledge.labels import KINDS, LABEL_KINDS, LINK_LABELS, label_kind, label_kinds
from awesome_lint.knowledge.urls import link_kind

DATA = tomllib.loads(files("awesome_lint.knowledge").joinpath("data", "link_labels.toml").read_text(encoding="utf-8"))


def test_the_data_file_has_one_list_per_kind_and_nothing_else():
    assert set(DATA) == set(KINDS)
    assert all(DATA[kind] for kind in KINDS)


@pytest.mark.parametrize("label", sorted(LINK_LABELS))
def test_labels_are_written_as_they_are_matched(label):
    assert label == " ".join(re.sub(r"[^\w ]+", " ", label).lower().split())


def test_a_label_listed_under_two_kinds_is_refused():
    with pytest.raises(ValueError, match="'repo' is both 'paper' and 'code'"):
        label_kinds({"paper": ["repo"], "code": ["repo"], "other": []})


@pytest.mark.parametrize(
    "label, kind",
    [("[PDF]", "paper"), ("abs", "paper"), ("[Repo]", "code"), ("Source-Code", "code"), ("slides", "other"), ("Project Page", "other"), ("A Paper Title", None)],
)
def test_label_kind(label, kind):
    assert label_kind(label) == kind


@pytest.mark.parametrize("label, kind", [("abs", "paper"), ("repo", "code"), ("slides", "other"), ("Unrelated words", "other")])
def test_link_kind_reads_the_table_when_the_host_does_not_tell(label, kind):
    assert link_kind(label, "https://example.org/x") == kind


def test_the_listed_items_read_the_same_table():
    assert listed.GENERIC_LABELS is LINK_LABELS
    assert set(LABEL_KINDS.values()) == set(KINDS)
