"""The Linter: one spaCy pass per text, shared with Presidio, then rules -> findings -> report."""

from __future__ import annotations

import itertools
import re
from bisect import bisect_right
import datetime as dt
from dataclasses import dataclass
from collections.abc import Iterable, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any

import regex

from . import detect as D
from .config import Config, config_from_mapping
from .claims import SOFTER
from .consent import ConsentRecord, Registry, load_registry, resolve
from .errors import ConfigError
from .lang import AUTO, check_lang, segments
from .context import SENSITIVE_LABELS, Context
from .models import ENTITIES, KINDS, SEVERITY_RANK, Finding, Report
from .rules import Rule, builtin_rules, selected_codes
from .redact import redact_findings, without
from .score import risk_score
from .signals import Signal

# Texts longer than this are split at paragraph or line breaks and checked piecewise, so a
# huge file never becomes one giant Doc. Posts and articles are far below it.
CHUNK_CHARS = 20_000

# Which detector outranks which when two spans overlap (higher wins, then longer, then score).
PRIORITY = {
    "EMAIL": 90, "URL": 85, "SSN": 80, "MRN": 80, "HEALTH_PLAN_ID": 78, "ACCOUNT_NUMBER": 75,
    "LICENSE_NUMBER": 75, "VEHICLE_ID": 76, "DEVICE_ID": 76, "IP_ADDRESS": 72, "FAX": 70, "PHONE": 68,
    "AGE": 66, "DATE": 60, "SOCIAL_HANDLE": 58, "PHOTO": 50, "BIOMETRIC": 50, "OTHER_ID": 45,
    "NAME": 40, "LOCATION": 35,
}


def _norm_digits(s: str) -> str:
    d = re.sub(r"\D", "", s)
    return d[1:] if len(d) == 11 and d.startswith("1") else d


ENTITY_SET = frozenset(ENTITIES)

# `jurisdiction` (RULES.md, "Beyond the US"): what a practice outside the US must do beyond HIPAA
# and the FTC. Physicians in Quebec (Code de déontologie des médecins, art. 88) and Ontario
# (O. Reg. 114/94, s. 6(1)) may not publish testimonials or superlatives at all, consent or not;
# Quebec, Ontario and the EU require express consent for health data.
TESTIMONIAL_BANS = {
    "CA-QC": "the Collège des médecins du Québec bars physicians from publishing patient testimonials, with or without consent",
    "CA-ON": "O. Reg. 114/94 bars Ontario physicians from publishing patient testimonials, with or without consent",
}
EXPRESS_CONSENT = {"CA-QC": "Quebec Law 25", "CA-ON": "Ontario PHIPA", "EU": "GDPR Art. 9"}
# the rules a jurisdiction makes errors whatever their default, each with the note its message gets
JURISDICTION_NOTES = {
    "CA-QC": {
        "TST401": "In Quebec a physician may not publish patient testimonials at all (Code de déontologie des médecins).",
        "CLM508": "In Quebec a physician may not advertise superiority over colleagues (Code de déontologie des médecins).",
    },
    "CA-ON": {
        "TST401": "In Ontario a physician may not publish patient testimonials at all (O. Reg. 114/94).",
        "CLM508": "In Ontario a physician may not use superlatives or comparisons in advertising (O. Reg. 114/94).",
    },
}

_SHARED: dict[str, tuple[Any, Any, D.Detector]] = {}
_PARSERS: dict[str, Any] = {}


def _parser(model_name: str) -> Any:
    """The dependency parser for the claim rules, loaded once per model on first use."""
    if model_name not in _PARSERS:
        from .nlp import load_parser

        _PARSERS[model_name] = load_parser(model_name)
    return _PARSERS[model_name]


