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

from ._resources import Gated, Patterns, pattern_file
from ._resources import compile as rx_compile
from .signals import Signal

F = regex.IGNORECASE  # VERSION0: simple case folding (see _resources.LazyPattern)

# Health terms that name a disease (a testimonial saying one was cured is TST404)
DISEASE_CATEGORIES = frozenset({"condition", "mental_health", "hiv_sti", "genetic", "symptom", "substance_use", "reproductive", "dental"})
# "no more back pain", "plus aucune douleur au genou": pain gone is an outcome (TST403), not a disease cured
_PAIN = rx_compile(r"(?:[\w-]+\s+)?(?:pain|aches?|soreness)|(?:douleurs?|mal|maux)(?:\s+(?:au|aux|à\s+la|à\s+l['’]|a\s+la|de|du|des)\s*[\w-]+)?", F)
# Identifiers that make the patient in a testimonial identifiable (TST401 error, not warning)
IDENTIFYING = frozenset({"NAME", "SOCIAL_HANDLE", "EMAIL", "PHONE", "LOCATION", "URL", "AGE", "DATE", "MRN", "PHOTO"})

# quoted spans: straight or curly double quotes, guillemets, curly single quotes, and straight
# single quotes that open after a space and close before punctuation or a space
QUOTE_RE = rx_compile(
    r'"(?P<q>[^"\n]{3,700}?)"'
    r"|“(?P<q>[^”\n]{3,700}?)”"
    r"|«\s*(?P<q>[^»\n]{3,700}?)\s*»"
    r"|‘(?P<q>[^’\n]{3,700}?)’(?!\w)"
    r"|(?<![\w’'])'(?P<q>[^'\n]{3,700}?)'(?![\w’'])",
    regex.VERSION1,
)
WORD_RE = rx_compile(r"[\p{L}\d’'-]+")
SENTENCE_END = rx_compile(r"[.!?…]+[\"”’)]*\s|\n")


@lru_cache(maxsize=2)
def cues(lang: str = "en") -> Patterns:
    return pattern_file("testimonial_cues.yaml", lambda key: F | (regex.MULTILINE if key.startswith("attribution") else 0), lang)


@dataclass(slots=True)
class Testimonial:
    start: int  # the span reported: quoted words, a statement, or the cue phrase
    end: int
    how: str  # "quote" | "statement" | "story" | "before_after" | "model" (model images: TST408 only)
    region: tuple[int, int]  # the text that belongs to the testimonial (results, claims, scope)
    quote: bool = False
    photo: bool = False
    identifiable: bool = False
    names: list[tuple[int, int]] = field(default_factory=list)
    conditions: list[tuple[int, int]] = field(default_factory=list)
    ba: tuple[int, int] | None = None  # the before/after phrases (TST408)


