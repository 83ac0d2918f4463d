"""The baseline: findings a team has accepted (a legacy repo adopting phiguard), so that a check
reports only new ones. Like detect-secrets' baseline, but it holds no PHI and no hash of it.

A finding's identity is a fingerprint of: its rule, its entity, the *shape* of the matched text
(letters and digits as classes: "Xxxxx Xxxxxxxx", "ddddddddd") and the words around it on its
line (up to 48 characters either side), with every
span phiguard found in that window (the match included) replaced by its rule code. The matched
text itself never enters the hash, so the fingerprint cannot be brute-forced back to an MRN or a
name the way a bare SHA-1 of a 9-digit number can. Line numbers are not part of it: a finding
whose line moved keeps its identity; one whose words or shape changed is new.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
import re
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from ._version import __version__
from .errors import ConfigError
from .models import Finding

BASELINE_VERSION = 1
CONTEXT_CHARS = 48  # characters of context on each side of a finding


class Entry(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    path: str = Field(description="POSIX path relative to the baseline file's folder.")
    code: str
    name: str
    line: int = Field(description="Where the finding was when accepted; a hint for people, not part of its identity.")
    row: int | None = Field(default=None, description="The export record, for CSV/JSON/JSONL.")
    fingerprint: str


class Baseline(BaseModel):
    model_config = ConfigDict(extra="forbid")

    version: int = BASELINE_VERSION
    generated_by: str = f"phiguard {__version__}"
    created: str
    updated: str | None = None
    findings: list[Entry] = Field(default_factory=list)


def _shape(s: str) -> str:
    s = re.sub(r"[^\W\d_]", lambda m: "X" if m.group(0).isupper() else "x", s)
    return re.sub(r"\d", "d", s)


def _norm(s: str) -> str:
    return re.sub(r"\s+", " ", s).strip().lower()


def fingerprints(checked: str, findings: Sequence[Finding]) -> list[str]:
    """The fingerprint of each finding of a report on `checked` (the text that was checked)."""
    out = []
    spans = sorted((f.start, f.end, f.code) for f in findings)
    for f in findings:
        # the window stops at line ends, so that edits to other lines leave the identity alone
        lo, hi = max(0, f.start - CONTEXT_CHARS), min(len(checked), f.end + CONTEXT_CHARS)
        lo = max(lo, checked.rfind("\n", 0, f.start) + 1)
        nl = checked.find("\n", f.end)
        hi = min(hi, nl) if nl >= 0 else hi
        pieces, pos = [], lo
        for start, end, code in spans:
            if end <= lo or start >= hi or start < pos:
                continue
            pieces.append(checked[pos:start])
            pieces.append(f"\x00{code}\x00")
            pos = end
        pieces.append(checked[pos:hi])
        context = _norm("".join(pieces))
        payload = "\x1f".join(("v1", f.code, f.entity or "", _shape(checked[f.start : f.end]), context))
        out.append(hashlib.sha256(payload.encode("utf-8")).hexdigest()[:32])
    return out


def relpath(path: str, base: Path) -> str:
    if path == "-":
        return "-"
    try:
        return Path(os.path.relpath(Path(path).resolve(), base.resolve())).as_posix()
    except ValueError:  # another drive on Windows
        return Path(path).as_posix()


def load(path: Path) -> Baseline:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(f"{path}: baseline not found; create it with phiguard baseline create") from None
    except (OSError, UnicodeDecodeError) as err:
        raise ConfigError(f"{path}: cannot read baseline ({err.__class__.__name__})") from None
    except json.JSONDecodeError as err:
        raise ConfigError(f"{path}: baseline is not valid JSON (line {err.lineno})") from None
    try:
        baseline = Baseline.model_validate(data)
    except ValidationError as err:
        first = err.errors()[0]
        raise ConfigError(f"{path}: not a phiguard baseline ({'.'.join(str(p) for p in first['loc'])}: {first['msg']})") from None
    if baseline.version != BASELINE_VERSION:
        raise ConfigError(f"{path}: baseline version {baseline.version} is not supported; recreate it with phiguard baseline create")
    return baseline


class Matcher:
    """Accepts each baselined finding once (two identical findings need two entries)."""

    def __init__(self, baseline: Baseline, base: Path) -> None:
        self.base = base
        self.left: Counter[tuple[str, str]] = Counter((e.path, e.fingerprint) for e in baseline.findings)

    def accepted(self, path: str, prints: Sequence[str]) -> list[int]:
        rel = relpath(path, self.base)
        drop = []
        for i, fp in enumerate(prints):
            if self.left[(rel, fp)] > 0:
                self.left[(rel, fp)] -= 1
                drop.append(i)
        return drop


class Writer:
    """Collects entries for `baseline create|update`."""

    def __init__(self, base: Path) -> None:
        self.base = base
        self.entries: list[Entry] = []

    def add(self, path: str, prints: Sequence[str], findings: Sequence[Finding], positions: Sequence[tuple[int, int]], row: int | None) -> None:
        rel = relpath(path, self.base)
        for fp, f, (line, _col) in zip(prints, findings, positions):
            self.entries.append(Entry(path=rel, code=f.code, name=f.name, line=line, row=row, fingerprint=fp))

    def write(self, target: Path, previous: Baseline | None) -> dict[str, Any]:
        today = dt.date.today().isoformat()
        entries = sorted(self.entries, key=lambda e: (e.path, e.row or 0, e.line, e.code, e.fingerprint))
        baseline = Baseline(created=previous.created if previous else today, updated=today if previous else None, findings=entries)
        text = json.dumps(baseline.model_dump(), indent=2, ensure_ascii=False) + "\n"
        tmp = target.with_name(target.name + ".tmp")
        tmp.write_text(text, encoding="utf-8")
        os.replace(tmp, target)
        old = Counter((e.path, e.fingerprint) for e in previous.findings) if previous else Counter()
        new = Counter((e.path, e.fingerprint) for e in entries)
        return {"findings": len(entries), "added": sum((new - old).values()), "removed": sum((old - new).values())}
