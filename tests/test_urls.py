"""One link, many spellings: what awesome_lint.knowledge.urls makes equal, and what it keeps apart."""

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from awesome_lint.knowledge.urls import (
    Repository,
    arxiv_id_from_url,
    github_repository_home,
    host_of,
    is_absolute,
    link_kind,
    local_path,
    missing_scheme,
    mistyped_scheme,
    normalize_url,
    paper_key,
    repository_key,
    repository_name,
    repository_of,
    repository_path,
    split_url,
)
from awesome_lint.knowledge.venues import proceedings_venue_year


@pytest.mark.parametrize(
    "spellings",
    [
        ["https://example.org/page", "http://example.org/page/", "https://www.Example.org/page", "https://example.org:443/page"],
        ["https://github.com/Owner/Repo", "http://www.github.com/owner/repo/", "https://github.com/owner/repo#readme", "https://github.com/owner/repo?tab=readme-ov-file", "https://github.com/owner/repo.git"],
        ["https://ipstack.com/?utm_source=Github&utm_medium=Referral", "https://ipstack.com"],
        ["https://example.org/docs/index.html", "https://example.org/docs/"],
    ],
)
def test_normalize_url_makes_spellings_of_one_page_equal(spellings):
    assert len({normalize_url(url) for url in spellings}) == 1


@pytest.mark.parametrize(
    "first, second",
    [
        ("https://example.org/A", "https://example.org/a"),  # paths are case-sensitive off code hosts
        ("https://example.org/docs#weather", "https://example.org/docs#geocoding"),
        ("https://example.org/search?q=go", "https://example.org/search?q=rust"),
        ("https://github.com/public-apis/public-apis/issues", "https://github.com/public-apis/public-apis/pulls"),
    ],
)
def test_normalize_url_keeps_different_pages_apart(first, second):
    assert normalize_url(first) != normalize_url(second)


@pytest.mark.parametrize(
    "key, spellings",
    [
        ("arxiv:2107.00249", ["https://arxiv.org/abs/2107.00249", "http://arxiv.org/abs/2107.00249v2", "https://arxiv.org/pdf/2107.00249.pdf", "https://arxiv.org/pdf/2107.00249v1", "https://www.arxiv.org/abs/2107.00249/"]),
        ("arxiv:hep-th/9901001", ["https://export.arxiv.org/abs/hep-th/9901001v3"]),
        ("openreview:Hyx-jyBFPr", ["https://openreview.net/forum?id=Hyx-jyBFPr", "https://openreview.net/pdf?id=Hyx-jyBFPr", "https://openreview.net/forum?id=Hyx-jyBFPr&noteId=abc"]),
        ("doi:10.1109/lgrs.2022.3195259", ["https://doi.org/10.1109/LGRS.2022.3195259", "http://dx.doi.org/10.1109/lgrs.2022.3195259"]),
        ("doi:10.1145/3474085.3475188", ["https://dl.acm.org/doi/abs/10.1145/3474085.3475188", "https://dl.acm.org/doi/pdf/10.1145/3474085.3475188"]),
        ("acl:p19-1297", ["https://aclanthology.org/P19-1297/", "https://aclanthology.org/P19-1297.pdf", "http://aclweb.org/anthology/P19-1297"]),
        ("acl:2021.acl-long.202", ["https://aclanthology.org/2021.acl-long.202/", "https://aclanthology.org/2021.acl-long.202.pdf"]),
        ("neurips:53c6de78244e9f528eb3e1cda69699bb", ["https://papers.nips.cc/paper/2019/hash/53c6de78244e9f528eb3e1cda69699bb-Abstract.html", "https://proceedings.neurips.cc/paper/2019/file/53c6de78244e9f528eb3e1cda69699bb-Paper.pdf"]),
        ("cvf:wen_cookie_iccv_2021", ["https://openaccess.thecvf.com/content/ICCV2021/papers/Wen_COOKIE_ICCV_2021_paper.pdf", "https://openaccess.thecvf.com/content/ICCV2021/html/Wen_COOKIE_ICCV_2021_paper.html"]),
        ("pmlr:v100/ambrus20a", ["http://proceedings.mlr.press/v100/ambrus20a/ambrus20a.pdf", "http://proceedings.mlr.press/v100/ambrus20a.html"]),
        ("ieee:7139640", ["https://ieeexplore.ieee.org/document/7139640", "https://ieeexplore.ieee.org/abstract/document/7139640/", "https://ieeexplore.ieee.org/stamp/stamp.jsp?tp=&arnumber=7139640"]),
    ],
)
def test_paper_key_is_one_paper_whatever_the_page(key, spellings):
    assert {paper_key(url) for url in spellings} == {key}
    assert {link_kind("", url) for url in spellings} == {"paper"}


