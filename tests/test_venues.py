"""Venue knowledge: the data file's shape, and what a user sees from it."""

import tomllib
from importlib.resources import files

import pytest

from awesome_lint.knowledge.venues import (
    CADENCES,
    KINDS,
    VenueCalendar,
    arxiv_id_from_url,
    calendar,
    parse_venue_year,
    proceedings_venue_year,
)

DATA = tomllib.loads(files("awesome_lint.knowledge").joinpath("data", "venues.toml").read_text(encoding="utf-8"))
VENUES = DATA["venue"]
ALLOWED = {
    "key", "name", "aliases", "case_sensitive", "kind", "cadence", "first_year", "month",
    "cadence_from", "cadence_until", "earlier_cadence", "held", "not_held", "parent",
    "cvf", "anthology", "anthology_letter", "pmlr",
}


# ----------------------------------------------------------------- the data


def test_there_are_enough_venues():
    assert len(VENUES) >= 70
    assert len(calendar()) == len(VENUES)


@pytest.mark.parametrize("raw", VENUES, ids=lambda raw: raw["key"])
def test_venue_entry_shape(raw):
    assert {"key", "name", "kind", "cadence"} <= raw.keys()
    assert raw.keys() <= ALLOWED, raw.keys() - ALLOWED
    assert raw["kind"] in KINDS
    assert raw["cadence"] in CADENCES
    assert raw.get("earlier_cadence", "annual") in CADENCES
    if "first_year" in raw:
        assert 1850 <= raw["first_year"] <= 2025
    if "month" in raw:
        assert 1 <= raw["month"] <= 12
        assert raw["kind"] not in ("journal", "preprint")
    if raw["kind"] in ("journal", "preprint"):
        assert raw["cadence"] == "continuous"
    spellings = {raw["name"], *raw.get("aliases", ())}
    assert set(raw.get("case_sensitive", ())) <= spellings, "case_sensitive must list the name or an alias"
    assert not set(raw.get("held", ())) & set(raw.get("not_held", ())), "a year cannot be both held and not held"
    for year in (*raw.get("held", ()), *raw.get("not_held", ())):
        assert raw.get("first_year", 0) <= year <= 2030
    for volume, year in raw.get("pmlr", {}).items():
        assert volume.isdigit() and 2007 <= year <= 2030


def test_keys_and_spellings_are_unique():
    keys = [raw["key"] for raw in VENUES]
    assert len(keys) == len(set(keys))
    owner: dict[str, str] = {}
    for raw in VENUES:
        for spelling in (raw["name"], *raw.get("aliases", ())):
            folded = spelling.casefold()
            assert folded not in owner or owner[folded] == raw["key"], f"{spelling!r}: {owner[folded]} and {raw['key']}"
            owner[folded] = raw["key"]


def test_a_spelling_claimed_twice_is_refused():
    data = {"venue": [
        {"key": "a", "name": "AAA", "kind": "conference", "cadence": "annual"},
        {"key": "b", "name": "BBB", "aliases": ["aaa"], "kind": "conference", "cadence": "annual"},
    ]}
    with pytest.raises(ValueError, match="claimed by both 'a' and 'b'"):
        VenueCalendar(data)


def test_parents_are_venues():
    keys = {raw["key"] for raw in VENUES}
    for raw in VENUES:
        assert raw.get("parent", raw["key"]) in keys


def test_codes_point_at_one_venue_each():
    for field in ("cvf", "anthology_letter"):
        codes = [raw[field] for raw in VENUES if field in raw]
        assert len(codes) == len(set(codes)), field
    volumes = [int(v) for raw in VENUES for v in raw.get("pmlr", {})]
    assert len(volumes) == len(set(volumes))


# ----------------------------------------------------------------- calendars


def venue(key):
    return calendar().venue(key)


