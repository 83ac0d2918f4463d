"""Evaluate phiguard on labelled corpora and on an external set, side by side with Presidio.

    python -m phiguard.eval corpora/                 # every *.jsonl under corpora/, + external + Presidio
    python -m phiguard.eval corpora/en/replies.jsonl --json out.json --misses
    python -m phiguard.eval corpora/ --sample 120 --no-presidio      # a quick subset
    python -m phiguard.eval corpora/ --update-doc docs/accuracy.md --json out.json

**Our corpora.** Format and labelling conventions: corpora/README.md. Matching: a label is found
when a finding of the same rule code covers an overlapping span (``--match exact``: the same span).
Per category, any finding of that category overlapping the label counts; per entity, any finding
of that entity. Every finding that matches no label of its code is a false positive, on clean
texts too, whatever its severity. "Clean texts with an error" is the share of texts labelled clean
that got at least one error-severity finding: the number that decides whether people keep the
linter switched on. The practice allowlist the corpora assume (staff names, the practice's
contacts) is read from the phiguard config found for the corpus folder, as ``phiguard check``
would (corpora/.phiguard.toml).

**Identifiers, phiguard vs Presidio.** On the texts of the corpus files labelled for ``phi`` (not
the testimonial and claim files), the identifier labels (codes PHI101-PHI111 and PHI303, the
reviewer's name, which is a NAME like PHI101's: leaving it out would make every correct find of a
reviewer's name an extra for both tools) are compared per entity with phiguard's identifier
findings (the report above, with the corpora's practice allowlist) and with Presidio's default
``AnalyzerEngine`` (no allowlist: it has none), whose entities are mapped by ``PRESIDIO_ENTITY``.

**External set** (``--external DIR``, default ``../shared/external/presidio_research`` from the
current folder when it exists): synthetic PII sentences from microsoft/presidio-research in the
normalised format ``{"id", "text", "spans": [{"start", "end", "label", ...}]}`` (end exclusive),
read in place, never copied. phiguard runs with a default ``Config()`` (no practice allowlist),
kind ``post``, through ``Linter.check_many``. The set's labels map to phiguard's entities by
``EXTERNAL_ENTITY``; choices made there:

- PERSON -> NAME; STREET_ADDRESS, ADDRESS, ZIP_CODE -> LOCATION; DATE_TIME -> DATE;
  PHONE_NUMBER -> PHONE; EMAIL_ADDRESS -> EMAIL; US_SSN -> SSN; CREDIT_CARD, IBAN_CODE ->
  ACCOUNT_NUMBER; US_DRIVER_LICENSE -> LICENSE_NUMBER; DOMAIN_NAME -> URL; IP_ADDRESS -> IP_ADDRESS.
- AGE -> AGE only when its number is over 89 (Safe Harbor); an age of 89 or less is a
  non-Safe-Harbor span, like ORGANIZATION, TITLE, NRP and PREFIX: a finding that overlaps only
  such spans is a false positive (counted per label as "non-Safe-Harbor spans flagged"). An AGE
  span with no digits cannot be judged and is "don't care".
- GPE and LOCATION are "don't care": Safe Harbor covers places smaller than a state and the set
  does not say which a span is. They are not labels to find, and a finding that overlaps one (and
  no label it matches) is neither a hit nor a false positive; how many of them each tool
  overlapped is reported apart.
- An unknown label is an error (exit 2): every label must be mapped on purpose.

**Scoring of the side-by-side tables** (identifiers and external set, the same rules for both
tools). Only findings with an identifier entity are scored: phiguard's HEALTH_INFO findings,
findings with no entity and testimonial or claim findings are counted as "not scored"; Presidio's
entities map by ``PRESIDIO_ENTITY``, and NRP, ORGANIZATION and anything unmapped are "not scored".
Per entity, a label is found when a finding of its entity overlaps it (exact: has its span); a
PHONE label is also found by a FAX finding and a FAX label by a PHONE finding (Presidio has no
fax; a fax number is a phone number). A finding is an extra of its entity when it matches no
label it could find and overlaps no "don't care" span. The "all identifiers" row ignores the
entity: a label is found by any scored finding, a finding is an extra when it matches no label.
"Don't care" and "flagged" are always judged by overlap. The JSON output (``--json``) carries
every table in both modes, overlap and exact; the printed tables use ``--match``.

**Sampling** (``--sample N``, for CI): deterministic, no randomness. The corpora and the external
set are sampled apart, each to about N texts: every file of a set keeps every k-th non-blank line,
from its first, with k chosen so that it keeps at most ceil(N / number of files of the set) lines.

**Privacy.** Output holds ids, codes, labels and counts, never corpus or external text, unless
``--show-matches`` is given (with ``--misses``). ``--update-doc`` writes tables only.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import re
import shlex
import subprocess
import sys
import time
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timezone
from functools import lru_cache
from importlib import import_module
from pathlib import Path
from typing import Any

from .errors import PhiguardError
from .lang import LANGS

DEFAULT_EXTERNAL = Path("../shared/external/presidio_research")
DOC_BEGIN = "<!-- BEGIN generated by python -m phiguard.eval -->"
DOC_END = "<!-- END generated -->"

# The Safe Harbor identifier entities of phiguard's vocabulary (everything but HEALTH_INFO).
IDENTIFIER_ENTITIES = frozenset(
    {
        "NAME", "LOCATION", "DATE", "AGE", "PHONE", "FAX", "EMAIL", "SSN", "MRN", "HEALTH_PLAN_ID",
        "ACCOUNT_NUMBER", "LICENSE_NUMBER", "VEHICLE_ID", "DEVICE_ID", "URL", "IP_ADDRESS", "BIOMETRIC",
        "PHOTO", "SOCIAL_HANDLE", "OTHER_ID",
    }
)  # fmt: skip
# Corpus codes whose labels are identifiers: PHI101-PHI111, and PHI303 (the reviewer's name).
IDENTIFIER_CODES = frozenset({f"PHI1{n:02d}" for n in range(1, 12)} | {"PHI303"})
# A label of the key entity is also found by a finding of these entities.
ACCEPTS = {"PHONE": frozenset({"PHONE", "FAX"}), "FAX": frozenset({"FAX", "PHONE"})}

# External (presidio-research) label -> phiguard entity; AGE is decided by its number.
EXTERNAL_ENTITY = {
    "PERSON": "NAME",
    "STREET_ADDRESS": "LOCATION",
    "ADDRESS": "LOCATION",
    "ZIP_CODE": "LOCATION",
    "DATE_TIME": "DATE",
    "PHONE_NUMBER": "PHONE",
    "EMAIL_ADDRESS": "EMAIL",
    "US_SSN": "SSN",
    "CREDIT_CARD": "ACCOUNT_NUMBER",
    "IBAN_CODE": "ACCOUNT_NUMBER",
    "US_DRIVER_LICENSE": "LICENSE_NUMBER",
    "DOMAIN_NAME": "URL",
    "IP_ADDRESS": "IP_ADDRESS",
}
EXTERNAL_NOT_SAFE_HARBOR = frozenset({"ORGANIZATION", "TITLE", "NRP", "PREFIX"})
EXTERNAL_DONT_CARE = frozenset({"GPE", "LOCATION"})
AGE_LOW = "AGE <= 89"  # the non-Safe-Harbor label an age of 89 or less becomes

# Presidio entity type -> phiguard entity; NRP, ORGANIZATION and anything else: not scored.
PRESIDIO_ENTITY = {
    "PERSON": "NAME",
    "LOCATION": "LOCATION",
    "DATE_TIME": "DATE",
    "AGE": "AGE",
    "PHONE_NUMBER": "PHONE",
    "EMAIL_ADDRESS": "EMAIL",
    "EMAIL": "EMAIL",
    "US_SSN": "SSN",
    "CREDIT_CARD": "ACCOUNT_NUMBER",
    "IBAN_CODE": "ACCOUNT_NUMBER",
    "US_BANK_NUMBER": "ACCOUNT_NUMBER",
    "CRYPTO": "ACCOUNT_NUMBER",
    "US_DRIVER_LICENSE": "LICENSE_NUMBER",
    "MEDICAL_LICENSE": "LICENSE_NUMBER",
    "URL": "URL",
    "IP_ADDRESS": "IP_ADDRESS",
    "MAC_ADDRESS": "DEVICE_ID",  # a device identifier (Safe Harbor M), as phiguard maps it
    "US_PASSPORT": "OTHER_ID",
    "US_ITIN": "OTHER_ID",
    "UK_NHS": "OTHER_ID",
    "ID": "OTHER_ID",
    "UUID": "OTHER_ID",
}

MODES = ("overlap", "exact")


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
    lang: str = "en"  # the corpus folder's language (corpora/en, corpora/fr)


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


# -- reading ------------------------------------------------------------------------------


def _sample_every(count: int, per_file: int | None) -> int:
    """The k of "every k-th line": at most `per_file` of `count` lines (1 when not sampling)."""
    if per_file is None or count <= per_file:
        return 1
    return math.ceil(count / per_file)


def _numbered_lines(files: Sequence[Path], sample: int | None) -> Iterable[tuple[Path, int, str]]:
    """(file, line number, line) of the non-blank lines to read, every k-th of each file with --sample."""
    per_file = math.ceil(sample / len(files)) if sample and files else None
    for f in files:
        try:
            lines = [(n, line) for n, line in enumerate(f.read_text(encoding="utf-8").splitlines(), 1) if line.strip()]
        except (OSError, UnicodeDecodeError) as err:
            raise PhiguardError(f"{f}: cannot be read ({err.__class__.__name__})") from None
        k = _sample_every(len(lines), per_file)
        for n, line in lines[::k]:
            yield f, n, line


def corpus_files(paths: Iterable[Path]) -> list[Path]:
    out: list[Path] = []
    for path in paths:
        out += sorted(path.rglob("*.jsonl")) if path.is_dir() else [path]
    return out


def load_examples(paths: Iterable[Path], sample: int | None = None) -> list[Example]:
    out: list[Example] = []
    for f, n, line in _numbered_lines(corpus_files(paths), sample):
        try:
            row = json.loads(line)
            labels = []
            for e in row["expect"]:
                start = -1
                for _ in range(e.get("occurrence", 1)):
                    start = row["text"].index(e["match"], start + 1)
                labels.append(Label(e["code"], e.get("entity"), start, start + len(e["match"])))
            cats = frozenset(row.get("categories", ["phi"]))
            lang = f.parent.name if f.parent.name in LANGS else "en"
            out.append(Example(row["id"], row["kind"], row["text"], bool(row["clean"]), labels, f.name, cats, lang))
        except (KeyError, ValueError, TypeError, AttributeError) as err:
            raise PhiguardError(f"{f}:{n}: not a corpus line ({err.__class__.__name__}); see corpora/README.md") from None
    return out


@dataclass
class Gold:
    """A labelled span of a side-by-side table. `entity` None: not a Safe Harbor identifier."""

    entity: str | None
    start: int
    end: int
    label: str  # the source label (external label or corpus code)


@dataclass
class Found:
    """A scored finding, its entity in phiguard's vocabulary."""

    entity: str
    start: int
    end: int


