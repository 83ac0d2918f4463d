"""The generated lexicons are what their build scripts write (only where the build extras are installed)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize(
    ("script", "needs"),
    [("build_name_lexicon.py", ("faker", "wordfreq")), ("build_health_lexicon.py", ("simple_icd_10_cm", "drug_named_entity_recognition", "wordfreq"))],
)
def test_generated_lexicon_is_current(script: str, needs: tuple[str, ...]) -> None:
    for module in needs:
        pytest.importorskip(module, reason="pip install -e '.[lexicons]' to check the generated lexicons")
    proc = subprocess.run([sys.executable, str(ROOT / "scripts" / script), "--check"], capture_output=True, text=True, timeout=300)
    assert proc.returncode == 0, proc.stderr


def test_term_matcher_finds_what_phrase_matcher_finds(linter) -> None:  # type: ignore[no-untyped-def]
    """detect.TermMatcher stands in for spaCy's PhraseMatcher(attr="LOWER") to save start-up time;
    it must build the same token sequences from every health term and return the same matches."""
    from spacy.matcher import PhraseMatcher

    nlp, matcher, terms = linter.nlp, linter.detector.health_matcher, linter.detector.lex.health_terms
    special = nlp.tokenizer.rules or {}
    capitals = [t.upper() for t in terms if any(w in special for w in t.split())]
    assert capitals  # "member id": the special-case path is exercised
    patterns = {}
    for doc in nlp.tokenizer.pipe([*terms, *capitals]):
        patterns.setdefault(tuple(t.lower_ for t in doc), doc)
    assert matcher.keys == frozenset(patterns)
    reference = PhraseMatcher(nlp.vocab, attr="LOWER")
    reference.add("HEALTH", list(patterns.values()))
    texts = [
        "Our patient came in for a ROOT CANAL and a root canal re-treatment; her type 2 diabetes and high blood pressure are stable.",
        "Member ID on file. member id 4417. Post-op care after knee replacement surgery, PTSD and anxiety; no cavities!",
        "Flu shots are here 💉 #flushot — walk in Mon–Fri. C-section, IVF, HIV/AIDS, Crohn's disease, x-ray, A1c.",
    ]
    for doc in nlp.pipe(texts):
        assert [(s, e) for _, s, e in matcher(doc)] == [(s, e) for _, s, e in reference(doc)], doc.text
        assert matcher(doc)  # each text holds health terms