@pytest.mark.parametrize(
    "key, year, held",
    [
        ("eccv", 2019, False),
        ("eccv", 2020, True),
        ("iccv", 2020, False),
        ("iccv", 2021, True),
        ("iccv", 1998, True),  # before the odd-year rhythm settled
        ("iccv", 1997, None),
        ("cvpr", 1982, False),  # before the first CVPR
        ("cvpr", 2021, True),
        ("neurips", 1986, False),
        ("iclr", 2012, False),
        ("aaai", 2009, False),
        ("aaai", 2010, True),
        ("ijcai", 2014, False),  # odd years only until 2015
        ("ijcai", 2015, True),
        ("ijcai", 2016, True),
        ("naacl", 2020, False),
        ("naacl", 2021, True),
        ("naacl", 2030, None),  # no cadence to predict from
        ("coling", 2025, True),
        ("coling", 2027, None),
        ("accv", 2007, True),
        ("accv", 2011, False),
        ("tpami", 2018, True),  # journals: every year since the first volume
        ("tpami", 1978, False),
        ("openreview", 2020, None),
        ("ml4h", 2018, True),
    ],
)
def test_held_in(key, year, held):
    assert venue(key).held_in(year) is held


def test_nearest_editions_suggest_the_next_and_an_equally_close_previous_one():
    assert venue("eccv").nearest_editions(2019) == [2020, 2018]
    assert venue("iccv").nearest_editions(2020) == [2021, 2019]
    assert venue("aaai").nearest_editions(2009) == [2010, 2008]
    assert venue("cvpr").nearest_editions(1982) == [1983]
    assert venue("eccv").nearest_editions(2020) == [2020]
    assert venue("naacl").nearest_editions(2030) == []


def test_next_edition():
    assert venue("eccv").next_edition(2020) == 2022
    assert venue("naacl").next_edition(2019) == 2021
    assert venue("neurips").next_edition(2020) == 2021
    assert venue("naacl").next_edition(2025) is None


# ----------------------------------------------------------------- finding names


@pytest.mark.parametrize(
    "text, key, written, canonical",
    [
        ("NeurIPS", "neurips", "NeurIPS", True),
        ("NIPS", "neurips", "NIPS", False),
        ("Neurips", "neurips", "Neurips", False),
        ("nips", "neurips", "nips", False),
        ("ACM Multimedia", "acm-mm", "ACM Multimedia", False),
        ("MM", "acm-mm", "MM", False),
        ("ACM MM", "acm-mm", "ACM MM", True),
        ("IEEE TPAMI", "tpami", "IEEE TPAMI", False),
        ("T-PAMI", "tpami", "T-PAMI", False),
        ("INTERSPEECH", "interspeech", "INTERSPEECH", False),
        ("ICLR Workshop", "iclr", "ICLR", True),
        ("CVPR Workshops", "cvprw", "CVPR Workshops", True),
        ("Science Robotics", "science-robotics", "Science Robotics", True),
        ("Pattern Recognition Letters", "prl", "Pattern Recognition Letters", True),
        ("IEEE Conference on Computer Vision and Pattern Recognition", "cvpr",
         "Conference on Computer Vision and Pattern Recognition", False),
        ("Findings of ACL: EMNLP", "findings-emnlp", "Findings of ACL: EMNLP", False),
        ("ACL-IJCNLP", "acl", "ACL-IJCNLP", False),
        ("CoRL2017", "corl", "CoRL", True),
    ],
)
def test_find_names_the_venue(text, key, written, canonical):
    match = calendar().find(text)
    assert match is not None
    assert (match.venue.key, match.written, match.canonical) == (key, written, canonical)
    assert text[match.start:match.end] == written


@pytest.mark.parametrize(
    "text",
    ["ORACLE", "MMLU", "mm", "acl", "rss feed", "science", "nature", "sp", "COLTS", "NIPSY", "MM1", "ACL2"],
)
def test_find_does_not_fire_inside_words_or_on_common_words(text):
    assert calendar().find(text) is None