@dataclass
class ExternalText:
    id: str
    text: str
    source: str
    gold: list[Gold]
    dont_care: list[Gold]


_DIGITS = re.compile(r"\d+")


def external_gold(label: str, span_text: str, start: int, end: int) -> tuple[Gold | None, Gold | None]:
    """(label to score, don't-care span) for one external span; KeyError for an unknown label."""
    if label in EXTERNAL_DONT_CARE:
        return None, Gold(None, start, end, label)
    if label == "AGE":
        m = _DIGITS.search(span_text)
        if m is None:
            return None, Gold(None, start, end, label)
        return (Gold("AGE", start, end, label) if int(m.group()) > 89 else Gold(None, start, end, AGE_LOW)), None
    if label in EXTERNAL_NOT_SAFE_HARBOR:
        return Gold(None, start, end, label), None
    return Gold(EXTERNAL_ENTITY[label], start, end, label), None


_EXTERNAL_FORMAT = 'expected {"id", "text", "spans": [{"start", "end", "label"}]}'


def load_external(directory: Path, sample: int | None = None) -> tuple[list[ExternalText], list[str]]:
    """The texts of every *.jsonl in `directory` (sorted by name), and the file names."""
    if not directory.is_dir():
        raise PhiguardError(f"{directory}: no such external-set folder (--external DIR, or --no-external)")
    files = sorted(directory.glob("*.jsonl"))
    if not files:
        raise PhiguardError(f"{directory}: no *.jsonl file in the external-set folder")
    out: list[ExternalText] = []
    for f, n, line in _numbered_lines(files, sample):
        where = f"{f}:{n}: not an external-set line"
        try:
            row = json.loads(line)
            text = row["text"]
            if not isinstance(text, str) or not isinstance(row["spans"], list):
                raise TypeError
            gold, dont_care = [], []
            for s in row["spans"]:
                start, end, label = s["start"], s["end"], s["label"]
                if not (isinstance(start, int) and isinstance(end, int) and isinstance(label, str)):
                    raise TypeError
                if not 0 <= start < end <= len(text) or ("text" in s and text[start:end] != s["text"]):
                    raise PhiguardError(f"{where} (a span does not fit its text)")
                if label not in EXTERNAL_ENTITY and label not in EXTERNAL_NOT_SAFE_HARBOR and label not in EXTERNAL_DONT_CARE and label != "AGE":
                    raise PhiguardError(f"{where} (unknown label {label[:40]!r}: map it in phiguard.eval)")
                g, d = external_gold(label, text[start:end], start, end)
                if g is not None:
                    gold.append(g)
                if d is not None:
                    dont_care.append(d)
            out.append(ExternalText(str(row["id"]), text, f.name, gold, dont_care))
        except (KeyError, ValueError, TypeError, AttributeError) as err:
            raise PhiguardError(f"{where} ({err.__class__.__name__}); {_EXTERNAL_FORMAT}") from None
    return out, [f.name for f in files]


