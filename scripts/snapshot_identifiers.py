"""Interim snapshot of the identifier core on corpora/en (until the evaluation command, issues 3 and 7).

For each corpus file: typed recall of the PHI1xx expectations (a finding of the same entity
overlapping the expected span) and the share of clean texts with an error-severity finding,
then up to 12 of those false alarms (ids and entity only, no text).

    python scripts/snapshot_identifiers.py
"""

import json
from collections import Counter
from pathlib import Path

from phiguard.engine import Linter

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    lin = Linter()
    for path in sorted((ROOT / "corpora" / "en").glob("*.jsonl")):
        rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        total = found = clean = err_clean = 0
        per, hit = Counter(), Counter()
        bad = []
        for r in rows:
            rep = lin.check(r["text"], kind=r["kind"])
            if r["clean"]:
                clean += 1
                errs = [f.entity for f in rep.findings if f.severity == "error"]
                if errs:
                    err_clean += 1
                    bad.append((r["id"], errs))
            for e in r["expect"]:
                if not e["code"].startswith("PHI1"):
                    continue
                t, s = r["text"], -1
                for _ in range(e.get("occurrence", 1)):
                    s = t.index(e["match"], s + 1)
                end = s + len(e["match"])
                total += 1
                per[e.get("entity")] += 1
                if any(f.entity == e.get("entity") and f.start < end and s < f.end for f in rep.findings):
                    found += 1
                    hit[e.get("entity")] += 1
        print(f"{path.name}: PHI1xx typed recall {found}/{total} = {found / max(total, 1):.3f}; clean texts with an error {err_clean}/{clean}")
        print("   ", {k: f"{hit[k]}/{per[k]}" for k in sorted(per)})
        for b in bad[:12]:
            print("    false alarm", b)


if __name__ == "__main__":
    main()
