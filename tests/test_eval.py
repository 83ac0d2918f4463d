"""The evaluation command: scoring rules, output, bad input, and regression floors on the corpora."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from types import SimpleNamespace

import pytest

from phiguard.eval import DOC_BEGIN, DOC_END, Example, Found, Gold, Label, load_examples, main, phiguard_found, presidio_found, score, score_spans

CORPORA = Path(__file__).resolve().parent.parent / "corpora"
EXTERNAL = Path(__file__).resolve().parent / "data" / "external"  # invented sentences, the external set's format


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
    assert main([str(corpus), "--json", str(out), "--misses", "--no-external"]) == 0
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


def test_span_scoring_external_rules() -> None:
    """The side-by-side scoring: entity match, FAX for PHONE, non-Safe-Harbor spans, don't care, exact."""
    text = "Tobias Wren of Hollowbrook Freight, 93, moved to Albuquerque; call 617-555-0143; age 45."
    span = lambda s, entity, label: Gold(entity, text.index(s), text.index(s) + len(s), label)  # noqa: E731
    gold = [
        span("Tobias Wren", "NAME", "PERSON"),
        span("Hollowbrook Freight", None, "ORGANIZATION"),
        span("93", "AGE", "AGE"),
        span("617-555-0143", "PHONE", "PHONE_NUMBER"),
        span("45", None, "AGE <= 89"),
    ]
    dont_care = [span("Albuquerque", None, "GPE")]

    def at(s: str, entity: str, length: int | None = None) -> Found:
        i = text.index(s)
        return Found(entity, i, i + (length or len(s)))

    found = [
        at("Tobias Wren", "NAME", 6),  # "Tobias": overlaps, not exact
        at("Hollowbrook Freight", "NAME"),  # an organisation flagged: an extra
        at("Albuquerque", "LOCATION"),  # don't care: neither found nor extra
        at("617-555-0143", "FAX"),  # a fax finding finds a phone label
        at("93", "AGE"),
        at("45", "AGE"),  # an age under 90 is no identifier: an extra
    ]
    items = [("x", text, gold, dont_care, found, Counter({"ORGANIZATION": 2}))]
    res = score_spans(items)
    e = res.by_entity
    assert (e["NAME"].tp, e["NAME"].fn, e["NAME"].fp) == (1, 0, 1)
    assert (e["PHONE"].tp, e["FAX"].fp) == (1, 0)
    assert (e["AGE"].tp, e["AGE"].fp) == (1, 1)
    assert e["LOCATION"].tp + e["LOCATION"].fn + e["LOCATION"].fp == 0  # GPE: not a label, not an extra
    assert (res.all.tp, res.all.fn, res.all.fp) == (3, 0, 2)
    assert dict(res.dont_care) == {"labels": 1, "overlapped": 1, "findings": 1}
    assert res.non_sh_flagged == Counter({"ORGANIZATION": 1, "AGE <= 89": 1})
    assert res.not_scored == Counter({"ORGANIZATION": 2})
    exact = score_spans(items, exact=True)
    assert (exact.by_entity["NAME"].tp, exact.by_entity["NAME"].fn, exact.by_entity["NAME"].fp) == (0, 1, 2)
    assert exact.by_entity["AGE"].tp == 1 and exact.dont_care["findings"] == 1  # don't care is judged by overlap


def test_found_mapping() -> None:
    f = lambda cat, ent: SimpleNamespace(category=cat, entity=ent, start=0, end=4)  # noqa: E731
    found, skipped = phiguard_found(SimpleNamespace(findings=[f("phi", "NAME"), f("phi", "HEALTH_INFO"), f("phi", None), f("claim", None)]))
    assert [x.entity for x in found] == ["NAME"] and skipped == Counter({"HEALTH_INFO": 1, "no entity": 1, "claim": 1})
    r = lambda t: SimpleNamespace(entity_type=t, start=0, end=4)  # noqa: E731
    found, skipped = presidio_found([r("PERSON"), r("UK_NHS"), r("IBAN_CODE"), r("ORGANIZATION"), r("NRP")])
    assert [x.entity for x in found] == ["NAME", "OTHER_ID", "ACCOUNT_NUMBER"] and skipped == Counter({"ORGANIZATION": 1, "NRP": 1})


