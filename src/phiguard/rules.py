"""Rule catalogue: loads and validates the YAML rule packs under rules/, and rule selection."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from ._resources import load_yaml, rules_dir
from .errors import ConfigError, RuleError
from .models import Category, Entity, Kind, Severity

# YAML files under rules/ that are detector data, not rule packs
DATA_FILES = frozenset({"identifiers.yaml", "context.yaml", "testimonial_cues.yaml", "claim_cues.yaml"})
CODE_RE = re.compile(r"^[A-Z]{3}\d{3}$")
NAME_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Example(_Strict):
    text: str
    kind: Kind = "post"
    consents: list[str] = Field(default_factory=list, description="Consent ids the example references.")


class Examples(_Strict):
    fail: list[Example] = Field(default_factory=list)
    pass_: list[Example] = Field(default_factory=list, alias="pass")


class Rule(_Strict):
    code: str
    name: str
    category: Category
    severity: Severity
    entities: list[Entity] = Field(default_factory=list)
    summary: str = Field(description="What it finds, one sentence.")
    why: str = Field(description="Why it matters.")
    message: str = Field(description="Default finding message; must not contain the matched text.")
    entity_messages: dict[Entity, str] = Field(default_factory=dict)
    citation: str
    suggestion: str | None = None
    examples: Examples = Field(default_factory=Examples)

    @field_validator("code")
    @classmethod
    def _code(cls, v: str) -> str:
        if not CODE_RE.match(v):
            raise ValueError("code must look like PHI101")
        return v

    @field_validator("name")
    @classmethod
    def _name(cls, v: str) -> str:
        if not NAME_RE.match(v):
            raise ValueError("name must be kebab-case")
        return v

    def message_for(self, entity: str | None) -> str:
        if entity is not None and entity in self.entity_messages:
            return self.entity_messages[entity]  # type: ignore[index]
        return self.message


class RulePack(_Strict):
    rules: list[Rule]


def load_pack(path: Path) -> list[Rule]:
    data = load_yaml(path)
    try:
        return RulePack.model_validate(data).rules
    except ValidationError as err:
        first = err.errors()[0]
        loc = ".".join(str(p) for p in first["loc"])
        raise RuleError(f"{path}: invalid rule at {loc}: {first['msg']}") from None


@lru_cache(maxsize=1)
def builtin_rules() -> dict[str, Rule]:
    """All shipped rules by code (packs are the *.yaml files directly under rules/)."""
    out: dict[str, Rule] = {}
    names: set[str] = set()
    for path in sorted(rules_dir().glob("*.yaml")):
        if path.name in DATA_FILES:
            continue
        for rule in load_pack(path):
            if rule.code in out or rule.name in names:
                raise RuleError(f"{path}: duplicate rule {rule.code} ({rule.name})")
            out[rule.code] = rule
            names.add(rule.name)
    return out


def _matches(rule: Rule, selector: str) -> bool:
    return rule.name == selector or rule.code.startswith(selector.upper()) if selector else False


def validate_selectors(selectors: list[str], rules: dict[str, Rule]) -> None:
    for sel in selectors:
        if sel.upper() == "ALL":
            continue
        if not any(_matches(r, sel) for r in rules.values()):
            raise ConfigError(f"unknown rule selector '{sel}': use a code (PHI101), a prefix (PHI1) or a name (phi-name)")


def selected_codes(select: list[str], ignore: list[str], rules: dict[str, Rule]) -> frozenset[str]:
    """Codes enabled by --select/--ignore: select (default all), then ignore."""
    validate_selectors(select + ignore, rules)
    chosen = {
        code
        for code, rule in rules.items()
        if not select or any(s.upper() == "ALL" or _matches(rule, s) for s in select)
    }
    chosen -= {code for code, rule in rules.items() if any(s.upper() == "ALL" or _matches(rule, s) for s in ignore)}
    return frozenset(chosen)
