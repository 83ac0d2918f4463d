"""Presidio, configured for phiguard: offline, known false positives off, phiguard's recognizers added.

Imported only when a Linter is built (it imports Presidio and spaCy).
"""

from __future__ import annotations

import logging
from bisect import bisect_right
from collections.abc import Callable
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

import regex

from ._resources import load_yaml, rules_dir
from .errors import RuleError
from .signals import Signal
from .validators import VALIDATORS


def _make_tldextract_offline() -> None:
    # Presidio's EmailRecognizer calls tldextract.extract(), whose default extractor
    # fetches the public suffix list over the network on first use and caches it in
    # the user's home. Replace it with one that uses the bundled snapshot only.
    import tldextract
    import tldextract.tldextract as _tx

    offline = tldextract.TLDExtract(suffix_list_urls=(), cache_dir=None, fallback_to_snapshot=True)
    _tx.TLD_EXTRACTOR = offline
    tldextract.TLD_EXTRACTOR = offline  # type: ignore[attr-defined]


_make_tldextract_offline()

from presidio_analyzer import AnalyzerEngine, EntityRecognizer, Pattern, PatternRecognizer, RecognizerRegistry, RecognizerResult  # noqa: E402
from presidio_analyzer.context_aware_enhancers import LemmaContextAwareEnhancer  # noqa: E402
from presidio_analyzer.nlp_engine import NlpArtifacts, SpacyNlpEngine  # noqa: E402
from presidio_analyzer.predefined_recognizers import (  # noqa: E402
    CreditCardRecognizer,
    EmailRecognizer,
    IbanRecognizer,
    IpRecognizer,
    MacAddressRecognizer,
    PhoneRecognizer,
    UrlRecognizer,
    UsClaimNumberRecognizer,
    UsHealthInsuranceMemberIdRecognizer,
    UsMbiRecognizer,
    UsPrescriptionNumberRecognizer,
    UsSsnRecognizer,
)

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

# Presidio logs every recognizer load at INFO and warns about unused languages.
logging.getLogger("presidio-analyzer").setLevel(logging.ERROR)

# Presidio entity type -> phiguard entity. Dates are phiguard's own (detect.date_signals):
# Presidio's DateRecognizer flags bare years and times, which Safe Harbor allows.
PRESIDIO_TO_PHIGUARD = {
    "EMAIL_ADDRESS": "EMAIL",
    "URL": "URL",
    "IP_ADDRESS": "IP_ADDRESS",
    "PHONE_NUMBER": "PHONE",
    "US_SSN": "SSN",
    "CREDIT_CARD": "ACCOUNT_NUMBER",
    "IBAN_CODE": "ACCOUNT_NUMBER",
    "US_MBI": "HEALTH_PLAN_ID",
    "US_HEALTH_INSURANCE_MEMBER_ID": "HEALTH_PLAN_ID",
    "US_PRESCRIPTION_NUMBER": "ACCOUNT_NUMBER",
    "US_CLAIM_NUMBER": "ACCOUNT_NUMBER",
    "MAC_ADDRESS": "DEVICE_ID",
}

SCORE_THRESHOLD = 0.4


class _SharedSpacyEngine(SpacyNlpEngine):
    """An NlpEngine around phiguard's already-loaded pipeline; it never loads or downloads."""

    def __init__(self, nlp: Language, lang: str = "en") -> None:
        super().__init__(models=[{"lang_code": lang, "model_name": nlp.meta.get("name", lang)}])
        self.nlp = {lang: nlp}

    def load(self) -> None:  # pragma: no cover - never called: the pipeline is loaded already
        return None


def _label_trigger(pattern: str) -> str | None:
    """The label alternatives of a pattern that starts with a lookbehind `(?<=\\b(?:A|B|...)...)`.

    Variable-length lookbehinds are tried at every position of the text; checking first, with
    one plain search, that a label occurs at all skips most texts (most posts have no "MRN").
    """
    head = "(?<=\\b(?:"
    if not pattern.startswith(head):
        return None
    depth, i = 1, len(head)
    while i < len(pattern) and depth:
        c = pattern[i]
        if c == "\\":
            i += 2
            continue
        depth += {"(": 1, ")": -1}.get(c, 0)
        i += 1
    return "\\b(?:" + pattern[len(head) : i - 1] + ")" if depth == 0 else None