class Linter:
    """Loads the spaCy pipeline and Presidio once; reuse it for every text."""

    def __init__(
        self,
        config: Config | Mapping[str, Any] | None = None,
        *,
        consents: Registry | str | Path | None = None,
    ) -> None:
        """`consents` is a consent registry (a Registry or the path of its file); without it, the
        config's `consent-registry` is loaded, if set."""
        from .identifiers import build_analyzer
        from .nlp import load_pipeline, resolve_model
        from .redact import Redactor

        if config is not None and not isinstance(config, Config):
            if not isinstance(config, Mapping):
                raise ConfigError(f"Linter takes a phiguard.Config or a mapping, not {type(config).__name__}")
            config = config_from_mapping(dict(config))
        self.config = config or Config()
        if consents is None and self.config.consent_registry:
            consents = self.config.consent_registry
        if consents is not None and not isinstance(consents, Registry):
            if not isinstance(consents, str | Path):
                raise ConfigError(f"consents takes a phiguard Registry or the path of a registry file, not {type(consents).__name__}")
            consents = load_registry(consents)
        self.registry: Registry | None = consents
        self.rules: dict[str, Rule] = builtin_rules()
        self.enabled = selected_codes(self.config.select, self.config.ignore, self.rules)
        self.entity_rule = {ent: rule for rule in self.rules.values() for ent in rule.entities}
        self.model_name = resolve_model(self.config.model)
        shared = _SHARED.get(self.model_name)
        if shared is None:
            # Linters with different configs (one per folder of a content repo) share the models.
            nlp = load_pipeline(self.model_name)
            shared = _SHARED[self.model_name] = (nlp, build_analyzer(nlp), D.Detector(nlp, D.Lexicons()))
        self.nlp, self.analyzer, self.detector = shared
        self.lang = check_lang(self.config.lang)
        # the parts of each language; French is built on the first French text
        self._langs: dict[str, _Parts] = {"en": _Parts.build("en", shared, lambda: _parser(self.model_name), D)}
        self.redactor = Redactor(self.config.redaction, self.config.hash_key())
        p = self.config.practice
        # each staff member's or practice name's words: a name made only of one of these is staff
        self.staff_names = tuple(
            words for n in (*p.staff, *p.names) if (words := frozenset(w.lower() for w in regex.findall(r"[\w'’-]+", n) if len(w) > 1))
        )
        self.allowed_phones = frozenset(_norm_digits(x) for x in p.phones)
        self.allowed_emails = frozenset(x.lower() for x in p.emails)
        self.allowed_domains = tuple(x.lower().removeprefix("www.") for x in p.domains)
        self.allowed_handles = frozenset(x.lower().lstrip("@") for x in p.handles)
        self.allowed_addresses = tuple(re.sub(r"\W+", " ", x.lower()).strip() for x in p.addresses)

    # -- public API ---------------------------------------------------------------------

    def check(
        self,
        text: str,
        kind: str | None = None,
        *,
        reviewer: str | None = None,
        consents: Sequence[str | ConsentRecord | Mapping[str, Any]] | None = None,
        channel: str | None = None,
        lang: str | None = None,
    ) -> Report:
        """Check one text. `kind` is 'post' (default from config), 'reply' or 'blog'.

        For a reply, `reviewer` is the reviewer's display name if the caller knows it: a reply
        that uses any part of it is reported as unmasking the reviewer (PHI303).

        `consents` are the consent records the text relies on for its testimonials: ids in the
        Linter's registry, or records given directly (ConsentRecord or mappings). `channel` is
        where the text will appear ("website", "instagram"…), checked against each record's scope.
        """
        return next(self.check_many([text], kind=kind, reviewers=[reviewer], consents=[consents], channels=[channel], lang=lang))

    def check_many(
        self,
        texts: Iterable[str],
        kind: str | None = None,
        *,
        batch_size: int = 64,
        reviewers: Iterable[str | None] | None = None,
        consents: Iterable[Sequence[str | ConsentRecord | Mapping[str, Any]] | None] | None = None,
        channels: Iterable[str | None] | None = None,
        kinds: Iterable[str | None] | None = None,
        lang: str | None = None,
    ) -> Iterator[Report]:
        """Check texts lazily, batching them through spaCy's nlp.pipe; yields one Report each.

        `reviewers`, `consents`, `channels` and `kinds`, if given, run alongside `texts`: for each
        text the reviewer's display name (replies), the consent references, the channel (see
        check()) and its kind (None: `kind`).

        `lang` forces the language ('en' or 'fr'); by default ('auto', or the config's `lang`) each
        text — each paragraph of a text that changes language — is checked in the language it is
        written in, and the French pipeline loads only when a French text appears.
        """
        k = self._kind(kind)
        if isinstance(texts, str):
            raise TypeError("check_many takes an iterable of texts, not one str; use check() for one text")
        forced = check_lang(lang) if lang is not None else self.lang
        pieces = _PieceStream(texts, reviewers, consents, channels, kinds, forced)
        current: list[tuple[int, list[Signal]]] = []
        current_text: str | None = None
        current_id = -1
        langs: list[str] = []
        for (text_id, _chunk, offset, full, last, extra, piece_lang), doc in self._docs(pieces, batch_size):
            if text_id != current_id:
                current, current_text, current_id, langs = [], full, text_id, []
            text_kind = self._kind(extra.kind) if extra.kind is not None else k
            current.append((offset, self._signals(doc, text_kind, extra.reviewer, piece_lang)))
            if piece_lang not in langs:
                langs.append(piece_lang)
            if last:
                assert current_text is not None
                yield self._report(current_text, current, text_kind, extra, langs)

    def _docs(self, pieces: Iterable[_Piece], batch_size: int) -> Iterator[tuple[_Piece, Any]]:
        """Each piece with its Doc, in order: a batch at a time, each language through its own
        pipeline."""
        it = iter(pieces)
        while batch := list(itertools.islice(it, batch_size)):
            by_lang: dict[str, list[int]] = {}
            for i, piece in enumerate(batch):
                by_lang.setdefault(piece[6], []).append(i)
            docs: list[Any] = [None] * len(batch)
            for lang, idx in by_lang.items():
                nlp = self._parts(lang).nlp
                for i, doc in zip(idx, nlp.pipe([batch[i][1] for i in idx], batch_size=batch_size)):
                    docs[i] = doc
            yield from zip(batch, docs)

    def _parts(self, lang: str) -> _Parts:
        parts = self._langs.get(lang)
        if parts is None:
            from . import french

            key = f"fr:{self.model_name}"
            shared = _SHARED.get(key)
            if shared is None:
                shared = _SHARED[key] = french.load_french(self.detector)
            parts = self._langs[lang] = _Parts.build("fr", shared, None, french.CUES)
        return parts

    def redact(self, text: str, findings: Iterable[Finding]) -> str:
        """Redact the PHI findings of a report in `text` (the checked text, or a file of the same
        length whose non-prose parts were blanked for checking), with the configured mode."""
        return redact_findings(self.redactor, text, findings)

    # -- internals ----------------------------------------------------------------------

    def _kind(self, kind: str | None) -> str:
        k = kind or self.config.kind
        if k not in KINDS:
            raise ConfigError(f"unknown kind '{k}': use one of {', '.join(KINDS)}")
        return k

    def _signals(self, doc, kind: str, reviewer: str | None = None, lang: str = "en") -> list[Signal]:  # type: ignore[no-untyped-def]
        text = doc.text
        if not text.strip():
            return []
        parts = self._parts(lang)
        det = parts.detector
        raw: list[Signal] = []
        raw += self._analyze(doc, text, parts)
        raw += det.name_signals(doc, text)
        raw += det.age_signals(text)
        raw += det.date_signals(doc, text)
        raw += det.location_signals(doc, text)
        raw += det.handle_signals(text)
        raw += det.photo_signals(text)
        raw += det.biometric_signals(text)
        health = det.health_signals(doc)
        raw += det.possessor_signals(text, health)
        for sig in raw:
            # an entity span may run over a line break ("Linda Ramirez\n"): findings cover the words
            while sig.end > sig.start and text[sig.end - 1].isspace():
                sig.end -= 1
            while sig.start < sig.end and text[sig.start].isspace():
                sig.start += 1
        sents = D.Sentences(doc)
        kept, staff_words = self._filter(text, raw, health, sents, kind, parts)
        places = [(e.start_char, e.end_char) for e in doc.ents if e.label_ in {"GPE", "LOC", "FAC", "ORG"}]
        found = parts.context.apply(text, sents, kept, health, places, kind, reviewer)
        # a public figure whose health is public knowledge is nobody's PHI ("Céline Dion a parlé…")
        phi = [s for s in kept if not s.facts.get("unlinked") and s.facts.get("role") != "public"]
        def is_staff_name(words: str) -> bool:
            """A phrase whose capitalised words all belong to one staff member (the roster, or
            someone this text introduces as staff) or to the practice's name."""
            caps = {w.lower() for w in regex.findall(r"\p{Lu}[\p{L}'’-]+", words)}
            return bool(caps) and (caps <= staff_words or any(caps <= staff for staff in self.staff_names))

        testimonials = parts.testimonials.signals(text, sents.of, kind, phi, health, is_staff_name)
        claims = parts.claims.signals(text, sents.of, kind, phi, health)
        return phi + found + testimonials + claims

    @staticmethod
    def _analyze(doc, text: str, parts: _Parts) -> list[Signal]:  # type: ignore[no-untyped-def]
        from .identifiers import identifier_signals

        return identifier_signals(doc, parts.analyzer, text, parts.labelled)

    def _filter(
        self, text: str, raw: list[Signal], health: list[Signal], sents: D.Sentences, kind: str, parts: _Parts
    ) -> tuple[list[Signal], set[str]]:
        """Drop what is not PHI (practice, staff, generic), set facts used for severity. Also
        returns the words of the staff names found in the text."""
        det, cues = parts.detector, parts.cues
        names: list[Signal] = []
        staff: list[Signal] = []
        raw = [s for s in raw if not (s.entity == "NAME" and self._name_excluded(text, s, det))]
        # a "name" that runs into a street address is part of it ("Suite B. Most"): no person
        addresses = [s for s in raw if s.entity == "LOCATION" and s.facts.get("address")]
        raw = [s for s in raw if not (s.entity == "NAME" and any(a.overlaps(s) for a in addresses))]
        for s in raw:
            if s.entity == "NAME":
                role = det.classify_person(text, s, self.staff_names)
                if (
                    role == "staff" and kind == "reply" and " " not in text[s.start : s.end].strip()
                    and Context.addressed(text, s) and det.classify_person(text, s, ()) != "staff"
                ):
                    role = "unknown"  # "…now that your braces are off, Ana!": a reply speaks to the reviewer, not to staff
                if role != "staff" and parts.context.public(text, s):
                    # a public figure ties no date or place to anyone, and is nobody's PHI (the
                    # context rules read the role: no health is linked to them)
                    s.facts["role"] = "public"
                    continue
                s.facts["role"] = role
                (staff if role == "staff" else names).append(s)
        # Someone introduced as staff stays staff when named again: "Meet our nurse Kayla. Kayla loves…"
        def words_of(s: Signal) -> set[str]:
            return set(regex.findall(r"[\w'’-]{2,}", text[s.start : s.end].lower()))

        staff_words = set().union(*(words_of(s) for s in staff))
        if staff_words:
            for s in list(names):
                words = words_of(s)
                if s.facts["role"] != "patient" and words and words <= staff_words:
                    s.facts["role"] = "staff"
                    names.remove(s)
                    staff.append(s)
        containers = [s for s in raw if s.entity in {"EMAIL", "URL"}]

        def sentence_of(s: Signal) -> tuple[int, int]:
            return sents.of(s.start)

        # Per-sentence membership, so that a text with thousands of signals stays linear.
        members: dict[int, dict[tuple[int, int], list[Signal]]] = {}

        def in_sentence(sig: Signal, pool: list[Signal]) -> bool:
            by_sentence = members.get(id(pool))
            if by_sentence is None:
                by_sentence = members[id(pool)] = {}
                for p in pool:
                    by_sentence.setdefault(sents.of(p.start), []).append(p)
            return any(p is not sig for p in by_sentence.get(sentence_of(sig), ()))

        ties: dict[tuple[int, int], bool] = {}
        said: dict[tuple[int, int, int], bool] = {}

        def sentence_says(pattern: regex.Pattern[str], sig: Signal) -> bool:
            """pattern.search over the signal's sentence, once per sentence and pattern."""
            a, b = sentence_of(sig)
            key = (a, b, id(pattern))
            if key not in said:
                said[key] = pattern.search(text, a, b) is not None
            return said[key]

        # a post that speaks to a named person ("Mme Sandrine Lemaire, nous avons bien reçu votre
        # demande…") is a message to them: its "you" is that person, as in a reply
        to_someone = kind == "reply" or any(s.start < sents.of(0)[1] and Context.addressed(text, s) for s in names)  # in its opening sentence

        def person_tie(sig: Signal) -> bool:
            bounds = sentence_of(sig)
            if bounds not in ties:
                sentence = text[bounds[0] : bounds[1]]
                ties[bounds] = bool(
                    in_sentence(sig, names)
                    or to_someone and cues.YOU_TIE.search(sentence)
                    or cues.PERSON_TIE.search(sentence) and not in_sentence(sig, staff)
                )
            return ties[bounds]

        kept: list[Signal] = []
        for s in raw:
            if s.entity != "URL" and any(c is not s and c.start <= s.start and s.end <= c.end for c in containers):
                continue  # a name or handle inside an email address or link
            a, b = sentence_of(s)
            before = text[max(a, s.start - 80) : s.start]
            value = text[s.start : s.end]
            e = s.entity
            if e == "NAME":
                if s.facts.get("role") == "staff":
                    continue
            elif e == "PHONE":
                digits = _norm_digits(value)
                yours = cues.YOUR_NUMBER_BEFORE.search(before) is not None  # "we tried to reach you at…": the reader's own
                if not yours:
                    if digits in SPECIAL or digits in self.allowed_phones or D.TOLL_FREE.match(value) or cues.PRACTICE_CUE.search(before) or cues.CALL_BEFORE.search(before):
                        continue
                    if kind == "reply" and cues.REPLY_STAFF_LINE.search(before):
                        continue
                    if not (in_sentence(s, names) or sentence_says(cues.PERSON_TIE, s) or kind == "reply" and sentence_says(cues.YOU, s)):
                        continue  # a number with nobody in the sentence is the practice's own line ("New patients: (919) 555-0104")
                if regex.search(r"\bfax(?:ed|ing)?\b[^.!?\n\d]{0,45}$", before, D.F):
                    s.entity = "FAX"
            elif e == "EMAIL":
                low = value.lower()
                domain = low.rsplit("@", 1)[-1]
                if low in self.allowed_emails or self._domain_allowed(domain) or D.ROLE_MAILBOX.match(low) or cues.PRACTICE_CUE.search(before) or cues.CALL_BEFORE.search(before):
                    continue
            elif e == "URL":
                if self._url_allowed(value) or cues.PRACTICE_CUE.search(before):
                    continue
                if not (D.PERSONAL_URL_RE.search(value) or (person_tie(s) and self._url_names_person(value, text, names))):
                    continue
                if any(c is not s and c.entity == "EMAIL" and c.overlaps(s) for c in containers):
                    continue
            elif e == "SOCIAL_HANDLE":
                h = value.lstrip("@").lower()
                # "@alexandra.skin", "@marc_o_fitness": a given name first makes it a person's
                first = regex.match(r"[a-z]+(?=[._])", h)
                personal = first is not None and first.group() in parts.detector.lex.first_names and first.group() not in parts.detector.lex.ambiguous
                if h in self.allowed_handles or h in D.PUBLIC_HANDLES or D.ORG_HANDLE_WORDS.search(h) and not personal or cues.PRACTICE_CUE.search(before):
                    continue
            elif e == "LOCATION":
                if self._address_allowed(value) or cues.PRACTICE_CUE.search(before) or cues.PRACTICE_PLACE_AFTER.match(text, s.end):
                    continue
                if s.facts.get("place"):
                    # a city or place: PHI only when tied to a named person ("Linda R., Tucson")
                    if not (in_sentence(s, names) or (cues.LOCATION_TIE.search(before) and person_tie(s))):
                        continue
                elif not person_tie(s):
                    continue
            elif e == "DATE":
                if sentence_says(cues.DOB_CONTEXT, s) and not (in_sentence(s, staff) and not in_sentence(s, names)):
                    pass
                elif sentence_says(cues.EVENT_CONTEXT, s) and not in_sentence(s, names):
                    continue  # "We're hosting a workshop on Saturday, April 18"
                elif not (sentence_says(cues.DATE_CONTEXT, s) or in_sentence(s, health)):
                    continue
                elif not person_tie(s) and not (kind == "reply" and s.facts.get("event")) and not (to_someone and kind != "reply"):
                    if not (kind != "reply" and sentence_says(cues.PERSON_TIE, s)):
                        continue
                    # "Dr. Kim placed his implants on January 17": staff and a patient share the
                    # sentence; the date stays if the context stage ties the sentence's health
                    # information to a patient
                    s.facts["needs_link"] = True
            elif e == "AGE":
                if s.facts.get("needs_person") and not (in_sentence(s, names) or person_tie(s)):
                    continue
            elif e in {"OTHER_ID", "BIOMETRIC", "PHOTO"}:
                # a before/after photo or a live stream is of a patient by its nature
                if not person_tie(s) and not (e == "PHOTO" and regex.search(r"live|[’']s\b|before|b/a|transformation|makeover", value, D.F)):
                    if s.source != "media-ref" or kind == "reply":
                        continue
                    s.facts["needs_story"] = True  # kept if the post links health information to a patient
            elif e == "LICENSE_NUMBER":
                if regex.search(r"\b(?:dr|our|we|licensed|provider|practice|office|clinic|dds|md|npi|dea)\b", before, D.F) and not in_sentence(s, names):
                    continue
            elif e == "IP_ADDRESS":
                if value.startswith(("127.", "0.0.0.0")) or D.VERSION_BEFORE.search(before):
                    continue
            kept.append(s)
        return _resolve_overlaps(kept), staff_words

    @staticmethod
    def _name_excluded(text: str, s: Signal, det: D.Detector) -> bool:
        prev = text[max(0, s.start - 1) : s.start]
        if prev in {"#", "@"}:
            return True
        # inside a hashtag such as #TeamMaria
        m = regex.search(r"#[\w]*$", text[max(0, s.start - 40) : s.start])
        if m and (s.start == 0 or not text[s.start - 1].isspace()):
            return True
        # one word that is a health term is not a name ("Tdap", "Sciatica", "Skyrizi")
        term = det.lex.health_terms.get(text[s.start : s.end].strip().lower())
        return term is not None and not term.ambiguous

    @staticmethod
    def _url_names_person(url: str, text: str, names: list[Signal]) -> bool:
        """A link whose path is a user's space (/u/…, /~…, /@…) or carries the name of a person in the text."""
        path = regex.sub(r"^(?:[a-z]+://)?[^/]+", "", url.lower())
        if regex.search(r"/(?:u|user|users|profile|people|~[\w.-]+|@[\w.-]+)(?:/|$)", path):
            return True
        tokens = {w for s in names for w in regex.findall(r"[a-z]{3,}", text[s.start : s.end].lower())}
        return any(t in path for t in tokens)

    def _domain_allowed(self, domain: str) -> bool:
        d = domain.lower().removeprefix("www.")
        return any(d == x or d.endswith("." + x) for x in self.allowed_domains)

    def _url_allowed(self, url: str) -> bool:
        host = regex.sub(r"^[a-z]+://", "", url.lower()).split("/", 1)[0].split(":", 1)[0]
        return self._domain_allowed(host)

    def _address_allowed(self, value: str) -> bool:
        norm = re.sub(r"\W+", " ", value.lower()).strip()
        return any(norm and (norm in a or a in norm) for a in self.allowed_addresses)

    def _suggestion(self, rule: Rule) -> str | None:
        if rule.suggestion is None:
            return None
        phones = self.config.practice.phones
        return rule.suggestion.replace("{office_phone}", phones[0] if phones else "our office")

    def _severity(self, rule: Rule, s: Signal, kind: str) -> str:
        e = s.entity
        if rule.code in JURISDICTION_NOTES.get(self.config.jurisdiction, {}):
            return "error"
        if rule.category == "claim":
            # a claim about a disease, a named person or with a cited source changes the default
            sev = s.facts.get("severity")
            return SOFTER[rule.severity] if sev == "soften" else str(sev or rule.severity)
        if rule.code == "TST401":
            t = s.facts.get("testimonial")
            return "error" if getattr(t, "identifiable", False) else "warning"
        if rule.code != self.entity_rule.get(e, rule).code:
            return rule.severity  # a context rule (PHI2xx/PHI3xx) has one severity
        if e == "NAME":
            if kind == "reply" or s.facts.get("role") == "patient" or s.facts.get("health"):
                return "error"
            return "warning"
        if e == "LOCATION" and s.facts.get("place"):
            return "warning"
        if e == "SOCIAL_HANDLE":
            return "error" if kind == "reply" or s.facts.get("health") else "warning"
        return rule.severity

    def _consent_verdicts(self, text: str, parts: list[tuple[int, list[Signal]]], extra: _Extra | None) -> dict[int, _Verdict]:
        """Apply the consent records a text references to its testimonials (TST401 -> info or TST402)."""
        if extra is None or extra.consents is None:
            return {}
        refs = resolve(extra.consents, self.registry)
        if not refs:
            return {}
        today = dt.date.today()
        known = [(cid, rec) for cid, rec in refs if rec is not None]
        unknown = [cid for cid, rec in refs if rec is None]
        verdicts: dict[int, _Verdict] = {}
        stories = [(offset, s) for offset, signals in parts for s in signals if s.facts.get("code") == "TST401"]
        if not stories and unknown:
            sig = Signal(0, 0, "TESTIMONIAL", 1.0, "consent", {"code": "TST402", "category": "testimonial"})
            parts[0][1].append(sig)
            verdicts[id(sig)] = _Verdict(replace=self._unknown_message(unknown))
            return verdicts
        covered: list[tuple[int, int, Any, str]] = []  # regions of covered testimonials
        for _offset, s in stories:
            t = s.facts["testimonial"]
            if unknown:
                verdicts[id(s)] = _Verdict(code="TST402", replace=self._unknown_message(unknown))
                continue
            matching = [(cid, rec) for cid, rec in known if _subject_matches(rec, t, text)]
            if not matching and len(known) == 1:
                matching = known
            if not matching:
                verdicts[id(s)] = _Verdict(prefix=f"None of the referenced consent records ({', '.join(c for c, _ in known)}) names this patient.")
                continue
            cid, rec = matching[0]
            problems = rec.problems(today) + [f"does not cover {p}" for p in _scope_problems(rec, t, text, extra.channel)]
            law = EXPRESS_CONSENT.get(self.config.jurisdiction)
            if law and not rec.authorization.express:
                problems.append(f"no express consent to the use of health data ({law})")
            if problems:
                verdicts[id(s)] = _Verdict(
                    code="TST402",
                    replace=f"Consent record {cid} does not authorize this testimonial: {'; '.join(problems)}.",
                )
                continue
            until = f" until {rec.expires.isoformat()}" if rec.expires else ""
            banned = TESTIMONIAL_BANS.get(self.config.jurisdiction)
            if banned:
                # a valid record does not make it lawful: the testimonial stays an error
                verdicts[id(s)] = _Verdict(replace=f"Consent record {cid} is valid{until}, but {banned}.")
                continue
            verdicts[id(s)] = _Verdict(severity="info", replace=f"Testimonial covered by consent record {cid} (valid{until}).")
            covered.append((t.region[0], t.region[1], t, cid))
        # the identifiers and health details of a covered testimonial are authorized too
        for _offset, signals in parts:
            for s in signals:
                if s.facts.get("category") == "testimonial" or id(s) in verdicts:
                    continue
                for a, b, t, cid in covered:
                    if not (a <= s.start and s.end <= b):
                        continue
                    if (s.entity == "NAME" and any(x <= s.start < y for x, y in t.names)) or (
                        s.entity == "HEALTH_INFO" and t.conditions
                    ) or (s.entity == "PHOTO" and t.photo):
                        verdicts[id(s)] = _Verdict(severity="info", prefix=f"Covered by consent record {cid}:")
                        break
        return verdicts

    @staticmethod
    def _unknown_message(unknown: list[str]) -> str:
        ids = ", ".join(unknown)
        return f"The consent record{'s' if len(unknown) > 1 else ''} {ids} referenced here {'are' if len(unknown) > 1 else 'is'} not in the consent registry."

    def _report(
        self, text: str, parts: list[tuple[int, list[Signal]]], kind: str, extra: _Extra | None = None, langs: Sequence[str] = ("en",)
    ) -> Report:
        scored: list[tuple[Finding, bool]] = []
        verdicts = self._consent_verdicts(text, parts, extra)
        for offset, signals in parts:
            for s in signals:
                code = s.facts.get("code")
                verdict = verdicts.get(id(s))
                if verdict is not None and verdict.code:
                    code = verdict.code
                rule = self.rules.get(code) if isinstance(code, str) else self.entity_rule.get(s.entity)
                if rule is None or rule.code not in self.enabled:
                    continue
                severity = self._severity(rule, s, kind)
                confidence = round(min(1.0, s.score), 2)
                entity = s.entity if s.entity in ENTITY_SET else None
                category = s.facts.get("category")
                message = rule.message_for(entity).replace("{category}", SENSITIVE_LABELS.get(str(category), "sensitive"))
                if verdict is not None:
                    severity = verdict.severity or severity
                    message = verdict.message(message)
                elif note := JURISDICTION_NOTES.get(self.config.jurisdiction, {}).get(rule.code):
                    message = f"{message} {note}"
                scored.append(
                    (
                        Finding(
                            code=rule.code,
                            name=rule.name,
                            category=rule.category,
                            severity=severity,  # type: ignore[arg-type]
                            entity=entity,  # type: ignore[arg-type]
                            start=s.start + offset,
                            end=s.end + offset,
                            message=message,
                            citation=rule.citation,
                            suggestion=self._suggestion(rule),
                            confidence=confidence,
                        ),
                        bool(s.facts.get("sensitive")),
                    )
                )
        scored.sort(key=lambda fs: (fs[0].start, fs[0].end, fs[0].code))
        findings = [f for f, _ in scored]
        redacted = self.redact(text, findings)
        fail = SEVERITY_RANK[self.config.fail_on]
        report = Report(
            findings=findings,
            redacted_text=redacted,
            score=risk_score(findings, [sens for _, sens in scored]),
            passed=not any(SEVERITY_RANK[f.severity] >= fail for f in findings),
            kind=kind,  # type: ignore[arg-type]
            languages=list(langs),
        )
        report._sensitive = tuple(sens for _, sens in scored)
        return report

    def without(self, report: Report, text: str, drop: Iterable[int]) -> Report:
        """`report` without the findings at the indexes in `drop` (suppressed, ignored for the file,
        or accepted in a baseline): rescored, with pass/fail and redaction redone on `text`."""
        return without(report, text, drop, self.config, self.redactor)


