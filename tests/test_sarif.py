"""The SARIF reporter: logs valid against the official 2.1.0 schema, exact regions, stable fingerprints, no matched text unless asked."""

from __future__ import annotations

import io
import json
import os
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft7Validator, ValidationError

from phiguard import __version__
from phiguard.cli import main
from phiguard.documents import make_document
from phiguard.models import Finding, Report
from phiguard.rules import builtin_rules
from phiguard.sarif import FINGERPRINT_KEY, INFORMATION_URI, SUPPRESSION_RULE_ID, SarifReporter, _uri
from phiguard.suppressions import Notice

DATA = Path(__file__).parent / "data"
SCHEMA = json.loads((DATA / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
LEAK = "---\ntitle: Patient spotlight\nauthor: Maria Gonzalez\n---\n\nWe are proud of\nour patient Maria Gonzalez after her chemo.\n"
SECRET_BITS = ("Maria", "Gonzalez")


def validate(log: dict[str, Any]) -> None:
    # every $ref is local (#/definitions/...), so validation never reaches the network
    Draft7Validator(SCHEMA, format_checker=Draft7Validator.FORMAT_CHECKER).validate(log)


def sarif(capsys: pytest.CaptureFixture[str], args: list[str]) -> tuple[int, dict[str, Any], str]:
    code = main(["check", *args, "--format", "sarif"])
    out = capsys.readouterr().out
    log = json.loads(out)
    validate(log)
    return code, log, out


def regions(log: dict[str, Any]) -> list[tuple[str, str, int, int, int, int]]:
    out = []
    for r in log["runs"][0]["results"]:
        reg = r["locations"][0]["physicalLocation"]["region"]
        out.append((r["ruleId"], r["level"], reg["startLine"], reg["startColumn"], reg["endLine"], reg["endColumn"]))
    return out


def prints(log: dict[str, Any]) -> dict[str, str]:
    return {r["ruleId"]: r["partialFingerprints"][FINGERPRINT_KEY] for r in log["runs"][0]["results"]}


def empty_log(errors: list[str] | None = None) -> dict[str, Any]:
    out = io.StringIO()
    reporter = SarifReporter(out, show_matches=False)
    reporter.finish(errors or [])
    return json.loads(out.getvalue())


# -- the vendored schema and the rule catalogue (no model) ------------------------------------------


def test_vendored_schema_is_the_sarif_2_1_0_schema() -> None:
    Draft7Validator.check_schema(SCHEMA)
    assert SCHEMA["$schema"] == "http://json-schema.org/draft-07/schema#"
    assert SCHEMA["properties"]["version"]["enum"] == ["2.1.0"]
    # the schema really rejects what GitHub would reject: a result region with column 0
    bad = empty_log()
    bad["runs"][0]["results"] = [{"message": {"text": "x"}, "locations": [{"physicalLocation": {"artifactLocation": {"uri": "a.md"}, "region": {"startLine": 1, "startColumn": 0}}}]}]
    with pytest.raises(ValidationError, match="less than the minimum"):
        validate(bad)


def test_every_builtin_rule_is_described() -> None:
    log = empty_log()
    validate(log)
    assert log["version"] == "2.1.0" and log["$schema"] == "https://json.schemastore.org/sarif-2.1.0.json"
    run = log["runs"][0]
    driver = run["tool"]["driver"]
    assert (driver["name"], driver["version"], driver["informationUri"]) == ("phiguard", __version__, INFORMATION_URI)
    assert run["columnKind"] == "unicodeCodePoints" and run["results"] == []
    assert run["invocations"] == [{"executionSuccessful": True}]
    rules = builtin_rules()
    assert [d["id"] for d in driver["rules"]] == list(rules)
    for d in driver["rules"]:
        rule = rules[d["id"]]
        assert d["shortDescription"]["text"] == rule.summary and d["fullDescription"]["text"] == rule.why
        assert d["defaultConfiguration"]["level"] == {"error": "error", "warning": "warning", "info": "note"}[rule.severity]
        assert rule.category in d["properties"]["tags"]
        for fmt in ("text", "markdown"):
            assert rule.citation in d["help"][fmt].replace("\\", "")
            assert "{office_phone}" not in d["help"][fmt]
        assert all(ex.text.split()[0] in d["help"]["text"] for ex in rule.examples.fail + rule.examples.pass_)
    phi301 = next(d for d in driver["rules"] if d["id"] == "PHI301")
    assert "call us at <your office phone>" in phi301["help"]["text"]
    # escaped, or Markdown would take it for an HTML tag and show nothing
    assert "call us at \\<your office phone\\>" in phi301["help"]["markdown"]
    tst401 = next(d for d in driver["rules"] if d["id"] == "TST401")
    assert "`phiguard: {consent: [ID]}`" in tst401["help"]["markdown"]  # the author's code span is kept


def test_notices_and_stdin() -> None:
    out = io.StringIO()
    reporter = SarifReporter(out, show_matches=False)
    doc = make_document("-", "<!-- phiguard-disable PHI101 -->\nFlu shots all week.\n", syntax="markdown")
    rule = builtin_rules()["PHI101"]
    finding = Finding(code="PHI101", name=rule.name, category="phi", severity="warning", entity="NAME", start=37, end=42, message=rule.message, citation=rule.citation, confidence=0.5)
    report = Report(findings=[finding], redacted_text="", score=10, passed=True)
    reporter.add(doc, report, [Notice(1, 1, "phiguard-disable PHI101 suppresses nothing; remove it")])
    reporter.finish([])
    log = json.loads(out.getvalue())
    validate(log)
    run = log["runs"][0]
    found, notice = run["results"]
    assert found["locations"][0]["physicalLocation"]["artifactLocation"] == {"uri": "stdin"}
    assert (found["level"], found["locations"][0]["physicalLocation"]["region"]) == ("warning", {"startLine": 2, "startColumn": 5, "endLine": 2, "endColumn": 10})
    assert notice["ruleId"] == SUPPRESSION_RULE_ID and notice["level"] == "warning"
    assert run["tool"]["driver"]["rules"][notice["ruleIndex"]]["id"] == SUPPRESSION_RULE_ID
    assert notice["message"]["text"].endswith("suppresses nothing; remove it")
    assert notice["locations"][0]["physicalLocation"]["region"] == {"startLine": 1, "startColumn": 1}


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("leak.md", ("leak.md", "%SRCROOT%")),
        ("blog/2024/my post.md", ("blog/2024/my%20post.md", "%SRCROOT%")),
        ("./blog/../leak.md", ("leak.md", "%SRCROOT%")),
        ("-", ("stdin", None)),
    ],
)
def test_uri_is_relative_to_the_root(tmp_path: Path, path: str, expected: tuple[str, str | None]) -> None:
    assert _uri(path if path == "-" else str(tmp_path / path), str(tmp_path)) == expected


