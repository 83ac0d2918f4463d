"""Helpers shared by test modules (pytest puts this folder on sys.path: rootdir-relative imports)."""

from __future__ import annotations

from phiguard.engine import Linter
from phiguard.models import SEVERITY_RANK


def worst_by_code(linter: Linter, text: str, kind: str, category: str) -> dict[str, str]:
    """code -> the highest severity among the text's findings of `category`."""
    out: dict[str, str] = {}
    for f in linter.check(text, kind=kind).findings:
        if f.category == category and SEVERITY_RANK[f.severity] >= SEVERITY_RANK[out.get(f.code, "info")]:
            out[f.code] = f.severity
    return out