@dataclass(slots=True)
class _Verdict:
    """How a consent record changes one finding: its code, severity and what its message adds."""

    code: str | None = None
    severity: str | None = None
    prefix: str = ""
    replace: str | None = None

    def message(self, default: str) -> str:
        if self.replace is not None:
            return self.replace
        return f"{self.prefix} {default}" if self.prefix else default


def _scope_problems(record: ConsentRecord, t: Any, text: str, channel: str | None) -> list[str]:
    """What the testimonial shows that the record does not cover (never quoting it)."""
    scope = record.scope
    out = []
    if t.names and not scope.name:
        out.append("the patient's name")
    covered = [c.lower() for c in scope.conditions]
    for a, b in t.conditions:
        term = text[a:b].lower()
        if not any(term in c or c in term for c in covered):
            out.append("a health condition the post mentions")
            break
    if t.photo and not scope.photo:
        out.append("photos or video")
    if t.quote and not scope.quote:
        out.append("the patient's own words")
    if channel and scope.channels and channel.lower() not in {c.lower() for c in scope.channels}:
        out.append(f"the channel '{channel}'")
    return out


def _subject_matches(record: ConsentRecord, t: Any, text: str) -> bool:
    subject = {w.lower() for w in regex.findall(r"[\p{L}'’-]{2,}", record.subject)}
    return any(subject & {w.lower() for w in regex.findall(r"[\p{L}'’-]{2,}", text[a:b])} for a, b in t.names)