def test_find_all_lists_every_venue():
    found = calendar().find_all("ICCV 2019, ECCV 2018, CVPR 2017")
    assert [m.venue.key for m in found] == ["iccv", "eccv", "cvpr"]


# ----------------------------------------------------------------- venue-year text


@pytest.mark.parametrize(
    "text, venue_text, years, key, workshop, note",
    [
        ("ECCV 2020", "ECCV", (2020,), "eccv", False, None),
        ("NeurIPS Datasets and Benchmarks Track 2022", "NeurIPS Datasets and Benchmarks Track", (2022,),
         "neurips-db", False, None),
        ("NeurIPS 2021 Datasets & Benchmarks Track", "NeurIPS Datasets & Benchmarks Track", (2021,),
         "neurips-db", False, None),
        ("IEEE TPAMI 2018", "IEEE TPAMI", (2018,), "tpami", False, None),
        ("2022 IEEE Symposium on Security and Privacy (SP) 2022", "IEEE Symposium on Security and Privacy (SP)",
         (2022,), "ieee-sp", False, None),
        ("Proceedings of the 4th Workshop on Gender Bias in NLP (GeBNLP) 2022",
         "Proceedings of the 4th Workshop on Gender Bias in NLP (GeBNLP)", (2022,), "gebnlp", True, None),
        ("CVPR 2021 Workshop", "CVPR Workshop", (2021,), "cvprw", True, None),
        ("ICML 2020 Workshop", "ICML Workshop", (2020,), "icml", True, None),
        ("NeurIPS'20", "NeurIPS", (2020,), "neurips", False, None),
        ("NIPS ’99", "NIPS", (1999,), "neurips", False, None),
        ("ICLR 2023 (Oral)", "ICLR", (2023,), "iclr", False, "Oral"),
        ("NeurIPS 2020, Spotlight", "NeurIPS", (2020,), "neurips", False, "Spotlight"),
        ("NAACL 2019 Best Long Paper", "NAACL", (2019,), "naacl", False, "Best Long Paper"),
        ("arXiv 2022", "arXiv", (2022,), "arxiv", False, None),
        ("T-ITS 2022", "T-ITS", (2022,), "t-its", False, None),
        ("IEEE TMI, 2020", "IEEE TMI", (2020,), "tmi", False, None),
        ("ICCV 2019, ECCV 2018", "ICCV, ECCV", (2019, 2018), "iccv", False, None),
        ("Preprint 2022", "Preprint", (2022,), None, False, None),
    ],
)
def test_parse_venue_year(text, venue_text, years, key, workshop, note):
    parsed = parse_venue_year(text)
    assert parsed.text == text
    assert parsed.venue == venue_text
    assert parsed.years == years
    assert (parsed.match.venue.key if parsed.match else None) == key
    assert parsed.workshop is workshop
    assert parsed.note == note


def test_parse_venue_year_positions_are_in_the_original_text():
    text = "NeurIPS 2021 Datasets & Benchmarks Track"
    match = parse_venue_year(text).match
    assert (match.start, match.end) == (0, len(text))
    assert match.written == "NeurIPS Datasets & Benchmarks Track"
    match = parse_venue_year("2022 IEEE Symposium on Security and Privacy (SP) 2022").match
    assert (match.start, match.written) == (5, "IEEE Symposium on Security and Privacy")


# ----------------------------------------------------------------- arXiv ids


