"""Consent records: the registry of signed HIPAA authorizations a practice keeps for testimonials.

A registry is a YAML or JSON file::

    records:
      - id: C-2024-017
        subject: Linda Ramirez
        signed: 2024-03-02
        expires: 2026-03-02            # or expiry_event: "end of the spring campaign"
        revoked: null                  # the date the patient revoked it, if they did
        scope:
          name: true                   # the post may name the patient
          conditions: [knee replacement]
          photo: true
          quote: true
          channels: [website, facebook]  # empty: any channel
        authorization:                 # the core elements of 45 CFR 164.508(c)(1)
          information: name, photos and quote about her knee replacement
          disclosed_by: Desert Orthopedics
          recipients: the public, on the practice website and Facebook page
          purpose: marketing
          signature: true              # signed by the patient or a personal representative
          representative_authority: null  # if a representative signed: their authority
        statements:                    # the required statements of 164.508(c)(2)
          right_to_revoke: true
          treatment_not_conditioned: true
          redisclosure: true

Only the problems of a record are reported, never its subject, unless the user asks.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from .errors import ConfigError

ID_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.:/")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Scope(_Strict):
    """What the authorization lets the practice publish."""

    name: bool = Field(default=False, description="The post may name the patient.")
    conditions: list[str] = Field(default_factory=list, description="Health conditions, procedures or results the post may mention.")
    photo: bool = Field(default=False, description="Photos or video of the patient, before/after images.")
    quote: bool = Field(default=False, description="The patient's own words.")
    channels: list[str] = Field(default_factory=list, description="Where it may appear (website, facebook…); empty: anywhere.")


class Authorization(_Strict):
    """The core elements of 45 CFR 164.508(c)(1)."""

    information: str | None = Field(default=None, description="(i) the information to be used or disclosed")
    disclosed_by: str | None = Field(default=None, description="(ii) who may disclose it")
    recipients: str | None = Field(default=None, description="(iii) to whom")
    purpose: str | None = Field(default=None, description="(iv) the purpose")
    signature: bool = Field(default=False, description="(vi) signed by the patient or a personal representative")
    representative_authority: str | None = Field(default=None, description="(vi) a representative's authority to sign")
    express: bool = Field(
        default=False,
        description="Express (explicit) consent to this use of health data, which jurisdiction CA-QC (Law 25), CA-ON (PHIPA) and EU (GDPR Art. 9) require.",
    )


class Statements(_Strict):
    """The required statements of 45 CFR 164.508(c)(2)."""

    right_to_revoke: bool = False
    treatment_not_conditioned: bool = False
    redisclosure: bool = False


class ConsentRecord(_Strict):
    id: str = Field(min_length=1, max_length=64)
    subject: str = Field(min_length=1, description="The patient (personal data: never printed unless asked).")
    signed: dt.date | None = Field(default=None, description="(vi) the date of the signature")
    expires: dt.date | None = Field(default=None, description="(v) the expiration date…")
    expiry_event: str | None = Field(default=None, description="(v) …or event")
    revoked: dt.date | None = None
    scope: Scope = Field(default_factory=Scope)
    authorization: Authorization = Field(default_factory=Authorization)
    statements: Statements = Field(default_factory=Statements)

    @field_validator("id", mode="before")
    @classmethod
    def _id_text(cls, v: Any) -> Any:
        return str(v) if isinstance(v, int) and not isinstance(v, bool) else v  # `id: 2024017` in YAML

    @field_validator("id")
    @classmethod
    def _id(cls, v: str) -> str:
        if not set(v) <= ID_CHARS:
            raise ValueError("a consent id uses letters, digits and - _ . : / only")
        return v

    @model_validator(mode="after")
    def _dates(self) -> ConsentRecord:
        if self.signed and self.expires and self.expires < self.signed:
            raise ValueError("expires is before signed")
        return self

    def missing_elements(self) -> list[str]:
        """The 164.508(c) elements the record lacks, by their plain names."""
        a = self.authorization
        missing = [
            label
            for label, present in (
                ("what is disclosed", a.information),
                ("who discloses it", a.disclosed_by),
                ("to whom", a.recipients),
                ("purpose", a.purpose),
                ("expiry date or event", self.expires or self.expiry_event),
                ("signature", a.signature),
                ("signature date", self.signed),
            )
            if not present
        ]
        s = self.statements
        if not s.right_to_revoke:
            missing.append("right-to-revoke statement")
        if not s.treatment_not_conditioned:
            missing.append("treatment-not-conditioned statement")
        if not s.redisclosure:
            missing.append("redisclosure statement")
        return missing

    def problems(self, today: dt.date) -> list[str]:
        """Why the record authorizes nothing today (empty: it is valid)."""
        out = []
        if self.revoked is not None and self.revoked <= today:
            out.append("revoked")
        if self.expires is not None and self.expires < today:
            out.append("expired")
        if self.signed is not None and self.signed > today:
            out.append("signature date in the future")
        missing = self.missing_elements()
        if missing:
            out.append("missing " + ", ".join(missing))
        return out


class Registry(_Strict):
    records: list[ConsentRecord] = Field(default_factory=list)

    @model_validator(mode="after")
    def _unique(self) -> Registry:
        seen: set[str] = set()
        for r in self.records:
            if r.id in seen:
                raise ValueError(f"duplicate consent id {r.id}")
            seen.add(r.id)
        return self

    def get(self, consent_id: str) -> ConsentRecord | None:
        return next((r for r in self.records if r.id == consent_id), None)


def _first_error(err: ValidationError, data: Any) -> str:
    first = err.errors()[0]
    loc = list(first["loc"])
    where = ".".join(str(p) for p in loc) or "(top level)"
    # name the record by its id (not its subject) when the error is inside one
    if len(loc) >= 2 and loc[0] == "records" and isinstance(loc[1], int):
        try:
            rid = data["records"][loc[1]].get("id")
        except (KeyError, IndexError, TypeError, AttributeError):
            rid = None
        if rid:
            where = f"record {rid}: " + ".".join(str(p) for p in loc[2:])
    msg = first["msg"]
    if first["type"] == "extra_forbidden":
        msg = "unknown key"
    return f"{where}: {msg}"


def parse_registry(data: Any, source: str = "consent registry") -> Registry:
    """Validate parsed YAML/JSON (a mapping with `records`, or a bare list of records)."""
    if isinstance(data, list):
        data = {"records": data}
    if not isinstance(data, Mapping):
        raise ConfigError(f"{source}: a consent registry is a mapping with a 'records' list")
    try:
        return Registry.model_validate(data)
    except ValidationError as err:
        raise ConfigError(f"{source}: invalid consent registry: {_first_error(err, data)}") from None


def load_registry(path: Path | str) -> Registry:
    """Read and validate a registry file (.yaml, .yml or .json). Errors are one-line ConfigErrors."""
    p = Path(path)
    try:
        raw = p.read_bytes()
    except FileNotFoundError:
        raise ConfigError(f"{p}: consent registry not found") from None
    except OSError as err:
        raise ConfigError(f"{p}: cannot read consent registry ({err.strerror})") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise ConfigError(f"{p}: consent registry is not valid UTF-8") from None
    try:
        data = json.loads(text) if p.suffix.lower() == ".json" else yaml.safe_load(text)
    except json.JSONDecodeError as err:
        raise ConfigError(f"{p}: consent registry is not valid JSON (line {err.lineno})") from None
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        where = f" (line {mark.line + 1})" if mark is not None else ""
        raise ConfigError(f"{p}: consent registry is not valid YAML{where}") from None
    except ValueError as err:  # PyYAML's date constructor: "2025-02-30"
        raise ConfigError(f"{p}: consent registry has an impossible value ({err})") from None
    if data is None:
        data = {"records": []}
    return parse_registry(data, str(p))



def resolve(refs: Sequence[Any] | None, registry: Registry | None) -> list[tuple[str, ConsentRecord | None]]:
    """(id, record or None when the id is unknown) for each reference: an id looked up in the
    registry, or a record given directly (a ConsentRecord or a mapping)."""
    out: list[tuple[str, ConsentRecord | None]] = []
    for ref in refs or ():
        if isinstance(ref, ConsentRecord):
            out.append((ref.id, ref))
        elif isinstance(ref, Mapping):
            try:
                rec = ConsentRecord.model_validate(ref)
            except ValidationError as err:
                raise ConfigError(f"invalid consent record: {_first_error(err, {'records': [ref]})}") from None
            out.append((rec.id, rec))
        elif isinstance(ref, str):
            out.append((ref, registry.get(ref) if registry is not None else None))
        else:
            raise TypeError(f"a consent is an id (str), a ConsentRecord or a mapping, not {type(ref).__name__}")
    return out


__all__ = ["ConsentRecord", "Registry", "Scope", "Authorization", "Statements", "load_registry", "parse_registry", "resolve"]