# -- scoring: our corpora, per rule, category and entity -----------------------------------


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


# -- scoring: identifier spans, any tool ----------------------------------------------------


@dataclass
class SpanResults:
    by_entity: dict[str, Tally] = field(default_factory=lambda: defaultdict(Tally))
    all: Tally = field(default_factory=Tally)
    dont_care: Counter[str] = field(default_factory=Counter)  # labels, overlapped (spans), findings
    non_sh_labels: Counter[str] = field(default_factory=Counter)
    non_sh_flagged: Counter[str] = field(default_factory=Counter)
    not_scored: Counter[str] = field(default_factory=Counter)
    misses: list[tuple[str, str, str, str]] = field(default_factory=list)  # (id, "missed"/"extra", entity, span text)

    def as_dict(self) -> dict[str, Any]:
        return {
            "entity": {k: v.as_dict() for k, v in sorted(self.by_entity.items())},
            "all": self.all.as_dict(),
            "dont_care": {k: self.dont_care[k] for k in ("labels", "overlapped", "findings")},
            "non_safe_harbor": {k: {"labels": n, "flagged": self.non_sh_flagged[k]} for k, n in sorted(self.non_sh_labels.items())},
            "not_scored": dict(sorted(self.not_scored.items())),
        }


def _accepts(entity: str) -> frozenset[str]:
    return ACCEPTS.get(entity, frozenset({entity}))


