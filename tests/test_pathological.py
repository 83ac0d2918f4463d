"""Adversarial input must not hang: inputs that made parts of the stack quadratic."""

from __future__ import annotations

import time

from phiguard.engine import Linter, break_long_runs

# Each of these once took minutes per 100,000 characters (Presidio's URL pattern on dotted runs,
# spaCy's tokenizer on long emoji runs, Presidio's context lookup with thousands of numbers).
NASTY = {
    "dotted run": "a." * 20_000,
    "emoji run": "🎉" * 20_000,
    "numbers": "12-" * 10_000,
    "identifiers": "Call 555-0142, MRN 1234567, Dr. Smith at 12 Main St, Tucson AZ 85701. " * 400,
    # one sentence with no punctuation and thousands of health mentions (72 s before the
    # assertion scope was bounded), in French and in English
    "unpunctuated French": "la chimio de Marie " * 2_500,
    "unpunctuated English": "the chemo of Maria " * 2_500,
}


def test_break_long_runs_keeps_offsets() -> None:
    text = "see " + "x" * 600 + " and 🎉" + "🎉" * 100 + " ok"
    out = break_long_runs(text)
    assert len(out) == len(text)
    assert out[:4] == "see " and out.endswith(" ok")
    assert all(a == b or b == " " for a, b in zip(text, out))
    assert break_long_runs("https://example.org/a/b?c=d short text") == "https://example.org/a/b?c=d short text"


def test_pathological_inputs_finish(linter: Linter) -> None:
    # A generous bound: each input takes a few seconds now; before the fixes, minutes.
    for name, text in NASTY.items():
        t0 = time.perf_counter()
        report = linter.check(text)
        elapsed = time.perf_counter() - t0
        assert elapsed < 60, f"{name}: {elapsed:.0f}s"
        assert all(0 <= f.start < f.end <= len(text) for f in report.findings)
        assert len(report.redacted_text) > 0


def test_url_after_a_long_run_is_still_found(linter: Linter) -> None:
    text = "🎉" * 400 + " Please support Maria at gofundme.com/f/help-maria-heal after her surgery"
    report = linter.check(text)
    assert any(f.entity == "URL" for f in report.findings)
