from __future__ import annotations

import re
from os.path import commonprefix
from typing import Iterator, Literal

from pydantic import Field

from awesome_lint.tree.listed import Listed, link_title, listed_items, same_group
from awesome_lint.tree.nodes import Document, Link
from awesome_lint.lint.findings import Report
from awesome_lint.knowledge.titles import name_part, same_work, squash
from awesome_lint.knowledge.urls import (
    describe_paper_key,
    link_kind,
    normalize_url,
    paper_key,
    repository_key,
    repository_name,
    repository_path,
)
from awesome_lint.lint.rule import Options, rule

Claim = tuple[Listed, Link]


class DuplicateLinkOptions(Options):
    shared_code: Literal["warning", "info", "off"] = Field(
        "info", description="Severity when two different papers link one code repository (model families often share one on purpose)."
    )
    borrowed_code: Literal["warning", "info", "off"] = Field(
        "warning", description="Severity when an entry's code link is the repository named after another entry, and not after this one (a copied link)."
    )
    across_sections: Literal["warning", "info", "off"] = Field(
        "info", description="Severity when one paper or project is listed twice, in different sections or groups (often on purpose)."
    )


@rule("duplicate-link", "error", DuplicateLinkOptions)
def check(doc: Document, options: DuplicateLinkOptions) -> Iterator[Report]:
    """Two entries link the same paper, repository or project: a copied link, or one thing listed twice."""
    claims: dict[tuple[str, str], list[Claim]] = {}
    for item in listed_items(doc):
        for kind, key, link in _claimed(item):
            claims.setdefault((kind, key), []).append((item, link))
    for (kind, key), found in claims.items():
        if len(found) < 2:
            continue  # claimed once: nothing to compare
        if kind == "paper":
            yield from _paper(found, key, options)
        for index in range(1, len(found)):
            if kind == "code":
                yield from _code(found[0], found[index], key, doc, options)
            elif kind == "project":
                yield from _project(found[:index], found[index], options)


def _claimed(item: Listed) -> Iterator[tuple[str, str, Link]]:
    """(kind, key, link) for the links that identify an item; repeats inside one item count once."""
    links: list[tuple[str, Link]] = []
    if item.paper:
        for link in item.links:
            kind = link_kind(link.label, link.url)
            links.append(("project" if kind == "other" and link is item.title_link else kind, link))
    elif item.title_link:  # a project or an API is its title link; links in its description are mentions
        links.append(("project", item.title_link))
    own: set[tuple[str, str]] = set()
    for kind, link in links:
        if kind in ("other", "related") or link.image or not link.url.lower().startswith(("http://", "https://")):
            continue
        key = paper_key(link.url) if kind == "paper" else repository_key(link.url) if kind == "code" else None
        key = key or normalize_url(link.url)
        if (kind, key) not in own:
            own.add((kind, key))
            yield kind, key, link


def _paper(found: list[Claim], key: str, options: DuplicateLinkOptions) -> Iterator[Report]:
    """Different titles on one paper link: both ends are reported, since either link may be the wrong one."""
    reported: set[int] = set()
    what = describe_paper_key(key)
    titles = [link_title(item, link) for item, link in found]
    for index in range(1, len(found)):
        item, link = found[index]
        for first in range(index):
            other, other_link = found[first]
            if same_work(titles[first], titles[index]):
                continue  # one paper listed twice: duplicate-title reports it
            if _shared(item, other, "code"):  # same paper and same code: one work under two names
                severity = "warning" if same_group(other, item) else options.across_sections
                if severity != "off":
                    yield Report(
                        line=link.line, column=link.column, severity=severity, related_lines=[other_link.line],
                        message=f"same paper ({what}) and code as line {other_link.line} ('{other.title}'); one work listed under two names?",
                    )
                break
            # A dataset, benchmark or model named after the paper that introduced it ('HELM' and
            # 'Holistic Evaluation of Language Models', 'ProcTHOR-10K: ...' and 'ProcTHOR: ...'): a note.
            named = _a_name(item, titles[index]) or _a_name(other, titles[first]) or _one_name(titles[first], titles[index])
            severity = "info" if named else None
            why = "a name for the same work?" if named else "one of the two links is wrong"
            for here, there in ((index, first), (first, index)):
                if here not in reported:
                    reported.add(here)
                    (_, here_link), (there_item, there_link) = found[here], found[there]
                    yield Report(
                        line=here_link.line, column=here_link.column, related_lines=[there_link.line], severity=severity,
                        message=f"links the same paper ({what}) as line {there_link.line} ('{there_item.title}'), which has another title; {why}",
                    )
            break