@pytest.mark.parametrize(
    "url, ident, year, month, version",
    [
        ("https://arxiv.org/abs/2112.02413", "2112.02413", 2021, 12, None),
        ("arxiv.org/abs/1906.05849v2", "1906.05849", 2019, 6, 2),
        ("https://arxiv.org/pdf/2112.02413v1", "2112.02413", 2021, 12, 1),
        ("http://www.arxiv.org/pdf/2112.02413.pdf", "2112.02413", 2021, 12, None),
        ("https://export.arxiv.org/abs/2112.02413/", "2112.02413", 2021, 12, None),
        ("https://arxiv.org/abs/cs/0112017", "cs/0112017", 2001, 12, None),
        ("https://arxiv.org/abs/math.GT/0309136v1", "math.GT/0309136", 2003, 9, 1),
        ("https://arxiv.org/abs/1412.6980", "1412.6980", 2014, 12, None),
    ],
)
def test_arxiv_ids(url, ident, year, month, version):
    arxiv = arxiv_id_from_url(url)
    assert (arxiv.id, arxiv.year, arxiv.month, arxiv.version) == (ident, year, month, version)
    assert arxiv.valid and arxiv.problem is None


@pytest.mark.parametrize(
    "url, problem",
    [
        ("https://arxiv.org/abs/2113.01234", "month 13"),
        ("https://arxiv.org/abs/2100.01234", "month 00"),
        ("https://arxiv.org/abs/2101.1234", "5 digits after the dot, not 4"),
        ("https://arxiv.org/abs/1412.12345", "4 digits after the dot, not 5"),
        ("https://arxiv.org/abs/0612.1234", "start at 0704"),
        ("https://arxiv.org/abs/cs/9001001", "August 1991"),
        ("https://arxiv.org/abs/cs/0801001", "end in March 2007"),
        ("https://arxiv.org/abs/2101.00000", "paper number 0"),
        ("https://arxiv.org/abs/2101.01234v0", "v1"),
    ],
)
def test_invalid_arxiv_ids_say_why(url, problem):
    arxiv = arxiv_id_from_url(url)
    assert not arxiv.valid
    assert problem in arxiv.problem


@pytest.mark.parametrize(
    "url", ["https://github.com/x/y", "https://arxiv.org/list/cs.CV/recent", "https://arxiv.org/abs/not-an-id", ""]
)
def test_non_arxiv_urls(url):
    assert arxiv_id_from_url(url) is None


# ----------------------------------------------------------------- proceedings URLs


