"""The public contract of DESIGN.md: check(), Linter, check_many, Report and Finding."""

from __future__ import annotations

import subprocess
import sys

import pytest
from pydantic import ValidationError

import phiguard
from phiguard import Finding, Report
from phiguard.config import Config
from phiguard.engine import CHUNK_CHARS, Linter, split_chunks
from phiguard.errors import ConfigError
from phiguard.score import risk_score

PHI_POST = "Congrats to Maria Gonzalez on finishing her last round of chemo!"


def test_import_is_cheap() -> None:
    code = "import sys, phiguard; print('spacy' in sys.modules, 'presidio_analyzer' in sys.modules, 'presidio_anonymizer' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.split() == ["False", "False", "False"]


def test_module_check_returns_report() -> None:
    report = phiguard.check(PHI_POST, kind="post")
    assert isinstance(report, Report)
    assert [f.code for f in report.findings if f.category == "phi"] == ["PHI101", "PHI201"]
    assert [f.code for f in report.findings if f.category == "testimonial"] == ["TST401"]  # a named patient's story
    f = report.findings[0]
    assert (f.name, f.category, f.severity, f.entity) == ("phi-name", "phi", "error", "NAME")
    assert PHI_POST[f.start : f.end] == "Maria Gonzalez"
    assert "Maria" not in f.message and "Gonzalez" not in f.message
    assert f.citation.startswith("45 CFR")
    assert 0 < f.confidence <= 1
    assert report.redacted_text == "Congrats to [NAME] on finishing her last round of chemo!"
    assert not report.passed and report.score > 0


def test_finding_is_frozen_and_strict() -> None:
    f = phiguard.check(PHI_POST).findings[0]
    with pytest.raises(ValidationError):
        f.start = 3  # type: ignore[misc]
    with pytest.raises(ValidationError):
        Finding(**{**f.model_dump(), "entity": "NOT_AN_ENTITY"})
    with pytest.raises(ValidationError):
        Finding(**{**f.model_dump(), "colour": "red"})


def test_clean_text_passes(linter: Linter) -> None:
    report = linter.check("Flu shots are here! Walk in Monday to Friday, 8 to 5.")
    assert report.findings == [] and report.passed and report.score == 0
    assert report.redacted_text == "Flu shots are here! Walk in Monday to Friday, 8 to 5."


@pytest.mark.parametrize("text", ["", "   \n\t  ", "🦷✨", "#### ---- ****"])
def test_degenerate_text(linter: Linter, text: str) -> None:
    report = linter.check(text)
    assert report.findings == [] and report.redacted_text == text


def test_check_many_order_and_laziness(linter: Linter) -> None:
    texts = ["All clear here.", PHI_POST, "", "Her SSN is 512-44-7391."]
    reports = linter.check_many(iter(texts))
    assert not isinstance(reports, list)  # a generator: callers can stream
    got = [[f.code for f in r.findings if f.category == "phi"] for r in reports]
    assert got == [[], ["PHI101", "PHI201"], [], ["PHI106"]]


def test_check_many_matches_check(linter: Linter) -> None:
    texts = [PHI_POST, "Re: MRN 00482913 - records faxed.", "Meet Dr. Priya Nair!"]
    assert [r.findings for r in linter.check_many(texts, batch_size=2)] == [linter.check(t).findings for t in texts]


def test_non_str_input_is_rejected(linter: Linter) -> None:
    with pytest.raises(TypeError):
        linter.check(b"bytes")  # type: ignore[arg-type]


def test_unknown_kind_is_an_error(linter: Linter) -> None:
    with pytest.raises(ConfigError):
        linter.check("hi", kind="tweet")


def test_long_text_is_chunked_with_right_offsets(linter: Linter) -> None:
    filler = "We love seeing healthy smiles every single day at the office.\n\n" * 700
    text = filler + PHI_POST + "\n\n" + filler
    assert len(text) > 2 * CHUNK_CHARS
    report = linter.check(text)
    names = [f for f in report.findings if f.code == "PHI101"]
    assert len(names) == 1 and text[names[0].start : names[0].end] == "Maria Gonzalez"
    assert "[NAME]" in report.redacted_text and "Gonzalez" not in report.redacted_text


def test_split_chunks_covers_text_exactly() -> None:
    text = ("word " * 9000) + ("x" * 30000)
    chunks = split_chunks(text, 10_000)
    assert "".join(c for _, c in chunks) == text
    assert all(text[o : o + len(c)] == c for o, c in chunks)


def test_fail_on_warning_changes_passed() -> None:
    text = "Shoutout to Tom Becker for the cookies!"  # a name with no health context: warning
    strict = Linter(Config(fail_on="warning"))
    report = strict.check(text)
    assert [f.severity for f in report.findings] == ["warning"]
    assert not report.passed
    assert phiguard.check(text).passed


def test_select_and_ignore(linter: Linter) -> None:
    text = "Her SSN is 512-44-7391 and Maria Gonzalez has diabetes."
    only_ids = Linter(Config(select=["PHI106"]))
    assert {f.code for f in only_ids.check(text).findings} == {"PHI106"}
    no_names = Linter(Config(ignore=["phi-name"]))
    assert "PHI101" not in {f.code for f in no_names.check(text).findings}
    with pytest.raises(ConfigError):
        Linter(Config(select=["XYZ9"]))


def test_score_is_monotone() -> None:
    base = phiguard.check(PHI_POST).findings[0]
    warn = base.model_copy(update={"severity": "warning"})
    assert risk_score([]) == 0
    assert risk_score([warn]) < risk_score([base]) < risk_score([base, warn]) < risk_score([base, base, warn])
    assert risk_score([base] * 20) <= 100


def test_check_many_rejects_a_single_string(linter) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(TypeError, match="iterable of texts"):
        list(linter.check_many("Maria Gonzalez chemo"))


def test_linter_accepts_a_mapping() -> None:
    from phiguard import ConfigError, Linter

    lin = Linter({"fail-on": "warning", "practice": {"staff": ["Kayla Ortiz"]}})
    assert lin.config.fail_on == "warning"
    with pytest.raises(ConfigError, match="unknown key"):
        Linter({"fail_onn": "x"})


@pytest.mark.parametrize(
    "text",
    [
        "Floss daily! #OralHealth #DentalTips",
        "We agree! #MotivationMonday",
        "Meet our nurse Kayla. Kayla loves giving flu shots.",
        "Meet our hygienist Kayla Ortiz! Kayla has been cleaning teeth for 12 years.",
        "Welcome to the team, Jordan Patel, PA-C! Jordan will see patients on Tuesdays.",
    ],
)
def test_hashtags_and_staff_named_again_are_not_phi(linter, text: str) -> None:  # type: ignore[no-untyped-def]
    assert [f for f in linter.check(text).findings if f.category == "phi"] == []