@pytest.mark.parametrize("url", ["https://github.com/owner/repo", "https://example.org/paper.pdf", "https://arxiv.org/help", "https://openreview.net/group?id=ICLR.cc"])
def test_paper_key_is_none_off_paper_pages(url):
    assert paper_key(url) is None


def test_repository_key_drops_the_branch_and_keeps_folders_apart():
    assert repository_key("https://github.com/microsoft/unilm/tree/master/beit3") == repository_key("https://github.com/Microsoft/UniLM/tree/main/beit3/")
    assert repository_key("https://github.com/microsoft/unilm/tree/master/beit3") != repository_key("https://github.com/microsoft/unilm/tree/master/vlmo")
    assert repository_key("https://github.com/ZrrSkywalker/PointCLIP") == repository_key("http://www.github.com/zrrskywalker/pointclip/") == "github.com/zrrskywalker/pointclip"
    assert repository_key("https://github.com/x/y/issues/3") == "github.com/x/y"
    assert repository_key("https://gitlab.com/group/sub/project/-/tree/main/src") == "gitlab.com/group/sub/project/src"
    assert repository_key("https://github.com/orgs/openai") is None
    assert repository_key("https://github.com/openai") is None
    assert repository_key("https://example.org/owner/repo") is None


def test_repository_name_and_path_are_as_written():
    url = "https://github.com/ZrrSkywalker/PointCLIP/blob/main/README.md"
    assert repository_name(url) == "PointCLIP"
    assert repository_path(url) == "ZrrSkywalker/PointCLIP"


@pytest.mark.parametrize(
    "label, url, kind",
    [
        ("[paper]", "https://arxiv.org/abs/2107.00249", "paper"),
        ("Paper", "https://www.nature.com/articles/s41591-022-01981-2", "paper"),
        ("[pdf]", "https://example.org/paper.pdf", "paper"),
        ("[code]", "https://github.com/owner/repo", "code"),
        ("Project", "https://github.com/owner/repo", "code"),
        ("[code]", "https://example.org/code", "code"),
        ("[Project]", "https://sermanet.github.io/imitate/", "other"),
        ("Demo", "https://huggingface.co/spaces/x/y", "other"),
    ],
)
def test_link_kind_reads_the_host_first_and_the_label_second(label, url, kind):
    assert link_kind(label, url) == kind


@pytest.mark.parametrize(
    "url, path",
    [
        ("figs/taxo.png", "figs/taxo.png"),
        ("./CONTRIBUTING.md#how", "CONTRIBUTING.md"),
        ("docs/my%20guide.md?raw=true", "docs/my guide.md"),
        ("/media/logo.svg", "media/logo.svg"),
        ("https://example.org/a.md", None),
        ("//cdn.example.org/a.png", None),
        ("mailto:a@example.org", None),
        ("#contents", None),
        ("", None),
    ],
)
def test_local_path(url, path):
    assert local_path(url) == path


@pytest.mark.parametrize("url", ["www.example.org", "github.com/owner/repo", "example.com", "www.postman.com/team/api?x=1", "google.de/maps"])
def test_missing_scheme(url):
    assert missing_scheme(url)


@pytest.mark.parametrize("url", ["README.md", "docs/guide.md", "setup.py", "figs/taxo.png", "LICENSE", "index.html", "https://github.com", "awesome.re"])
def test_file_paths_do_not_miss_a_scheme(url):
    assert not missing_scheme(url)


@pytest.mark.parametrize("url, typo", [("http:/example.org", True), ("https//example.org", True), ("htps://example.org", True), ("https:///example.org", True), ("https://example.org", False), ("http://example.org", False), ("httpbin.org/get", False)])
def test_mistyped_scheme(url, typo):
    assert mistyped_scheme(url) is typo


# --------------------------------------------------------------------------- taking a URL apart


def test_split_url_reads_the_parts_urlsplit_refuses():
    parts = split_url("http://[arxiv.org/abs/1?x=1#y")
    assert (parts.scheme, parts.host, parts.path, parts.query, parts.fragment) == ("http", "", "/abs/1", "x=1", "y")
    assert parts.problem == "invalid host '[arxiv.org'"


def test_split_url_names_a_port_that_is_not_a_number():
    parts = split_url("https://example.org:abc/x")
    assert (parts.host, parts.port, parts.path, parts.problem) == ("example.org", None, "/x", "invalid port 'abc'")