class TestimonialDetector:
    """Stateless apart from the compiled cues; one per Linter."""

    def __init__(self, lang: str = "en") -> None:
        self.c = cues(lang)

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
        c = self.c
        out: list[Signal] = []
        found = self.testimonials(text, sentence_of, kind, phi, health, is_staff_name)
        endorsements = self._endorsements(text, sentence_of, phi, found)
        # the disclosures are looked for only in texts that have something to disclose
        disclosure_typical = bool(found or endorsements) and bool(c["typical_results"].search(text))
        disclosure_ba = any(t.ba is not None for t in found) and bool(c["before_after_disclosure"].search(text))
        claims: list[tuple[int, int]] = []
        results: set[tuple[int, int]] = set()
        for t in found:
            self._attach(t, phi, health)
            if t.how != "model":
                out.append(self._signal(t.start, t.end, "TST401", 0.8, t=t))
            if t.ba is not None and not disclosure_ba:
                out.append(self._signal(t.ba[0], t.ba[1], "TST408", 0.75))
            claim = self._disease_claim(text, t.region, health)
            if claim and claim not in claims:
                claims.append(claim)
                out.append(self._signal(claim[0], claim[1], "TST404", 0.75))
        if not disclosure_typical:
            for a, b in [t.region for t in found] + [(s.start, s.end) for s in endorsements]:
                for m in c["specific_result"].finditer(text, a, b):
                    span = m.span()
                    # one label per problem: a cure claim over the same words says it already
                    if any(x < span[1] and span[0] < y for x, y in claims):
                        continue
                    if not any(sentence_of(x) == sentence_of(span[0]) for x, _ in results):
                        results.add(span)
                        out.append(self._signal(span[0], span[1], "TST403", 0.7))
        out += endorsements
        out += self._review_incentives(text, sentence_of, kind)
        return out

    @staticmethod
    def _signal(start: int, end: int, code: str, score: float, t: Testimonial | None = None) -> Signal:
        facts: dict[str, object] = {"code": code, "category": "testimonial"}
        if t is not None:
            facts["testimonial"] = t
        return Signal(start, end, "TESTIMONIAL", score, "testimonial", facts)

    # -- finding testimonials ------------------------------------------------------------

    def testimonials(
        self,
        text: str,
        sentence_of: Callable[[int], tuple[int, int]],
        kind: str,
        phi: Sequence[Signal],
        health: Sequence[Signal],
        is_staff_name: Callable[[str], bool],
    ) -> list[Testimonial]:
        c = self.c
        reply = kind == "reply"
        short = len(text) < 1500
        inspirational = bool(c["public_context"].search(text))
        quotes: list[Testimonial] = []
        quoted: list[tuple[int, int]] = []
        for m in QUOTE_RE.finditer(text):
            qs, qe = m.span("q")
            quoted.append(m.span())
            if inspirational:
                continue
            t = self._quote(text, m.start(), m.end(), qs, qe, sentence_of, is_staff_name, reply)
            if t is not None:
                t.region = (0, len(text)) if short else _paragraph(text, qs, before=1, extra=1)
                quotes.append(t)
        stories = [] if reply else self._story_cues(text)  # spotlights, reposts, stories
        spoken: list[Testimonial] = []  # unquoted first-person statements and reported praise
        if not reply:
            provider = bool(c["provider_voice"].search(text))
            reposted = bool(stories)
            for key in ("outcome_statement", "reported_praise"):
                if key == "outcome_statement" and provider and not reposted:
                    continue
                for m in c[key].finditer(text):
                    if any(a <= m.start() < b for a, b in quoted) or any(t.start <= m.start() < t.end for t in spoken):
                        continue
                    a, b = _clause(text, sentence_of, m.start())
                    if any(a <= q.start and q.end <= b for q in quotes):
                        continue  # "She told us: '…'": the quote is the testimonial, reported once
                    clause = text[a:b]
                    if clause.rstrip().endswith("?") or regex.match(r"\s*(?:if|when|imagine|what\s+if|ever\s+wish|whether)\b", clause, F):
                        continue
                    if key == "outcome_statement" and c["self_promotion"].search(clause) and not c["patient_voice"].search(clause):
                        continue  # "Come see the best dentist in Tulsa!": the practice praising itself (CLM508), not a review
                    if key == "reported_praise":
                        who = m.group(0).split()[0]
                        lead = text[max(a, m.start() - 12) : m.start()]
                        if c["public_speaker"].search(who) or is_staff_name(who) or regex.search(r"\b(?:dr|dra|doctor|nurse|np|pa)\.?\s*$", lead, F):
                            continue
                        rest = text[m.end() : b]
                        if not (c["experience"].search(rest) or QUOTE_RE.search(rest) or c["specific_result"].search(rest)):
                            continue
                        a = m.start()
                    region = (0, len(text)) if short else _paragraph(text, a, before=1, extra=1)
                    spoken.append(Testimonial(a, b, "statement", region, quote=True))
        out = quotes + spoken
        # spotlights, stories, reposted reviews: one per paragraph that holds no quote already
        for m in stories:
            if c["story_negated"].search(text, _clause(text, sentence_of, m.start())[0], m.start()):
                continue  # "we never use client stories in our marketing"
            pa, pb = _paragraph(text, m.start())
            if _is_heading(text, m.start(), pa, pb):
                pb = _paragraph(text, pb + 1)[1] if pb < len(text) else pb
            if any(t.start < pb and pa < t.end for t in out):
                continue
            region = (0, len(text)) if short else (pa, pb)
            out.append(Testimonial(m.start(), pb, "story", region))
        for s in phi:
            # "Meet Ethan — after 22 months…", "Congrats to Maria on…": a named patient's story
            if s.entity != "NAME" or s.facts.get("role") == "staff":
                continue
            if not regex.search(
                r"\b(?:meet|congrat(?:ulation)?s\s+to|shout[- ]?out\s+to|so\s+proud\s+of|celebrating"
                r"|(?:bravo|f[ée]licitations|chapeau)\s+[àa]|(?:voici|rencontrez|faites\s+la\s+connaissance\s+de)|fi[èe]res?\s+de)\s+$",
                text[max(0, s.start - 30) : s.start],
                F,
            ):
                continue
            pa, pb = _paragraph(text, s.start)
            if any(t.start < pb and pa < t.end for t in out):
                continue
            if not any(pa <= h.start < pb and not h.facts.get("ambiguous") for h in health) and not c["specific_result"].search(text, pa, pb):
                continue  # "Shoutout to Tom for the cookies!": a name, but no story of care
            out.append(Testimonial(s.start, pb, "story", (0, len(text)) if short else (pa, pb)))
        ba = self._before_after(text, sentence_of)
        if ba is not None:
            model = bool(regex.search(r"\bmodels?\b", text[ba[0] : ba[1]], F))
            pa, pb = _paragraph(text, ba[0])
            holder = next((t for t in out if t.start < pb and pa < t.end), None)
            if holder is not None:
                holder.ba, holder.photo = ba, True
            else:
                region = (0, len(text)) if short else (pa, pb)
                out.append(Testimonial(ba[0], ba[1], "model" if model else "before_after", region, photo=True, ba=ba))
        for t in out:
            if t.how in {"quote", "statement"} and regex.search(r"\b(?:video|watch|youtube|reel|photo|pics?|selfie)\b", text[t.region[0] : t.region[1]], F):
                t.photo = True
        return sorted(out, key=lambda t: t.start)

    def _quote(
        self,
        text: str,
        start: int,
        end: int,
        qs: int,
        qe: int,
        sentence_of: Callable[[int], tuple[int, int]],
        is_staff_name: Callable[[str], bool],
        reply: bool,
    ) -> Testimonial | None:
        c = self.c
        content = text[qs:qe]
        words = WORD_RE.findall(content)
        line_end = text.find("\n", end)
        line_end = len(text) if line_end < 0 else line_end
        after = text[end : min(line_end, end + 120)]
        line_start = text.rfind("\n", 0, start) + 1
        before = text[max(line_start, start - 120) : start]
        who = ""
        attributed_before = False
        m = c["attribution_after"].match(after)
        if m and regex.match(r"[\s,.!?…\"”’]*(?:she|he|they)\s", after, F):
            who = "she"  # '“My skin is flawless now,” she told us': someone's own words
        elif m and m.group("who") and m.group("who").strip():
            who = m.group("who")
        else:
            m2 = c["attribution_before"].search(before)
            if m2:
                who = (m2.group("who") or "").strip() or before
                attributed_before = True
            elif not text[line_start:start].strip() and line_start > 0:
                # a quote on its own line: the line above may say who ("From a happy patient:")
                prev_start = text.rfind("\n", 0, line_start - 1) + 1
                prev = text[prev_start : line_start - 1]
                if prev.rstrip().endswith(":"):
                    who = prev
        if len(words) < (2 if attributed_before else 4):
            return None  # scare quotes: "smile makeover", "the works"
        if c["example_lead"].search(before):
            return None  # "try saying 'I love you, and I'm worried about you'"
        if regex.fullmatch(r"\W*(?:(?:in\s+)?(?:she|he|they|her|his|their|one)\W*|(?:dit|raconte|confie|ajoute|explique)-(?:t-)?(?:elle|il)\W*)?", who, F) and (attributed_before or who):
            speaker: str | None = "patient"  # "In her words:", "she says": someone's own words
        else:
            speaker = self._speaker(who, is_staff_name) if who.strip() else None
        if speaker is None and (c["patient_speaker"].search(before[-80:]) or regex.match(r"\s*(?:[1-5](?:\.\d)?\s*/\s*5|[1-5]\s*(?:⭐|★|stars?))", after, F)):
            speaker = "patient"  # "5 stars on Google 🙌 “…”", "“Best Botox in Denver!” 5⭐"
        if speaker == "public":
            return None
        voiced = bool(c["patient_voice"].search(content) or c["practice_ref"].search(content))
        if speaker == "staff":
            # staff quoted on their own care are patients too ("I had my veneers done here")
            if not (regex.search(r"\b(?:i|my|me)\b", content, F) and c["staff_own_care"].search(content) or c["staff_own_care"].search(who)):
                return None
        elif speaker != "patient":
            if reply:
                return None  # a reply quoting words nobody is said to have written
            if content.rstrip().endswith("?"):
                return None  # "Ask the derm: 'Does the SPF in my foundation count?'"
            if not (voiced and c["experience"].search(content) or c["outcome_statement"].search(content)):
                return None
            if regex.match(r"[ \t]*\p{Ll}", after) and not c["attribution_after"].match(after):
                return None  # the quote is part of a sentence: '"I love you" lands differently than…'

            if c["provider_voice"].search(content):
                return None
            a, _b = sentence_of(start)
            lead = text[a:start]
            # "as our hygienist likes to say" / a quote introduced by the practice speaking
            if c["staff_speaker"].search(lead) and not c["patient_speaker"].search(lead):
                return None
        elif (
            who
            and not attributed_before
            and regex.match(r"\s*\p{Lu}[\p{L}.]+(?:\s+\p{Lu}[\p{L}.]+){1,2}(?![\w,])", who)
            and not regex.search(r"\b(?:i|i[’']m|i[’']ve|i[’']d|my|me|dr|doctor|staff|team|office|clinic|you\s+guys|here|je|j[’']|mon|ma|mes|moi|dre?|docteure?|clinique|[ée]quipe)\b", content, F)
        ):
            return None  # an aphorism signed with a full name: "— Helen Keller", "— C.S. Lewis"
        return Testimonial(qs, qe, "quote", (qs, qe), quote=True)

    def _speaker(self, who: str, is_staff_name: Callable[[str], bool]) -> str:
        c = self.c
        near = who[-45:]
        for part in (near, who):
            if c["patient_speaker"].search(part) and not regex.search(r"\b(?:dr\.?|doctor|dre\.?|docteure?)\s+\p{L}+\s*$", part, F):
                return "patient"
            if c["staff_speaker"].search(part) or is_staff_name(part):
                return "staff"
            if c["public_speaker"].search(part):
                return "public"
        if regex.search(r"(?<!^\W*)\p{Lu}\p{Ll}+", who) or regex.match(r"\W*\p{Lu}\p{Ll}+(?:\s+\p{Lu}\.?)?\W*$", who) or regex.search(r"@[\w.]+", who):
            return "patient"  # a person's name or handle that is not staff (not just a capitalised first word)
        return "unknown"

    def _story_cues(self, text: str) -> list[Any]:
        """The story cues of a text, in order and not overlapping, as one alternation would give
        them; the possessive ones run only where one of their words occurs."""
        found = list(self.c["story_cue"].finditer(text))
        gated = Gated(self.c, text)
        if "story_possessive" in gated:
            found += gated["story_possessive"].finditer(text)
            found.sort(key=lambda m: m.start())
            kept: list[Any] = []
            for m in found:
                if not kept or m.start() >= kept[-1].end():
                    kept.append(m)
            found = kept
        return found

    def _before_after(self, text: str, sentence_of: Callable[[int], tuple[int, int]]) -> tuple[int, int] | None:
        """The before/after phrases of the text, first to last within one paragraph, or None."""
        c = self.c
        spans: list[tuple[int, int]] = []
        title = text[: text.find("\n")] if "\n" in text else ""
        if title and c["before_after_education"].search(title) and c["before_after"].search(title):
            return None  # "Why You Won't See Before-and-After Photos on Our Page"
        for m in c["before_after"].finditer(text):
            a, b = _clause(text, sentence_of, m.start())
            line = text[a:b]
            if line.rstrip().endswith("?"):
                continue  # "are the before-and-after photos in your gallery your own patients?"
            if c["before_after_education"].search(line) and not regex.search(r"\b(?:swipe|gallery|carousel|below|above)\b", line, F):
                continue
            if c["before_after_not_patient"].search(text, *_paragraph(text, m.start())):
                continue  # the office, the shelter's play yard
            nxt = regex.match(r"\s+([a-z]+)", text[m.end() : m.end() + 20])
            if nxt and nxt.group(1) not in {"photos", "photo", "pics", "pic", "pictures", "shots", "results", "gallery", "of", "in", "from", "with", "here", "is", "are", "for", "vs", "below", "above", "on", "our"} and m.group(0).lower().startswith("before"):
                continue  # "before and after egg retrieval": a time, not images
            if spans and _paragraph(text, spans[0][0]) != _paragraph(text, m.start()):
                break
            spans.append(m.span())
        if not spans:
            return None
        return spans[0][0], spans[-1][1]

    def _attach(self, t: Testimonial, phi: Sequence[Signal], health: Sequence[Signal]) -> None:
        a, b = (t.start, t.end) if t.how == "quote" else t.region
        for s in phi:
            if s.start < t.region[1] and t.region[0] < s.end and s.entity in IDENTIFYING:
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
            if _PAIN.fullmatch(text, h.start, h.end):
                continue  # "no more pain", "plus aucune douleur": an outcome (TST403), not a disease cured
            window = text[max(a, h.start - 40) : h.start]
            m = c["cure_verb"].search(window)
            if m and not regex.search(r"[.!?\n]", window[m.end() :]):
                return h.start - len(window) + m.start(), h.end
            m = c["cure_after"].match(text, h.end, b)
            if m:
                return h.start, m.end()
        return None

    # -- endorsements and reviews --------------------------------------------------------

    def _endorsements(self, text: str, sentence_of: Callable[[int], tuple[int, int]], phi: Sequence[Signal], found: Sequence[Testimonial]) -> list[Signal]:
        c = self.c
        if c["connection_disclosure"].search(text):
            return []
        for m in c["connected_endorser"].finditer(text):
            a, b = _clause(text, sentence_of, m.start())
            rest = text[m.end() : b]
            if c["connected_experience"].search(rest) is None and not m.group(0).startswith("@") and not regex.match(r"(?:hosted|treated|pampered|welcomed|invited|comped|gifted)\b", m.group(0), F):
                continue
            # the practice's own staff spoken of as staff ("our nurse Kayla ran a marathon") is
            # not an endorsement: the sentence must be about their own care or results
            if m.group(0).lower().startswith("our") and "’s" not in m.group(0) and "'s" not in m.group(0):
                if not c["staff_own_care"].search(text, m.end(), b) and not any(t.start < b and a < t.end and t.how == "quote" for t in found):
                    continue
            return [self._signal(a, b, "TST405", 0.7)]
        return []

    def _review_incentives(self, text: str, sentence_of: Callable[[int], tuple[int, int]], kind: str) -> list[Signal]:
        c = self.c
        out: list[Signal] = []
        seen: set[tuple[int, int]] = set()

        def add(a: int, b: int, code: str) -> None:
            a, b = _trim(text, a, b)
            if b > a and not any(x < b and a < y for x, y in seen):
                seen.add((a, b))
                out.append(self._signal(a, b, code, 0.75))

        for m in c["review_word"].finditer(text):
            a, b = _clause(text, sentence_of, m.start())
            sentence = text[a:b]
            if c["incentive"].search(sentence) and not c["incentive_negated"].search(sentence):
                add(a, b, "TST406")
        if kind == "reply":
            for m in c["incentive"].finditer(text):
                a, b = _clause(text, sentence_of, m.start())
                if c["incentive_paid"].search(text, max(0, a - 120), b) and c["review_word"].search(text) and not c["incentive_negated"].search(text[a:b]):
                    add(a, b, "TST406")  # "Thanks for the 5 stars! As promised, a $100 credit…"
        for m in c["removal_offer"].finditer(text):
            a, b = _clause(text, sentence_of, m.start())
            sentence = text[a:b]
            if c["removal_reward"].search(sentence) and not c["incentive_negated"].search(sentence):
                add(a, b, "TST406")
        for key in ("gating_negative", "gating_private", "insider_review"):
            for m in c[key].finditer(text):
                if key == "gating_negative" and not (c["review_word"].search(text) or c["gating_positive"].search(text)):
                    continue
                a, b = _clause(text, sentence_of, m.start())
                if c["incentive_negated"].search(text[a:b]) and key != "gating_negative":
                    continue
                add(a, b, "TST406")
        if c["behavioral"].search(text):
            for m in c["solicit"].finditer(text):
                a, b = _clause(text, sentence_of, m.start())
                if c["solicit_negated"].search(text[a:b]) or c["incentive_negated"].search(text[a:b]):
                    continue
                add(a, b, "TST407")
                break
        return out


