"""venue-year, venue-calendar and year-mismatch all read each entry's venue-year text: it is parsed once."""

from dataclasses import FrozenInstanceError

import pytest

from awesome_lint.knowledge.venues import parse_venue_year
from awesome_lint.lint.config import parse_config
from awesome_lint.lint.engine import lint
from awesome_lint.tree.builder import parse

LIST = """# Papers

- Paper One Title Here.
  - *ECCV 2019* [[paper]](https://arxiv.org/abs/1901.00001)
- Paper Two Title Here.
  - *CVPR 2021 Workshop* [[paper]](https://openaccess.thecvf.com/content/CVPR2021W/X/papers/A_CVPRW_2021_paper.pdf)
- Paper Three Title Here.
  - *ECCV 2019* [[paper]](https://arxiv.org/abs/1902.00001)
"""


def test_each_venue_year_text_is_parsed_once_for_all_three_rules():
    doc = parse(LIST)  # the entry reader reads labels too; the rules' own reading is counted below
    parse_venue_year.cache_clear()
    findings = lint(doc, parse_config({"select": ["venue-year", "venue-calendar", "year-mismatch"]}, "test"))
    assert any(f.rule == "venue-calendar" and f.line == 4 for f in findings)  # ECCV is held in even years
    assert parse_venue_year.cache_info().misses <= 2  # "ECCV 2019" and "CVPR 2021 Workshop"
    assert parse_venue_year.cache_info().hits > 0


def test_the_shared_result_cannot_be_changed():
    parsed = parse_venue_year("CVPR 2021 Workshop (Oral)")
    assert parse_venue_year("CVPR 2021 Workshop (Oral)") is parsed
    with pytest.raises(FrozenInstanceError):
        parsed.years = (2022,)  # type: ignore[misc]
    with pytest.raises(FrozenInstanceError):
        parsed.match.venue.name = "ICCV"  # type: ignore[misc]
    assert isinstance(parsed.years, tuple) and isinstance(parsed.match.venue.aliases, tuple)
