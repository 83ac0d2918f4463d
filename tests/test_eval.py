"""The evaluation command: scoring rules, output, bad input, and regression floors on the corpora."""

from __future__ import annotations

import json
from pathlib import Path
from types import SimpleNamespace

import pytest

from phiguard.eval import Example, Label, load_examples, main, score

CORPORA = Path(__file__).resolve().parent.parent / "corpora"


def _f(code: str, start: int, end: int, severity: str = "error", entity: str | None = None) -> SimpleNamespace:
    cat = {"PHI": "phi", "TST": "testimonial", "CLM": "claim"}[code[:3]]
    return SimpleNamespace(code=code, start=start, end=end, severity=severity, entity=entity, category=cat)


def test_scoring_overlap_exact_and_clean_errors() -> None:
    text = "Congrats to Maria Gonzalez on finishing chemo!"
    labelled = Example("a", "post", text, False, [Label("PHI101", "NAME", 12, 26), Label("PHI201", "HEALTH_INFO", 40, 45)], "x")
    clean = Example("b", "post", "Flu shots are here.", True, [], "x")
    reports = [
        SimpleNamespace(findings=[_f("PHI101", 12, 17, entity="NAME"), _f("PHI201", 30, 35, entity="HEALTH_INFO")]),
        SimpleNamespace(findings=[_f("PHI101", 0, 3, severity="warning", entity="NAME")]),
    ]
    res = score([labelled, clean], reports)
    # "Maria" overlaps "Maria Gonzalez": found; the PHI201 finding misses its label: one FN, one FP
    assert (res.by_code["PHI101"].tp, res.by_code["PHI101"].fp) == (1, 1)  # the warning on the clean text is an FP
    assert (res.by_code["PHI201"].tp, res.by_code["PHI201"].fn, res.by_code["PHI201"].fp) == (0, 1, 1)
    assert res.by_category["phi"].tp == 1 and res.by_category["phi"].fn == 1
    # a warning is not an error: the clean text does not count as a false alarm
    assert res.by_kind_text["post"]["clean_with_error"] == 0
    exact = score([labelled, clean], reports, exact=True)
    assert exact.by_code["PHI101"].tp == 0


def test_command_prints_and_writes_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    corpus = tmp_path / "c.jsonl"
    rows = [
        {"id": "t1", "kind": "post", "text": "Congrats to Maria Gonzalez on finishing chemo!", "clean": False,
         "expect": [{"code": "PHI101", "match": "Maria Gonzalez", "entity": "NAME"}, {"code": "PHI201", "match": "chemo", "entity": "HEALTH_INFO"}]},
        {"id": "t2", "kind": "reply", "text": "Privacy law prevents us from discussing anyone's care; please call our office.", "clean": True, "expect": []},
    ]
    corpus.write_text("".join(json.dumps(r) + "\n" for r in rows))
    out = tmp_path / "out.json"
    assert main([str(corpus), "--json", str(out), "--misses"]) == 0
    printed = capsys.readouterr().out
    assert "clean texts with an error: 0.0%" in printed and "Maria" not in printed  # ids and codes only
    data = json.loads(out.read_text())
    assert data["rule"]["PHI101"]["recall"] == 1.0 and data["rule"]["PHI201"]["recall"] == 1.0
    assert data["texts"]["reply"] == {"clean": 1, "clean_with_error": 0, "clean_error_rate": 0.0, "flagged": 0, "flagged_with_error": 0}


def test_bad_corpus_is_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "x", "kind": "post", "text": "hi", "clean": false, "expect": [{"code": "PHI101", "match": "nope"}]}\n')
    assert main([str(bad)]) == 2
    assert main([str(tmp_path / "missing.jsonl")]) == 2
    err = capsys.readouterr().err
    assert "not a corpus line" in err and "no such corpus" in err and "Traceback" not in err


def test_corpora_regression_floors(linter_for_corpora: object) -> None:
    """Floors, not targets: the measured figures are in docs/accuracy.md. A change that drops the
    corpus PHI recall or raises the clean-text error rate past these fails here."""
    examples = load_examples(sorted((CORPORA / "en").glob("*.jsonl")))
    reports = []
    for kind in ("post", "blog", "reply"):
        group = [e for e in examples if e.kind == kind]
        reports += list(zip(group, linter_for_corpora.check_many((e.text for e in group), kind=kind)))  # type: ignore[attr-defined]
    res = score([e for e, _ in reports], [r for _, r in reports])
    phi = res.by_category["phi"]
    clean = sum(c["clean"] for c in res.by_kind_text.values())
    clean_err = sum(c["clean_with_error"] for c in res.by_kind_text.values())
    assert clean >= 150 and len(examples) >= 500
    assert clean_err / clean <= 0.03, res.clean_errors
    assert phi.recall is not None and phi.recall >= 0.92
    assert res.by_code["PHI303"].recall >= 0.9 and res.by_code["PHI301"].recall >= 0.88  # type: ignore[operator]
    tst = res.by_category["testimonial"]
    assert tst.tp + tst.fn >= 300  # labelled testimonial problems
    assert tst.precision is not None and tst.precision >= 0.9 and tst.recall is not None and tst.recall >= 0.9
    clm = res.by_category["claim"]
    assert clm.tp + clm.fn >= 300  # labelled claim problems
    assert clm.precision is not None and clm.precision >= 0.95 and clm.recall is not None and clm.recall >= 0.93


@pytest.fixture(scope="module")
def linter_for_corpora() -> object:
    from phiguard.config import load_config_file
    from phiguard.engine import Linter

    return Linter(load_config_file(CORPORA / ".phiguard.toml"))
