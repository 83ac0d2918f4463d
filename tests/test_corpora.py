"""The labelled corpora are well formed (scoring them is the evaluation command's job)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Literal

import pytest
from pydantic import BaseModel, ConfigDict, model_validator

from phiguard.models import ENTITIES

CORPORA = Path(__file__).resolve().parent.parent / "corpora"
FILES = sorted(CORPORA.rglob("*.jsonl"))
CODES = (
    {f"PHI1{n:02d}" for n in range(1, 12)}
    | {"PHI201", "PHI202", "PHI203", "PHI301", "PHI302", "PHI303", "PHI304"}
    | {f"TST40{n}" for n in (1, 3, 4, 5, 6, 7, 8)}
    | {f"CLM5{n:02d}" for n in range(1, 12)}
)
CATEGORIES = {"PHI": "phi", "TST": "testimonial", "CLM": "claim"}


class Expect(BaseModel):
    model_config = ConfigDict(extra="forbid")
    code: str
    match: str
    entity: str | None = None
    occurrence: int = 1


class Example(BaseModel):
    model_config = ConfigDict(extra="forbid")
    id: str
    kind: Literal["post", "reply", "blog"]
    text: str
    clean: bool
    expect: list[Expect]
    topic: str | None = None
    note: str | None = None
    categories: list[Literal["phi", "testimonial", "claim"]] = ["phi"]

    @model_validator(mode="after")
    def _consistent(self) -> Example:
        assert self.clean == (not self.expect), "clean must mean no expected finding"
        for e in self.expect:
            assert e.code in CODES, e.code
            assert CATEGORIES[e.code[:3]] in self.categories, f"{e.code} in a text labelled for {self.categories}"
            assert e.entity is None or e.entity in ENTITIES, e.entity
            assert self.text.count(e.match) >= e.occurrence, f"{e.match!r} not in text"
        return self


@pytest.mark.parametrize("path", FILES, ids=[p.name for p in FILES])
def test_corpus_file_is_well_formed(path: Path) -> None:
    ids = set()
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        ex = Example.model_validate(json.loads(line))
        assert ex.id not in ids, f"{path.name}:{n}: duplicate id {ex.id}"
        ids.add(ex.id)
