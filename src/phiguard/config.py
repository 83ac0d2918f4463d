"""Configuration: the pydantic model, and discovery from pyproject.toml / .phiguard.toml."""

from __future__ import annotations

import os
import tomllib
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from .errors import ConfigError
from .models import KINDS

CONFIG_FILES = (".phiguard.toml", "pyproject.toml")


def _kebab(name: str) -> str:
    return name.replace("_", "-")


class _Section(BaseModel):
    model_config = ConfigDict(extra="forbid", alias_generator=_kebab, populate_by_name=True, frozen=True)


class Practice(_Section):
    """What belongs to the practice itself and is therefore never PHI."""

    names: list[str] = Field(default_factory=list, description="Names of the practice and its brands.")
    staff: list[str] = Field(default_factory=list, description="Providers and staff, e.g. 'Priya Nair'.")
    phones: list[str] = Field(default_factory=list)
    emails: list[str] = Field(default_factory=list)
    addresses: list[str] = Field(default_factory=list)
    domains: list[str] = Field(default_factory=list, description="Domains the practice owns, e.g. brightsmiles.com.")
    handles: list[str] = Field(default_factory=list, description="Social handles of the practice and staff.")


class Redaction(_Section):
    """How report.redacted_text replaces PHI."""

    mode: Literal["replace", "mask", "remove", "hash"] = "replace"
    mask_char: str = Field(default="*", min_length=1, max_length=1)
    hash_key_env: str | None = Field(
        default=None, description="Name of the environment variable holding the key for mode 'hash'."
    )


DEFAULT_INCLUDE = ("*.md", "*.markdown", "*.mdown", "*.mkd", "*.mdx", "*.html", "*.htm", "*.txt")


class Exports(_Section):
    """Social exports (CSV, TSV, JSON, JSONL): which field holds the text and which its kind."""

    field: str = Field(default="text", min_length=1, description="The record field or column holding the text.")
    kind_field: str | None = Field(default=None, description="The field holding post, reply or blog (else `kind`).")


class Config(_Section):
    """phiguard settings. Keys are kebab-case in TOML; unknown keys are an error."""

    kind: Literal["post", "reply", "blog"] = "post"
    fail_on: Literal["error", "warning", "info"] = "error"
    select: list[str] = Field(default_factory=list)
    ignore: list[str] = Field(default_factory=list)
    model: str | None = Field(default=None, description="spaCy pipeline name or path to use first.")
    lang: Literal["auto", "en", "fr"] = Field(
        default="auto", description="The language of the texts: auto (each text, or paragraph, in its own language), en or fr."
    )
    jurisdiction: Literal["US", "CA-QC", "CA-ON", "EU"] = Field(
        default="US", description="Where the practice publishes: CA-QC, CA-ON and EU tighten the testimonial, superlative and consent rules."
    )
    max_file_size: int = Field(default=2_000_000, gt=0, description="Bytes; larger files are refused.")
    consent_registry: str | None = Field(
        default=None, description="YAML or JSON file of consent records; relative to the config file."
    )
    include: list[str] = Field(default_factory=lambda: list(DEFAULT_INCLUDE), description="Globs of files a directory walk checks.")
    extend_include: list[str] = Field(default_factory=list, description="Globs added to include, e.g. 'social/*.csv'.")
    exclude: list[str] = Field(default_factory=list, description="Globs (gitignore syntax) of files and folders never walked into.")
    extend_exclude: list[str] = Field(default_factory=list)
    respect_gitignore: bool = Field(default=True, description="Skip what .gitignore files ignore when walking directories.")
    per_file_ignores: dict[str, list[str]] = Field(default_factory=dict, description="Glob -> codes, prefixes or names ignored in matching files.")
    practice: Practice = Field(default_factory=Practice)
    redaction: Redaction = Field(default_factory=Redaction)
    exports: Exports = Field(default_factory=Exports)

    @field_validator("select", "ignore")
    @classmethod
    def _strip(cls, v: list[str]) -> list[str]:
        return [s.strip() for s in v if s.strip()]

    def hash_key(self) -> bytes | None:
        """The keyed-hash key from the environment, if mode 'hash' is configured."""
        if self.redaction.hash_key_env is None:
            return None
        value = os.environ.get(self.redaction.hash_key_env)
        return value.encode() if value else None


def _format_validation_error(err: ValidationError, source: str) -> str:
    first = err.errors()[0]
    loc = ".".join(str(p) for p in first["loc"]) or "(top level)"
    if first["type"] == "extra_forbidden":
        return f"{source}: unknown key '{loc}' in phiguard config; see docs/configuration.md"
    return f"{source}: invalid value for '{loc}': {first['msg']}"


def config_from_mapping(data: dict[str, Any], source: str = "config") -> Config:
    """Validate a mapping (as found under [tool.phiguard]) into a Config."""
    try:
        return Config.model_validate(data)
    except ValidationError as err:
        raise ConfigError(_format_validation_error(err, source)) from None


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except tomllib.TOMLDecodeError as err:
        raise ConfigError(f"{path}: not valid TOML ({err})") from None
    except OSError as err:
        raise ConfigError(f"{path}: cannot read config ({err.strerror})") from None


def load_config_file(path: Path) -> Config:
    """Load an explicit config file (.phiguard.toml, or pyproject.toml's [tool.phiguard])."""
    data = _read_toml(path)
    tool = data.get("tool", {})
    if not isinstance(tool, dict):
        raise ConfigError(f"{path}: 'tool' must be a table")
    if path.name == "pyproject.toml":
        section = tool.get("phiguard", {})
    else:
        section = tool.get("phiguard", data) if "tool" in data else data
    if not isinstance(section, dict):
        raise ConfigError(f"{path}: [tool.phiguard] must be a table")
    cfg = config_from_mapping(section, str(path))
    if cfg.consent_registry and not Path(cfg.consent_registry).is_absolute():
        cfg = cfg.model_copy(update={"consent_registry": str(path.parent / cfg.consent_registry)})
    return cfg


def find_config_file(start: Path) -> Path | None:
    """Walk up from `start` to the filesystem root; the nearest file with phiguard config wins."""
    start = start.resolve()
    here = start if start.is_dir() else start.parent
    for directory in (here, *here.parents):
        for name in CONFIG_FILES:
            candidate = directory / name
            if not candidate.is_file():
                continue
            if name == "pyproject.toml":
                # an unrelated pyproject.toml (even a broken one) is not phiguard's business
                try:
                    raw = candidate.read_text(encoding="utf-8", errors="replace")
                except OSError:
                    continue
                if "phiguard" not in raw:
                    continue
                tool = _read_toml(candidate).get("tool", {})
                if not isinstance(tool, dict) or "phiguard" not in tool:
                    continue
            return candidate
    return None


def discover_config(start: Path) -> Config:
    """The config that applies to `start`, or the defaults."""
    path = find_config_file(start)
    return load_config_file(path) if path else Config()


__all__ = ["Config", "Exports", "Practice", "Redaction", "KINDS", "discover_config", "load_config_file", "config_from_mapping"]
