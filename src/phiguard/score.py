"""The risk score: 0..100, monotone in severity, sensitivity and the number of findings.

    score = round(100 * (1 - prod(1 - w(f) * c(f) * m(f))))   over all findings f

w is the severity weight (error 0.6, warning 0.25, info 0.02), c the finding's confidence and m
the sensitivity multiplier: 1.4 for health information in a sensitive category (mental health,
substance use, HIV/STI, reproductive, genetic: PHI202, or a reply repeating such a fact), else 1;
each factor w*c*m is capped at 0.95. Adding a finding, raising its severity, confidence or
sensitivity never lowers the score. One confident error scores 50-60, a sensitive one 75-85,
three errors above 90.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from .models import Finding

WEIGHTS = {"error": 0.6, "warning": 0.25, "info": 0.02}
SENSITIVE_MULTIPLIER = 1.4
CAP = 0.95


def risk_score(findings: Iterable[Finding], sensitive: Sequence[bool] | None = None) -> int:
    keep = 1.0
    for i, f in enumerate(findings):
        m = SENSITIVE_MULTIPLIER if sensitive is not None and i < len(sensitive) and sensitive[i] else 1.0
        keep *= 1.0 - min(CAP, WEIGHTS[f.severity] * f.confidence * m)
    return max(0, min(100, round(100 * (1.0 - keep))))
