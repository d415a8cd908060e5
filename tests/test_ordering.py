"""Which entries are siblings, and the fewest entries to move to put a run in order."""

from awesome_lint.tree.builder import parse
from awesome_lint.tree.ordering import in_order, sibling_runs


def test_fewest_moves_keep_the_earliest_entries():
    assert in_order(["a", "c", "b", "d"]) == {0, 1, 3}  # 'b' moves, not 'c'
    assert in_order(["b", "a"]) == {0}  # of a swapped pair, the later one moves
    assert in_order(["z", "a", "b", "c"]) == {1, 2, 3}  # one early entry moves, not three
    assert in_order([2020, 2020, 2019, 2021], "descending") == {0, 1, 2}
    assert in_order([]) == set()


def test_runs_split_at_labels_and_nest():
    doc = parse(
        "## Tools\n\n- [B](https://b.example) - B.\n  - [Y](https://y.example) - Y.\n  - [X](https://x.example) - X.\n"
        "- [A](https://a.example) - A.\n\n_More_\n\n- [C](https://c.example) - C.\n"
    )
    assert [[e.title for e in run] for run in sibling_runs(doc)] == [["B", "A"], ["C"], ["Y", "X"]]
    assert [[e.title for e in run] for run in sibling_runs(doc, scope="list")][0] == ["B", "A", "C"]
    assert sibling_runs(doc, skip_sections=["tools"]) == []