def score_spans(items: Iterable[tuple[str, str, list[Gold], list[Gold], list[Found], Counter[str]]], exact: bool = False) -> SpanResults:
    """Score one tool's identifier findings against labelled spans (rules: module docstring).

    Each item is (id, text, labels, don't-care spans, scored findings, not-scored counts)."""
    res = SpanResults()
    for ex_id, text, gold, dont_care, found, not_scored in items:
        res.not_scored.update(not_scored)
        sh = [g for g in gold if g.entity]
        for g in sh:
            ok = _accepts(g.entity)  # type: ignore[arg-type]
            hit = [f for f in found if _overlap(f.start, f.end, g.start, g.end, exact)]
            if any(f.entity in ok for f in hit):
                res.by_entity[g.entity].tp += 1  # type: ignore[index]
            else:
                res.by_entity[g.entity].fn += 1  # type: ignore[index]
                res.misses.append((ex_id, "missed", g.entity, text[g.start : g.end]))  # type: ignore[arg-type]
            if hit:
                res.all.tp += 1
            else:
                res.all.fn += 1
        for g in gold:
            if not g.entity:
                res.non_sh_labels[g.label] += 1
                res.non_sh_flagged[g.label] += any(_overlap(f.start, f.end, g.start, g.end, False) for f in found)
        for d in dont_care:
            res.dont_care["labels"] += 1
            res.dont_care["overlapped"] += any(_overlap(f.start, f.end, d.start, d.end, False) for f in found)
        for f in found:
            matched = [g for g in sh if _overlap(f.start, f.end, g.start, g.end, exact)]
            on_dont_care = any(_overlap(f.start, f.end, d.start, d.end, False) for d in dont_care)
            if not any(f.entity in _accepts(g.entity) for g in matched):  # type: ignore[arg-type]
                if not on_dont_care:
                    res.by_entity[f.entity].fp += 1
                    res.misses.append((ex_id, "extra", f.entity, text[f.start : f.end]))
            if not matched:
                if on_dont_care:
                    res.dont_care["findings"] += 1
                else:
                    res.all.fp += 1
    return res


def phiguard_found(report: Any) -> tuple[list[Found], Counter[str]]:
    """phiguard's scored identifier findings, and the others counted by kind."""
    found, skipped = [], Counter[str]()
    for f in report.findings:
        if f.category == "phi" and f.entity in IDENTIFIER_ENTITIES:
            found.append(Found(f.entity, f.start, f.end))
        elif f.category != "phi":
            skipped[f.category] += 1
        else:
            skipped[f.entity or "no entity"] += 1
    return found, skipped


def presidio_found(results: Iterable[Any]) -> tuple[list[Found], Counter[str]]:
    """Presidio's results mapped to phiguard's entities, and the unmapped ones counted by type."""
    found, skipped = [], Counter[str]()
    for r in results:
        ent = PRESIDIO_ENTITY.get(r.entity_type)
        if ent is None:
            skipped[r.entity_type] += 1
        else:
            found.append(Found(ent, r.start, r.end))
    return found, skipped


def identifier_gold(ex: Example) -> list[Gold]:
    return [Gold(lab.entity, lab.start, lab.end, lab.code) for lab in ex.labels if lab.code in IDENTIFIER_CODES and lab.entity in IDENTIFIER_ENTITIES]


# -- running --------------------------------------------------------------------------------


@lru_cache(maxsize=2)
def presidio_engine(model: str) -> Any:
    """Presidio's default AnalyzerEngine (default recognizers) on the given installed spaCy model."""
    # phiguard.identifiers puts tldextract offline when imported; it must happen before Presidio's
    # EmailRecognizer first runs (it would fetch the public suffix list otherwise).
    import_module(f"{__package__}.identifiers")

    import spacy
    from presidio_analyzer import AnalyzerEngine
    from presidio_analyzer.nlp_engine import NlpEngineProvider

    if not (spacy.util.is_package(model) or Path(model).exists()):
        raise PhiguardError(f"spaCy model {model} is not installed; Presidio would download it (nothing is downloaded)")
    provider = NlpEngineProvider(nlp_configuration={"nlp_engine_name": "spacy", "models": [{"lang_code": "en", "model_name": model}]})
    return AnalyzerEngine(nlp_engine=provider.create_engine(), supported_languages=["en"])


def run_presidio(engine: Any, texts: Iterable[str]) -> list[tuple[list[Found], Counter[str]]]:
    return [presidio_found(engine.analyze(text=t, language="en")) for t in texts]