SPECIAL = frozenset(D.SPECIAL_NUMBERS)


def _priority(s: Signal) -> int:
    if s.entity == "LOCATION" and (s.facts.get("address") or s.facts.get("zip")):
        return 62  # a street address outranks a name-like word inside it ("Fort Lowell Rd")
    if s.entity == "SSN":
        return 96  # the SSN shape is validated and unmistakable, whatever label precedes it
    if s.facts.get("labelled"):
        return 95  # the label next to a number ("acct #", "state ID") says what it is
    return PRIORITY.get(s.entity, 0)


def _resolve_overlaps(signals: list[Signal]) -> list[Signal]:
    """Keep one signal per region: highest priority, then longest, then highest score."""
    ordered = sorted(signals, key=lambda s: (-_priority(s), -s.length, -s.score, s.start))
    starts: list[int] = []  # kept spans never overlap, so sorted starts give sorted ends too
    kept: list[Signal] = []
    for s in ordered:
        i = bisect_right(starts, s.start)
        if i > 0 and kept[i - 1].end > s.start or i < len(kept) and kept[i].start < s.end:
            if s.entity == "NAME" and s.facts.get("cued"):
                # "the Hernandez family": the cue that found the name also holds for the NER span
                for k in kept[max(0, i - 1) : i + 1]:
                    if k.entity == "NAME" and k.start < s.end and s.start < k.end:
                        k.facts["cued"] = True
            continue
        if s.length == 0:
            continue
        starts.insert(i, s.start)
        kept.insert(i, s)
    return kept


