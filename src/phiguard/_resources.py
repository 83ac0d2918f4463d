"""Locates the data files (rules, lexicons) whether phiguard runs from a wheel or a checkout."""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import Any

from .errors import RuleError


@lru_cache(maxsize=1)
def rules_dir() -> Path:
    # In a wheel the top-level rules/ folder is packaged as phiguard/data/rules; in an
    # editable install or a source checkout it sits two levels above this file.
    here = Path(__file__).resolve().parent
    for candidate in (here / "data" / "rules", here.parent.parent / "rules"):
        if (candidate / "phi.yaml").is_file():
            return candidate
    raise RuleError("phiguard's rules folder is missing; reinstall phiguard")


def lexicon(name: str) -> list[str]:
    """Lines of rules/lexicons/NAME.txt, without comments and blanks."""
    path = rules_dir() / "lexicons" / f"{name}.txt"
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError:
        raise RuleError(f"lexicon {name} is missing; reinstall phiguard") from None
    return [ln.strip() for ln in lines if ln.strip() and not ln.lstrip().startswith("#")]


def _join(value: Any, where: str) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return "|".join(f"(?:{v})" for v in value)
    raise RuleError(f"{where}: must be a pattern or a list of patterns")


def pattern_file(name: str, flags_for: Callable[[str], int]) -> dict[str, Any]:
    """Compile rules/NAME, a YAML mapping of `regex` patterns (a list is joined with "|");
    `flags_for(key)` gives each pattern's flags. A mapping value is returned as it is."""
    import regex
    import yaml

    path = rules_dir() / name
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as err:
        raise RuleError(f"{path}: cannot read ({err.__class__.__name__})") from None
    if not isinstance(data, dict):
        raise RuleError(f"{path}: expected a mapping of patterns")
    out: dict[str, Any] = {}
    for key, value in data.items():
        if isinstance(value, dict):
            out[key] = value  # a table of data, not a pattern
            continue
        try:
            out[key] = regex.compile(_join(value, f"{name}: '{key}'"), flags_for(key))
        except regex.error as err:
            raise RuleError(f"{path}: pattern '{key}' does not compile ({err})") from None
    return out


class Gated:
    """Compiled cues seen from one text: a pattern with a `needs` list (the file's `needs`
    table) finds nothing in a text that holds none of its words. A plain substring test is much
    cheaper than trying a large alternation at every position."""

    def __init__(self, compiled: dict[str, Any], text: str) -> None:
        self._all = compiled
        low = text.lower()
        self._off = {k for k, words in compiled.get("needs", {}).items() if not any(w in low for w in words)}

    _never: Any = None  # a pattern that matches nothing, compiled on first use

    def __getitem__(self, key: str) -> Any:
        if key not in self._off:
            return self._all[key]
        if Gated._never is None:
            import regex

            Gated._never = regex.compile(r"(?!)")
        return Gated._never

    def __contains__(self, key: str) -> bool:
        return key not in self._off
