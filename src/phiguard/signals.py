"""The Signal record detectors emit: a typed span with a score, not yet a finding."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(slots=True)
class Signal:
    start: int
    end: int
    entity: str
    score: float
    source: str
    # detector-specific facts the rules read, e.g. {"zip": True} or {"role": "staff"}
    facts: dict[str, object] = field(default_factory=dict)

    def overlaps(self, other: Signal) -> bool:
        return self.start < other.end and other.start < self.end

    @property
    def length(self) -> int:
        return self.end - self.start
