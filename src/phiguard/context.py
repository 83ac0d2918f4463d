"""PHI in context: whose identifier it is, what it is tied to, and what a reply confirms.

Reads the identifier signals the engine kept and the health-term signals, and emits the signals
behind PHI201-PHI203 and PHI301-PHI304. The cues are data (rules/context.yaml); this module is
the logic:

- assertion: a health mention inside the scope of a hypothetical trigger ("if you have …", "ask
  about …", "we offer …") is not about anyone; a sentence with a population cue ("1 in 10 adults",
  "people with asthma") is generic unless it names someone. Negation is recorded but never clears
  a link: "tested negative for strep" about a named child is still health information.
- linking: a health mention is about a person when its sentence holds an identifier of a
  non-staff, non-public person, or when the sentence goes on about a person an earlier sentence
  identified (see Context._earlier_anchor).
- replies: every asserted health mention is taken to be about the reviewer (PHI302); cue phrases
  confirm a relationship (PHI301) unless the sentence is the practice declining to discuss care;
  a name in greeting or vocative position, or matching the reviewer's display name, unmasks the
  reviewer (PHI303); hostile phrases are PHI304.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Any

import regex

from ._resources import compile as rx_compile
from ._resources import bilingual, lexicon, load_yaml, rules_dir
from .errors import RuleError
from .signals import Signal

if TYPE_CHECKING:
    from .detect import Sentences

F = regex.IGNORECASE  # VERSION0: simple case folding (see _resources.LazyPattern)

# identifiers that point at one person, to which health information can be linked
PERSON_ENTITIES = frozenset({"NAME", "SOCIAL_HANDLE", "PHOTO", "EMAIL"})
SENSITIVE_LABELS = {
    "mental_health": "mental health",
    "substance_use": "substance use",
    "hiv_sti": "HIV or sexually transmitted infection",
    "reproductive": "reproductive health",
    "genetic": "genetic",
}
_AGE_ANY = rx_compile(r"\b(?:\d{1,3}|[a-z]+-?(?:one|two|three|four|five|six|seven|eight|nine)|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)[-\s](?:year|yr|month)s?[-\s]old\b|\baged?\s+\d{1,3}\b", F)
_POSSESSIVE_BEFORE = rx_compile(r"(?:\byou(?:[’']re|\s+are|\s+were|[’']ve\s+been)\s+(?:feeling\s+|getting\s+)?(?:so\s+|very\s+|less\s+|more\s+|much\s+)*|\b(?:your|her|his|their|my|our\s+patient[’']?s|the|those|these|that|this)\s+(?:[\w-]+\s+){0,2}|[’']s\s+(?:[\w-]+\s+){0,1}|\b(?:in|for)\s+(?:a|an|the|her|his|your|their)\s+(?:[\w-]+\s+){0,1})$", F)
_GENERIC_PRONOUNS = rx_compile(r"\b(?:his\s+or\s+her|her\s+or\s+his|he\s+or\s+she|she\s+or\s+he|him\s+or\s+her|his/her|he/she|s/he)\b", F)
# "if the itching comes back", "if you followed the aftercare your peel wouldn't have…": a
# possessive or definite article right before the term presupposes it
_PRESUPPOSED = rx_compile(r"\b(?:your|the|that|those|his|her|their)\s+(?:[\w-]+\s+)?$", F)
_PAYMENT = rx_compile(r"\b(?:owe[sd]?|owing|refund(?:ed|s)?|paid|charged|billed|balance|collections?)\b", F)
_FAMILY_AFTER = rx_compile(r"[’']?s?\s+(?:family|families|twins|triplets|kids|children|household|brothers|sisters|siblings)\b", F)
_OWNS_AFTER = rx_compile(r"[’']s\s+(?:\w+\s+){0,2}?(?:biopsy|results?|scan|surgery|diagnosis|treatment|appointment|visit|therapy|recovery|[\w-]+(?:itis|oma|ectomy|plasty))\b", F)
# "finished our 12-week PTSD program", "graduated from our DBT program": a person's care after all
_ENROLLED_BEFORE = rx_compile(r"\b(?:finish(?:ed|es|ing)?|complet(?:ed|es|ing)|graduat(?:ed|es|ing)\s+from|enrolled\s+in|joined|start(?:ed|s|ing)|in)\s+(?:our|the|a|an|her|his|their)\s+(?:[\w-]+\s+){0,3}$", F)
_OWN_STAFF = rx_compile(r"\b(?:our|your)\s+(?:\w+\s+)?$", F)
# "your Botox", "you've been fighting shingles": the reviewer's own, even in a general sentence
_YOURS_BEFORE = rx_compile(r"\b(?:your|you(?:[’']re|\s+are|\s+were|[’']ve(?:\s+been)?|\s+have|\s+had|\s+got))\s+(?:[\w-]+\s+){0,2}$", F)
_YOURS_AFTER = rx_compile(r"\s+(?:(?:that|which)\s+)?you\s+(?:had|got|did|went|insisted|asked|chose|requested|received|were|wanted|started|finished|booked|came)\b", F)
# "your session for the sciatica", "vos séances pour votre hernie": what a service is for
_OF_HEALTH = rx_compile(r"\s*(?:for|of|de|d['’]|du|des|pour)\s*(?:(?:your|the|votre|vos|ton|ta|tes|la|le|l['’])\s*)?", F)
_DONATION_BEFORE = rx_compile(r"\b(?:donat(?:e|ed|es|ion|ions)|raised|fundrais\w*|grant|sponsorship|scholarship|gift\s+of)\b[^.!?\n]{0,30}$", F)
# "if your pain persists, see your doctor": advice to anyone, not a presupposed fact
_ADVICE_AFTER = rx_compile(r"\s+(?:persists?|continues?|worsens?|gets?\s+worse|does\s+not\s+improve|doesn[’']t\s+improve)\b", F)
_INDEFINITE_BEFORE = rx_compile(r"\b(?:a|an|any|another)\s+(?:[\w-]+\s+)?$", F)
_PAST = rx_compile(r"\b(?:was|were|had|came|went|got|took|left|began|brought|found|felt|spent|completed|placed|removed|started|finished|needed|showed|turned|decided|called|noticed|diagnosed|treated|performed)\b", F)
# French counterparts of the patterns above, each matching the English words too (franglais)
_FR = {
    "possessive_before": r"\b(?:sa|son|ses|leur|leurs|votre|vos|ta|ton|tes)\s+(?:[\w'’-]+\s+){0,2}$|\b(?:vous\s+(?:[êe]tes|avez|aviez|souffrez)|tu\s+(?:es|as))\s+(?:[\w'’-]+\s+){0,2}$|\b(?:atteinte?|souffr\w*|diagnostiqu[ée]e?|trait[ée]e?|op[ée]r[ée]e?)\s+(?:d['’]une?\s+|d['’]|de\s+(?:la\s+|l['’])?|du\s+|des\s+|pour\s+(?:une?\s+|la\s+|le\s+|sa\s+|son\s+|ses\s+)?)?$",
    "generic_pronouns": r"\b(?:il\s+ou\s+elle|elle\s+ou\s+il|lui\s+ou\s+elle|il/elle|elle/il|iel|celui\s+ou\s+celle)\b",
    "presupposed": r"\b(?:votre|vos|ta|ton|tes|ce|cet|cette|ces|sa|son|ses|leur|leurs)\s+(?:[\w'’-]+\s+)?$",
    "payment": r"\b(?:doi[st]|devez|dû|due|solde|rembours\w*|pay[ée]e?s?|factur\w*|recouvrement|cr[ée]ance|montant)\b",
    "past": r"\b(?:a|ont|avait|avaient|[ée]tait|[ée]taient|est|sont)\s+(?:[\w'’-]+\s+)?(?:[\w-]+[ée]e?s?|eu|fait|pris|mis|subi|re[çc]ue?|vue?|venue?s?|fini)\b",
    "age_any": r"\b\d{1,3}\s*ans\b|\b[âa]g[ée]e?\s+de\s+\d{1,3}\b",
    "own_staff": r"\b(?:notre|nos|votre|vos)\s+(?:[\w'’-]+\s+)?$",
    "donation_before": r"\b(?:dons?|donation|collecte|lev[ée]e\s+de\s+fonds|commandite|bourse|subvention|a\s+amass[ée]|amass[ée]s?)\b[^.!?\n]{0,30}$",
    "advice_after": r"\s+(?:persist(?:e|ent)|continu(?:e|ent)|s['’]aggrav(?:e|ent)|ne\s+passent?\s+pas|ne\s+s['’]am[ée]liorent?\s+pas)\b",
    "indefinite_before": r"\b(?:une?|d['’]une?|toute?|chaque|autre)\s+(?:[\w'’-]+\s+)?$",
    "yours_after": r"\s+(?:(?:que|qu['’])\s*(?:vous|tu)\s+(?:avez|aviez|as|avais)|dont\s+(?:vous|tu)\s+(?:avez|aviez|as|avais)\s+b[ée]n[ée]fici[ée])\b",
    "yours_before": r"\b(?:votre|vos|ton|ta|tes|vous\s+(?:avez|aviez|[êe]tes|souffrez)|tu\s+(?:as|es)|t[’'](?:as|es))\s+(?:[\w'’-]+\s+){0,2}$",
}


_ENGLISH = {
    "possessive_before": _POSSESSIVE_BEFORE,
    "generic_pronouns": _GENERIC_PRONOUNS,
    "presupposed": _PRESUPPOSED,
    "payment": _PAYMENT,
    "past": _PAST,
    "age_any": _AGE_ANY,
    "own_staff": _OWN_STAFF,
    "yours_before": _YOURS_BEFORE,
    "yours_after": _YOURS_AFTER,
    "indefinite_before": _INDEFINITE_BEFORE,
    "donation_before": _DONATION_BEFORE,
    "advice_after": _ADVICE_AFTER,
}


_PARAGRAPH = rx_compile(r"\n\s*\n")
_LIST_ITEM = rx_compile(r"\n\s*(?:[-*•]|\d+[.)])\s")


def _alternation(items: list[str]) -> regex.Pattern[str]:
    for x in items:
        if not isinstance(x, str):
            # YAML reads a bare no/yes/on/off as a boolean: quote it in the rule file
            raise TypeError(f"cue {x!r} is not a string; quote it")
    body = "|".join(f"(?:{x})" for x in items)
    return rx_compile(rf"(?<![\w-])(?:{body})(?![\w])", F)


@dataclass(frozen=True)
class Cues:
    hypothetical: regex.Pattern[str]
    generic: regex.Pattern[str]
    negation_before: regex.Pattern[str]
    practice_before: regex.Pattern[str] | None
    practice_after: regex.Pattern[str]
    negation_after: regex.Pattern[str]
    terminators: regex.Pattern[str]
    pronouns: regex.Pattern[str]
    you: regex.Pattern[str]
    public_before: regex.Pattern[str]
    public_after: regex.Pattern[str]
    unique: regex.Pattern[str]
    unique_not: regex.Pattern[str]
    occupations: regex.Pattern[str]
    small_places: regex.Pattern[str]
    confirms: regex.Pattern[str]
    refusal: regex.Pattern[str]
    service: regex.Pattern[str]
    hostile: regex.Pattern[str]
    health_patterns: tuple[tuple[regex.Pattern[str], dict[str, object]], ...]


def _overlay(english: dict[str, Any], local: dict[str, Any]) -> dict[str, Any]:
    """rules/LANG/context.yaml over the English cues: each list it gives replaces the English one."""
    out = dict(english)
    for key, value in local.items():
        out[key] = _overlay(english[key], value) if isinstance(value, dict) and isinstance(english.get(key), dict) else value
    return out


@lru_cache(maxsize=2)
def load_cues(lang: str = "en") -> Cues:
    path = rules_dir() / "context.yaml"
    try:
        data: dict[str, Any] = load_yaml(path)
        local = rules_dir() / lang / "context.yaml"
        if lang != "en" and local.is_file():
            path = local
            data = _overlay(data, load_yaml(local))
        a, p, q, r = data["assertion"], data["people"], data["quasi"], data["reply"]
        return Cues(
            hypothetical=_alternation(a["hypothetical_before"]),
            generic=_alternation(a["generic_sentence"]),
            negation_before=_alternation(a["negation_before"]),
            practice_before=rx_compile(r"(?<![\w-])(?:" + "|".join(a["practice_before"]) + r")\s*(?:[\w'’-]+\s+){0,1}$", F) if a.get("practice_before") else None,
            practice_after=rx_compile(r"\s+(?:" + "|".join(a["practice_after"]) + r")(?!\w)", F),
            negation_after=rx_compile(r"\s*(?:" + "|".join(a["negation_after"]) + r")(?!\w)", F),
            terminators=rx_compile(r"[;:—–()]|(?<![\w-])(?:" + "|".join(a["terminators"]) + r")(?!\w)", F),
            pronouns=_alternation(p["pronouns"]),
            you=_alternation(p["second_person"]),
            public_before=rx_compile(r"(?<![\w-])(?:" + "|".join(p["public_before"]) + r")\s*$", F),
            public_after=rx_compile(r"\s*(?:" + "|".join(p["public_after"]) + r")", F),
            unique=_alternation(q["unique"]),
            unique_not=rx_compile(r"\s*(?:\S+\s+){0,2}?(?:" + "|".join(q["unique_not"]) + r")(?!\w)", F),
            occupations=_alternation(q["occupations"]),
            small_places=rx_compile("|".join(f"(?:{x})" for x in q["small_places"]), regex.VERSION1),
            confirms=_alternation(r["confirms"]),
            refusal=_alternation(r["refusal"]),
            service=rx_compile(r"(?:" + "|".join(r["service_terms"]) + r")", F),
            hostile=_alternation(r["hostile"]),
            health_patterns=tuple(
                (
                    rx_compile(x["pattern"], F),
                    {"category": x["category"], "sensitive": bool(x.get("sensitive")), "ambiguous": False, "cost": bool(x.get("cost"))},
                )
                for x in data["health_patterns"]
            ),
        )
    except (KeyError, TypeError, AttributeError, regex.error) as err:
        raise RuleError(f"{path}: cannot load context cues ({err.__class__.__name__}: {err})") from None


def _same_paragraph(text: str, a: int, b: int) -> bool:
    """No blank line and no new list item between the two offsets."""
    seg = text[min(a, b) : max(a, b)]
    return not _PARAGRAPH.search(seg) and not _LIST_ITEM.search(seg)


def assertion(text: str, sent: tuple[int, int], h: Signal, cues: Cues) -> str:
    """'hypothetical', 'negated' or 'asserted' for a health mention in its sentence."""
    a, b = sent
    prefix_start = max(a, h.start - 90)
    prefix = text[prefix_start : h.start]
    last_stop = 0
    for m in cues.terminators.finditer(prefix):
        last_stop = m.end()
    scope = prefix[last_stop:]
    trig = None
    # searched in the sentence, so that a cue can look past its own end ("when you got the flu" is
    # not hypothetical), but only cues that end before the mention count
    # (up to 200 characters past the mention: enough for any cue's look-ahead, and a sentence with
    # no punctuation and thousands of mentions stays linear)
    for m in cues.hypothetical.finditer(text, prefix_start + last_stop, min(max(b, h.end), h.end + 200)):
        if m.end() > h.start:
            break
        trig = m
    if trig is not None and len(text[trig.end() : h.start].split()) <= 7:
        return "hypothetical"
    if cues.practice_before is not None and cues.practice_before.search(text, max(a, h.start - 60), h.start):
        return "hypothetical"  # "l'équipe de physiothérapie": the practice, the word right after it
    if cues.practice_after.match(text, h.end) and not _ENROLLED_BEFORE.search(text, max(a, h.start - 50), h.start):
        return "hypothetical"  # "our physical therapy team": the practice, not a person's care
    neg = None
    for m in cues.negation_before.finditer(scope):
        neg = m
    if neg is not None and len(scope[neg.end() :].split()) <= 4 or cues.negation_after.match(text, h.end):
        return "negated"
    return "asserted"


def _merge_adjacent(text: str, signals: list[Signal], code: str) -> list[Signal]:
    """One finding for "see you at" + "your next cleaning": same-code spans that overlap or touch."""
    mine = sorted((s for s in signals if s.facts.get("code") == code), key=lambda s: s.start)
    merged: list[Signal] = []
    for s in mine:
        if merged and s.start <= merged[-1].end + 1 and not text[merged[-1].end : s.start].strip():
            last = merged[-1]
            last.end = max(last.end, s.end)
            last.score = max(last.score, s.score)
        else:
            merged.append(Signal(s.start, s.end, s.entity, s.score, s.source, dict(s.facts)))
    return [s for s in signals if s.facts.get("code") != code] + merged


@lru_cache(maxsize=1)
def _public_figures() -> frozenset[str]:
    return frozenset(lexicon("public_figures"))


@lru_cache(maxsize=2)
def _patterns(lang: str) -> Any:
    """The patterns above that depend on the language, once per language (not per Linter)."""
    return bilingual(_ENGLISH, _FR, lang, F)


class Context:
    """Applies the linking and reply rules to one text's signals."""

    def __init__(self, first_names: frozenset[str] = frozenset(), lang: str = "en") -> None:
        self.cues = load_cues(lang)
        self.rx = _patterns(lang)
        self.first_names = first_names

    def _weak_name(self, text: str, s: Signal) -> bool:
        """One capitalised word that is not a known first name and has no patient cue ("Pollen")."""
        words = text[s.start : s.end].split()
        if len(words) != 1 or words[0].strip(".,'’").lower() in self.first_names or s.facts.get("role") == "patient" or s.facts.get("cued"):
            return False
        if regex.fullmatch(r"(?:\p{Lu}\.){2,3}", words[0]):
            return False  # initials ("J.R.") are how a post half-hides a person
        # "Thaddeus's biopsy": whoever owns it is a person; so is a family ("the Hernandez family")
        return not (_OWNS_AFTER.match(text, s.end) or _FAMILY_AFTER.match(text, s.end))

    def apply(
        self,
        text: str,
        sents: Sentences,
        kept: list[Signal],
        health: list[Signal],
        places: list[tuple[int, int]],
        kind: str,
        reviewer: str | None = None,
    ) -> list[Signal]:
        cues = self.cues
        bounds = sents.bounds
        by_sent: dict[int, list[Signal]] = {}
        for s in kept:
            by_sent.setdefault(sents.index(s.start), []).append(s)

        # costs, gestational age, birth weight, refraction, spinal levels, lab values
        health = health + [
            Signal(m.start(), m.end(), "HEALTH_INFO", 0.5, "health-pattern", dict(facts))
            for pattern, facts in cues.health_patterns
            for m in pattern.finditer(text)
        ]
        # "member ID XKH882041937": the words that introduce an identifier are reported with it
        ids = [s for s in kept if s.entity in {"HEALTH_PLAN_ID", "MRN", "ACCOUNT_NUMBER"}]
        health = [h for h in health if not any(0 <= k.start - h.end <= 5 and regex.fullmatch(r"[\s:#(]*(?:is|was|no\.?)?[\s:#(]*", text[h.end : k.start], F) for k in ids)]
        # "son don de 5 000 $", "raised $12,000 for": money given to the practice is nobody's bill
        health = [h for h in health if not (h.facts.get("cost") and self.rx.donation_before.search(text, max(0, h.start - 40), h.start))]
        health = self._usable_health(text, health, sents)
        for h in health:  # once per mention; linking, quasi-identifiers and replies all read it
            h.facts["assertion"] = assertion(text, bounds[sents.index(h.start)], h, cues)
        sentence_generic: dict[int, bool] = {}

        def generic(i: int) -> bool:
            if i not in sentence_generic:
                a, b = bounds[i]
                sentence_generic[i] = cues.generic.search(text, a, b) is not None
            return sentence_generic[i]

        firm = [h for h in health if not h.facts.get("weak")]
        if kind == "reply":
            for s in kept:
                if s.facts.get("needs_link"):
                    s.facts["unlinked"] = True
            return self._reply(text, sents, kept, health, reviewer, generic)

        out: list[Signal] = []
        quasi = self._quasi(text, sents, firm, places, by_sent, generic)
        out += quasi
        # what identifies a person: every kept identifier (the engine keeps only those tied to a
        # person) except staff and public figures, and the quasi-identifying descriptions
        anchors: dict[int, list[Signal]] = {}
        public_sents = {sents.index(s.start) for s in kept if s.facts.get("role") == "public"}
        for s in [*kept, *quasi]:
            if s.entity == "PHOTO" and sents.index(s.start) in public_sents:
                continue  # "every time he posts a bandaged selfie": the public figure's own photo
            if s.facts.get("role") in {"staff", "public"} or s.facts.get("needs_link") or s.facts.get("needs_story") or s.entity == "NAME" and self._weak_name(text, s):
                continue
            anchors.setdefault(sents.index(s.start), []).append(s)

        for h in health:
            if h.facts["assertion"] == "hypothetical":
                continue
            i = sents.index(h.start)
            linked = list(anchors.get(i, []))
            if h.facts.get("weak"):
                # "Gloria still gets adjusted every Friday": only next to the person's name, or
                # with a pronoun that carries the person on ("A dozen adjustments later he's back")
                linked = [p for p in linked if p.entity in {"NAME", "SOCIAL_HANDLE"}]
                if not linked and not generic(i) and self._third_person(text, *bounds[i]):
                    linked = [p for p in self._earlier_anchor(text, bounds, sents, anchors, by_sent, i, h) if p.entity in {"NAME", "SOCIAL_HANDLE"}]
                if not linked:
                    continue
            if not any(p.entity in PERSON_ENTITIES for p in linked) and not generic(i):
                # "She had crowded teeth and started aligners in May": the date is tied, and so
                # is the person an earlier sentence named
                linked += self._earlier_anchor(text, bounds, sents, anchors, by_sent, i, h)
                if not linked:
                    linked = self._next_anchor(text, bounds, anchors, i)
            if not linked:
                continue
            sensitive = bool(h.facts.get("sensitive"))
            for p in linked:
                p.facts["health"] = True
                p.facts["sensitive"] = bool(p.facts.get("sensitive")) or sensitive
            out.append(self._health_finding(h, "PHI202" if sensitive else "PHI201"))
        linked_sents = {sents.index(f.start) for f in out}
        for s in kept:
            if s.facts.get("needs_link") and sents.index(s.start) not in linked_sents or s.facts.get("needs_story") and not out:
                s.facts["unlinked"] = True
        return out

    def _earlier_anchor(self, text, bounds, sents, anchors, by_sent, i, h) -> list[Signal]:  # type: ignore[no-untyped-def]
        """The person an earlier sentence identified, if this sentence goes on about them.

        A third-person word ("she", "his") reaches back up to eight sentences, across paragraphs
        (a patient story names the patient once and goes on), past staff named on the way ("Dr. Kim
        placed the implants and he went home"); "you" reaches two sentences back within the
        paragraph to a person the post speaks to; a sentence with neither continues the one before
        it in the same paragraph, or, told in the past, reaches three sentences back across
        paragraphs. A public figure on the way stops the search.
        """
        cues = self.cues
        a, b = bounds[i]
        sentence = self.rx.generic_pronouns.sub(" ", text[a:b])
        third = self._third_person(text, a, b)
        second = cues.you.search(sentence) is not None
        # a story told in the past goes on across paragraphs ("Our PA took a look, then a biopsy. It
        # came back as stage IB melanoma."); present-tense education after it does not
        narrative = not third and not second and self.rx.past.search(sentence) is not None
        reach = 8 if third else 2 if second else 3 if narrative else 1
        for j in range(i - 1, max(-1, i - 1 - reach), -1):
            if not third and not narrative and not _same_paragraph(text, bounds[j][1] - 1, h.start):
                break
            cand = anchors.get(j, [])
            if not third and second:
                # "you" in a post is the audience, unless the post speaks to the person it names
                # or to "the patient who…"
                patient_talk = regex.search(r"\b(?:patient|client)\b", text[bounds[j][0] : bounds[j][1]], F) is not None
                cand = [c for c in cand if c.entity in {"NAME", "SOCIAL_HANDLE"} or patient_talk]
            if cand:
                return cand
            named = [s for s in by_sent.get(j, ()) if s.entity == "NAME"]
            if any(s.facts.get("role") == "public" for s in named) or named and (not third or j == i - 1):
                # the nearest named person is someone else; a pronoun right after a staff member
                # is about them ("Keiko Yamamoto, PT, joined last fall. She focuses on vestibular rehab")
                break
        return []

    @staticmethod
    def _next_anchor(text: str, bounds: list[tuple[int, int]], anchors: dict[int, list[Signal]], i: int) -> list[Signal]:
        """A name that opens the next sentence of the paragraph: "BRACES OFF DAY!! Congrats Ethan Miller, …"."""
        if i + 1 >= len(bounds) or not _same_paragraph(text, bounds[i][1] - 1, bounds[i + 1][0]):
            return []
        if not regex.search(r"!\W*$", text[bounds[i][0] : bounds[i][1]]):
            return []  # only after an exclamation that opens a shout-out
        a = bounds[i + 1][0]
        return [p for p in anchors.get(i + 1, []) if p.entity == "NAME" and len(text[a : p.start].split()) <= 3]

    def _third_person(self, text: str, a: int, b: int) -> bool:
        """The sentence says "she", "his", "they"… about someone ("his or her" is generic)."""
        return self.cues.pronouns.search(self.rx.generic_pronouns.sub(" ", text[a:b])) is not None

    # -- pieces ---------------------------------------------------------------------------

    @staticmethod
    def _health_finding(h: Signal, code: str) -> Signal:
        facts = {"code": code, "category": h.facts.get("category"), "sensitive": bool(h.facts.get("sensitive"))}
        return Signal(h.start, h.end, "HEALTH_INFO", h.score, "context", facts)

    def public(self, text: str, s: Signal) -> bool:
        """The name is a public figure's: on the list, or introduced as one ("the singer…")."""
        if " ".join(text[s.start : s.end].lower().split()) in _public_figures():
            return True  # "Did you know Whoopi Goldberg wears hearing aids?"
        before = text[max(0, s.start - 40) : s.start]
        return bool(self.cues.public_before.search(before) or self.cues.public_after.match(text, s.end))

    def _usable_health(self, text: str, health: list[Signal], sents: Sentences) -> list[Signal]:
        """Longest match per region; ambiguous words only with a possessive or another health term."""
        ordered = sorted(health, key=lambda h: (h.start, -h.length))
        out: list[Signal] = []
        last_end = -1
        for h in ordered:
            if h.start < last_end:
                inner = out[-1]
                if h.facts.get("sensitive") and not inner.facts.get("sensitive") and h.end <= inner.end:
                    # "two rounds of IVF": the longer match keeps the sensitive category inside it
                    inner.facts = {**inner.facts, "sensitive": True, "category": h.facts.get("category")}
                continue
            out.append(h)
            last_end = h.end
        firm_sents = {sents.index(h.start) for h in out if not h.facts.get("ambiguous")}
        for h in out:
            if h.facts.get("ambiguous"):
                before = text[max(0, h.start - 40) : h.start]
                # "weak": health information only in a sentence that names the patient
                h.facts["weak"] = not (self.rx.possessive_before.search(before) or sents.index(h.start) in firm_sents)
        return out

    def _quasi(
        self,
        text: str,
        sents: Sentences,
        health: list[Signal],
        places: list[tuple[int, int]],
        by_sent: dict[int, list[Signal]],
        generic: Callable[[int], bool],
    ) -> list[Signal]:
        """PHI203: a description that singles one person out, with no direct identifier."""
        cues = self.cues
        health_in: dict[int, list[Signal]] = {}
        for h in health:
            if h.facts["assertion"] != "hypothetical":
                health_in.setdefault(sents.index(h.start), []).append(h)
        places_in: dict[int, list[tuple[int, int]]] = {}
        for ps, pe in places:
            places_in.setdefault(sents.index(ps), []).append((ps, pe))
        out = []
        for i, (a, b) in enumerate(sents.bounds):
            if any(s.entity in PERSON_ENTITIES and s.facts.get("role") != "staff" for s in by_sent.get(i, ())):
                continue  # a direct identifier is already reported
            if generic(i):
                continue
            parts: list[tuple[int, int, str]] = []
            for m in cues.unique.finditer(text, a, b):
                if not cues.unique_not.match(text, m.end(), b):
                    parts.append((m.start(), m.end(), "unique"))
            for m in cues.occupations.finditer(text, a, b):
                if not self.rx.own_staff.search(text[max(a, m.start() - 20) : m.start()]) and not regex.match(r"(?:our|your|notre|nos|votre|vos)\b", m.group(), F):
                    parts.append((m.start(), m.end(), "occupation"))  # not "your pharmacist", "our coach"
            for m in self.rx.age_any.finditer(text, a, b):
                parts.append((m.start(), m.end(), "age"))
            for ps, pe in places_in.get(i, ()):
                if a <= ps and pe <= b:
                    parts.append((ps, pe, "place"))
            for m in cues.small_places.finditer(text, a, b):
                parts.append((m.start(), m.end(), "place"))
            for h in health_in.get(i, ()):
                parts.append((h.start, h.end, "health"))
            for s in by_sent.get(i, ()):
                if s.entity == "LOCATION" and s.facts.get("address"):
                    parts.append((s.start, s.end, "address"))
            kinds = {p[2] for p in parts}
            if "unique" in kinds and kinds & {"occupation", "age", "place", "address"} and len(kinds) >= 3:
                pass  # "the only retired airline pilot in Cedar Falls (with RP)"
            elif "occupation" in kinds and len(kinds & {"age", "place", "health"}) >= 2:
                pass  # "a 34-year-old teacher from Wichita with lupus"
            else:
                continue
            start = min(p[0] for p in parts)
            end = max(p[1] for p in parts)
            out.append(Signal(start, end, "QUASI", 0.7, "context", {"code": "PHI203"}))
        return out

    def _reply(self, text, sents, kept, health, reviewer, generic) -> list[Signal]:  # type: ignore[no-untyped-def]
        cues = self.cues
        bounds = sents.bounds
        out: list[Signal] = []
        refusing = {i for i, (a, b) in enumerate(bounds) if cues.refusal.search(text, a, b)}
        # a reply speaks to the reviewer: a sentence that says "your" is about them even when it
        # sounds general ("the bruising from your Botox is normal"), and an ambiguous word in a
        # sentence that speaks to them is health information ("keep icing that lower back")
        to_reviewer = {i for i, (a, b) in enumerate(bounds) if cues.you.search(text, a, b)}
        your_before = {id(h) for h in health if self.rx.yours_before.search(text, max(0, h.start - 40), h.start)}
        yours = your_before | {id(h) for h in health if self.rx.yours_after.match(text, h.end)}
        owned = {sents.index(h.start) for h in health if id(h) in yours and not h.facts.get("ambiguous") and h.facts["assertion"] != "hypothetical"}
        repeats: list[Signal] = []
        services: list[Signal] = []
        for h in health:
            i = sents.index(h.start)
            service = h.facts.get("category") == "visit" or cues.service.fullmatch(text, h.start, h.end) is not None
            if h.facts["assertion"] == "hypothetical" and (
                service
                or h.facts.get("category") == "body"
                or not self.rx.presupposed.search(text, max(0, h.start - 30), h.start)
                or self.rx.advice_after.match(text, h.end)
            ):
                # "if you need an appointment"; but "if the itching comes back" says there was
                # itching (not "if you feel your hearing has changed": everyone has hearing)
                continue
            if i in refusing or h.facts.get("weak") and i not in to_reviewer:
                continue
            if generic(i) and i not in owned and id(h) not in yours:
                # "jaw clicking can have a lot of causes … please call us": a general answer, even
                # when it says "you"; but "waiting on STI results can be stressful, and we're glad
                # your retest came back negative" is about the reviewer's own
                continue
            if h.facts.get("cost") and i not in to_reviewer and not self.rx.payment.search(text, *bounds[i]):
                continue  # a price list, not what the reviewer paid
            if service:
                if id(h) not in your_before and self.rx.indefinite_before.search(text, max(0, h.start - 30), h.start):
                    continue  # "during a first consultation, which is free": on offer to anyone
                tail = _OF_HEALTH.match(text, h.end)
                if tail and any(o.start == tail.end() for o in health):
                    continue  # "votre séance d'épilation laser": the health fact after it is the finding
                # "your adjustment", "the ultrasound appointment": a service, which confirms the
                # relationship (PHI301) without stating a health fact
                services.append(Signal(h.start, h.end, "CONFIRM", 0.75, "context", {"code": "PHI301"}))
                continue
            repeats.append(self._health_finding(h, "PHI302"))
        out += repeats
        for i, (a, b) in enumerate(bounds):
            if i in refusing:
                continue
            for m in cues.confirms.finditer(text, a, b):
                tail = _OF_HEALTH.match(text, m.end())
                if any(r.start < m.end() and m.start() < r.end or tail and r.start == tail.end() for r in repeats):
                    continue  # the same words already repeat a health fact (PHI302): "vos séances pour votre hernie"
                out.append(Signal(m.start(), m.end(), "CONFIRM", 0.8, "context", {"code": "PHI301"}))
        out += [v for v in services if not any(o.overlaps(v) for o in out)]
        out = _merge_adjacent(text, out, "PHI301")
        for m in cues.hostile.finditer(text):
            out.append(Signal(m.start(), m.end(), "HOSTILE", 0.7, "context", {"code": "PHI304"}))
        reviewer_words = {w.lower() for w in regex.findall(r"[\w'’-]{2,}", reviewer or "")}
        for s in kept:
            if s.entity != "NAME" or s.facts.get("role") in {"staff", "public"}:
                continue
            words = {w.lower() for w in regex.findall(r"[\w'’-]{2,}", text[s.start : s.end])}
            if words & reviewer_words or self.addressed(text, s):
                s.facts["code"] = "PHI303"
        return out

    @staticmethod
    def addressed(text: str, s: Signal) -> bool:
        """The name is the one the reply speaks to: 'Hi Maria,' 'Maria, we…' '…, Carlos.'"""
        before = text[max(0, s.start - 30) : s.start]
        after = text[s.end : s.end + 4]
        if regex.search(r"\b(?:hi|hey|hello|dear|thanks|thank\s+you|thx|ty|welcome|sorry|congrats|congratulations)\s*,?\s*(?:(?:mr|mrs|ms|miss|mx|dr)\.?\s+(?:(?:and|&)\s+(?:mr|mrs|ms|miss|mx|dr)\.?\s+)?)?$", before, F):
            return True  # "Hi Maria", "Thanks Jessica"
        if regex.search(r"\b(?:bonjour|bonsoir|allo|allô|salut|merci(?:\s+(?:beaucoup|infiniment|mille\s+fois|encore|bien|ben\s+gros|gros))?|ch[èe]re?|d[ée]sol[ée]e?s?|bravo|f[ée]licitations)\s*,?\s*(?:[àa]\s+)?$", before, F):
            return True  # "Bonjour Sarah", "Merci Julie", "Chère Mme Girard" (the title is part of a French name)
        opens = regex.search(r"(?:^|(?<!\b(?:dr|mr|mrs|ms|mx|st|jr|sr))[.!?\n]\s*)(?:(?:mr|mrs|ms|miss|mx|dr)\.?\s+)?$", before, F) is not None
        if opens and regex.match(r"\s*(?:[,!—–]|\s-\s)", after):
            return True  # "Keisha, we're sorry…"
        if regex.search(r",\s*(?:(?:mr|mrs|ms|miss|mx|dr)\.?\s+)?$", before, F) and regex.match(r"\s*(?:[.!?…]|$|\p{Extended_Pictographic})", after):
            return True  # "…, Carlos."
        return False
