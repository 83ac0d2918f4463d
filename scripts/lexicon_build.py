"""What the lexicon build scripts share: reading a lexicon's words, and writing or checking the output."""

from __future__ import annotations

import sys
from pathlib import Path


def lexicon_words(path: Path) -> set[str]:
    """The lower-case first column of a lexicon file, without comments and blanks."""
    return {
        line.split("\t")[0].strip().lower()
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    }


def write_or_check(out: Path, text: str, check: bool, script: str, summary: str) -> int:
    """With check: exit status 1 if `out` differs from `text`; else write it and print `summary`."""
    if check:
        current = out.read_text(encoding="utf-8") if out.exists() else ""
        if current != text:
            print(f"{out} is out of date; run scripts/{script}", file=sys.stderr)
            return 1
        return 0
    out.write_text(text, encoding="utf-8")
    print(summary)
    return 0