def _clause(text: str, sentence_of: Callable[[int], tuple[int, int]], offset: int) -> tuple[int, int]:
    """The sentence holding `offset`, cut at line breaks (spaCy runs a line into the next)."""
    a, b = sentence_of(offset)
    nl = text.rfind("\n", a, offset)
    if nl >= 0:
        a = nl + 1
    nl = text.find("\n", offset, b)
    if nl >= 0:
        b = nl
    return _trim(text, a, b)


def _is_heading(text: str, offset: int, pa: int, pb: int) -> bool:
    """The cue is a heading or a line of its own ("Patient Spotlight 🌟")."""
    line_end = text.find("\n", offset)
    line_end = pb if line_end < 0 or line_end > pb else line_end
    return pb - pa < 80 or line_end - (text.rfind("\n", 0, offset) + 1) < 60 and line_end < pb


def _trim(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return a, b


def _paragraph(text: str, offset: int, extra: int = 0, before: int = 0) -> tuple[int, int]:
    """The paragraph holding `offset` (blank-line separated), with `before` paragraphs before it
    and `extra` after it."""
    start = offset
    for _ in range(before + 1):
        found = text.rfind("\n\n", 0, max(0, start - 1) if start != offset else start)
        start = 0 if found < 0 else found + 2
        if found < 0:
            break
    end = offset
    for _ in range(extra + 1):
        nxt = text.find("\n\n", end + 1)
        end = len(text) if nxt < 0 else nxt
    return start, end