def split_chunks(text: str, limit: int = CHUNK_CHARS) -> list[tuple[int, str]]:
    """Split a long text at paragraph, then line, then space boundaries; keeps offsets."""
    if len(text) <= limit:
        return [(0, text)]
    out: list[tuple[int, str]] = []
    pos = 0
    while pos < len(text):
        end = min(len(text), pos + limit)
        if end < len(text):
            window = text[pos:end]
            cut = max(window.rfind("\n\n"), -1)
            if cut < limit // 4:
                cut = window.rfind("\n")
            if cut < limit // 4:
                cut = window.rfind(" ")
            if cut >= limit // 4:
                end = pos + cut + 1
        out.append((pos, text[pos:end]))
        pos = end
    return out


RUN_CHARS = 256
SYMBOL_RUN_CHARS = 32
_LONG_RUN = re.compile(r"\S{%d,}" % (RUN_CHARS + 1))
_SYMBOL_RUN = re.compile(r"[^\w\s]{%d,}" % (SYMBOL_RUN_CHARS + 1))


def break_long_runs(text: str, every: int = RUN_CHARS) -> str:
    """Put a space every `every` characters into runs with no whitespace, keeping offsets.

    spaCy's tokenizer and Presidio's URL pattern are quadratic in the length of such a run
    (50,000 emoji, "a.a.a.…"); prose and links are far shorter. Only the text given to spaCy
    changes: findings, offsets and redaction refer to the original.
    """
    if not _LONG_RUN.search(text):
        return text
    chars = list(text)
    for pattern, step in ((_LONG_RUN, every), (_SYMBOL_RUN, SYMBOL_RUN_CHARS)):
        for m in pattern.finditer(text):
            for k in range(m.start() + step, m.end(), step):
                chars[k] = " "
    return "".join(chars)