def test_uri_outside_the_root_is_absolute(tmp_path: Path) -> None:
    (tmp_path / "repo").mkdir()
    uri, base = _uri(str(tmp_path / "elsewhere.md"), str(tmp_path / "repo"))
    assert base is None and uri == (tmp_path / "elsewhere.md").as_uri()


# -- the CLI end to end (real model) -------------------------------------------------------------


@pytest.fixture()
def leak(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)  # the repository root URIs are relative to
    path = tmp_path / "leak.md"
    path.write_text(LEAK)
    return path


@pytest.mark.slow
def test_findings_as_results(leak: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, log, _ = sarif(capsys, [str(leak)])
    assert code == 1
    run = log["runs"][0]
    # the same places as the text format (2:8, 7:13, 7:38); endColumn is one past the last character
    assert regions(log) == [
        ("TST401", "error", 2, 8, 8, 1),  # the testimonial is the text from the title on
        ("PHI101", "error", 7, 13, 7, 27),
        ("PHI201", "error", 7, 38, 7, 43),
    ]
    rules = run["tool"]["driver"]["rules"]
    for r in run["results"]:
        assert rules[r["ruleIndex"]]["id"] == r["ruleId"]
        assert r["locations"][0]["physicalLocation"]["artifactLocation"] == {"uri": "leak.md", "uriBaseId": "%SRCROOT%"}
        assert len(r["partialFingerprints"][FINGERPRINT_KEY]) == 32
    assert run["results"][1]["message"]["text"] == "A person's name appears where it can identify a patient."
    assert run["results"][1]["properties"] == {"category": "phi", "entity": "NAME", "confidence": pytest.approx(0.85)}
    assert run["originalUriBaseIds"] == {"%SRCROOT%": {"uri": leak.parent.as_uri() + "/"}}
    assert run["invocations"] == [{"executionSuccessful": True}]
    # the rule help quotes the rules' own examples (one of them names a Maria Gonzalez), and that
    # part of the log does not depend on the input; nothing else may hold the matched text
    assert run["tool"] == empty_log()["runs"][0]["tool"]
    rest = json.dumps({k: v for k, v in run.items() if k != "tool"})
    assert not any(bit in rest for bit in SECRET_BITS)


@pytest.mark.slow
def test_show_matches_adds_the_match(leak: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, log, _ = sarif(capsys, [str(leak), "--show-matches"])
    messages = {r["ruleId"]: r["message"]["text"] for r in log["runs"][0]["results"]}
    assert messages["PHI101"] == 'A person\'s name appears where it can identify a patient. (match: "Maria Gonzalez")'
    assert messages["PHI201"].endswith('(match: "chemo")')


@pytest.mark.slow
def test_fingerprints_are_stable(leak: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _, first, _ = sarif(capsys, [str(leak)])
    _, again, _ = sarif(capsys, [str(leak)])
    assert prints(first) == prints(again)
    assert len(set(prints(first).values())) == 3
    # a blank line above moves the findings on line 7 down; their identity stays
    leak.write_text(LEAK.replace("\nWe are proud of", "\n\nWe are proud of"))
    _, moved, _ = sarif(capsys, ["leak.md"])
    for code in ("PHI101", "PHI201"):
        assert prints(moved)[code] == prints(first)[code]
    before = {r[0]: r[2] for r in regions(first)}
    after = {r[0]: r[2] for r in regions(moved)}
    assert after == {**before, "PHI101": 8, "PHI201": 8}


@pytest.mark.slow
@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("photo.md", b"\x89PNG\r\n\x1a\n\x00\x00binary", "photo.md: binary file, not checked"),
        ("nope.md", None, "nope.md: no such file or directory"),
    ],
)
def test_unreadable_input_is_a_notification(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], name: str, content: bytes | None, message: str) -> None:
    monkeypatch.chdir(tmp_path)
    if content is not None:
        (tmp_path / name).write_bytes(content)
    (tmp_path / "ok.txt").write_text("Flu shots all week.\n")
    code, log, _ = sarif(capsys, [name, "ok.txt"])
    assert code == 2
    assert log["runs"][0]["invocations"] == [{"executionSuccessful": False, "toolExecutionNotifications": [{"level": "error", "message": {"text": message}}]}]
    assert log["runs"][0]["results"] == []


