"""Consent records: the registry, the life cycle of a record (valid, expired, revoked, out of scope,
unknown id, incomplete), front matter references and `phiguard consent check`."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

import phiguard
from phiguard import Config, ConfigError
from phiguard.cli import main
from phiguard.consent import ConsentRecord, load_registry, parse_registry
from phiguard.engine import Linter

TODAY = dt.date.today()
QUOTE = "\u201cSix weeks after my knee replacement I was hiking again with my grandkids!\u201d \u2014 Linda Ramirez"
NO_NAME = "\u201cSix weeks after my knee replacement I was hiking again with my grandkids!\u201d \u2014 a happy patient"


def record(**overrides: Any) -> dict[str, Any]:
    base: dict[str, Any] = {
        "id": "C-2024-017",
        "subject": "Linda Ramirez",
        "signed": (TODAY - dt.timedelta(days=200)).isoformat(),
        "expires": (TODAY + dt.timedelta(days=300)).isoformat(),
        "scope": {"name": True, "conditions": ["knee replacement"], "photo": False, "quote": True, "channels": ["website", "facebook"]},
        "authorization": {
            "information": "her name and her words about her knee replacement",
            "disclosed_by": "Desert Orthopedics",
            "recipients": "the public, on our website and Facebook page",
            "purpose": "marketing",
            "signature": True,
        },
        "statements": {"right_to_revoke": True, "treatment_not_conditioned": True, "redisclosure": True},
    }
    for key, value in overrides.items():
        if isinstance(value, dict) and isinstance(base.get(key), dict):
            base[key] = {**base[key], **value}
        else:
            base[key] = value
    return base


def codes(report: phiguard.Report, category: str = "testimonial") -> list[tuple[str, str]]:
    return [(f.code, f.severity) for f in report.findings if f.category == category]


@pytest.fixture(scope="module")
def registry_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("consent") / "consents.yaml"
    records = [
        record(),
        record(id="C-2023-002", expires=(TODAY - dt.timedelta(days=1)).isoformat(), signed=(TODAY - dt.timedelta(days=400)).isoformat()),
        record(id="C-2024-030", revoked=(TODAY - dt.timedelta(days=3)).isoformat()),
        record(id="C-2024-031", scope={"conditions": []}),
        record(id="C-2024-032", authorization={"purpose": None, "signature": False}),
        record(id="C-2024-033", subject="Tom Becker"),
    ]
    import yaml

    path.write_text(yaml.safe_dump({"records": records}, sort_keys=False), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def consent_linter(registry_file: Path) -> Linter:
    return Linter(Config(), consents=registry_file)


# -- the life cycle ----------------------------------------------------------------------


def test_no_consent_identifiable_is_an_error(consent_linter: Linter) -> None:
    assert ("TST401", "error") in codes(consent_linter.check(QUOTE))


def test_no_consent_anonymous_is_a_warning(consent_linter: Linter) -> None:
    assert codes(consent_linter.check(NO_NAME)) == [("TST401", "warning")]


def test_valid_record_turns_the_testimonial_into_info_naming_it(consent_linter: Linter) -> None:
    report = consent_linter.check(QUOTE, consents=["C-2024-017"])
    tst = [f for f in report.findings if f.category == "testimonial"]
    assert [(f.code, f.severity) for f in tst] == [("TST401", "info")]
    assert "C-2024-017" in tst[0].message
    # the name and the condition it authorizes are no longer errors either
    assert [f for f in report.findings if f.severity == "error"] == []
    assert report.passed


def test_expired_record(consent_linter: Linter) -> None:
    report = consent_linter.check(QUOTE, consents=["C-2023-002"])
    f = next(f for f in report.findings if f.code == "TST402")
    assert f.severity == "error" and "expired" in f.message
    assert not report.passed


def test_revoked_record(consent_linter: Linter) -> None:
    f = next(f for f in consent_linter.check(QUOTE, consents=["C-2024-030"]).findings if f.code == "TST402")
    assert "revoked" in f.message


def test_condition_out_of_scope_is_an_error_that_does_not_quote_it(consent_linter: Linter) -> None:
    f = next(f for f in consent_linter.check(QUOTE, consents=["C-2024-031"]).findings if f.code == "TST402")
    assert "health condition" in f.message
    assert "knee" not in f.message.lower()


def test_photo_and_channel_out_of_scope(consent_linter: Linter) -> None:
    text = QUOTE + "\nWatch her video and see the before & after photos!"
    messages = " ".join(f.message for f in consent_linter.check(text, consents=["C-2024-017"], channel="instagram").findings if f.code == "TST402")
    assert "photos or video" in messages and "instagram" in messages
    on_site = consent_linter.check(QUOTE, consents=["C-2024-017"], channel="Website")
    assert "TST402" not in {f.code for f in on_site.findings}


def test_missing_authorization_elements(consent_linter: Linter) -> None:
    f = next(f for f in consent_linter.check(QUOTE, consents=["C-2024-032"]).findings if f.code == "TST402")
    assert "purpose" in f.message and "signature" in f.message


def test_unknown_id_is_an_error(consent_linter: Linter) -> None:
    f = next(f for f in consent_linter.check(QUOTE, consents=["C-1999-001"]).findings if f.code == "TST402")
    assert f.severity == "error" and "C-1999-001" in f.message and "not in the consent registry" in f.message


def test_unknown_id_without_any_testimonial_is_still_reported(consent_linter: Linter) -> None:
    report = consent_linter.check("Our office is closed Monday for the holiday.", consents=["C-1999-001"])
    assert [(f.code, f.severity) for f in report.findings] == [("TST402", "error")]


def test_record_for_someone_else_does_not_cover(consent_linter: Linter) -> None:
    report = consent_linter.check(QUOTE, consents=["C-2024-033", "C-2024-031"])
    # C-2024-033 is Tom's; the quote is Linda's, so her record (out of scope) decides
    assert "TST402" in {f.code for f in report.findings}


def test_records_given_directly_without_a_registry(linter: Linter) -> None:
    report = linter.check(QUOTE, consents=[record()])
    assert codes(report) == [("TST401", "info")]
    report = linter.check(QUOTE, consents=[ConsentRecord.model_validate(record(revoked=TODAY.isoformat()))])
    assert ("TST402", "error") in codes(report)


def test_top_level_check_takes_records() -> None:
    assert ("TST401", "info") in codes(phiguard.check(QUOTE, consents=[record()]))


def test_consent_argument_types(linter: Linter) -> None:
    with pytest.raises(TypeError):
        linter.check(QUOTE, consents="C-2024-017")  # type: ignore[arg-type]
    with pytest.raises(ConfigError):
        linter.check(QUOTE, consents=[{"id": "C-1"}])  # a record without a subject


# -- the registry file -------------------------------------------------------------------


def test_registry_loads_yaml_and_json(tmp_path: Path) -> None:
    (tmp_path / "r.json").write_text(json.dumps({"records": [record()]}))
    assert load_registry(tmp_path / "r.json").get("C-2024-017") is not None
    (tmp_path / "list.yaml").write_text("- id: 2024017\n  subject: X Y\n")
    assert load_registry(tmp_path / "list.yaml").get("2024017") is not None  # a bare list, numeric id
    (tmp_path / "empty.yaml").write_text("")
    assert load_registry(tmp_path / "empty.yaml").records == []


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ("records: [\n", "not valid YAML"),
        ("records:\n  - id: C-1\n", "record C-1: subject: Field required"),
        ("records:\n  - id: C-1\n    subject: A B\n    colour: red\n", "record C-1: colour: unknown key"),
        ("records:\n  - {id: C-1, subject: A}\n  - {id: C-1, subject: B}\n", "duplicate consent id C-1"),
        ("records:\n  - {id: C-1, subject: A, signed: 2024-05-01, expires: 2024-01-01}\n", "expires is before signed"),
        ("records:\n  - {id: C-1, subject: A, signed: not-a-date}\n", "record C-1: signed"),
        ("just text\n", "a mapping with a 'records' list"),
    ],
)
def test_malformed_registry_is_one_clear_line(tmp_path: Path, content: str, expected: str) -> None:
    path = tmp_path / "consents.yaml"
    path.write_text(content)
    with pytest.raises(ConfigError) as err:
        load_registry(path)
    assert expected in str(err.value) and "\n" not in str(err.value)


def test_registry_errors_never_quote_the_subject() -> None:
    with pytest.raises(ConfigError) as err:
        parse_registry({"records": [{"id": "C-1", "subject": "Linda Ramirez", "revoked": "yesterday"}]})
    assert "Linda" not in str(err.value)


def test_linter_with_missing_registry_file(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="consent registry not found"):
        Linter(Config(), consents=tmp_path / "nope.yaml")


# -- the command line ---------------------------------------------------------------------


def test_consent_check_reports_problems_without_personal_data(registry_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["consent", "check", str(registry_file)]) == 1
    out = capsys.readouterr().out
    assert "C-2023-002: invalid: expired" in out
    assert "C-2024-030: invalid: revoked" in out
    assert "C-2024-032: invalid: missing purpose, signature" in out
    assert "C-2024-017" not in out  # valid and not expiring soon: not listed
    assert "6 records, 3 invalid" in out
    assert "Linda" not in out and "Ramirez" not in out and "Becker" not in out


def test_consent_check_json_and_show_personal(registry_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["consent", "check", str(registry_file), "--format", "json", "--show-personal"]) == 1
    data = json.loads(capsys.readouterr().out)
    assert data["invalid"] == 3
    assert {r["subject"] for r in data["records"]} >= {"Linda Ramirez", "Tom Becker"}


def test_consent_check_expiring_soon_and_today(registry_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    later = (TODAY + dt.timedelta(days=290)).isoformat()
    assert main(["consent", "check", str(registry_file), "--today", later]) == 1
    out = capsys.readouterr().out
    assert "C-2024-017: valid, expires on" in out


def test_consent_check_valid_registry_exits_0(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "ok.json"
    path.write_text(json.dumps([record()]))
    assert main(["consent", "check", str(path)]) == 0
    assert "1 record, 0 invalid" in capsys.readouterr().out


def test_consent_check_malformed_registry_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text("records:\n  - id: [\n")
    assert main(["consent", "check", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("phiguard: error:") and err.count("\n") == 1
    assert main(["consent", "check", str(tmp_path / "missing.yaml")]) == 2
    with pytest.raises(SystemExit) as exit_:
        main(["consent", "check", str(path), "--today", "someday"])
    assert exit_.value.code == 2


def test_front_matter_references_a_record(tmp_path: Path, registry_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    body = QUOTE + "\n"
    (tmp_path / "covered.md").write_text("---\ntitle: Back on the trail\nphiguard:\n  consent: [C-2024-017]\n---\n\n" + body)
    (tmp_path / "expired.md").write_text("---\ntitle: Back on the trail\nphiguard: {consent: C-2023-002}\n---\n\n" + body)
    (tmp_path / "none.md").write_text("# Back on the trail\n\n" + body)
    (tmp_path / "toml.md").write_text('+++\ntitle = "Back"\n[phiguard]\nconsent = ["C-2024-017"]\n+++\n\n' + body)
    args = ["check", "--format", "json", "--consent-registry", str(registry_file)]
    assert main([*args, str(tmp_path / "covered.md"), str(tmp_path / "toml.md")]) == 0
    data = json.loads(capsys.readouterr().out)
    for f in data["results"]:
        assert [(x["code"], x["severity"]) for x in f["findings"] if x["code"].startswith("TST")] == [("TST401", "info")]
    assert main([*args, str(tmp_path / "expired.md")]) == 1
    assert "TST402" in capsys.readouterr().out
    assert main([*args, str(tmp_path / "none.md")]) == 1
    assert "TST401" in capsys.readouterr().out
    # stdin and .txt files take --consent
    assert main([*args, "--consent", "C-2024-017", str(tmp_path / "none.md")]) == 0
    capsys.readouterr()


def test_registry_from_config_file_relative_to_it(tmp_path: Path, registry_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "records").mkdir()
    (tmp_path / "records" / "c.yaml").write_text(registry_file.read_text())
    (tmp_path / ".phiguard.toml").write_text('consent-registry = "records/c.yaml"\n')
    (tmp_path / "post.md").write_text("---\nphiguard: {consent: [C-2024-017]}\n---\n" + QUOTE + "\n")
    assert main(["check", str(tmp_path / "post.md")]) == 0
    capsys.readouterr()


@pytest.mark.parametrize(
    ("front", "expected"),
    [
        ("---\ntitle: [oops\nphiguard: {consent: C-1}\n---\n", "front matter is not valid YAML"),
        ("---\nphiguard: {consent: {a: 1}}\n---\n", "must be a consent id or a list"),
        ("---\nphiguard: {consnet: C-1}\n---\n", "front matter 'phiguard' takes consent"),
        ("+++\n[phiguard\n+++\n", "front matter is not valid TOML"),
    ],
)
def test_malformed_front_matter_is_one_line_exit_2(tmp_path: Path, front: str, expected: str, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "post.md"
    original = front + "\nHello!\n"
    path.write_text(original)
    assert main(["check", str(path)]) == 2
    err = capsys.readouterr().err
    assert expected in err and err.count("\n") == 1
    assert path.read_text() == original
