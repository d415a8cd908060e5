"""--format sarif: the golden output of the fixture list, and validity against the official SARIF 2.1.0 schema."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from awesome_lint import __version__
from awesome_lint.lint.findings import Finding
from awesome_lint.report import RenderContext
from awesome_lint.report.sarif import render

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT / "tests" / "data"
SCHEMA = json.loads((DATA / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
ENV = {k: v for k, v in os.environ.items() if not k.startswith("GITHUB_")} | {"PYTHONPATH": str(ROOT)}


def validator() -> jsonschema.Draft4Validator:
    # The OASIS schema declares draft 4; check that before trusting the validator's verdicts.
    assert SCHEMA["$schema"] == "http://json-schema.org/draft-04/schema#"
    assert jsonschema.validators.validator_for(SCHEMA) is jsonschema.Draft4Validator
    jsonschema.Draft4Validator.check_schema(SCHEMA)
    return jsonschema.Draft4Validator(SCHEMA, format_checker=jsonschema.Draft4Validator.FORMAT_CHECKER)


def sarif_of(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "awesome_lint", "check", *args, "--format", "sarif"], cwd=ROOT, env=ENV, capture_output=True, text=True)


def test_sarif_output_of_the_fixture_list():
    result = sarif_of("tests/data/action-list.md", "--select", "table-shape,invalid-directive")
    assert result.returncode == 1
    expected = json.loads((DATA / "action-list.sarif").read_text(encoding="utf-8").replace('"VERSION"', json.dumps(__version__)))
    assert json.loads(result.stdout) == expected
    validator().validate(json.loads(result.stdout))


def test_every_kind_of_finding_gives_valid_sarif():
    findings = [
        Finding(path="README.md", line=3, column=5, end_line=3, end_column=12, rule="duplicate-title", severity="error", message="same title as line 40", related_lines=[40]),
        Finding(path="docs/with space/list.md", line=1, column=1, rule="table-shape", severity="warning", message="row has 2 cells"),
        Finding(path="/abs/path/README.md", line=7, column=1, end_line=9, rule="plugin-rule", severity="info", message="from a plugin"),
        Finding(path="<stdin>", line=2, column=1, rule="table-shape", severity="info", message="read from stdin"),
    ]
    log = json.loads(render(findings, RenderContext()))
    validator().validate(log)
    run = log["runs"][0]
    rules = {rule["id"]: rule for rule in run["tool"]["driver"]["rules"]}
    assert rules["plugin-rule"] == {"id": "plugin-rule"}  # unknown to us: no help link to our repository
    results = run["results"]
    assert [r["level"] for r in results] == ["error", "warning", "note", "note"]
    assert [r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in results] == [
        "README.md", "docs/with%20space/list.md", "file:///abs/path/README.md", "%3Cstdin%3E",
    ]
    assert results[0]["locations"][0]["physicalLocation"]["region"] == {"startLine": 3, "startColumn": 5, "endLine": 3, "endColumn": 12}
    assert results[0]["relatedLocations"][0]["physicalLocation"]["region"] == {"startLine": 40}
    assert all(rules[r["ruleId"]] is run["tool"]["driver"]["rules"][r["ruleIndex"]] for r in results)


def test_the_schema_check_rejects_what_sarif_forbids():
    log = json.loads(render([Finding(path="README.md", line=1, column=1, rule="table-shape", severity="error", message="x")], RenderContext()))
    log["runs"][0]["results"][0]["level"] = "info"  # our word, not SARIF's
    with pytest.raises(jsonschema.ValidationError):
        validator().validate(log)


def test_no_findings_is_a_valid_empty_run():
    log = json.loads(render([], RenderContext()))
    validator().validate(log)
    assert log["runs"][0]["results"] == [] and log["runs"][0]["tool"]["driver"]["rules"] == []
