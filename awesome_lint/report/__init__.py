"""Output formats: one module per format, each with ``render(findings, context) -> str``."""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Callable

if TYPE_CHECKING:  # the command line reads FORMATS before it needs the model
    from awesome_lint.lint.findings import Finding

# format name -> module name in this package
FORMATS: dict[str, str] = {
    "text": "text",
    "json": "json_format",
    "github": "github",
    "sarif": "sarif",
}


@dataclass
class RenderContext:
    """What a format may need besides the findings."""

    files: list[str] = field(default_factory=list)  # every file checked, in order
    color: bool = False
    fixed: int = 0  # findings fixed by --fix
    diff_base: str | None = None  # --diff-base: the git revision the findings were compared with
    step_summary: bool = False  # the github format also writes a job summary ($GITHUB_STEP_SUMMARY)
    blob_url: str | None = None  # https://github.com/OWNER/REPO/blob/SHA, to link each line of the summary


def renderer(name: str) -> Callable[[list[Finding], RenderContext], str]:
    return importlib.import_module(f"{__name__}.{FORMATS[name]}").render


def counts(findings: list[Finding]) -> dict[str, int]:
    out = {"error": 0, "warning": 0, "info": 0}
    for finding in findings:
        out[finding.severity] += 1
    return out