class _ValidatedPatternRecognizer(PatternRecognizer):
    def __init__(self, *, validator: Callable[[str], bool] | None, labelled: bool = False, **kwargs: object) -> None:
        self._validator = validator
        self.labelled = labelled
        super().__init__(**kwargs)  # type: ignore[arg-type]
        triggers = [_label_trigger(p.regex) for p in self.patterns]
        self._trigger = regex.compile("|".join(t for t in triggers if t), regex.IGNORECASE) if all(triggers) else None

    def analyze(self, text, entities, nlp_artifacts=None, regex_flags=None):  # type: ignore[no-untyped-def]
        if self._trigger is not None and not self._trigger.search(text):
            return []
        return super().analyze(text, entities, nlp_artifacts, regex_flags)

    def validate_result(self, pattern_text: str) -> bool | None:
        return self._validator(pattern_text) if self._validator else None


class _Prefiltered:
    """A Presidio recognizer that first checks, with one cheap search, that the text holds
    something every one of its patterns needs (digits, an "@", a dot between digits…). Most posts
    hold no identifier, and the recognizer's own matching costs far more than the check."""

    _needs: regex.Pattern[str]

    def analyze(self, text, entities, nlp_artifacts=None, *args, **kwargs):  # type: ignore[no-untyped-def]
        if not self._needs.search(text):
            return []
        return super().analyze(text, entities, nlp_artifacts, *args, **kwargs)  # type: ignore[misc]


def _gated(base: type, needs: str, flags: int = 0, **kwargs: object) -> EntityRecognizer:
    """An instance of Presidio's recognizer `base`, skipped on texts where `needs` finds nothing.
    It keeps Presidio's name, so results say which recognizer found them as before."""
    cls = type(f"_Gated{base.__name__}", (_Prefiltered, base), {"_needs": regex.compile(needs, flags)})
    rec: EntityRecognizer = cls(**kwargs)
    rec.name = base.__name__
    return rec


def _prefiltered_recognizers(lang: str = "en") -> list[EntityRecognizer]:
    """Presidio's recognizers phiguard uses, each with the text it needs. Each `needs` is implied
    by every pattern of the recognizer (see presidio_analyzer.predefined_recognizers).

    For French texts: the same recognizers (the US ones find what a franglais post may hold), and
    French phone numbers too ("06 12 34 56 78"); Canadian numbers share the US country code."""
    sl = {"supported_language": lang}
    regions = ("US",) if lang == "en" else ("US", "FR")
    return [
        _gated(EmailRecognizer, r"@\w", **sl),
        _TokenUrlRecognizer(**sl),
        # an IPv4 address has a digit, a dot and a digit; every IPv6 form has a colon between hex digits or "::"
        _gated(IpRecognizer, r"\d\.\d|[0-9A-Fa-f]:[0-9A-Fa-f:]|::", **sl),
        # North American numbers only: the UK NHS recognizer (off) and other regions turned
        # ordinary US numbers into false positives. Every number python-phonenumbers accepts as
        # valid has 7 digits close together. One region is enough: for a national-format number
        # the matcher takes the region's country code (+1, shared by the US and Canada) and
        # validates it against the area code's own region, so "CA" found what "US" found, twice.
        _gated(PhoneRecognizer, r"\d(?:\D{0,4}\d){6}", supported_regions=regions, **sl),
        _gated(UsSsnRecognizer, r"\d{3}", **sl),
        _gated(CreditCardRecognizer, r"\d{4}", **sl),
        _gated(IbanRecognizer, r"[A-Z]{2}\d{2}", **sl),
        _gated(UsMbiRecognizer, r"\d[A-Za-z]", **sl),
        _gated(UsHealthInsuranceMemberIdRecognizer, r"\d", **sl),
        _gated(UsPrescriptionNumberRecognizer, r"\d{6}", **sl),
        _gated(UsClaimNumberRecognizer, r"\d{6}", **sl),
        _gated(MacAddressRecognizer, r"[0-9A-Fa-f]{2}[:-]|[0-9A-Fa-f]{4}\.", **sl),
    ]


# A token that can hold a link: Presidio's URL patterns all need a dot followed by a top-level
# domain, which starts with a letter.
_URL_CANDIDATE = regex.compile(r"\S*\.[^\W\d_]\S*")


class _TokenUrlRecognizer(UrlRecognizer):
    """Presidio's URL patterns, run on each whitespace-free token that could hold a link.

    Its pattern (`[a-z0-9.-]{1,253}[.](?:com|…)` over a 6,000-character list of TLDs) backtracks
    quadratically on dotted runs: 100,000 characters of "a.a.a…" took minutes. Real links have
    few dots; tokens with more than 12 are not links, and each token is matched on its own.
    """

    def analyze(self, text, entities, nlp_artifacts=None, regex_flags=None):  # type: ignore[no-untyped-def]
        out = []
        for m in _URL_CANDIDATE.finditer(text):
            token = m.group()
            if token.count(".") > 12 or len(token) > 2048:
                continue
            for r in super().analyze(token, entities, None, regex_flags):
                r.start += m.start()
                r.end += m.start()
                out.append(r)
        return out