def _code(first: Claim, later: Claim, key: str, doc: Document, options: DuplicateLinkOptions) -> Iterator[Report]:
    (other, other_link), (item, link) = first, later
    name = squash(repository_name(link.url) or "")
    if same_work(other.title, item.title) or _shared(item, other, "paper"):
        return  # one paper listed twice: reported as such
    if name and name in squash(other.title) and name in squash(item.title):
        return  # a family of models in one repository: 'InternVL3', 'InternVL3.5'
    if _named_after(name, item) and not _named_after(name, other):
        (other, other_link), (item, link) = later, first  # report the entry that borrowed the repository
    written = repository_path(link.url) or key
    severity = options.shared_code
    if _named_after(name, other):
        text = f"code link points to {written}, the repository of '{other.title}' (line {other_link.line}); is it this entry's code?"
        if _named_after(name, item):
            return  # named after both: one family ('UniFormer' for images, 'UniFormer' for video)
        line = doc.lines[link.line - 1]
        if not _like(name, item) and line.lower().count(written.lower()) < 2 and not _own_organisation(written, doc, item):
            # no family name, no star badge of it, not the entry's own lab's repository: likely a copied link
            severity = options.borrowed_code
    else:
        text = f"shares its code repository ({written}) with line {other_link.line} ('{other.title}')"
    if severity != "off":
        yield Report(line=link.line, column=link.column, severity=severity, related_lines=[other_link.line], message=text)


def _project(earlier: list[Claim], later: Claim, options: DuplicateLinkOptions) -> Iterator[Report]:
    item, link = later
    close = [claim for claim in earlier if same_group(claim[0], item)]
    other, other_link = close[-1] if close else earlier[0]
    here, there = squash(item.title), squash(other.title)
    if here != there:
        part = here in there or there in here  # 'hatchling' and 'hatch', 'geodjango' and 'django'
        # Versions or siblings of one family on its shared page: 'Llama 3.1' and 'Llama 3.2', 'Baichuan' and 'Baichuan2'.
        part = part or _family(item.title, other.title)
        severity = "info" if part else "warning"
        text = f"same link as line {other_link.line} ('{other.title}') under another name; " + ("a part of the same project?" if part else "a copied link, or one project listed twice?")
    elif close:
        severity, text = "warning", f"'{item.title}' is listed twice in this section (also line {other_link.line}); remove one"
    else:
        severity, text = options.across_sections, f"'{item.title}' is also listed at line {other_link.line} (section '{other.section.title}')"
    if severity != "off":
        yield Report(line=link.line, column=link.column, severity=severity, related_lines=[other_link.line], message=text)


def _shared(first: Listed, second: Listed, kind: str) -> bool:
    """Both items claim a link of this kind with one key."""
    keys = {key for k, key, _ in _claimed(first) if k == kind}
    return any(k == kind and key in keys for k, key, _ in _claimed(second))


def _named_after(name: str, item: Listed) -> bool:
    return len(name) >= 4 and name in (squash(name_part(item.title)), squash(item.nickname or ""))


def _like(name: str, item: Listed) -> bool:
    """The repository's name recalls the item's: 'open_flamingo' for Flamingo, 'CogVLM' for CogAgent (a model family)."""
    for own in (squash(name_part(item.title)), squash(item.nickname or "")):
        if own and (own in name or name in own or len(commonprefix([own, name])) >= 3):
            return True
    return False



def _a_name(item: Listed, title: str) -> bool:
    """The item names a thing (a dataset, a benchmark, a model: 'HELM', 'OPT-66B'), not a paper: a short
    name, a title the reader is unsure of, or an entry whose first link is that thing ('[[data](url)][[paper](url)]')."""
    if not item.sure or len(title.split()) <= 2:
        return True
    first = next((link for link in item.links if not link.image and link is not item.title_link), None)
    return first is not None and first.label.strip("[] ").lower() in _THINGS


_THINGS = frozenset({"data", "dataset", "model", "models", "demo", "benchmark", "leaderboard"})


def _one_name(first: str, second: str) -> bool:
    """The two titles start with one name ('ProcTHOR-10K: ...' and 'ProcTHOR: ...')."""
    mine, theirs = squash(name_part(first)), squash(name_part(second))
    return len(mine) >= 4 and len(theirs) >= 4 and (mine in theirs or theirs in mine)


_STEM = re.compile(r"[^\W\d_]+")


def _family(first: str, second: str) -> bool:
    """Two names that start with one word of four letters or more: 'Llama 3.1' and 'Llama 3.2'."""
    mine, theirs = _STEM.match(first.lower()), _STEM.match(second.lower())
    return bool(mine and theirs and len(mine.group()) >= 4 and mine.group() == theirs.group())


_ADDRESS = re.compile(r"\]\([^)]*\)|https?://\S+")


def _own_organisation(path: str, doc: Document, item: Listed) -> bool:
    """The repository's owner is named in the entry's own text ('facebookresearch/deit' on an entry that
    says '(*Facebook*)'): a lab keeping several of its papers' code in one repository."""
    owner = squash(path.split("/", 1)[0])
    text = _ADDRESS.sub(" ", doc.lines[item.line - 1]).lower()
    return any(owner.startswith(word) for word in re.findall(r"[^\W\d_]{4,}", text))
