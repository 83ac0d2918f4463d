"""Locates the data files (rules, lexicons) whether phiguard runs from a wheel or a checkout."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

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