def load_custom_recognizers(lang: str = "en") -> list[PatternRecognizer]:
    """Build the recognizers declared in rules/identifiers.yaml (and, for another language, those
    of rules/LANG/identifiers.yaml as well)."""
    out: list[PatternRecognizer] = []
    paths = [rules_dir() / "identifiers.yaml"]
    if lang != "en" and (rules_dir() / lang / "identifiers.yaml").is_file():
        paths.append(rules_dir() / lang / "identifiers.yaml")
    for path in paths:
        out += _recognizers_of(path, lang)
    return out


def _recognizers_of(path: Path, lang: str) -> list[PatternRecognizer]:
    try:
        data = load_yaml(path)
        definitions: dict[str, str] = data.get("definitions", {})
        out: list[PatternRecognizer] = []
        for spec in data["recognizers"]:
            patterns = []
            for p in spec["patterns"]:
                pattern = p["regex"]
                for key, value in definitions.items():
                    pattern = pattern.replace(f"<<{key}>>", value)
                patterns.append(Pattern(name=p["name"], regex=pattern, score=float(p["score"])))
            validator = spec.get("validator")
            if validator is not None and validator not in VALIDATORS:
                raise RuleError(f"{path}: unknown validator '{validator}' in {spec['name']}")
            out.append(
                _ValidatedPatternRecognizer(
                    validator=VALIDATORS[validator] if validator else None,
                    labelled=bool(spec.get("labelled", False)),
                    supported_entity=spec["entity"],
                    name=spec["name"],
                    patterns=patterns,
                    context=spec.get("context", []),
                    supported_language=lang,
                )
            )
        return out
    except (KeyError, TypeError, ValueError) as err:
        raise RuleError(f"{path}: malformed recognizer definition ({err})") from None


def _token_ends(tokens: Any, starts: list[int]) -> list[int]:
    """The end offset of each token: from the Doc's arrays when `tokens` is a Doc."""
    if hasattr(tokens, "to_array"):
        from spacy.attrs import IDX, LENGTH

        arr = tokens.to_array([IDX, LENGTH])
        return (arr[:, 0] + arr[:, 1]).tolist()
    return [i + len(t) for i, t in zip(starts, tokens)]


class _FastContextEnhancer(LemmaContextAwareEnhancer):
    """Presidio's context enhancer with a binary search for the token of a match.

    Presidio scans every token of the text for each result, which made a long document
    with thousands of identifiers quadratic (30 s for 18,000 characters of numbers).
    """

    _ends_for: tuple[object, object, list[int]] = (None, None, [])

    def _find_index_of_match_token(self, word, start, tokens, tokens_indices):  # type: ignore[no-untyped-def,override]
        # cached per Doc: the references (not ids) make a stale cache impossible
        if self._ends_for[0] is not tokens or self._ends_for[1] is not tokens_indices:
            self._ends_for = (tokens, tokens_indices, _token_ends(tokens, tokens_indices))
        ends = self._ends_for[2]
        i = bisect_right(ends, start)
        if i >= len(ends):
            raise ValueError(f"Did not find word '{word}' in the list of tokens although it is expected to be found")
        return i


class _Analyzer(AnalyzerEngine):
    """Presidio's AnalyzerEngine without its fixed costs per call: the supported entities are
    listed once, and a text no recognizer found anything in skips context enhancement (which
    deep-copies the results and walks every recognizer) instead of enhancing an empty list."""

    _entities: dict[str, list[str]]

    def get_supported_entities(self, language: str | None = None) -> list[str]:
        cache = self.__dict__.setdefault("_entities", {})
        key = language or ""
        if key not in cache:
            cache[key] = super().get_supported_entities(language)
        return list(cache[key])

    def _enhance_using_context(self, text, raw_results, nlp_artifacts, recognizers, context=None):  # type: ignore[no-untyped-def]
        if not raw_results:
            return []
        if any(type(r).enhance_using_context is not EntityRecognizer.enhance_using_context for r in recognizers):
            return super()._enhance_using_context(text, raw_results, nlp_artifacts, recognizers, context)
        # Every recognizer keeps EntityRecognizer.enhance_using_context, which returns its results
        # unchanged: Presidio's per-recognizer pass (two list scans for each of 26 recognizers)
        # only groups the results by recognizer, in the registry's order. Do that in one sort.
        key = RecognizerResult.RECOGNIZER_IDENTIFIER_KEY
        order = {r.id: i for i, r in enumerate(recognizers)}
        grouped = sorted((r for r in raw_results if r.recognition_metadata[key] in order), key=lambda r: order[r.recognition_metadata[key]])
        return self.context_aware_enhancer.enhance_using_context(
            text=text, raw_results=grouped, nlp_artifacts=nlp_artifacts, recognizers=recognizers, context=context
        )


