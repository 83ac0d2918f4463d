"""Redaction: placeholders per entity, the ZIP and age rules, mask/remove/keyed hash, overlaps."""

from __future__ import annotations

import pytest

from phiguard.config import Config, Redaction
from phiguard.engine import Linter
from phiguard.errors import ConfigError
from phiguard.redact import Redactor, zip_safe_harbor


@pytest.mark.parametrize(
    ("value", "expected"),
    [("85701", "857**"), ("85701-1234", "857**"), ("03601", "000**"), ("89012", "000**"), ("10001", "100**")],
)
def test_zip_three_digit_rule(value: str, expected: str) -> None:
    assert zip_safe_harbor(value) == expected


def test_placeholders(linter: Linter) -> None:
    text = "Patient Maria Gonzalez, DOB 03/12/1951, is 94 years old; MRN 00482913."
    r = linter.check(text)
    assert r.redacted_text == "Patient [NAME], DOB [DATE], is 90 or older; MRN [MRN]."


def test_zip_in_redacted_text(linter: Linter) -> None:
    r = linter.check("Our patient lives at zip code 03601 and loves her new crown.")
    assert "000**" in r.redacted_text and "03601" not in r.redacted_text


def test_mask_and_remove_modes() -> None:
    text = "Her SSN is 512-44-7391."
    masked = Linter(Config(redaction=Redaction(mode="mask"))).check(text).redacted_text
    assert masked == "Her SSN is ***********."
    removed = Linter(Config(redaction=Redaction(mode="remove"))).check(text).redacted_text
    assert removed == "Her SSN is ."


def test_keyed_hash_needs_key_and_depends_on_it(monkeypatch: pytest.MonkeyPatch) -> None:
    cfg = Config(redaction=Redaction(mode="hash", hash_key_env="PHIGUARD_TEST_KEY"))
    monkeypatch.delenv("PHIGUARD_TEST_KEY", raising=False)
    with pytest.raises(ConfigError):
        Linter(cfg)
    text = "Re: MRN 00482913 - records faxed."
    monkeypatch.setenv("PHIGUARD_TEST_KEY", "key-one")
    one = Linter(cfg).check(text).redacted_text
    monkeypatch.setenv("PHIGUARD_TEST_KEY", "key-two")
    two = Linter(cfg).check(text).redacted_text
    assert one.startswith("Re: MRN [MRN:") and "00482913" not in one
    assert one != two  # keyed: another key, another token; no fixed salt


def test_overlapping_spans_give_one_replacement(linter: Linter) -> None:
    # the email contains a name and a domain URL; only one clean replacement may result
    r = linter.check("Send the forms to maria.gonzalez@gmail.com before her surgery.")
    assert r.redacted_text == "Send the forms to [EMAIL] before her surgery."
    assert [f.entity for f in r.findings] == ["EMAIL", "HEALTH_INFO"]  # the surgery is hers: PHI201


def test_redactor_rejects_hash_without_key() -> None:
    with pytest.raises(ConfigError):
        Redactor(Redaction(mode="hash"), None)
