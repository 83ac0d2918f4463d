"""Redaction through presidio-anonymizer: placeholders, mask, remove or keyed hash."""

from __future__ import annotations

import hashlib
import hmac
import re
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from .errors import ConfigError

if TYPE_CHECKING:
    from presidio_anonymizer import AnonymizerEngine

    from .config import Config, Redaction
    from .models import Finding, Report

# The 3-digit ZIP areas with 20,000 people or fewer (Census 2000), which Safe Harbor
# requires to become 000 (45 CFR 164.514(b)(2)(i)(B)).
RESTRICTED_ZIP3 = frozenset(
    "036 059 063 102 203 556 692 790 821 823 830 831 878 879 884 890 893".split()
)


def zip_safe_harbor(value: str) -> str:
    """Keep the first three digits of a ZIP code, or 000 for a restricted area."""
    digits = re.sub(r"\D", "", value)[:3]
    prefix = "000" if digits in RESTRICTED_ZIP3 else digits
    return prefix + "**"


def placeholder(entity: str) -> str:
    return "90 or older" if entity == "AGE" else f"[{entity}]"


class Redactor:
    """Builds one clean replacement per span; overlapping spans are resolved before."""

    def __init__(self, settings: Redaction, hash_key: bytes | None) -> None:
        from presidio_anonymizer import AnonymizerEngine

        if settings.mode == "hash" and not hash_key:
            if settings.hash_key_env is None:
                raise ConfigError("redaction mode 'hash' needs a secret key: set redaction.hash-key-env to the name of an environment variable that holds it")
            raise ConfigError(f"redaction mode 'hash' needs a secret key: export {settings.hash_key_env} (named by redaction.hash-key-env)")
        self.settings = settings
        self._key = hash_key
        self._engine: AnonymizerEngine = AnonymizerEngine()

    def _operator(self, entity: str, zip_code: bool):  # type: ignore[no-untyped-def]
        from presidio_anonymizer.entities import OperatorConfig

        mode = self.settings.mode
        if mode == "remove":
            return OperatorConfig("redact", {})
        if mode == "mask":
            return OperatorConfig("mask", {"masking_char": self.settings.mask_char, "chars_to_mask": 10_000, "from_end": False})
        if mode == "hash":
            key = self._key or b""

            def keyed(value: str) -> str:
                digest = hmac.new(key, value.encode("utf-8"), hashlib.sha256).hexdigest()[:12]
                return f"[{entity}:{digest}]"

            return OperatorConfig("custom", {"lambda": keyed})
        if zip_code:
            return OperatorConfig("custom", {"lambda": zip_safe_harbor})
        return OperatorConfig("replace", {"new_value": placeholder(entity)})

    def redact(self, text: str, spans: Sequence[tuple[int, int, str, bool]]) -> str:
        """Redact (start, end, entity, is_zip) spans; they must not overlap."""
        if not spans:
            return text
        from presidio_anonymizer.entities import RecognizerResult

        results = []
        operators = {}
        for i, (start, end, entity, is_zip) in enumerate(spans):
            # A unique type per span lets each carry its own operator (ZIP vs LOCATION).
            key = f"{entity}#{i}"
            results.append(RecognizerResult(entity_type=key, start=start, end=end, score=1.0))
            operators[key] = self._operator(entity, is_zip)
        return self._engine.anonymize(text=text, analyzer_results=results, operators=operators).text


_ZIP_ONLY = re.compile(r"\d{5}(?:-\d{4})?")


def redact_findings(redactor: Redactor, text: str, findings: Iterable[Finding]) -> str:
    """Redact the PHI findings of a report in `text` (the checked text, or a file of the same
    length whose non-prose parts were blanked for checking)."""
    spans = sorted(
        (f.start, f.end, f.entity, f.entity == "LOCATION" and bool(_ZIP_ONLY.fullmatch(text[f.start : f.end])))
        for f in findings
        if f.category == "phi" and f.entity is not None and f.entity != "HEALTH_INFO" and f.end <= len(text)
    )
    return redactor.redact(text, spans)


def without(report: Report, text: str, drop: Iterable[int], config: Config, redactor: Redactor) -> Report:
    """`report` without the findings at the indexes in `drop` (suppressed in the content, ignored
    for the file, or accepted in a baseline): rescored, its pass/fail and redaction redone on
    `text`, the text that was checked. Needs no spaCy, so a process that only reports can use it."""
    from .models import SEVERITY_RANK, Report
    from .score import risk_score

    gone = set(drop)
    if not gone:
        return report
    keep = [i for i in range(len(report.findings)) if i not in gone]
    findings = [report.findings[i] for i in keep]
    sensitive = [report._sensitive[i] if i < len(report._sensitive) else False for i in keep]
    fail = SEVERITY_RANK[config.fail_on]
    out = Report(
        findings=findings,
        redacted_text=redact_findings(redactor, text, findings),
        score=risk_score(findings, sensitive),
        passed=not any(SEVERITY_RANK[f.severity] >= fail for f in findings),
        kind=report.kind,
        languages=report.languages,
    )
    out._sensitive = tuple(sensitive)
    return out