class _DocArtifacts(NlpArtifacts):
    """Presidio's view of a Doc phiguard already parsed, built only as far as it is read: the
    token offsets, lemmas and keywords are needed only to enhance a result by its context, and
    most texts have no result."""

    def __init__(self, doc: Doc, nlp_engine: object) -> None:  # no super().__init__: it computes everything
        self.tokens = doc
        self.nlp_engine = nlp_engine

    @cached_property
    def entities(self) -> list[Any]:  # type: ignore[override]
        return list(self.tokens.ents)

    @cached_property
    def scores(self) -> list[float]:  # type: ignore[override]
        return [0.85] * len(self.entities)

    @cached_property
    def _columns(self) -> tuple[list[int], list[str], list[str]]:
        # one read of the Doc's arrays, not a Token object per token and per list
        from spacy.attrs import IDX, IS_PUNCT, IS_STOP, LOWER

        doc = self.tokens
        arr = doc.to_array([IDX, LOWER, IS_STOP, IS_PUNCT])
        strings = doc.vocab.strings
        starts = arr[:, 0].tolist()
        lower = [strings[h] for h in arr[:, 1].tolist()]
        # Presidio's NlpArtifacts.set_keywords, on the token's own stop and punctuation flags
        keywords = [w for w, (stop, punct) in zip(lower, arr[:, 2:4].tolist()) if not stop and not punct and w not in ("-pron-", "be")]
        return starts, lower, [part for w in keywords for part in w.split(":")]

    @cached_property
    def tokens_indices(self) -> list[int]:  # type: ignore[override]
        return self._columns[0]

    @cached_property
    def lemmas(self) -> list[str]:  # type: ignore[override]
        # the pipeline runs without a lemmatizer: lower-cased forms stand in for lemmas; the
        # context words phiguard and Presidio use are all base forms
        return self._columns[1]

    @cached_property
    def keywords(self) -> list[str]:  # type: ignore[override]
        return self._columns[2]


def build_analyzer(nlp: Language, lang: str = "en") -> AnalyzerEngine:
    """An AnalyzerEngine that shares `nlp`, with only the recognizers phiguard wants."""
    registry = RecognizerRegistry(supported_languages=[lang])
    for rec in (
        *_prefiltered_recognizers(lang),
        *load_custom_recognizers(lang),
    ):
        registry.add_recognizer(rec)
    # No SpacyRecognizer: phiguard reads PERSON/GPE/DATE from the shared Doc itself, with
    # role and hashtag filtering Presidio lacks; ORGANIZATION is never reported.
    return _Analyzer(
        registry=registry,
        nlp_engine=_SharedSpacyEngine(nlp, lang),
        supported_languages=[lang],
        context_aware_enhancer=_FastContextEnhancer(context_matching_mode="whole_word"),
    )


def artifacts_for(doc: Doc, analyzer: AnalyzerEngine) -> NlpArtifacts:
    """Presidio's view of a Doc phiguard already parsed (no second spaCy pass)."""
    return _DocArtifacts(doc, analyzer.nlp_engine)


def labelled_recognizers(analyzer: AnalyzerEngine) -> frozenset[str]:
    """Names of the recognizers declared `labelled: true` in rules/identifiers.yaml."""
    return frozenset(r.name for r in analyzer.registry.recognizers if getattr(r, "labelled", False))


def identifier_signals(doc: Doc, analyzer: AnalyzerEngine, text: str, labelled: frozenset[str] = frozenset()) -> list[Signal]:
    results = analyzer.analyze(
        text=text,
        language=analyzer.supported_languages[0],
        nlp_artifacts=artifacts_for(doc, analyzer),
        score_threshold=SCORE_THRESHOLD,
    )
    out: list[Signal] = []
    for r in results:
        entity = PRESIDIO_TO_PHIGUARD.get(r.entity_type, r.entity_type)
        source = (r.recognition_metadata or {}).get("recognizer_name", r.entity_type)
        facts: dict[str, object] = {"labelled": True} if source in labelled else {}
        out.append(Signal(r.start, r.end, entity, float(r.score), str(source), facts))
    return out
