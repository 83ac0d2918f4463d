"""Every rule file example runs: 'fail' examples raise that rule, 'pass' examples raise no error."""

from __future__ import annotations

import pytest

from phiguard.engine import Linter
from phiguard.rules import builtin_rules

RULES = builtin_rules()
FAILS = [(r.code, ex.text, ex.kind, ex.consents) for r in RULES.values() for ex in r.examples.fail]
PASSES = [(r.code, ex.text, ex.kind, ex.consents) for r in RULES.values() for ex in r.examples.pass_]


def test_every_rule_has_examples_both_ways() -> None:
    for rule in RULES.values():
        assert rule.examples.fail and rule.examples.pass_, rule.code


@pytest.mark.parametrize(("code", "text", "kind", "consents"), FAILS, ids=[f"{c}-{i}" for i, (c, *_) in enumerate(FAILS)])
def test_fail_example(linter: Linter, code: str, text: str, kind: str, consents: list[str]) -> None:
    assert code in {f.code for f in linter.check(text, kind=kind, consents=consents or None).findings}


@pytest.mark.parametrize(("code", "text", "kind", "consents"), PASSES, ids=[f"{c}-{i}" for i, (c, *_) in enumerate(PASSES)])
def test_pass_example(linter: Linter, code: str, text: str, kind: str, consents: list[str]) -> None:
    report = linter.check(text, kind=kind, consents=consents or None)
    assert code not in {f.code for f in report.findings}
    if code.startswith("PHI"):
        assert [f.code for f in report.findings if f.severity == "error"] == []