@dataclass(slots=True, frozen=True)
class _Extra:
    """What the caller says about one text besides the text itself."""

    reviewer: str | None = None
    consents: Sequence[Any] | None = None
    channel: str | None = None
    kind: str | None = None


@dataclass(frozen=True, slots=True)
class _Parts:
    """What checks one language: its pipeline, Presidio analyzer, detector, context, testimonial
    and claim rules, and the cues the filter reads (detect's, or french's)."""

    nlp: Any
    analyzer: Any
    detector: D.Detector
    context: Context
    testimonials: Any
    claims: Any
    labelled: frozenset[str]
    cues: Any

    @classmethod
    def build(cls, lang: str, shared: tuple[Any, Any, D.Detector], parser: Any, cues: Any) -> _Parts:
        """The parts of `lang` around its shared pipeline, analyzer and detector; `parser` gives the
        claim rules a dependency parse (None: the window rules decide)."""
        from .claims import ClaimDetector
        from .identifiers import labelled_recognizers
        from .testimonial import TestimonialDetector

        nlp, analyzer, detector = shared
        return cls(
            nlp, analyzer, detector, Context(detector.lex.first_names, lang=lang), TestimonialDetector(lang=lang),
            ClaimDetector(parser=parser, lang=lang), labelled_recognizers(analyzer), cues,
        )