def test_sample_is_deterministic_and_spread() -> None:
    files = sorted((CORPORA / "en").glob("*.jsonl"))
    a = load_examples([CORPORA / "en"], sample=36)
    assert [e.id for e in a] == [e.id for e in load_examples([CORPORA / "en"], sample=36)]
    per_file = Counter(e.source for e in a)
    assert set(per_file) == {f.name for f in files}  # every file contributes
    assert max(per_file.values()) <= -(-36 // len(files)) and 30 <= len(a) <= 36


def _external_rows() -> list[dict]:
    return [json.loads(line) for f in sorted(EXTERNAL.glob("*.jsonl")) for line in f.read_text().splitlines() if line.strip()]


def test_eval_with_external_set_and_presidio(tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    """The real command on a corpus sample and the invented external fixture, phiguard and Presidio, offline."""
    import socket

    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("network access attempted")

    for name in ("create_connection", "getaddrinfo"):
        monkeypatch.setattr(socket, name, refuse)
    monkeypatch.setattr(socket.socket, "connect", refuse)
    doc = tmp_path / "accuracy.md"
    doc.write_text(f"# Title\n\nkept before\n\n{DOC_BEGIN}\nold tables\n{DOC_END}\n\nkept after\n")
    out = tmp_path / "out.json"
    assert main([str(CORPORA), "--sample", "40", "--external", str(EXTERNAL), "--json", str(out), "--update-doc", str(doc)]) == 0
    printed = capsys.readouterr().out
    data = json.loads(out.read_text())
    rows = _external_rows()
    spans = Counter(s["label"] for r in rows for s in r["spans"])

    # the existing keys, and every table in both modes
    assert "PHI101" in data["rule"] and set(data["texts"]) <= {"post", "blog", "reply"}
    assert set(data["corpora"]) == {"overlap", "exact"} and data["corpora"]["overlap"]["rule"] == data["rule"]
    for section in ("identifiers", "external"):
        for mode in ("overlap", "exact"):
            assert set(data[section][mode]) == {"phiguard", "presidio"}, (section, mode)
    ext = data["external"]
    assert ext["texts"] == len(rows) and ext["files"] == ["invented_pii.jsonl"]
    for tool in ("phiguard", "presidio"):
        t = ext["overlap"][tool]
        labels = {k: v["tp"] + v["fn"] for k, v in t["entity"].items() if v["tp"] + v["fn"]}
        # GPE is not a label to find; only the age over 89 is an AGE label
        assert labels["NAME"] == spans["PERSON"] and labels["LOCATION"] == spans["STREET_ADDRESS"] + spans["ZIP_CODE"]
        assert labels["AGE"] == 1 and labels["ACCOUNT_NUMBER"] == spans["CREDIT_CARD"] + spans["IBAN_CODE"]
        assert t["all"]["tp"] + t["all"]["fn"] == sum(labels.values()) == sum(spans.values()) - spans["GPE"] - sum(spans[k] for k in ("ORGANIZATION", "TITLE", "NRP", "PREFIX", "AGE")) + 1
        assert t["dont_care"]["labels"] == spans["GPE"]
        assert {k: v["labels"] for k, v in t["non_safe_harbor"].items()} == {"AGE <= 89": 1, "NRP": spans["NRP"], "ORGANIZATION": spans["ORGANIZATION"], "PREFIX": 1, "TITLE": 1}
        for ent in ("SSN", "EMAIL", "IP_ADDRESS"):
            assert t["entity"][ent]["recall"] == 1.0, (tool, ent)
        for key, ov in [*t["entity"].items(), ("all", t["all"])]:
            ex = ext["exact"][tool]["entity"].get(key) if key != "all" else ext["exact"][tool]["all"]
            assert ex is not None and ex["tp"] <= ov["tp"] and ex["fp"] >= ov["fp"], (tool, key)
    assert ext["overlap"]["presidio"]["not_scored"].get("ORGANIZATION", 0) >= 1  # Presidio's organisations are not scored
    ident = data["identifiers"]["overlap"]
    assert ident["phiguard"]["all"]["tp"] + ident["phiguard"]["all"]["fn"] == ident["presidio"]["all"]["tp"] + ident["presidio"]["all"]["fn"] > 0
    meta = data["meta"]
    assert meta["command"].startswith("python -m phiguard.eval ") and "--sample 40" in meta["command"]
    assert meta["machine"]["cores"] and meta["presidio"] and meta["python"] and meta["model"]

    # privacy: no text of the external set in the output or the document
    generated = doc.read_text()
    assert generated.startswith("# Title\n\nkept before\n\n" + DOC_BEGIN) and generated.endswith(DOC_END + "\n\nkept after\n")
    assert "old tables" not in generated and "**match: exact**" in generated and "all identifiers" in generated
    for s in (s["text"] for r in rows for s in r["spans"]):
        if len(s) > 3:
            assert s not in printed and s not in generated, s
    assert "phiguard" in printed and "presidio" in printed and "all identifiers" in printed


def test_default_external_missing_is_a_note(tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)  # no ../shared/external/presidio_research from here
    corpus = tmp_path / "c.jsonl"
    corpus.write_text(json.dumps({"id": "t1", "kind": "post", "text": "Flu shots are here.", "clean": True, "expect": []}) + "\n")
    assert main([str(corpus), "--no-presidio", "--json", "out.json"]) == 0
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "external set skipped" in err
    data = json.loads((tmp_path / "out.json").read_text())
    assert data["external"] is None and set(data["identifiers"]["overlap"]) == {"phiguard"}


@pytest.mark.parametrize(
    "content, message",
    [
        (None, "no such external-set folder"),
        ('{"id": "a", "text": "Hi Ann", "spans": [{"start": 3, "end": 6, "label": "PERSON"}]}\n{"id": "b", "text": "x"}\n', "bad.jsonl:2: not an external-set line"),
        ('{"id": "a", "text": "Hi Ann", "spans": [{"start": 3, "end": 9, "label": "PERSON"}]}\n', "a span does not fit its text"),
        ('{"id": "a", "text": "Hi Ann", "spans": [{"start": 3, "end": 6, "label": "PET_NAME"}]}\n', "unknown label"),
        ("{not json\n", "not an external-set line"),
    ],
)
def test_bad_external_is_exit_2(tmp_path: Path, capsys: pytest.CaptureFixture[str], content: str | None, message: str) -> None:
    folder = tmp_path / "ext"
    if content is not None:
        folder.mkdir()
        (folder / "bad.jsonl").write_text(content)
    assert main([str(CORPORA / "en" / "replies.jsonl"), "--external", str(folder)]) == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err and len(err.strip().splitlines()) == 1
    assert "Ann" not in err  # no text of the set in the message


def test_update_doc_needs_markers(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    doc = tmp_path / "doc.md"
    doc.write_text("# no markers here\n")
    assert main([str(CORPORA / "en" / "replies.jsonl"), "--no-external", "--update-doc", str(doc)]) == 2
    assert main([str(CORPORA / "en" / "replies.jsonl"), "--no-external", "--update-doc", str(tmp_path / "missing.md")]) == 2
    err = capsys.readouterr().err
    assert "markers" in err and "cannot read" in err and "Traceback" not in err
    assert doc.read_text() == "# no markers here\n"


@pytest.fixture(scope="module")
def linter_for_corpora() -> object:
    from phiguard.config import load_config_file
    from phiguard.engine import Linter

    return Linter(load_config_file(CORPORA / ".phiguard.toml"))


FRENCH_FLOORS = {
    # the first French corpus (280 texts): the French rule files were tuned on it
    "tuned": {"texts": 280, "clean_error": 0.05, "phi": (0.9, 0.93), "testimonial": (0.9, 0.9), "claim": (0.9, 0.9)},
    # the blind holdout (150 texts), measured at first contact, then two rounds of general fixes
    "holdout": {"texts": 150, "clean_error": 0.05, "phi": (0.83, 0.9), "testimonial": (0.85, 0.65), "claim": (0.9, 0.8)},
    # a second blind holdout (110 texts), measured at first contact, then a round on its clean texts
    # (the later rounds of general fixes moved every part)
    "holdout2": {"texts": 110, "clean_error": 0.08, "phi": (0.85, 0.88), "testimonial": (0.85, 0.75), "claim": (0.85, 0.6)},
    # a third (120 texts) and a fourth (92 texts) blind holdout, each measured at first contact, then
    # given rounds of general fixes
    "holdout3": {"texts": 120, "clean_error": 0.05, "phi": (0.75, 0.9), "testimonial": (0.85, 0.9), "claim": (0.9, 0.9)},
    "holdout4": {"texts": 92, "clean_error": 0.08, "phi": (0.8, 0.87), "testimonial": (0.85, 0.85), "claim": (0.9, 0.85)},
}


@pytest.mark.parametrize("part", sorted(FRENCH_FLOORS))
def test_french_corpus_regression_floors(linter_for_corpora: object, part: str) -> None:
    """Floors, not targets, for the French corpora (figures in docs/french.md)."""
    floors = FRENCH_FLOORS[part]
    files = [f for f in sorted((CORPORA / "fr").glob("*.jsonl")) if (f.name.split("_")[0] if f.name.startswith("holdout") else "tuned") == part]
    examples = load_examples(files)
    assert len(examples) >= floors["texts"] and {e.lang for e in examples} == {"fr"}
    reports = []
    for kind in ("post", "blog", "reply"):
        group = [e for e in examples if e.kind == kind]
        reports += list(zip(group, linter_for_corpora.check_many((e.text for e in group), kind=kind)))  # type: ignore[attr-defined]
    assert sum("fr" in r.languages for _, r in reports) >= 0.95 * len(reports)  # read as French
    res = score([e for e, _ in reports], [r for _, r in reports])
    clean = sum(c["clean"] for c in res.by_kind_text.values())
    clean_err = sum(c["clean_with_error"] for c in res.by_kind_text.values())
    assert clean >= floors["texts"] // 2 - 5 and clean_err / clean <= floors["clean_error"], res.clean_errors
    for cat in ("phi", "testimonial", "claim"):
        t, (p, r) = res.by_category[cat], floors[cat]
        assert t.precision is not None and t.precision >= p and t.recall is not None and t.recall >= r, (cat, t)