@pytest.mark.parametrize(
    "url, stated",
    [
        ("https://openaccess.thecvf.com/content/ICCV2021/papers/Wen_COOKIE_Contrastive_Cross-Modal_Knowledge_Sharing_"
         "Pre-Training_for_Vision-Language_Representation_ICCV_2021_paper.pdf", ("iccv", 2021)),
        ("https://openaccess.thecvf.com/content_CVPR_2020/papers/Zhu_ActBERT_CVPR_2020_paper.pdf", ("cvpr", 2020)),
        ("http://openaccess.thecvf.com/content_cvpr_2018/papers/x.pdf", ("cvpr", 2018)),
        ("https://openaccess.thecvf.com/content/CVPR2021W/MULA/papers/x.pdf", ("cvprw", 2021)),
        ("http://openaccess.thecvf.com/content_CVPRW_2019/papers/x.pdf", ("cvprw", 2019)),
        ("http://openaccess.thecvf.com/content_cvpr_2018_workshops/papers/x.pdf", ("cvprw", 2018)),
        ("http://openaccess.thecvf.com/content_ECCV_2018/papers/x.pdf", ("eccv", 2018)),
        ("https://openaccess.thecvf.com/content/WACV2022/papers/x.pdf", ("wacv", 2022)),
        ("https://www.ecva.net/papers/eccv_2020/papers_ECCV/html/123_ECCV_2020_paper.php", ("eccv", 2020)),
        ("https://papers.nips.cc/paper/2019/hash/x-Abstract.html", ("neurips", 2019)),
        ("https://proceedings.neurips.cc/paper/2019/file/x-Paper.pdf", ("neurips", 2019)),
        ("https://papers.nips.cc/paper_files/paper/2022/hash/x-Abstract-Conference.html", ("neurips", 2022)),
        ("https://proceedings.neurips.cc/paper_files/paper/2022/file/x-Paper-Datasets_and_Benchmarks.pdf",
         ("neurips-db", 2022)),
        ("https://datasets-benchmarks-proceedings.neurips.cc/paper/2021/hash/x-Abstract-round1.html",
         ("neurips-db", 2021)),
        ("https://papers.nips.cc/paper/8745-visual-concept-metaconcept-learning.pdf", None),
        ("http://proceedings.mlr.press/v100/ambrus20a/ambrus20a.pdf", ("corl", 2019)),
        ("http://proceedings.mlr.press/v97/huang19b.html", ("icml", 2019)),
        ("https://proceedings.mlr.press/v139/radford21a.html", ("icml", 2021)),
        ("http://proceedings.mlr.press/v81/buolamwini18a.html?mod=article_inline", ("facct", 2018)),
        ("https://proceedings.mlr.press/v9999/x.html", None),
        ("https://aclanthology.org/2021.acl-long.202/", ("acl", 2021)),
        ("https://www.aclweb.org/anthology/2020.emnlp-main.62.pdf", ("emnlp", 2020)),
        ("https://aclanthology.org/2020.findings-emnlp.12/", ("findings-emnlp", 2020)),
        ("https://aclanthology.org/2022.gebnlp-1.1/", ("gebnlp", 2022)),
        ("https://aclanthology.org/P19-1297/", ("acl", 2019)),
        ("https://aclanthology.org/D18-1280.pdf", ("emnlp", 2018)),
        ("https://www.aclweb.org/anthology/N19-1422", ("naacl", 2019)),
        ("https://www.aclweb.org/anthology/C16-1264", ("coling", 2016)),
        ("https://www.aclweb.org/anthology/W19-1605", None),
        ("https://aclanthology.org/D19-6220/", None),  # a workshop volume co-located with EMNLP
        ("https://www.ijcai.org/proceedings/2019/0123.pdf", ("ijcai", 2019)),
        ("https://www.ijcai.org/Proceedings/16/Papers/473.pdf", ("ijcai", 2016)),
        ("https://www.aaai.org/ocs/index.php/AAAI/AAAI18/paper/viewFile/17341/16122", ("aaai", 2018)),
        ("https://www.aaai.org/AAAI22Papers/AAAI-8809.YueZ.pdf", ("aaai", 2022)),
        ("https://www.isca-speech.org/archive/Interspeech_2019/pdfs/2132.pdf", ("interspeech", 2019)),
        ("https://openreview.net/forum?id=abc", None),
        ("https://arxiv.org/abs/2112.02413", None),
    ],
)
def test_proceedings_venue_year(url, stated):
    assert proceedings_venue_year(url) == stated


def test_every_proceedings_key_is_a_venue():
    for rule in DATA["proceedings"]:
        if "key" in rule:
            assert rule["key"] in calendar().venues
        else:
            assert rule.get("codes") in ("cvf", "anthology", "anthology_letter") or "volume" in rule["path"]


def test_venue_names_are_found_where_one_expression_of_every_spelling_finds_them():
    """The matcher compiles nothing up front; it must find what the single regular expression found."""
    from awesome_lint.knowledge.venues import _alias_pattern

    found_by = calendar()._pattern
    expression = _alias_pattern(calendar()._branches)
    texts = ["", "x", "ICCV 2019, ECCV 2018, CVPR 2017", "In ORACLE and MMLU", "(CoRL2017)", "NeurIPS'21 Workshop"]
    for spelling, _ in calendar()._branches:
        for written in (spelling, spelling.lower(), spelling.upper(), spelling.replace(" ", "\n\t ")):
            for after in ("", " 2021", "2019", "20199", "x", "_", "-W", "\n", "’21", "\u212a", "٢٠١٩"):
                for before in ("", "the ", "x", "(", "\u017f"):
                    texts.append(before + written + after)
    for text in texts:
        assert list(found_by.finditer(text)) == [m.span() for m in expression.finditer(text)], text