# (text id, chunk, offset of the chunk in the text, the whole text, last chunk?, extra, language)
_Piece = tuple[int, str, int, str, bool, "_Extra", str]


class _PieceStream:
    """Turns texts into pieces (text_id, chunk, offset, full_text, is_last, extra, language) lazily.

    The Linter pulls one batch of pieces at a time; no list of all texts is ever built.
    The per-text iterables (reviewers, consents, channels) are read in step with the texts.
    """

    def __init__(
        self,
        texts: Iterable[str],
        reviewers: Iterable[str | None] | None = None,
        consents: Iterable[Sequence[Any] | None] | None = None,
        channels: Iterable[str | None] | None = None,
        kinds: Iterable[str | None] | None = None,
        lang: str = AUTO,
    ) -> None:
        self._it = iter(texts)
        self._lang = lang
        self._kinds = iter(kinds) if kinds is not None else None
        self._reviewers = iter(reviewers) if reviewers is not None else None
        self._consents = iter(consents) if consents is not None else None
        self._channels = iter(channels) if channels is not None else None
    def __iter__(self) -> Iterator[_Piece]:
        for i, text in enumerate(self._it):
            if not isinstance(text, str):
                raise TypeError(f"phiguard checks str, not {type(text).__name__}")
            reviewer = next(self._reviewers, None) if self._reviewers is not None else None
            if reviewer is not None and not isinstance(reviewer, str):
                raise TypeError(f"a reviewer name is a str, not {type(reviewer).__name__}")
            consents = next(self._consents, None) if self._consents is not None else None
            if consents is not None and (isinstance(consents, str | bytes | Mapping) or not isinstance(consents, Iterable)):
                raise TypeError("consents is a list of consent ids or records for each text, e.g. consents=['C-2024-017']")
            channel = next(self._channels, None) if self._channels is not None else None
            if channel is not None and not isinstance(channel, str):
                raise TypeError(f"a channel is a str, not {type(channel).__name__}")
            kind = next(self._kinds, None) if self._kinds is not None else None
            extra = _Extra(reviewer, list(consents) if consents is not None else None, channel, kind)
            # each chunk, and each run of paragraphs in one language within it, is one piece
            runs = [
                (offset + a, chunk[a:b], lang)
                for offset, chunk in split_chunks(text)
                for a, b, lang in (segments(chunk) if self._lang == AUTO else [(0, len(chunk), self._lang)])
            ]
            for j, (offset, chunk, lang) in enumerate(runs):
                yield (i, break_long_runs(chunk), offset, text, j == len(runs) - 1, extra, lang)
