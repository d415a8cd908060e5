"""What a URL points at, independent of how it is written.

Lists link one paper as ``http://arxiv.org/abs/2107.00249v2``, another time as
``https://arxiv.org/pdf/2107.00249.pdf``; one repository as
``https://github.com/Owner/Repo/`` and ``http://www.github.com/owner/repo``.
The duplicate rules compare the keys computed here:

- :func:`normalize_url`: the same page however it is spelled (scheme, ``www.``,
  case of the host, trailing slash, default port, tracking parameters).
- :func:`paper_key`: the same paper on a known paper host (arXiv id, OpenReview
  id, DOI, ACL Anthology id, CVF/NeurIPS/PMLR/IEEE Xplore paper), whatever the
  page (abstract, PDF, version).
- :func:`repository_key`: the same code repository (or folder of a repository);
  :func:`repository_of` reads any code-host link (or ssh:// remote), and
  :func:`github_repository_home` the repository links GitHub's API is asked about.
- :func:`link_kind`: whether a labelled link is a paper, code, or something else.
- :func:`local_path`, :func:`missing_scheme`, :func:`mistyped_scheme`: whether a
  target is a file next to the list, or a web address written wrong.
- :func:`arxiv_id_from_url`: the arXiv id of an arxiv.org link, and what is wrong with it.

Every function here takes a URL apart with :func:`split_url`, which never
raises: ``http://[arxiv.org/abs/1`` is a link with an unreadable host, not a crash.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple
from urllib.parse import parse_qsl, unquote, urlencode, urlsplit

from awesome_lint.knowledge.labels import label_kind

CODE_HOSTS = frozenset({"github.com", "gitlab.com", "bitbucket.org", "codeberg.org", "gitee.com"})
# Hosts whose pages are papers: those paper_key reads ids from, and other publishers.
PAPER_HOSTS = frozenset(
    {
        "arxiv.org", "openreview.net", "doi.org", "dx.doi.org", "aclanthology.org", "aclweb.org",
        "openaccess.thecvf.com", "papers.nips.cc", "proceedings.neurips.cc", "proceedings.mlr.press",
        "ieeexplore.ieee.org", "dl.acm.org", "link.springer.com", "ijcai.org", "aaai.org", "ojs.aaai.org",
        "ecva.net", "isca-speech.org", "roboticsproceedings.org", "jmlr.org",
        "semanticscholar.org", "sciencedirect.com", "nature.com", "science.org", "biorxiv.org",
        "medrxiv.org", "ar5iv.org", "researchgate.net", "papers.ssrn.com", "onlinelibrary.wiley.com",
        "tandfonline.com", "export.arxiv.org",
    }
)

_TRACKING = re.compile(r"^(utm_|fbclid$|gclid$|ref_src$|spm$)")
_DOI = re.compile(r"(10\.\d{4,9}/\S+)")
_ACL_ID = re.compile(r"([A-Z]\d{2}-\d{4}|\d{4}\.[a-z0-9-]+\.\d+)(?:\.pdf)?/?$", re.I)
_NEURIPS_HASH = re.compile(r"/(?:hash|file)/([0-9a-f]{32})-")
_NEURIPS_OLD = re.compile(r"/paper/(\d{3,5})-[^/]*$")
_CVF = re.compile(r"/(?:papers|html)/([^/]+?)_(?:paper|Paper)\.(?:pdf|html)$")
_PMLR = re.compile(r"/(v\d+)/([a-z0-9]+?)(?:/[a-z0-9]+)?(?:\.html|\.pdf)?$", re.I)
_IEEE = re.compile(r"(?:/document/|arnumber=)(\d+)")
_REPO_END = ("/-/", "/tree/", "/blob/", "/src/", "/raw/", "/commit/", "/releases", "/issues", "/pulls", "/wiki")
_NOT_REPOS = frozenset({"orgs", "topics", "sponsors", "features", "marketplace", "collections", "about", "search", "settings", "apps", "login", "join"})


class URLParts(NamedTuple):
    """A URL taken apart by :func:`split_url`."""

    scheme: str  # lower case; '' for relative and network-path (``//host``) URLs
    netloc: str  # the authority as written: ``user@www.Example.com:8080``
    hostname: str  # lower case, without user or port: ``www.example.com``; '' when there is none or it cannot be read
    port: int | None  # the port written, None when none is written or it is not a number
    path: str
    query: str
    fragment: str
    problem: str | None  # why the host or port cannot be read ("invalid host '[arxiv.org'"), else None
    host: str  # without ``www.``: ``example.com`` for ``https://www.Example.com:8080/``

    @property
    def site(self) -> str:
        """Host and a port other than 80/443: ``example.com:8080``; IPv6 hosts in brackets."""
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"{host}:{self.port}" if self.port not in (None, 80, 443) else host


# RFC 3986, appendix B: splits any string, so a URL urlsplit refuses is still taken apart.
_URL_PARTS = re.compile(r"(?:([A-Za-z][A-Za-z0-9+.-]*):)?(?://([^/?#]*))?([^?#]*)(?:\?([^#]*))?(?:#(.*))?", re.S)


# The functions that several rules ask about every link, one rule after another: a cache
# smaller than a list's links would drop each answer before the next rule asks (a 100,000-entry
# list has 200,000 links). The others keep small caches.
EVERY_LINK = 1 << 18


@lru_cache(maxsize=EVERY_LINK)
def split_url(url: str) -> URLParts:
    """``url`` taken apart; never raises, unlike :func:`urllib.parse.urlsplit`.

    ``http://[arxiv.org/abs/1`` (a bracket opened and not closed) or
    ``http://host:port/`` still give scheme, path, query and fragment, with
    ``host`` '' (or ``port`` None) and ``problem`` saying what cannot be read.
    A URL without ``//`` has no host: prefix ``//`` to read ``example.com/a`` as one.
    """
    text = url.strip()
    simple = _SIMPLE_URL.fullmatch(text)
    if simple:  # most links: what urlsplit gives, without its checks and properties
        scheme, netloc, path, query, fragment = simple.groups()
        hostname = netloc.lower()
        return URLParts(scheme, netloc, hostname, None, path or "", query or "", fragment or "", None, hostname.removeprefix("www."))
    return _split_any(text)


# A plain http(s) URL: an ASCII host without user, port or brackets, and no whitespace or
# control characters that urlsplit would strip. tests/test_urls.py checks it against urlsplit.
_SIMPLE_URL = re.compile(r"(https?)://([A-Za-z0-9.-]+)(/[^?#\s\x00-\x1f\x7f]*)?(?:\?([^#\s\x00-\x1f\x7f]*))?(?:#([^\s\x00-\x1f\x7f]*))?")


def _split_any(text: str) -> URLParts:
    try:
        parts = urlsplit(text)
        hostname = parts.hostname or ""
    except ValueError:
        scheme, netloc, path, query, fragment = (g or "" for g in _URL_PARTS.match(text).groups())
        where = netloc.rsplit("@", 1)[-1]
        return URLParts(scheme.lower(), netloc, "", None, path, query, fragment, f"invalid host '{where}'", "")
    problem = None
    try:
        port = parts.port
    except ValueError:
        port = None
        problem = f"invalid port '{parts.netloc.rsplit(':', 1)[-1]}'"
    return URLParts(parts.scheme.lower(), parts.netloc, hostname, port, parts.path, parts.query, parts.fragment, problem, hostname.removeprefix("www."))


@lru_cache(maxsize=8192)
def normalize_url(url: str) -> str:
    """One spelling of a web address: no scheme, ``www.``, trailing slash or tracking parameters.

    ``HTTP://www.GitHub.com/Owner/Repo/?utm_source=x#readme`` -> ``github.com/owner/repo``.
    The path keeps its case (it matters on most servers) except on code hosts,
    where owner and repository names do not. Fragments other than ``#readme``
    are kept: they name different parts of a page.
    """
    url = url.strip()
    parts = split_url(url if "//" in url[:10] else "//" + url)
    host = parts.netloc.lower() if parts.problem else parts.site  # an unreadable host stays as written
    path = unquote(parts.path)
    while path.endswith("/"):
        path = path[:-1]
    if path.endswith(("/index.html", "/index.htm")):
        path = path.rsplit("/", 1)[0]
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not _TRACKING.match(k)] if parts.query else []
    fragment = parts.fragment
    if is_code_host(host):
        path = path.lower() if path.count("/") <= 2 else "/".join(p.lower() if i <= 2 else p for i, p in enumerate(path.split("/")))
        query = [(k, v) for k, v in query if k != "tab"]
        path = path.removesuffix(".git")
        if fragment.lower() in ("readme", "readme-ov-file"):
            fragment = ""
    out = host + path
    if query:
        out += "?" + urlencode(query)
    if fragment:
        out += "#" + fragment
    return out


@lru_cache(maxsize=8192)
def paper_key(url: str) -> str | None:
    """The paper a URL points at, as ``kind:id``, when the host is a known paper host; else None.

    ``https://arxiv.org/pdf/2107.00249v2.pdf`` and ``http://arxiv.org/abs/2107.00249``
    -> ``arxiv:2107.00249``; ``openreview.net/pdf?id=X`` -> ``openreview:X``;
    ``https://dx.doi.org/10.1109/X`` -> ``doi:10.1109/x``.
    """
    found = arxiv_id_from_url(url)
    if found:
        return f"arxiv:{found.id}"
    parts = split_url(url)
    host = parts.host
    path = unquote(parts.path)
    query = dict(parse_qsl(parts.query))
    if host == "openreview.net" and query.get("id") and path.rstrip("/") in ("/forum", "/pdf"):
        return f"openreview:{query['id']}"
    if host in ("doi.org", "dx.doi.org") or (host in ("dl.acm.org", "link.springer.com", "onlinelibrary.wiley.com", "tandfonline.com") and "10." in path):
        m = _DOI.search(path)
        if m:
            doi = re.sub(r"\.pdf$", "", m.group(1).rstrip("/"))
            return f"doi:{doi.lower()}"
    if host in ("aclanthology.org", "aclweb.org"):
        m = _ACL_ID.search(path)
        if m:
            return f"acl:{m.group(1).lower()}"
    if host in ("papers.nips.cc", "proceedings.neurips.cc"):
        m = _NEURIPS_HASH.search(path) or _NEURIPS_OLD.search(re.sub(r"\.pdf$", "", path.rstrip("/")))
        if m:
            return f"neurips:{m.group(1)}"
    if host == "openaccess.thecvf.com":
        m = _CVF.search(path)
        if m:
            return f"cvf:{m.group(1).lower()}"
    if host == "proceedings.mlr.press":
        m = _PMLR.search(path.rstrip("/"))
        if m:
            return f"pmlr:{m.group(1)}/{m.group(2).lower()}"
    if host == "ieeexplore.ieee.org":
        m = _IEEE.search(path + "?" + parts.query)
        if m:
            return f"ieee:{m.group(1)}"
    return None


_PAPER_KINDS = {"arxiv": "arXiv", "openreview": "OpenReview", "doi": "DOI", "acl": "ACL Anthology", "neurips": "NeurIPS", "cvf": "CVF", "pmlr": "PMLR", "ieee": "IEEE Xplore"}


def describe_paper_key(key: str) -> str:
    """'arXiv 2107.00249' for 'arxiv:2107.00249'; other keys as they are."""
    kind, _, ident = key.partition(":")
    return f"{_PAPER_KINDS[kind]} {ident}" if kind in _PAPER_KINDS and ident else key


class Repository(NamedTuple):
    """A code repository a link points at, as :func:`repository_of` reads it."""

    host: str  # "github.com"
    names: tuple[str, ...]  # as written: ("ZrrSkywalker", "PointCLIP"); GitLab groups give more
    folder: str  # the path inside the repository, without the branch: "beit3" for .../tree/master/beit3
    home: bool  # the link is to the repository's own page: nothing after its name


@lru_cache(maxsize=8192)
def repository_of(url: str) -> Repository | None:
    """The repository a code-host URL points at (``https://github.com/Owner/Repo/tree/main/sub``), else None."""
    parts = split_url(url)
    host = parts.host
    if not is_code_host(host):
        return None
    path = "/" + unquote(parts.path).strip("/") + "/"
    sub = ""
    ends = [(path.find(marker), marker) for marker in _REPO_END if path.find(marker) >= 0]
    if ends:
        at, marker = min(ends)
        rest = path[at + len(marker):].strip("/").split("/")
        path = path[:at]
        if marker == "/-/" and rest and rest[0] in ("tree", "blob", "raw"):
            rest = rest[1:]
        if marker in ("/tree/", "/blob/", "/src/", "/raw/", "/-/"):
            sub = "/".join(rest[1:])  # drop the branch: master and main links agree
    names = [n for n in path.split("/") if n]
    home = not ends
    if host == "github.com":
        home = home and len(names) == 2
        names = names[:2]
    if len(names) < 2 or names[0].lower() in _NOT_REPOS:
        return None
    names[-1] = names[-1].removesuffix(".git")
    return Repository(host, tuple(names), sub, home)


_GITHUB_OWNER = re.compile(r"[A-Za-z0-9][A-Za-z0-9-]{0,38}")
_GITHUB_NAME = re.compile(r"[A-Za-z0-9._-]{1,100}")


def github_repository_home(url: str) -> tuple[str, str] | None:
    """(OWNER, NAME) for a link to a GitHub repository's own page, ``https://github.com/Owner/Name``; else None.

    Only ``https://github.com`` itself, without a page, query or fragment: the
    links the link checker may ask GitHub's API about.
    """
    parts = split_url(url)
    found = repository_of(url)
    if not found or not found.home or parts.scheme != "https" or parts.netloc.lower() != "github.com" or parts.query or parts.fragment:
        return None
    owner, name = found.names
    return (owner, name) if _GITHUB_OWNER.fullmatch(owner) and _GITHUB_NAME.fullmatch(name) else None


@lru_cache(maxsize=8192)
def repository_key(url: str) -> str | None:
    """The code repository (and folder inside it) a URL points at, or None.

    ``https://github.com/Owner/Repo/tree/main/sub`` -> ``github.com/owner/repo/sub``
    (the branch is dropped, so ``master`` and ``main`` links agree); a link to the
    repository itself -> ``github.com/owner/repo``.
    """
    found = repository_of(url)
    if found is None:
        return None
    repo = f"{found.host}/{'/'.join(found.names).lower()}"
    return f"{repo}/{found.folder}" if found.folder else repo


def repository_path(url: str) -> str | None:
    """The repository as written, ``ZrrSkywalker/PointCLIP`` for ``https://github.com/ZrrSkywalker/PointCLIP/tree/main``."""
    found = repository_of(url)
    return "/".join(found.names) if found else None


def repository_name(url: str) -> str | None:
    """The repository's own name (``PointCLIP`` for ``github.com/ZrrSkywalker/PointCLIP``), as written."""
    found = repository_of(url)
    return found.names[-1] if found else None


def host_of(url: str) -> str:
    """The host of an absolute URL, lower case, without ``www.`` or port; '' for other links and unreadable hosts."""
    return split_url(url).host


def is_code_host(host: str) -> bool:
    return host in CODE_HOSTS or host.startswith("gitlab.")


def is_paper_host(host: str) -> bool:
    """Hosts of papers: every host :func:`paper_key` knows, and other publishers and preprint servers."""
    return host in PAPER_HOSTS or host.startswith("proceedings.") or host.endswith(".arxiv.org")


@lru_cache(maxsize=EVERY_LINK)
def link_kind(label: str, url: str) -> str:
    """``"paper"``, ``"code"``, ``"other"`` or ``"related"`` for a link, from its host first and its label second;
    a label that names another work ('extension', 'journal version') wins over the host."""
    kind = label_kind(label)
    if kind == "related":
        return kind
    host = host_of(url)
    if is_paper_host(host):
        return "paper"
    if is_code_host(host):
        return "code"
    return kind or "other"


_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")


def is_absolute(url: str) -> bool:
    """A URL with a scheme (``https:``, ``mailto:``) or a network path (``//host``)."""
    return url.startswith("//") or bool(_SCHEME.match(url))


def local_path(url: str) -> str | None:
    """The file a relative link points at (``docs/a%20b.md#x`` -> ``docs/a b.md``), or None for any other link.

    Absolute URLs (``https:``, ``mailto:``, ``//host``) and in-page links (``#x``)
    are not files. A leading ``/`` is read from the list's folder, as GitHub
    does for a README at the root of its repository.
    """
    url = url.strip()
    if not url or url.startswith("#") or is_absolute(url):
        return None
    path = unquote(re.split(r"[?#]", url, maxsplit=1)[0]).lstrip("/")
    while path.startswith("./"):
        path = path[2:]
    return path or None


# Top-level domains that show up in links written without a scheme. File
# extensions that are also country domains (.md, .py, .sh, .rs, .cc ...) are left out.
_HOST_TLDS = (
    "com|org|net|io|dev|ai|app|edu|gov|info|co|me|xyz|tech|site|cloud|page|blog|news|online|store|"
    "us|uk|de|fr|jp|cn|ru|nl|eu|ca|au|br|it|es|ch|se|no|kr|tw|hk|sg|nz|be|at|dk|fi|pt|cz|gr|ir|tr"
)
_BARE_HOST = re.compile(rf"(?:www\.[^/\s]+|(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+(?:{_HOST_TLDS}))(?::\d+)?(?:[/?#]|$)", re.I)


def missing_scheme(url: str) -> bool:
    """A web address written without ``https://``: ``www.example.com``, ``github.com/owner/repo``.

    ``README.md`` and ``docs/guide.md`` are relative file paths, not addresses.
    """
    url = url.strip()
    return not is_absolute(url) and bool(_BARE_HOST.match(url))


_MISTYPED_SCHEME = re.compile(r"https?(?://|:/(?!/)|:///)|(?:htp|htps|htpp|htpps|hhtp|hhtps|ttp|ttps|htttp|htttps)://", re.I)


def mistyped_scheme(url: str) -> bool:
    """``http:/x``, ``https//x``, ``htps://x``: a web address whose scheme is written wrong."""
    return bool(_MISTYPED_SCHEME.match(url.strip()))


# --------------------------------------------------------------------------- arXiv ids

_ARXIV_HOSTS = frozenset({"arxiv.org", "export.arxiv.org"})
_ARXIV_PATH = re.compile(r"^/(?:abs|pdf|html|format|ps|ftp/arxiv/papers/\d{4})/(?P<id>[^?#]+?)(?:\.pdf)?/*$")
_NEW_ID = re.compile(r"^(?P<yy>\d{2})(?P<mm>\d{2})\.(?P<num>\d+)(?:v(?P<v>\d+))?$")
_OLD_ID = re.compile(r"^(?P<archive>[a-z][a-z-]*(?:\.[A-Za-z-]+)?)/(?P<yy>\d{2})(?P<mm>\d{2})(?P<num>\d+)(?:v(?P<v>\d+))?$")


@dataclass(frozen=True)
class ArxivId:
    """An arXiv identifier and the month it was submitted, with what is wrong with it."""

    id: str  # without version: "2112.02413", "cs/0112017"
    year: int
    month: int
    number: str
    version: int | None
    valid: bool
    problem: str | None


@lru_cache(maxsize=EVERY_LINK)
def arxiv_id_from_url(url: str) -> ArxivId | None:
    """The arXiv id in an arxiv.org abs/pdf/html URL, or None if the URL is not one."""
    parts = split_url(url if "://" in url else "https://" + url.strip())
    if parts.host not in _ARXIV_HOSTS or not (path := _ARXIV_PATH.match(parts.path)):
        return None
    written = path.group("id")
    if m := _NEW_ID.match(written):
        year, month = 2000 + int(m["yy"]), int(m["mm"])
        ident = f"{m['yy']}{m['mm']}.{m['num']}"
        digits = 4 if (year, month) < (2015, 1) else 5
        problem = _month_problem(ident, month) or (
            f"arXiv ids start at 0704 (April 2007); {ident} is not one"
            if (year, month) < (2007, 4)
            else f"arXiv id {ident} should have {digits} digits after the dot, not {len(m['num'])}"
            if len(m["num"]) != digits
            else None
        )
    elif m := _OLD_ID.match(written):
        year, month = (1900 if int(m["yy"]) >= 50 else 2000) + int(m["yy"]), int(m["mm"])
        ident = f"{m['archive']}/{m['yy']}{m['mm']}{m['num']}"
        problem = _month_problem(ident, month) or (
            f"arXiv started in August 1991; {ident} is older"
            if (year, month) < (1991, 8)
            else f"old-style arXiv ids end in March 2007; {ident} is later"
            if (year, month) > (2007, 3)
            else f"old-style arXiv id {ident} should have 3 digits after the year and month"
            if len(m["num"]) != 3
            else None
        )
    else:
        return None
    version = int(m["v"]) if m["v"] else None
    if problem is None and not int(m["num"]):
        problem = f"arXiv id {ident} has paper number 0, which does not exist"
    if problem is None and version == 0:
        problem = f"arXiv versions start at v1, not v0 ({written})"
    return ArxivId(ident, year, month, m["num"], version, problem is None, problem)


def _month_problem(ident: str, month: int) -> str | None:
    return None if 1 <= month <= 12 else f"arXiv id {ident} has month {month:02d}, which does not exist"