@pytest.mark.slow
def test_export_records(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "posts.csv").write_text('id,message\n1,"Congrats to Maria Gonzalez on finishing chemo!"\n')
    code, log, _ = sarif(capsys, ["posts.csv", "--field", "message"])
    assert code == 1
    results = {r["ruleId"]: r for r in log["runs"][0]["results"]}
    name = results["PHI101"]
    assert name["message"]["text"] == "A person's name appears where it can identify a patient. (row 1, field message)"
    assert name["locations"][0]["physicalLocation"]["artifactLocation"] == {"uri": "posts.csv", "uriBaseId": "%SRCROOT%"}
    # columns in the CSV file itself: the value starts after `1,"`
    assert name["locations"][0]["physicalLocation"]["region"] == {"startLine": 2, "startColumn": 16, "endLine": 2, "endColumn": 30}
    assert (name["properties"]["row"], name["properties"]["field"]) == (1, "message")
    assert results["PHI201"]["locations"][0]["physicalLocation"]["region"]["startColumn"] == 44
    assert not any(bit in json.dumps(log["runs"][0]["results"]) for bit in SECRET_BITS)


def test_no_absolute_paths_leak_into_results(tmp_path: Path) -> None:
    """URIs of results inside the root never carry the machine's folder (that is originalUriBaseIds' job)."""
    out = io.StringIO()
    reporter = SarifReporter(out, show_matches=False, root=str(tmp_path))
    doc = make_document(os.path.join(str(tmp_path), "a.txt"), "hello\n")
    reporter.add(doc, Report(findings=[], redacted_text="", score=0, passed=True), [Notice(1, 1, "x")])
    reporter.finish([])
    log = json.loads(out.getvalue())
    assert log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] == "a.txt"