def _git_commit() -> str | None:
    here = Path(__file__).resolve().parent
    try:
        head = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=here, capture_output=True, text=True, timeout=10)
        if head.returncode != 0:
            return None
        dirty = subprocess.run(["git", "status", "--porcelain", "--untracked-files=no", "--", "src", "rules"], cwd=here.parent.parent, capture_output=True, text=True, timeout=10)
    except (OSError, subprocess.SubprocessError):
        return None
    # "+dirty": the code measured (src/, rules/) differs from the commit
    return head.stdout.strip() + ("+dirty" if dirty.returncode == 0 and dirty.stdout.strip() else "")


def _machine() -> dict[str, Any]:
    cpu = platform.processor() or None
    try:
        for line in Path("/proc/cpuinfo").read_text(encoding="utf-8", errors="replace").splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {"platform": platform.platform(), "cpu": cpu, "cores": os.cpu_count()}


def _version(dist: str) -> str | None:
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version(dist)
    except PackageNotFoundError:
        return None


def _check_doc(path: Path, begin_marker: str = DOC_BEGIN, end_marker: str = DOC_END) -> str:
    """The text of a document with a generated section between the two markers (else exit 2)."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as err:
        raise PhiguardError(f"{path}: cannot read the document to update ({err.__class__.__name__})") from None
    begin, end = text.find(begin_marker), text.find(end_marker)
    if begin < 0 or end < begin:
        raise PhiguardError(f"{path}: no '{begin_marker}' ... '{end_marker}' markers to replace between")
    return text


def _replace_generated(doc: str, generated: str, begin_marker: str = DOC_BEGIN, end_marker: str = DOC_END) -> str:
    begin = doc.index(begin_marker) + len(begin_marker)
    end = doc.index(end_marker, begin)
    return doc[:begin] + "\n" + generated.strip("\n") + "\n" + doc[end:]


# -- output ---------------------------------------------------------------------------------


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


def _language_rows(languages: dict[str, Any], match: str) -> list[list[Any]]:
    rows = []
    for lang, d in languages.items():
        t = d[match]
        for cat, v in t["category"].items():
            rows.append([lang, d["texts"], cat, v["tp"] + v["fn"], v["precision"], v["recall"], v["f1"], t["clean_error_rate"]])
    return rows


def render_languages(languages: dict[str, Any], match: str) -> str:
    lines = [f"per language (match: {match})", f"{'lang':<6}{'texts':>7}  {'category':<13}{'labels':>7}{'prec':>8}{'recall':>8}{'F1':>8}{'clean err':>11}"]
    for lang, n, cat, labels, p, r, f1, rate in _language_rows(languages, match):
        lines.append(f"{lang:<6}{n:>7}  {cat:<13}{labels:>7}{_fmt(p):>8}{_fmt(r):>8}{_fmt(f1):>8}{'-' if rate is None else f'{100 * rate:.1f}%':>11}")
    return "\n".join(lines)


def _rows(tools: dict[str, dict[str, Any]]) -> list[tuple[str, int, list[dict[str, Any]]]]:
    """(entity, labels, one tally per tool) for every entity any tool has a label or a finding of, then 'all identifiers'."""
    names = list(tools)
    entities = sorted({e for t in tools.values() for e in t["entity"]})
    out = []
    for e in entities:
        tallies = [tools[n]["entity"].get(e, {"tp": 0, "fn": 0, "fp": 0, "precision": None, "recall": None, "f1": None}) for n in names]
        labels = max(t["tp"] + t["fn"] for t in tallies)
        out.append((e, labels, tallies))
    alls = [tools[n]["all"] for n in names]
    out.append(("all identifiers", alls[0]["tp"] + alls[0]["fn"], alls))
    return out


def render_side_by_side(title: str, tools: dict[str, dict[str, Any]]) -> str:
    head = f"{'entity':<16}{'labels':>7}"
    for name in tools:
        head += f" | {name:<9}{'found':>6}{'extra':>6}{'prec':>7}{'recall':>7}{'F1':>7}"
    lines = [title, head]
    for key, labels, tallies in _rows(tools):
        line = f"{key:<16}{labels:>7}"
        for t in tallies:
            line += f" | {'':<9}{t['tp']:>6}{t['fp']:>6}{_fmt(t['precision']):>7}{_fmt(t['recall']):>7}{_fmt(t['f1']):>7}"
        lines.append(line)
    for name, t in tools.items():
        extra = []
        if t["dont_care"]["labels"]:
            dc = t["dont_care"]
            extra.append(f"don't care (GPE/LOCATION) {dc['overlapped']}/{dc['labels']} overlapped, {dc['findings']} findings on them")
        if t["non_safe_harbor"]:
            extra.append("non-Safe-Harbor spans flagged " + ", ".join(f"{k} {v['flagged']}/{v['labels']}" for k, v in t["non_safe_harbor"].items()))
        extra.append("not scored " + (", ".join(f"{k} {n}" for k, n in t["not_scored"].items()) or "none"))
        lines.append(f"  {name}: " + "; ".join(extra))
    return "\n".join(lines)


def _md_table(header: list[str], rows: list[list[Any]], left: int = 1) -> list[str]:
    """A Markdown table, the first `left` columns aligned left and the others (figures) right."""
    out = ["| " + " | ".join(header) + " |", "|" + "|".join("---" if i < left else "---:" for i in range(len(header))) + "|"]
    out += ["| " + " | ".join("–" if c is None else str(c) for c in row) + " |" for row in rows]
    return out


def _m(x: float | None) -> str | None:
    return None if x is None else f"{x:.3f}"


def _md_tallies(title: str, table: dict[str, dict[str, Any]]) -> list[str]:
    rows = [[k, t["tp"] + t["fn"], t["tp"], t["fp"], _m(t["precision"]), _m(t["recall"]), _m(t["f1"])] for k, t in table.items()]
    return [f"**per {title}**", "", *_md_table([title, "labels", "found", "extra", "precision", "recall", "F1"], rows), ""]


def _md_side_by_side(tools: dict[str, dict[str, Any]]) -> list[str]:
    header = ["entity", "labels"]
    for name in tools:
        header += [f"{name} found", "extra", "P", "R", "F1"]
    rows = []
    for key, labels, tallies in _rows(tools):
        row: list[Any] = [f"**{key}**" if key == "all identifiers" else key, labels]
        for t in tallies:
            row += [t["tp"], t["fp"], _m(t["precision"]), _m(t["recall"]), _m(t["f1"])]
        rows.append(row)
    return _md_table(header, rows)


def _md_not_scored(tools: dict[str, dict[str, Any]]) -> str:
    parts = [f"{name}: " + (", ".join(f"{k} {n}" for k, n in t["not_scored"].items()) or "none") for name, t in tools.items()]
    return "Findings not scored — " + "; ".join(parts) + "."


def render_markdown(data: dict[str, Any]) -> str:
    meta = data["meta"]
    m = meta["machine"]
    lines = [
        f"*Generated by `python -m phiguard.eval`; do not edit between the markers, run the command. The run took {meta['seconds']:.0f} s.*",
        "",
        *_md_table(
            ["", ""],
            [
                ["date", meta["date"]],
                ["machine", f"{m['platform']}; {m['cpu']}; {m['cores']} cores"],
                ["commit", f"`{meta['commit']}`" if meta["commit"] else "not a git checkout"],
                ["versions", f"phiguard {meta['version']}, Python {meta['python']}, {meta['model']}, presidio-analyzer {meta['presidio']}"],
                ["command", f"`{meta['command']}`"],
            ],
            left=2,
        ),
        "",
        f"### Our corpora ({data['texts_total']} texts, {len(data['files'])} files, match: {data['match']})",
        "",
    ]
    if data.get("languages"):
        rows = [[lang, n, cat, labels, _m(p), _m(r), _m(f1), None if rate is None else f"{100 * rate:.1f}%"] for lang, n, cat, labels, p, r, f1, rate in _language_rows(data["languages"], data["match"])]
        lines += ["**per language**", "", *_md_table(["language", "texts", "category", "labels", "precision", "recall", "F1", "clean texts with an error"], rows, left=3), ""]
    for title in ("category", "rule", "entity"):
        lines += _md_tallies(title, data[title])
    rows = []
    for kind, t in data["texts"].items():
        rate = None if t["clean_error_rate"] is None else f"{100 * t['clean_error_rate']:.1f}%"
        rows.append([kind, t["flagged"], t["flagged_with_error"], t["clean"], t["clean_with_error"], rate])
    rate = data["clean_error_rate"]
    lines += [
        "**texts by kind**",
        "",
        *_md_table(["kind", "labelled texts", "with an error finding", "clean texts", "with an error finding", "clean with an error"], rows),
        "",
        f"Clean texts with an error, all kinds: {'–' if rate is None else f'{100 * rate:.1f}%'}.",
        "",
    ]
    ident = data.get("identifiers")
    if ident:
        lines += [
            f"### Identifiers of our corpora, phiguard vs Presidio ({ident['texts']} texts of the {len(ident['files'])} files labelled for PHI)",
            "",
            "phiguard with the corpora's practice allowlist, Presidio's default `AnalyzerEngine` (it has no allowlist); labels PHI101–PHI111 and PHI303.",
            "",
        ]
        for mode in MODES:
            lines += [f"**match: {mode}**", "", *_md_side_by_side(ident[mode]), ""]
        lines += [_md_not_scored(ident["overlap"]), ""]
    ext = data.get("external")
    if ext:
        lines += [
            f"### External set: presidio-research, phiguard vs Presidio ({ext['texts']} texts{', sampled' if ext['sampled'] else ''}: {', '.join(ext['files'])})",
            "",
            "phiguard with a default `Config()` (no allowlist), kind `post`; Presidio's default `AnalyzerEngine`. Mapping and scoring: see above the generated section.",
            "",
        ]
        for mode in MODES:
            lines += [f"**match: {mode}**", "", *_md_side_by_side(ext[mode]), ""]
        tools = ext["overlap"]
        dc = next(iter(tools.values()))["dont_care"]
        lines += [
            f"\"Don't care\" spans (GPE, LOCATION): {dc['labels']}; overlapped by "
            + ", ".join(f"{name} {t['dont_care']['overlapped']} ({t['dont_care']['findings']} findings on them)" for name, t in tools.items())
            + ".",
            "",
        ]
        first = next(iter(tools.values()))
        if first["non_safe_harbor"]:
            header = ["non-Safe-Harbor label", "spans", *(f"overlapped by {name}" for name in tools)]
            rows = [[k, v["labels"], *(tools[n]["non_safe_harbor"][k]["flagged"] for n in tools)] for k, v in first["non_safe_harbor"].items()]
            lines += [*_md_table(header, rows), ""]
        lines += [_md_not_scored(tools), ""]
    elif data.get("external_note"):
        lines += [f"External set: {data['external_note']}", ""]
    return "\n".join(lines)


# -- command --------------------------------------------------------------------------------


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m phiguard.eval", description="Evaluate phiguard on labelled corpora and on an external set, side by side with Presidio."
    )
    parser.add_argument("paths", nargs="*", type=Path, default=[Path("corpora")], help="corpus files or folders (default: corpora)")
    parser.add_argument("--match", choices=MODES, default="overlap", help="span matching of the printed tables (JSON carries both)")
    parser.add_argument("--json", type=Path, metavar="FILE", help="also write the figures as JSON (every table in both match modes)")
    parser.add_argument("--misses", action="store_true", help="list missed labels and extra findings (ids and codes, no text)")
    parser.add_argument("--show-matches", action="store_true", help="with --misses: also print the missed and extra spans (corpus text)")
    parser.add_argument("--config", type=Path, help="phiguard config for the corpora (default: the one found for the first path)")
    ext = parser.add_mutually_exclusive_group()
    ext.add_argument("--external", type=Path, metavar="DIR", help=f"external set folder of *.jsonl (default: {DEFAULT_EXTERNAL} if it exists)")
    ext.add_argument("--no-external", action="store_true", help="skip the external set")
    parser.add_argument("--no-presidio", action="store_true", help="do not run Presidio side by side")
    parser.add_argument("--sample", type=int, metavar="N", help="about N texts of the corpora and N of the external set: every k-th line of each file")
    parser.add_argument("--update-doc", type=Path, metavar="FILE", help=f"replace the text between {DOC_BEGIN} and {DOC_END} in FILE with the tables")
    args = parser.parse_args(argv)
    command = shlex.join(["python", "-m", "phiguard.eval", *(sys.argv[1:] if argv is None else argv)])
    t0 = time.perf_counter()
    try:
        if args.sample is not None and args.sample < 1:
            raise PhiguardError("--sample takes a number of texts, 1 or more")
        for p in args.paths:
            if not p.exists():
                raise PhiguardError(f"{p}: no such corpus file or folder")
        doc = _check_doc(args.update_doc) if args.update_doc else None
        # every input is read and checked before the models load
        examples = load_examples(args.paths, args.sample)
        if not examples:
            raise PhiguardError("no corpus lines found")
        external_dir = args.external
        external_note = None
        if external_dir is None and not args.no_external:
            if DEFAULT_EXTERNAL.is_dir():
                external_dir = DEFAULT_EXTERNAL
            else:
                external_note = f"skipped ({DEFAULT_EXTERNAL} not found from {Path.cwd()}; --external DIR)"
                print(f"phiguard.eval: external set {external_note}", file=sys.stderr)
        elif args.no_external:
            external_note = "skipped (--no-external)"
        external, external_files = load_external(external_dir, args.sample) if external_dir else ([], [])

        from . import __version__
        from .config import Config, find_config_file, load_config_file
        from .engine import Linter

        cfg_path = args.config or find_config_file(args.paths[0].resolve() if args.paths[0].is_dir() else args.paths[0].resolve().parent)
        linter = Linter(load_config_file(cfg_path) if cfg_path else None)
        reports = []
        for kind in ("post", "blog", "reply"):
            group = [e for e in examples if e.kind == kind]
            reports += list(zip(group, linter.check_many((e.text for e in group), kind=kind)))
        order = {id(e): i for i, e in enumerate(examples)}
        reports.sort(key=lambda pair: order[id(pair[0])])
        ordered = [e for e, _ in reports]
        corpus_res = {mode: score(ordered, [r for _, r in reports], exact=mode == "exact") for mode in MODES}

        # identifiers of the PHI-labelled texts: phiguard's findings above, and Presidio's
        phi_pairs = [(e, r) for e, r in reports if "phi" in e.categories]
        tool_found: dict[str, list[tuple[list[Found], Counter[str]]]] = {"phiguard": [phiguard_found(r) for _, r in phi_pairs]}
        engine = None
        if not args.no_presidio and (phi_pairs or external):
            engine = presidio_engine(linter.model_name)
            tool_found["presidio"] = run_presidio(engine, (e.text for e, _ in phi_pairs))
        ident_res = {
            mode: {
                tool: score_spans(((e.id, e.text, identifier_gold(e), [], *fs) for (e, _), fs in zip(phi_pairs, found)), exact=mode == "exact")
                for tool, found in tool_found.items()
            }
            for mode in MODES
        }

        ext_res: dict[str, dict[str, SpanResults]] = {}
        if external:
            ext_linter = Linter(Config())
            ext_found = {"phiguard": [phiguard_found(r) for r in ext_linter.check_many((x.text for x in external), kind="post")]}
            if engine is not None:
                ext_found["presidio"] = run_presidio(engine, (x.text for x in external))
            ext_res = {
                mode: {
                    tool: score_spans(((x.id, x.text, x.gold, x.dont_care, *fs) for x, fs in zip(external, found)), exact=mode == "exact")
                    for tool, found in ext_found.items()
                }
                for mode in MODES
            }
        seconds = time.perf_counter() - t0

        meta = {
            "version": __version__,
            "match": args.match,
            "texts_total": len(examples),
            "files": sorted({e.source for e in examples}),
            "config": str(cfg_path) if cfg_path else None,
            "sample": args.sample,
        }
        data = to_json(corpus_res[args.match], meta)
        data["meta"] = {
            "version": __version__,
            "commit": _git_commit(),
            "date": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
            "python": platform.python_version(),
            "model": f"{linter.model_name} {linter.nlp.meta.get('version', '')}".strip(),
            "presidio": _version("presidio-analyzer"),
            "machine": _machine(),
            "command": command,
            "seconds": round(seconds, 1),
        }
        data["corpora"] = {mode: to_json(corpus_res[mode], {}) for mode in MODES}
        # per language of the corpus folders (corpora/en, corpora/fr), when there are several
        langs = sorted({e.lang for e in ordered})
        data["languages"] = (
            {
                lang: {
                    "texts": sum(e.lang == lang for e in ordered),
                    **{
                        mode: to_json(score([e for e in ordered if e.lang == lang], [r for e, r in reports if e.lang == lang], exact=mode == "exact"), {})
                        for mode in MODES
                    },
                }
                for lang in langs
            }
            if len(langs) > 1
            else None
        )
        data["identifiers"] = (
            {
                "texts": len(phi_pairs),
                "files": sorted({e.source for e, _ in phi_pairs}),
                "codes": sorted(IDENTIFIER_CODES),
                **{mode: {tool: r.as_dict() for tool, r in ident_res[mode].items()} for mode in MODES},
            }
            if phi_pairs
            else None
        )
        data["external"] = (
            {
                "dir": str(external_dir),
                "files": external_files,
                "texts": len(external),
                "sampled": args.sample is not None,
                **{mode: {tool: r.as_dict() for tool, r in ext_res[mode].items()} for mode in MODES},
            }
            if external
            else None
        )
        if external_note:
            data["external_note"] = external_note

        print(render(data))
        if data["languages"]:
            print()
            print(render_languages(data["languages"], args.match))
        if data["identifiers"]:
            print()
            title = f"identifiers of the {data['identifiers']['texts']} PHI-labelled texts, phiguard vs Presidio (match: {args.match})"
            print(render_side_by_side(title, data["identifiers"][args.match]))
        if data["external"]:
            print()
            title = f"external set {external_dir}: {len(external)} texts (match: {args.match})"
            print(render_side_by_side(title, data["external"][args.match]))
        print(f"\n{seconds:.0f} s")
        if args.misses:
            res = corpus_res[args.match]
            print("\nclean texts with an error:", ", ".join(f"{i} {'/'.join(c)}" for i, c in res.clean_errors) or "none")
            by: dict[tuple[str, str], list[str]] = defaultdict(list)
            for ex_id, what, code, _span in res.misses:
                by[(what, code)].append(ex_id)
            for (what, code), ids in sorted(by.items()):
                print(f"{what} {code} ({len(ids)}): {' '.join(ids)}")
            if args.show_matches:
                for ex_id, what, code, span in sorted(res.misses, key=lambda x: (x[2], x[1], x[0])):
                    print(f"  {code} {what:<6} {ex_id}: {span!r}")
            if ext_res:
                ext_misses = ext_res[args.match]["phiguard"].misses
                by = defaultdict(list)
                for ex_id, what, entity, _span in ext_misses:
                    by[(what, entity)].append(ex_id)
                for (what, entity), ids in sorted(by.items()):
                    print(f"external, phiguard {what} {entity} ({len(ids)}): {' '.join(ids)}")
                if args.show_matches:
                    for ex_id, what, entity, span in sorted(ext_misses, key=lambda x: (x[2], x[1], x[0])):
                        print(f"  external {entity} {what:<6} {ex_id}: {span!r}")
        if args.json:
            args.json.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
        if args.update_doc and doc is not None:
            args.update_doc.write_text(_replace_generated(doc, render_markdown(data)), encoding="utf-8")
    except PhiguardError as err:
        print(f"phiguard.eval: {err}", file=sys.stderr)
        return 2
    except OSError as err:
        print(f"phiguard.eval: {getattr(err, 'filename', None) or ''}: cannot write ({err.__class__.__name__})", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main())