def test_split_url_host_hostname_and_site():
    parts = split_url(" HTTP://user@www.Example.org:8080/A ")
    assert (parts.scheme, parts.hostname, parts.host, parts.port, parts.site, parts.path, parts.problem) == (
        "http", "www.example.org", "example.org", 8080, "example.org:8080", "/A", None,
    )
    assert split_url("https://example.org:443/").site == "example.org"
    assert split_url("http://[::1]:8080/").site == "[::1]:8080"


@pytest.mark.parametrize(
    "url, host",
    [
        ("https://www.GitHub.com/owner/repo", "github.com"),
        ("//cdn.example.org/a.png", "cdn.example.org"),
        ("https://example.org:8443/x", "example.org"),
        ("example.org/a", ""),  # no scheme: a relative path as far as a browser knows
        ("mailto:a@example.org", ""),
        ("docs/guide.md", ""),
        ("http://[arxiv.org/abs/1", ""),
    ],
)
def test_host_of(url, host):
    assert host_of(url) == host


UNREADABLE = ["http://[arxiv.org/abs/1", "https://exa[mple].org/x", "http://example.org]/x", "https://example.org:abc/x", "http://ex\uff03ample.org/", "https://[github.com/owner/repo"]


@pytest.mark.parametrize("url", UNREADABLE)
def test_no_url_function_raises_on_a_host_it_cannot_read(url):
    assert split_url(url).problem
    for function in (normalize_url, paper_key, repository_key, repository_name, repository_path, repository_of, github_repository_home, host_of, is_absolute, local_path, arxiv_id_from_url, proceedings_venue_year):
        function(url)
    assert link_kind("[paper]", url) == "paper"


def test_a_link_whose_host_cannot_be_read_is_no_repository():
    assert repository_key("https://[github.com/owner/repo") is None
    assert normalize_url("http://[arxiv.org/abs/1") != normalize_url("http://[example.org/abs/1")


# --------------------------------------------------------------------------- repositories


@pytest.mark.parametrize(
    "url, repository",
    [
        ("https://github.com/ZrrSkywalker/PointCLIP", Repository("github.com", ("ZrrSkywalker", "PointCLIP"), "", True)),
        ("https://github.com/owner/repo.git/", Repository("github.com", ("owner", "repo"), "", True)),
        ("https://github.com/microsoft/unilm/tree/master/beit3", Repository("github.com", ("microsoft", "unilm"), "beit3", False)),
        ("https://github.com/owner/repo/issues/3", Repository("github.com", ("owner", "repo"), "", False)),
        ("https://gitlab.com/group/sub/project", Repository("gitlab.com", ("group", "sub", "project"), "", True)),
        ("ssh://git@github.com:22/me/awesome-bare.git", Repository("github.com", ("me", "awesome-bare"), "", True)),
        ("https://x-access-token:abc@github.com/me/awesome-bare", Repository("github.com", ("me", "awesome-bare"), "", True)),
        ("https://github.com/topics/python", None),
        ("https://example.org/owner/repo", None),
    ],
)
def test_repository_of(url, repository):
    assert repository_of(url) == repository


@pytest.mark.parametrize(
    "url, home",
    [
        ("https://github.com/Owner/Repo", ("Owner", "Repo")),
        ("https://GitHub.com/owner/repo/", ("owner", "repo")),
        ("https://github.com:443/owner/repo", None),  # only github.com as GitHub writes it
        ("https://www.github.com/owner/repo", None),
        ("https://github.com/owner/repo#readme", None),
        ("https://github.com/-owner/repo", None),  # not a name GitHub allows
        ("https://gitlab.com/owner/repo", None),
    ],
)
def test_github_repository_home(url, home):
    assert github_repository_home(url) == home


_URL_PIECES = st.sampled_from(["https://", "http://", "HTTPS://", "ftp://", "a", "Z", "9", ".", "-", "/", "?", "#", "&", "=", ":", "@", "[", "]", "%20", " ", "\t", "\n",
                               "\x00", "\x7f", "é", "ａ", "\u2028", "www.", "github.com", "arxiv.org/abs/1906.05849", "8080", "~", "(", ")", "'", '"'])


@settings(max_examples=300, deadline=None, derandomize=True)
@given(st.lists(_URL_PIECES, max_size=12).map("".join))
@example("https://www.GitHub.com/Owner/Repo/tree/main?tab=x#readme")
@example("https://host")
@example("https://host?q#f#g")
def test_split_url_reads_plain_links_as_urlsplit_does(url):
    """Plain http(s) links skip urlsplit; the parts must be the ones it gives."""
    from awesome_lint.knowledge.urls import _split_any

    split_url.cache_clear()
    assert split_url(url) == _split_any(url.strip())
