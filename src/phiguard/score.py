"""The risk score: 0..100, monotone in the severity and the number of findings.

score = round(100 * (1 - prod(1 - w(f) * c(f)))) over all findings f, where w is the
severity weight (error 0.6, warning 0.25, info 0.02) and c the finding's confidence.
Adding a finding, or raising one's severity or confidence, never lowers the score; one
confident error scores about 50-60, three score above 90.
"""

from __future__ import annotations

from collections.abc import Iterable

from .models import Finding

WEIGHTS = {"error": 0.6, "warning": 0.25, "info": 0.02}


def risk_score(findings: Iterable[Finding]) -> int:
    keep = 1.0
    for f in findings:
        keep *= 1.0 - WEIGHTS[f.severity] * f.confidence
    return max(0, min(100, round(100 * (1.0 - keep))))
