"""Testimonials and endorsements: finds patient quotes, stories, reposted reviews and before/after
material, and the endorsement rules around them (TST401, TST403–TST408). The patterns are data:
rules/testimonial_cues.yaml. Consent records (TST402) are applied by the engine.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import regex
import yaml

from ._resources import rules_dir
from .errors import RuleError
from .signals import Signal

F = regex.IGNORECASE | regex.VERSION1

# Health terms that name a disease (a testimonial saying one was cured is TST404)
DISEASE_CATEGORIES = frozenset({"condition", "mental_health", "hiv_sti", "genetic", "symptom", "substance_use"})
# Identifiers that make the patient in a testimonial identifiable (TST401 error, not warning)
IDENTIFYING = frozenset({"NAME", "SOCIAL_HANDLE", "EMAIL", "PHONE", "LOCATION", "URL", "AGE", "DATE", "MRN", "PHOTO"})

# quoted spans: straight or curly double quotes, guillemets, curly single quotes, and straight
# single quotes that open after a space and close before punctuation or a space
QUOTE_RE = regex.compile(
    r'"(?P<q>[^"\n]{3,700}?)"'
    r"|“(?P<q>[^”\n]{3,700}?)”"
    r"|«\s*(?P<q>[^»\n]{3,700}?)\s*»"
    r"|‘(?P<q>[^’\n]{3,700}?)’(?!\w)"
    r"|(?<![\w’'])'(?P<q>[^'\n]{3,700}?)'(?![\w’'])",
    regex.VERSION1,
)
WORD_RE = regex.compile(r"[\p{L}\d’'-]+")
SENTENCE_END = regex.compile(r"[.!?…]+[\"”’)]*\s|\n")


def _join(value: Any, key: str) -> str:
    if isinstance(value, str):
        return value
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return "|".join(f"(?:{v})" for v in value)
    raise RuleError(f"testimonial_cues.yaml: '{key}' must be a pattern or a list of patterns")


@lru_cache(maxsize=1)
def cues() -> dict[str, regex.Pattern[str]]:
    path = rules_dir() / "testimonial_cues.yaml"
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as err:
        raise RuleError(f"{path}: cannot read ({err.__class__.__name__})") from None
    if not isinstance(data, dict):
        raise RuleError(f"{path}: expected a mapping of pattern lists")
    out: dict[str, regex.Pattern[str]] = {}
    for key, value in data.items():
        flags = F | (regex.MULTILINE if key.startswith("attribution") else 0)
        try:
            out[key] = regex.compile(_join(value, key), flags)
        except regex.error as err:
            raise RuleError(f"{path}: pattern '{key}' does not compile ({err})") from None
    return out


@dataclass(slots=True)
class Testimonial:
    start: int  # the span reported: quoted words, a statement, or the cue phrase
    end: int
    how: str  # "quote" | "statement" | "story" | "before_after"
    region: tuple[int, int]  # the text that belongs to the testimonial (results, claims, scope)
    quote: bool = False
    photo: bool = False
    identifiable: bool = False
    names: list[tuple[int, int]] = field(default_factory=list)
    conditions: list[tuple[int, int]] = field(default_factory=list)


class TestimonialDetector:
    """Stateless apart from the compiled cues; one per Linter."""

    def __init__(self) -> None:
        self.c = cues()

    # -- the public step ---------------------------------------------------------------

    def signals(
        self,
        text: str,
        sentence_of: Callable[[int], tuple[int, int]],
        kind: str,
        phi: Sequence[Signal],
        health: Sequence[Signal],
        is_staff_name: Callable[[str], bool],
    ) -> list[Signal]:
        out: list[Signal] = []
        found = [] if kind == "reply" else self.testimonials(text, sentence_of, is_staff_name)
        disclosure_typical = bool(self.c["typical_results"].search(text))
        disclosure_ba = bool(self.c["before_after_disclosure"].search(text))
        for t in found:
            self._attach(t, phi, health)
            out.append(self._signal(t.start, t.end, "TST401", 0.8, t=t))
            if t.how == "before_after" and not disclosure_ba:
                out.append(self._signal(t.start, t.end, "TST408", 0.75))
            a, b = t.region
            if not disclosure_typical:
                m = self.c["specific_result"].search(text, a, b)
                if m:
                    out.append(self._signal(m.start(), m.end(), "TST403", 0.7))
            claim = self._disease_claim(text, t.region, health)
            if claim:
                out.append(self._signal(claim[0], claim[1], "TST404", 0.75))
        out += self._endorsements(text, sentence_of, found)
        out += self._review_incentives(text, sentence_of, kind)
        return out

    @staticmethod
    def _signal(start: int, end: int, code: str, score: float, t: Testimonial | None = None) -> Signal:
        facts: dict[str, object] = {"code": code, "category": "testimonial"}
        if t is not None:
            facts["testimonial"] = t
        return Signal(start, end, "TESTIMONIAL", score, "testimonial", facts)

    # -- finding testimonials ------------------------------------------------------------

    def testimonials(self, text: str, sentence_of: Callable[[int], tuple[int, int]], is_staff_name: Callable[[str], bool]) -> list[Testimonial]:
        c = self.c
        quotes: list[Testimonial] = []
        quoted: list[tuple[int, int]] = []
        for m in QUOTE_RE.finditer(text):
            qs, qe = m.span("q")
            quoted.append(m.span())
            t = self._quote(text, m.start(), m.end(), qs, qe, sentence_of, is_staff_name)
            if t is not None:
                quotes.append(t)
        provider = bool(c["provider_voice"].search(text))
        reposted = bool(c["story_cue"].search(text))
        statements: list[Testimonial] = []
        if not provider or reposted:
            for m in c["outcome_statement"].finditer(text):
                if any(a <= m.start() < b for a, b in quoted):
                    continue
                a, b = sentence_of(m.start())
                if text[a:b].rstrip().endswith("?") or regex.match(r"\s*(?:if|when|imagine|what\s+if|ever\s+wish)\b", text[a:b], F):
                    continue
                if any(s.start <= m.start() < s.end for s in statements):
                    continue
                a, b = _trim(text, a, b)
                statements.append(Testimonial(a, b, "statement", (a, b), quote=True))
        out = quotes + statements
        ba = self._before_after(text)
        if ba is not None:
            s, e = ba
            region = (0, len(text)) if len(text) < 1500 else _paragraph(text, s)
            out.append(Testimonial(s, e, "before_after", region, photo=True))
        if not quotes and not statements and ba is None:
            m = c["story_cue"].search(text)
            if m is not None:
                region = (0, len(text)) if len(text) < 1500 else _paragraph(text, m.start(), extra=1)
                out.append(Testimonial(m.start(), m.end(), "story", region))
        for t in out:
            if t.how in {"quote", "statement"} and regex.search(r"\b(?:video|watch|youtube|reel|photo|pics?|selfie)\b", text[t.region[0] : t.region[1]], F):
                t.photo = True
        return out

    def _quote(
        self,
        text: str,
        start: int,
        end: int,
        qs: int,
        qe: int,
        sentence_of: Callable[[int], tuple[int, int]],
        is_staff_name: Callable[[str], bool],
    ) -> Testimonial | None:
        c = self.c
        words = WORD_RE.findall(text[qs:qe])
        if len(words) < 4:
            return None  # scare quotes: "smile makeover", "the works"
        line_end = text.find("\n", end)
        line_end = len(text) if line_end < 0 else line_end
        after = text[end : min(line_end, end + 120)]
        line_start = text.rfind("\n", 0, start) + 1
        before = text[max(line_start, start - 120) : start]
        who = ""
        attr_end = end
        m = c["attribution_after"].match(after)
        if m and m.group("who") and m.group("who").strip():
            who = m.group("who")
            attr_end = end + m.end()
        else:
            m2 = c["attribution_before"].search(before)
            if m2:
                who = m2.group("who") or ""
                if not who.strip():
                    who = before
            elif not text[line_start:start].strip() and line_start > 0:
                # a quote on its own line: the line above may say who ("From a happy patient:")
                prev_start = text.rfind("\n", 0, line_start - 1) + 1
                prev = text[prev_start : line_start - 1]
                if prev.rstrip().endswith(":"):
                    who = prev
        content = text[qs:qe]
        speaker = self._speaker(who, is_staff_name) if who.strip() else None
        if speaker in {"staff", "public"}:
            return None
        if speaker != "patient":
            # no attribution: the words themselves must sound like a patient about their care
            if not (c["patient_voice"].search(content) and c["experience"].search(content)):
                return None
            if c["provider_voice"].search(content) or regex.search(r"^\s*(?:we|our\s+team|at\s+\w+)\b", content, F) and not regex.search(r"\b(?:i|my|me)\b", content, F):
                return None
            a, b = sentence_of(start)
            context = text[max(0, a - 200) : min(len(text), b + 200)]
            lead = text[a:start]
            # "as our hygienist likes to say" / a quote introduced by the practice speaking
            if c["staff_speaker"].search(lead) and not c["patient_speaker"].search(lead):
                return None
            if not (c["patient_speaker"].search(context) or c["story_cue"].search(context) or c["outcome_statement"].search(content) or regex.search(r"\b(?:dr\.?|doctor|doc|dentist|staff|team|office|you\s+guys|y[’']?all|this\s+place|recommend)\b", content, F)):
                return None
        region = (qs, max(qe, attr_end))
        return Testimonial(qs, qe, "quote", region, quote=True)

    def _speaker(self, who: str, is_staff_name: Callable[[str], bool]) -> str:
        c = self.c
        if c["patient_speaker"].search(who) and not regex.search(r"\b(?:dr\.?|doctor)\s+\p{L}", who, F):
            return "patient"
        if c["staff_speaker"].search(who) or is_staff_name(who):
            return "staff"
        if c["public_speaker"].search(who):
            return "public"
        if regex.search(r"\p{Lu}\p{Ll}+", who) or regex.search(r"@[\w.]+", who):
            return "patient"  # a person's name or handle that is not staff
        return "unknown"

    def _before_after(self, text: str) -> tuple[int, int] | None:
        c = self.c
        for m in c["before_after"].finditer(text):
            line_start = text.rfind("\n", 0, m.start()) + 1
            line_end = text.find("\n", m.end())
            line = text[line_start : len(text) if line_end < 0 else line_end]
            if c["before_after_education"].search(line) and not regex.search(r"\b(?:photos?|pics?|swipe|gallery|transformation)\b", line, F):
                continue
            return m.span()
        return None

    def _attach(self, t: Testimonial, phi: Sequence[Signal], health: Sequence[Signal]) -> None:
        a, b = t.region
        # the attribution line and the rest of a short post belong to the story
        for s in phi:
            if s.start < b and a < s.end and s.entity in IDENTIFYING:
                t.identifiable = True
                if s.entity == "NAME":
                    t.names.append((s.start, s.end))
                if s.entity == "PHOTO":
                    t.photo = True
        for h in health:
            if a <= h.start and h.end <= b and not h.facts.get("ambiguous"):
                t.conditions.append((h.start, h.end))

    def _disease_claim(self, text: str, region: tuple[int, int], health: Sequence[Signal]) -> tuple[int, int] | None:
        c = self.c
        a, b = region
        for h in health:
            if not (a <= h.start and h.end <= b) or h.facts.get("ambiguous") or h.facts.get("category") not in DISEASE_CATEGORIES:
                continue
            window = text[max(a, h.start - 40) : h.start]
            m = c["cure_verb"].search(window)
            if m and not regex.search(r"[.!?\n]", window[m.end() :]):
                return h.start - len(window) + m.start(), h.end
            m = c["cure_after"].match(text, h.end, b)
            if m:
                return h.start, m.end()
        return None

    # -- endorsements and reviews --------------------------------------------------------

    def _endorsements(self, text: str, sentence_of: Callable[[int], tuple[int, int]], found: Sequence[Testimonial]) -> list[Signal]:
        c = self.c
        if c["connection_disclosure"].search(text):
            return []
        out: list[Signal] = []
        for m in c["connected_endorser"].finditer(text):
            a, b = sentence_of(m.start())
            rest = text[m.end() : b]
            e = c["connected_experience"].search(rest)
            if e is None:
                continue
            # the practice's own staff spoken of as staff ("our nurse Kayla ran a marathon") is
            # not an endorsement: the sentence must be about the treatment or a testimonial
            if m.group(0).lower().startswith("our") and not any(t.region[0] <= m.start() < t.region[1] for t in found):
                if not regex.search(r"\b(?:her|his|their|my)\s+own\b|\bswears\s+by\b|\bobsessed\b|\bresults\b|\btried\b|\bhad\s+(?:her|his|their)\b", rest, F):
                    continue
            out.append(self._signal(m.start(), m.end() + e.end(), "TST405", 0.7))
            break
        return out

    def _review_incentives(self, text: str, sentence_of: Callable[[int], tuple[int, int]], kind: str) -> list[Signal]:
        c = self.c
        out: list[Signal] = []
        seen: set[tuple[int, int]] = set()

        def add(a: int, b: int, code: str) -> None:
            a, b = _trim(text, a, b)
            if (a, b) not in seen and b > a:
                seen.add((a, b))
                out.append(self._signal(a, b, code, 0.75))

        behavioral = bool(c["behavioral"].search(text)) and kind != "reply"
        for m in c["review_word"].finditer(text):
            a, b = sentence_of(m.start())
            if (a, b) in seen:
                continue
            sentence = text[a:b]
            inc = c["incentive"].search(sentence)
            if inc and not c["incentive_negated"].search(sentence):
                add(a, b, "TST406")
                continue
            if c["removal_offer"].search(sentence) and c["removal_reward"].search(sentence) and not c["incentive_negated"].search(sentence):
                add(a, b, "TST406")
                continue
            if behavioral and c["solicit"].search(sentence) and (c["client_request"].search(sentence) or c["client_request"].search(text[max(0, a - 160) : a])):
                add(a, b, "TST407")
        for key in ("gating_negative", "gating_private", "insider_review"):
            for m in c[key].finditer(text):
                if key == "gating_negative" and not (c["review_word"].search(text) or c["gating_positive"].search(text)):
                    continue
                a, b = sentence_of(m.start())
                add(a, b, "TST406")
        if behavioral and not any(s.facts["code"] == "TST407" for s in out):
            for m in c["solicit"].finditer(text):
                if regex.search(r"testimonial|share\s+your\s+story|your\s+story|be\s+featured", m.group(0), F):
                    a, b = sentence_of(m.start())
                    if c["client_request"].search(text[max(0, a - 160) : b]):
                        add(a, b, "TST407")
                        break
        return out


def _trim(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return a, b


def _paragraph(text: str, offset: int, extra: int = 0) -> tuple[int, int]:
    """The paragraph holding `offset` (blank-line separated), plus `extra` paragraphs after it."""
    start = text.rfind("\n\n", 0, offset)
    start = 0 if start < 0 else start + 2
    end = offset
    for _ in range(extra + 1):
        nxt = text.find("\n\n", end + 1)
        end = len(text) if nxt < 0 else nxt
    return start, end
