"""Evaluate phiguard on labelled corpora: precision, recall and F1 per category, rule and entity.

    python -m phiguard.eval corpora/                 # every *.jsonl under corpora/
    python -m phiguard.eval corpora/en/replies.jsonl --json out.json --misses

Corpus format and labelling conventions: corpora/README.md. Matching: a label is found when a
finding of the same rule code covers an overlapping span (``--match exact``: the same span).
Per category, any finding of that category overlapping the label counts; per entity, any finding
of that entity. Every finding that matches no label of its code is a false positive, on clean
texts too, whatever its severity. "Clean texts with an error" is the share of texts labelled clean
that got at least one error-severity finding: the number that decides whether people keep the
linter switched on.

The practice allowlist the corpora assume (staff names, the practice's contacts) is read from the
phiguard config found for the corpus folder, as ``phiguard check`` would (corpora/.phiguard.toml).
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import PhiguardError


@dataclass
class Label:
    code: str
    entity: str | None
    start: int
    end: int


@dataclass
class Example:
    id: str
    kind: str
    text: str
    clean: bool
    labels: list[Label]
    source: str
    categories: frozenset[str] = frozenset({"phi"})  # what the text is labelled for


@dataclass
class Tally:
    tp: int = 0  # labels found
    fn: int = 0  # labels missed
    fp: int = 0  # findings matching no label

    @property
    def precision(self) -> float | None:
        found = self.tp + self.fp
        return self.tp / found if found else None

    @property
    def recall(self) -> float | None:
        total = self.tp + self.fn
        return self.tp / total if total else None

    @property
    def f1(self) -> float | None:
        p, r = self.precision, self.recall
        if p is None or r is None or p + r == 0:
            return None
        return 2 * p * r / (p + r)

    def as_dict(self) -> dict[str, Any]:
        return {"tp": self.tp, "fn": self.fn, "fp": self.fp, "precision": _r(self.precision), "recall": _r(self.recall), "f1": _r(self.f1)}


@dataclass
class Results:
    by_code: dict[str, Tally] = field(default_factory=lambda: defaultdict(Tally))
    by_category: dict[str, Tally] = field(default_factory=lambda: defaultdict(Tally))
    by_entity: dict[str, Tally] = field(default_factory=lambda: defaultdict(Tally))
    by_kind_text: dict[str, Counter[str]] = field(default_factory=lambda: defaultdict(Counter))
    misses: list[tuple[str, str, str, str]] = field(default_factory=list)  # (id, "missed"/"extra", code, span text)
    clean_errors: list[tuple[str, list[str]]] = field(default_factory=list)


def _r(x: float | None) -> float | None:
    return None if x is None else round(x, 3)


def load_examples(paths: Iterable[Path]) -> list[Example]:
    out: list[Example] = []
    for path in paths:
        files = sorted(path.rglob("*.jsonl")) if path.is_dir() else [path]
        for f in files:
            for n, line in enumerate(f.read_text(encoding="utf-8").splitlines(), 1):
                if not line.strip():
                    continue
                try:
                    row = json.loads(line)
                    labels = []
                    for e in row["expect"]:
                        start = -1
                        for _ in range(e.get("occurrence", 1)):
                            start = row["text"].index(e["match"], start + 1)
                        labels.append(Label(e["code"], e.get("entity"), start, start + len(e["match"])))
                    cats = frozenset(row.get("categories", ["phi"]))
                    out.append(Example(row["id"], row["kind"], row["text"], bool(row["clean"]), labels, f.name, cats))
                except (KeyError, ValueError, TypeError) as err:
                    raise PhiguardError(f"{f}:{n}: not a corpus line ({err.__class__.__name__}); see corpora/README.md") from None
    return out


def _overlap(a_start: int, a_end: int, b_start: int, b_end: int, exact: bool) -> bool:
    if exact:
        return a_start == b_start and a_end == b_end
    return a_start < b_end and b_start < a_end


def score(examples: list[Example], reports: Iterable[Any], exact: bool = False) -> Results:
    res = Results()
    for ex, rep in zip(examples, reports, strict=True):
        # findings of categories the text is not labelled for are not scored (a testimonial
        # corpus does not label PHI); on clean texts every error still counts below
        findings = [f for f in rep.findings if f.category in ex.categories]
        kt = res.by_kind_text[ex.kind]
        errors = [f for f in rep.findings if f.severity == "error"]
        if ex.clean:
            kt["clean"] += 1
            if errors:
                kt["clean_with_error"] += 1
                res.clean_errors.append((ex.id, sorted({f.code for f in errors})))
        else:
            kt["flagged"] += 1
            kt["flagged_found"] += bool(errors)
        # per code: labels found by a finding of the same code; findings matching no label are FPs
        used: set[int] = set()
        for lab in ex.labels:
            hits = [i for i, f in enumerate(findings) if f.code == lab.code and _overlap(f.start, f.end, lab.start, lab.end, exact)]
            if hits:
                res.by_code[lab.code].tp += 1
                used.update(hits)
            else:
                res.by_code[lab.code].fn += 1
                res.misses.append((ex.id, "missed", lab.code, ex.text[lab.start : lab.end]))
            cat = _category(lab.code)
            t = res.by_category[cat]
            if any(f.category == cat and _overlap(f.start, f.end, lab.start, lab.end, exact) for f in findings):
                t.tp += 1
            else:
                t.fn += 1
            if lab.entity:
                te = res.by_entity[lab.entity]
                if any(f.entity == lab.entity and _overlap(f.start, f.end, lab.start, lab.end, exact) for f in findings):
                    te.tp += 1
                else:
                    te.fn += 1
        for i, f in enumerate(findings):
            if i not in used:
                res.by_code[f.code].fp += 1
                res.misses.append((ex.id, "extra", f.code, ex.text[f.start : f.end]))
            if not any(_category(lab.code) == f.category and _overlap(f.start, f.end, lab.start, lab.end, exact) for lab in ex.labels):
                res.by_category[f.category].fp += 1
            if f.entity and not any(lab.entity == f.entity and _overlap(f.start, f.end, lab.start, lab.end, exact) for lab in ex.labels):
                res.by_entity[f.entity].fp += 1
    return res


def _category(code: str) -> str:
    return {"PHI": "phi", "TST": "testimonial", "CLM": "claim"}.get(code[:3], code[:3].lower())


def to_json(res: Results, meta: dict[str, Any]) -> dict[str, Any]:
    texts = {}
    for kind, c in sorted(res.by_kind_text.items()):
        texts[kind] = {
            "clean": c["clean"],
            "clean_with_error": c["clean_with_error"],
            "clean_error_rate": _r(c["clean_with_error"] / c["clean"]) if c["clean"] else None,
            "flagged": c["flagged"],
            "flagged_with_error": c["flagged_found"],
        }
    total_clean = sum(c["clean"] for c in res.by_kind_text.values())
    total_err = sum(c["clean_with_error"] for c in res.by_kind_text.values())
    return {
        **meta,
        "clean_error_rate": _r(total_err / total_clean) if total_clean else None,
        "texts": texts,
        "category": {k: v.as_dict() for k, v in sorted(res.by_category.items())},
        "rule": {k: v.as_dict() for k, v in sorted(res.by_code.items())},
        "entity": {k: v.as_dict() for k, v in sorted(res.by_entity.items())},
    }


def _fmt(x: float | None) -> str:
    return "   -" if x is None else f"{x:.3f}"


def render(data: dict[str, Any]) -> str:
    lines = [f"phiguard {data['version']} on {data['texts_total']} texts from {', '.join(data['files'])} (match: {data['match']})", ""]
    for title in ("category", "rule", "entity"):
        lines.append(f"{title:<16}{'labels':>7}{'found':>7}{'extra':>7}{'prec':>8}{'recall':>8}{'F1':>8}")
        for key, t in data[title].items():
            lines.append(f"{key:<16}{t['tp'] + t['fn']:>7}{t['tp']:>7}{t['fp']:>7}{_fmt(t['precision']):>8}{_fmt(t['recall']):>8}{_fmt(t['f1']):>8}")
        lines.append("")
    lines.append("texts by kind: labelled texts with an error finding / clean texts with an error finding")
    for kind, t in data["texts"].items():
        rate = "-" if t["clean_error_rate"] is None else f"{100 * t['clean_error_rate']:.1f}%"
        lines.append(f"  {kind:<6} {t['flagged_with_error']}/{t['flagged']} flagged   {t['clean_with_error']}/{t['clean']} clean with an error ({rate})")
    rate = data["clean_error_rate"]
    lines.append(f"clean texts with an error: {'-' if rate is None else f'{100 * rate:.1f}%'}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m phiguard.eval", description="Evaluate phiguard on labelled corpora.")
    parser.add_argument("paths", nargs="*", type=Path, default=[Path("corpora")], help="corpus files or folders (default: corpora)")
    parser.add_argument("--match", choices=("overlap", "exact"), default="overlap")
    parser.add_argument("--json", type=Path, metavar="FILE", help="also write the figures as JSON")
    parser.add_argument("--misses", action="store_true", help="list missed labels and extra findings (ids and codes, no text)")
    parser.add_argument("--show-matches", action="store_true", help="with --misses: also print the missed and extra spans (corpus text)")
    parser.add_argument("--config", type=Path, help="phiguard config (default: the one found for the first path)")
    args = parser.parse_args(argv)
    try:
        from . import __version__
        from .config import find_config_file, load_config_file
        from .engine import Linter

        for p in args.paths:
            if not p.exists():
                raise PhiguardError(f"{p}: no such corpus file or folder")
        examples = load_examples(args.paths)
        if not examples:
            raise PhiguardError("no corpus lines found")
        cfg_path = args.config or find_config_file(args.paths[0].resolve() if args.paths[0].is_dir() else args.paths[0].resolve().parent)
        linter = Linter(load_config_file(cfg_path) if cfg_path else None)
        reports = []
        for kind in ("post", "blog", "reply"):
            group = [e for e in examples if e.kind == kind]
            reports += list(zip(group, linter.check_many((e.text for e in group), kind=kind)))
        order = {id(e): i for i, e in enumerate(examples)}
        reports.sort(key=lambda pair: order[id(pair[0])])
        res = score([e for e, _ in reports], [r for _, r in reports], exact=args.match == "exact")
    except PhiguardError as err:
        print(f"phiguard.eval: {err}", file=sys.stderr)
        return 2
    meta = {
        "version": __version__,
        "match": args.match,
        "texts_total": len(examples),
        "files": sorted({e.source for e in examples}),
        "config": str(cfg_path) if cfg_path else None,
    }
    data = to_json(res, meta)
    print(render(data))
    if args.misses:
        print("\nclean texts with an error:", ", ".join(f"{i} {'/'.join(c)}" for i, c in res.clean_errors) or "none")
        by: dict[tuple[str, str], list[str]] = defaultdict(list)
        for ex_id, what, code, _span in res.misses:
            by[(what, code)].append(ex_id)
        for (what, code), ids in sorted(by.items()):
            print(f"{what} {code} ({len(ids)}): {' '.join(ids)}")
        if args.show_matches:
            for ex_id, what, code, span in sorted(res.misses, key=lambda x: (x[2], x[1], x[0])):
                print(f"  {code} {what:<6} {ex_id}: {span!r}")
    if args.json:
        args.json.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
