"""The public result types: Finding and Report (the stable contract integrators rely on)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr

Category = Literal["phi", "testimonial", "claim"]
Severity = Literal["error", "warning", "info"]
Kind = Literal["post", "reply", "blog"]
Entity = Literal[
    "NAME",
    "LOCATION",
    "DATE",
    "AGE",
    "PHONE",
    "FAX",
    "EMAIL",
    "SSN",
    "MRN",
    "HEALTH_PLAN_ID",
    "ACCOUNT_NUMBER",
    "LICENSE_NUMBER",
    "VEHICLE_ID",
    "DEVICE_ID",
    "URL",
    "IP_ADDRESS",
    "BIOMETRIC",
    "PHOTO",
    "SOCIAL_HANDLE",
    "OTHER_ID",
    "HEALTH_INFO",
]

ENTITIES: tuple[str, ...] = Entity.__args__  # type: ignore[attr-defined]
SEVERITY_RANK: dict[str, int] = {"info": 0, "warning": 1, "error": 2}
KINDS: tuple[str, ...] = Kind.__args__  # type: ignore[attr-defined]


class Finding(BaseModel):
    """One problem in the checked text. Never carries the matched text itself."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    code: str = Field(description="Stable rule code, e.g. PHI101.")
    name: str = Field(description="Stable kebab-case rule name, e.g. phi-name.")
    category: Category
    severity: Severity
    entity: Entity | None = Field(default=None, description="PHI entity type, None for other categories.")
    start: int = Field(ge=0, description="Character offset of the first character.")
    end: int = Field(ge=0, description="Character offset one past the last character.")
    message: str = Field(description="Plain-language explanation; never quotes the matched PHI.")
    citation: str
    suggestion: str | None = None
    confidence: float = Field(ge=0.0, le=1.0)


class Report(BaseModel):
    """The result of checking one text."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    findings: list[Finding]
    redacted_text: str
    score: int = Field(ge=0, le=100, description="Risk score, monotone in severity and count.")
    passed: bool = Field(description="No finding at or above the configured fail level.")
    kind: Kind = "post"
    languages: list[str] = Field(default_factory=lambda: ["en"], description="The languages the text was checked in ('en', 'fr'), in order of appearance.")
    # per finding: is it health information in a sensitive category (the score weighs it more);
    # kept so that a report filtered by suppressions or a baseline is scored the same way
    _sensitive: tuple[bool, ...] = PrivateAttr(default=())

    def counts(self) -> dict[str, int]:
        """Number of findings per severity."""
        out = {"error": 0, "warning": 0, "info": 0}
        for f in self.findings:
            out[f.severity] += 1
        return out
