"""Health claims (CLM501–CLM511): cure, COVID, implied-disease, guarantee, safety, proof, miracle,
superiority, FDA-status and drug-substitute claims, and diagnosis at a distance in replies.

Candidates come from the patterns in rules/claim_cues.yaml and the diseases of the health
lexicons. Whether a candidate is a claim is decided on its sentence: negation ("there is no cure
for…"), hedges ("may help…; ask your provider"), questions, a named source ("according to the
CDC") and, for claim verbs, the dependency parse: the verb must govern the disease, its subject
must not be the practice listing a service ("we treat asthma") or a settled public-health measure
("vaccines prevent…"), and a negation or a modal on the verb cancels or hedges it. The parser is
loaded only when a text has such a candidate.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import Any

import regex

from ._resources import Gated, Patterns, bilingual, pattern_file
from ._resources import compile as rx_compile
from .signals import Signal
from .testimonial import DISEASE_CATEGORIES  # health-lexicon categories that name a disease, a disorder or a symptom

F = regex.IGNORECASE  # VERSION0: simple case folding (see _resources.LazyPattern)

# One label per problem: where claims overlap, the most specific code wins
PRIORITY = ("CLM502", "CLM507", "CLM501", "CLM511", "CLM510", "CLM509", "CLM504", "CLM505", "CLM506", "CLM503", "CLM508")
SOFTER = {"error": "warning", "warning": "info", "info": "info"}
CLAUSE_BREAK = rx_compile(r"[;:!?()\[\]•|]|[,—–]\s|\s-\s|\n|\b(?:but|although|though|however|while|whereas|because|so)\b", F)
# Negation reaches across commas ("No supplement, drip or oil can…") but not into another clause
NEG_BREAK = rx_compile(r"[;:!?()\[\]•|]|[—–]\s|\s-\s|\n|\b(?:but|although|though|however|while|whereas|because|so|and\s+(?:that|it|this))\b", F)
NEG_SUBJECT = rx_compile(r"\s*(?:no|nothing|none|neither|not\s+(?:a|one|every|all|any)|there\s+(?:is|are|[’']s)\s+(?:still\s+|currently\s+|really\s+)?no|there\s+(?:isn[’']t|aren[’']t|is\s+not|are\s+not)|no\s+one|nobody)\b", F)
NEG_DETERMINER = rx_compile(r"\bno\s+(?:[\w+-]+\s+){0,2}(?:has|have|can|could|will|is|are|was|does|do)\b", F)
NEG_RIGHT_BEFORE = rx_compile(r"(?:\b(?:isn[’']t|aren[’']t|not|never|nothing\s+is)\s+|\b(?:whether|if)\b[^,;.!?\n]{0,30})$", F)
MYTH_LABEL = rx_compile(r"\b(?:myth|false|fiction)\s*[:#—–-]", F)
QUOTED = rx_compile(r"\"[^\"\n]{2,160}\"|“[^”\n]{2,160}”|(?<![\w’'])'[^'\n]{2,160}'(?![\w’'])|‘[^’\n]{2,160}’")
REBUTTAL = rx_compile(r"[\s.,!?—–-]*(?:nope|not\s+quite|not\s+true|false|wrong|myth|fact\s*:|actually|no\b|not\s+so|sadly,?\s+no|that[’']s\s+(?:a\s+)?myth)", F)
SENT_END = rx_compile(r"[.!?…]+[\"”’)]*\s|\n")
# "that's rosacea": the copula before a condition in a reply
COPULA = rx_compile(r"(?:\b(?:is|are|was|were|[’']s)|=)\s+(?:[\w-]+\s+){0,2}$", F)
# "most ankle sprains heal on their own": a condition that ends by itself
NATURAL = rx_compile(r"\b(?:usually|typically|most|often|normally|on\s+(?:its|their)\s+own|by\s+(?:itself|themselves)|naturally|within\s+(?:a\s+few|\d+)\s+(?:days|weeks))\b", F)
# "your PTSD is gone": the owner or article before a condition belongs to the claim
OWNER_BEFORE = rx_compile(r"\b(?:your|my|their|his|her|the)\s+(?:[\w-]+\s+)?$", F)
# "what we treat", "our team": the practice listing its services
PRACTICE = rx_compile(r"\b(?:we|our\s+(?:team|doctors?|providers?|clinic|practice|office))\b", F)
PRACTICE_VERB = rx_compile(r"\bwe\s+(?:do\s+|also\s+|can\s+|proudly\s+)?(?:treat|see|help|manage|diagnose)\w*", F)
# "the miracle molecule": a determiner right before
DETERMINER_BEFORE = rx_compile(r"\b(?:the|our|this|a)\s+$", F)
# a public-health measure named in a COVID sentence
# sentence-wide hedges: "results vary", "talk to your provider", "some patients"
SENTENCE_HEDGE = rx_compile(r"\b(?:results\s+(?:may\s+)?vary|talk\s+(?:to|with)\s+your|ask\s+your|some\s+(?:patients|people)|for\s+some|many\s+(?:patients|people))\b", F)
# "proven to reduce inflammation": what the proof is claimed for
PROOF_TAIL = rx_compile(r"\s+to\s+\w+(?:\s+(?!and\b|or\b|but\b)[\w-]+){0,3}", F)
COVID_MEASURE = rx_compile(r"\b(?:vaccin\w*|boosters?|(?:covid|flu|updated)\s+shots?|jabs?|paxlovid|tests?|testing|masks?)\b", F)


# French for the patterns above; a French text is read with both (franglais)
_FR_BUT = r"\b(?:mais|bien\s+que|quoique|cependant|toutefois|pourtant|alors\s+que|tandis\s+que|parce\s+que|car|donc)\b"
_FR = {
    "clause_break": _FR_BUT,
    "neg_break": _FR_BUT,
    "neg_subject": r"\s*(?:aucune?|rien|personne|nul(?:le)?|pas\s+(?:un|une|de|d['’])|il\s+n['’]y\s+a\s+(?:pas|aucune?)|il\s+n['’]existe\s+(?:pas|aucune?)|ni)\b",
    "neg_determiner": r"\b(?:aucune?|nul(?:le)?)\s+(?:[\w'’+-]+\s+){0,2}(?:ne|n['’])",
    "neg_right_before": r"(?:\b(?:n['’]est\s+pas|ne\s+sont\s+pas|pas|jamais|rien\s+ne)\s+|\bsi\b[^,;.!?\n]{0,30})$",
    "myth_label": r"\b(?:mythe|faux|l[ée]gende\s+urbaine|id[ée]e\s+re[çc]ue)\s*[:#—–-]",
    "quoted": r"«\s*[^»\n]{2,160}\s*»",
    "rebuttal": r"[\s.,!?—–-]*(?:faux|pas\s+vrai|c['’]est\s+faux|mythe|en\s+fait|non\b|d[ée]trompez-vous|malheureusement,?\s+non|pas\s+(?:toujours|forc[ée]ment|n[ée]cessairement)|au\s+contraire)",
    "copula": r"(?:\b(?:est|sont|[ée]tait|[ée]taient|c['’]est|ce\s+sont|[çc]a\s+(?:doit\s+[êe]tre|ressemble\s+[àa]))|=)\s+(?:[\w'’-]+\s+){0,2}$",
    "natural": r"\b(?:habituellement|g[ée]n[ée]ralement|la\s+plupart|souvent|normalement|naturellement|spontan[ée]ment|d['’](?:elle|lui|eux|elles)-m[êe]mes?|toute?s?\s+seule?s?|en\s+(?:quelques|\d+)\s+(?:jours|semaines))\b",
    "owner_before": r"(?:\b(?:votre|vos|mon|ma|mes|ton|ta|tes|son|sa|ses|leur|leurs|le|la|les)\s+|\bl['’]\s*)(?:[\w'’-]+\s+)?$",
    "practice": r"\b(?:nous|notre\s+(?:[ée]quipe|clinique|cabinet|bureau|centre|m[ée]decin|dentiste)|nos\s+(?:m[ée]decins|dentistes|professionnel(?:le)?s|sp[ée]cialistes|th[ée]rapeutes|cliniciens))\b",
    "practice_verb": r"\b(?:nous|on)\s+(?:(?:y\s+)?(?:traitons|traite|soignons|soigne|voyons|voit|aidons|aide|g[ée]rons|g[èe]re|diagnostiquons|diagnostique|prenons\s+en\s+charge|prend\s+en\s+charge))\b",
    "determiner_before": r"(?:\b(?:le|la|notre|votre|ce|cette|cet|un|une)\s+|\bl['’]\s*)$",
    "sentence_hedge": r"\b(?:les\s+r[ée]sultats\s+(?:peuvent\s+)?vari\w*|parlez(?:-en)?\s+(?:[àa]|avec)\s+votre|demandez\s+[àa]\s+votre|consultez\s+votre|certain(?:e)?s\s+(?:patient(?:e)?s|personnes|gens)|pour\s+certain(?:e)?s|chez\s+certain(?:e)?s|beaucoup\s+de\s+(?:patient(?:e)?s|gens|personnes)|plusieurs\s+(?:patient(?:e)?s|personnes))\b",
    "proof_tail": r"\s+(?:pour|[àa]|de)\s+\w+(?:\s+(?!et\b|ou\b|mais\b)[\w'’-]+){0,3}",
    "covid_measure": r"\b(?:vaccin\w*|doses?\s+de\s+rappel|d[ée]pistage|tests?|masques?)\b",
}


_ENGLISH = {
    "clause_break": CLAUSE_BREAK, "neg_break": NEG_BREAK, "neg_subject": NEG_SUBJECT, "neg_determiner": NEG_DETERMINER,
    "neg_right_before": NEG_RIGHT_BEFORE, "myth_label": MYTH_LABEL, "quoted": QUOTED, "rebuttal": REBUTTAL,
    "copula": COPULA, "natural": NATURAL, "owner_before": OWNER_BEFORE, "practice": PRACTICE, "practice_verb": PRACTICE_VERB,
    "determiner_before": DETERMINER_BEFORE, "covid_measure": COVID_MEASURE, "sentence_hedge": SENTENCE_HEDGE, "proof_tail": PROOF_TAIL,
}


@lru_cache(maxsize=2)
def _patterns(lang: str) -> Any:
    """The claim rules' own patterns above for one language, once per language (not per Linter)."""
    return bilingual(_ENGLISH, _FR, lang, F)


@lru_cache(maxsize=2)
def cues(lang: str = "en") -> Patterns:
    # `listing_verb`, `battle_verb`, `prevent_verb` and `service_subject` are matched against single words or phrases
    return pattern_file("claim_cues.yaml", lambda key: F, lang)


class ClaimDetector:
    """One per Linter. `parser` returns a spaCy pipeline with a dependency parser (loaded on the
    first candidate), or None when the configured model has none: the window rules then decide."""

    def __init__(self, parser: Callable[[], Any] | None = None, lang: str = "en") -> None:
        self.c = cues(lang)
        self.rx = _patterns(lang)
        self._parser_factory = parser
        self._parser: Any = False  # not loaded yet

    # -- the public step ---------------------------------------------------------------------

    def signals(
        self,
        text: str,
        sentence_of: Callable[[int], tuple[int, int]],
        kind: str,
        phi: Sequence[Signal],
        health: Sequence[Signal],
    ) -> list[Signal]:
        ctx = _Context(self, text, sentence_of, health)
        out: list[Signal | None] = []
        if kind == "reply":
            named = any(s.entity in {"NAME", "SOCIAL_HANDLE"} for s in phi)
            out += self._diagnosis(ctx, named)
        out += self._covid(ctx)
        out += self._cures(ctx)
        out += self._implied(ctx)
        out += self._simple(ctx, "guarantee", "CLM504", ok="guarantee_ok", ok_window=60)
        # "no side effects" is often one of a list of "no"s: a negation before it is not a denial
        out += self._simple(ctx, "safety", "CLM505", ok="safety_ok", ok_window=25, deny=False)
        out += self._proof(ctx)
        out += self._simple(ctx, "miracle", "CLM507", ok="miracle_ok", ok_window=25, hedge=False)
        out += [
            s for s in self._simple(ctx, "miracle_bare", "CLM507", ok="miracle_ok", ok_window=25, hedge=False)
            if s is not None and (
                ctx.disease_in(ctx.sentence(s.start))
                # "the miracle molecule" in a text about care
                or self.rx.determiner_before.search(text[max(0, s.start - 8) : s.start]) is not None
                and regex.match(r"\s+[^\W\d_]\w+", text[s.end : s.end + 20]) is not None and bool(ctx.diseases or ctx.treatments)
            )
        ]
        out += self._superiority(ctx)
        out += self._fda(ctx)
        out += self._substitutes(ctx)
        kept = [s for s in out if s is not None]
        tails = [(s.end, int(s.facts["tail"])) for s in kept if s.facts.get("tail")]
        kept = [s for s in kept if not (s.facts["code"] == "CLM503" and any(x <= s.start < y for x, y in tails))]
        kept = [s for s in kept if not ctx.rejected(s.start, s.end)]
        if any(not s.facts.get("weak") for s in kept):
            kept = [s for s in kept if not s.facts.get("weak")]
        return _merge_by_sentence(_one_per_problem(kept), ctx)

    # -- the parser ----------------------------------------------------------------------------

    def parse(self, sentence: str) -> Any:
        if self._parser is False:
            self._parser = self._parser_factory() if self._parser_factory else None
        if self._parser is None:
            return None
        return self._parser(sentence)

    # -- rules ------------------------------------------------------------------------------

    def _cures(self, ctx: _Context) -> list[Signal]:
        """CLM501: a claim verb governing a disease ("cures migraines", "say goodbye to sciatica")."""
        c, text = ctx.c, ctx.text
        out = []
        for m in c["cure_verb"].finditer(text):
            a, b = m.span()
            sent = ctx.sentence(a)
            # the disease follows the verb, or sits inside the phrase ("kiss your fibromyalgia goodbye")
            disease = ctx.disease_after(a, sent, limit=80 + b - a)
            if disease is None or ctx.is_covid(disease) or c["dshea"].search(text, *sent):
                continue
            if ctx.denied(a, sent) or ctx.hedged(a, b, sent) or ctx.asks(sent):
                continue
            verdict = self._verb_verdict(ctx, m, disease, sent)
            if verdict is None:
                continue
            out.append(ctx.signal(a, disease[1], "CLM501", 0.75, sent))
        # the disease first, then its end: "your PTSD is gone for good", "keeps colds and flu away"
        for d in ctx.diseases:
            m = c["cure_after"].match(text, d[1])
            if m is None or ctx.is_covid(d):
                continue
            sent = ctx.sentence(d[0])
            sentence = text[sent[0] : sent[1]]
            natural = self.rx.natural.search(sentence)
            nxt = ctx.sentence(min(len(text) - 1, sent[1] + 1)) if sent[1] < len(text) - 1 else sent
            span = (sent[0], nxt[1])
            offered = ctx.own_product_before(span[1], span) or any(span[0] <= x and y <= span[1] for x, y in ctx.treatments)
            if natural or not offered or ctx.denied(d[0], sent) or ctx.hedged(d[0], m.end(), sent) or ctx.asks(sent):
                continue
            a = d[0]
            pre = self.rx.owner_before.search(text[max(sent[0], a - 25) : a])
            if pre:
                a -= len(pre.group())
            out.append(ctx.signal(a, m.end(), "CLM501", 0.7, sent))
        return out

    def _verb_verdict(self, ctx: _Context, m: regex.Match[str], disease: tuple[int, int], sent: tuple[int, int]) -> bool | None:
        """Read the parse of the sentence: True (a claim), None (not one)."""
        c, text = ctx.c, ctx.text
        verb_word = text[m.start() : m.end()].split()[0].lower()
        doc = self.parse(text[sent[0] : sent[1]])
        if doc is None:
            # no parser: the disease must follow within the clause
            gap = text[m.end() : disease[0]]
            if self.rx.clause_break.search(gap) or len(gap) > 60:
                return None
            if c["listing_verb"].match(verb_word) and ctx.practice_before(m.start(), sent):
                return None
            return True
        off = sent[0]
        verb = next((t for t in doc if t.idx + off <= m.start() < t.idx + off + len(t.text)), None)
        if verb is None:
            return True
        # the verb (or the noun "cure") must govern the disease; "goodbye to X" and "rid of X" hang off a noun
        subtree: set[int] = set()
        for t in doc:
            if t.idx + off >= m.end():
                break
            if t.idx + off >= m.start():
                subtree |= _governed(t)
        dis_tokens = [t for t in doc if disease[0] <= t.idx + off < disease[1]]
        if dis_tokens and not any(t.i in subtree for t in dis_tokens):
            gap = text[m.end() : disease[0]]
            if self.rx.clause_break.search(gap) or len(gap) > 40:
                return None
        # negation and modality on the verb or the verb it depends on
        chain = [verb]
        if verb.dep_ in {"conj", "xcomp"} and verb.head is not verb:
            chain.append(verb.head)
        for v in chain:
            for ch in v.children:
                if ch.dep_ == "neg":
                    return None
                if ch.dep_ == "aux" and ch.lower_ in {"may", "might", "could"}:
                    return None
            if v.lemma_ == "help" or v.lower_ in {"help", "helps", "helped", "helping"}:
                if any(ch.dep_ == "aux" and ch.lower_ in {"may", "might", "could", "can"} for ch in v.children):
                    return None
        for t in doc:
            if t.lower_ == "no" and t.dep_ == "det" and t.head.i in subtree and t.head.i != verb.i and t.idx + off < m.start():
                return None
        # the subject: the practice listing a service, or a settled public-health measure
        subj = None
        for v in chain:
            subj = next((ch for ch in v.children if ch.dep_ in {"nsubj", "nsubjpass"}), None)
            if subj is not None:
                break
        subj_text = " ".join(t.text for t in subj.subtree) if subj is not None else ""
        if subj is None and verb.dep_ in {"acl", "relcl"}:
            # "the body fighting an infection", "the ear drop that cures…": the noun it modifies
            subj_text = " ".join([*(t.text for t in verb.head.lefts), verb.head.text])
        if subj is not None and not any(ch.dep_ in {"dobj", "prep", "attr"} and ch.i in subtree for ch in verb.children):
            # "most ankle sprains heal in 2 to 6 weeks": the disease heals by itself; nothing is claimed for a product
            if any(disease_start <= t.idx + off < disease_end for t in subj.subtree for disease_start, disease_end in ctx.diseases):
                return None
        if subj_text and c["settled_subject"].search(subj_text):
            return None
        if subj is not None and subj.lower_ in {"he", "she", "they"} and c["battle_verb"].match(verb_word):
            return None  # "he is fighting leukemia", "she beat breast cancer": the person's own battle
        if c["listing_verb"].match(verb_word) and ctx.practice_before(m.start(), sent):
            return None  # "what we do treat: low back pain"
        if c["listing_verb"].match(verb_word):
            if subj is None:
                # "treating sciatica since 1998", "Treats: asthma" — a list of services
                return None if not ctx.own_product_before(m.start(), sent) else True
            if c["service_subject"].match(subj_text.strip()) or c["service_subject"].match(subj.text):
                return None
        if c["prevent_verb"].match(verb_word) or verb_word.startswith("protect"):
            if subj is None or c["prevention_subject"].search(subj_text):
                return None
        return True

    def _covid(self, ctx: _Context) -> list[Signal]:
        """CLM502: a product or service said to prevent, treat or protect against COVID-19: a claim
        word and the COVID term it is about, in one sentence (the verb before the term preferred)."""
        c, text = ctx.c, ctx.text
        out = []
        terms = [m.span() for m in c["covid"].finditer(text)]
        done: set[tuple[int, int]] = set()
        # the last COVID term of a sentence first: "Long haulers: our drip heals long COVID"
        for a0, b0 in reversed(terms):
            sent = ctx.sentence(a0)
            if sent in done or ctx.asks(sent):
                continue
            claims = [
                cm for cm in c["covid_claim"].finditer(text, sent[0], sent[1])
                if not ctx.denied(cm.start(), sent) and not ctx.hedged(cm.start(), cm.end(), sent)
            ]
            # the claim word nearest before the term ("heals long COVID"), else just after it
            # ("COVID? Our drip fights it"), else one that holds it ("keeping the virus away")
            before = [cm for cm in claims if cm.end() <= a0 and a0 - cm.end() <= 60]
            after = [cm for cm in claims if cm.start() >= b0 and cm.start() - b0 <= 40]
            around = [cm for cm in claims if cm.start() <= a0 and b0 <= cm.end()]
            claim = before[-1] if before else (after[0] if after else (around[0] if around else None))
            if claim is None:
                continue
            sentence = text[sent[0] : sent[1]]
            public_health = c["covid_ok"].search(sentence)
            # "l'alternative naturelle au vaccin pour vous protéger de la COVID": a substitute for the
            # public-health measure is a claim whoever sells it
            if public_health and not c["substitute"].search(sentence):
                if self.rx.covid_measure.search(sentence) or not ctx.own_product_before(sent[1], sent):
                    continue
            a, b = min(a0, claim.start()), max(b0, claim.end())
            done.add(sent)
            out.append(ctx.signal(a, b, "CLM502", 0.8, sent))
        return out

    def _implied(self, ctx: _Context) -> list[Signal]:
        """CLM503: "boosts immunity", "detox", "balances hormones" — unless the DSHEA disclaimer is there."""
        c, text = ctx.c, ctx.text
        if c["dshea"].search(text):
            return []
        out = []
        for m in c["implied"].finditer(text):
            a, b = m.span()
            sent = ctx.sentence(a)
            if ctx.excused("implied_ok", a, b, sent, 20) or ctx.denied(a, sent) or ctx.hedged(a, b, sent) or ctx.asks(sent) or ctx.sourced(sent):
                continue
            out.append(ctx.signal(a, b, "CLM503", 0.65, sent))
        for m in c["implied_name"].finditer(text):
            a, b = m.span()
            sent = ctx.sentence(a)
            if ctx.excused("implied_ok", a, b, sent, 20) or ctx.denied(a, sent) or ctx.sourced(sent):
                continue
            sig = ctx.signal(a, b, "CLM503", 0.5, sent)
            if sig is not None:
                sig.facts["weak"] = True
                out.append(sig)
        return out

    def _simple(self, ctx: _Context, key: str, code: str, *, ok: str, ok_window: int, hedge: bool = True, deny: bool = True) -> list[Signal]:
        """A phrase claim: reported unless excused, denied, hedged or asked."""
        text = ctx.text
        out = []
        for m in ctx.c[key].finditer(text):
            a, b = m.span()
            if b - a < 3:
                continue
            sent = ctx.sentence(a)
            if ctx.excused(ok, a, b, sent, ok_window) or (ctx.denied(a, sent) if deny else ctx.denied_right_before(a, sent)) or (hedge and ctx.hedged(a, b, sent)) or ctx.asks(sent):
                continue
            out.append(ctx.signal(a, b, code, 0.7, sent))
        return out

    def _proof(self, ctx: _Context) -> list[Signal]:
        """CLM506: proof asserted with no source; an error when the sentence names a disease."""
        c, text = ctx.c, ctx.text
        out = []
        for key in ("proof", "proof_percent"):
            for m in c[key].finditer(text):
                a, b = m.span()
                sent = ctx.sentence(a)
                if ctx.sourced(sent) or ctx.excused("proof_ok", a, b, sent, 60) or ctx.denied(a, sent) or ctx.hedged(a, sent[1], sent):
                    continue
                to = self.rx.proof_tail.match(text[b : sent[1]])
                disease = ctx.disease_in(sent)
                sig = ctx.signal(a, b, "CLM506", 0.7, sent, source_drops=True)
                if sig is not None:
                    # "proven to reduce inflammation": one claim; an implied-disease phrase in its tail is part of it
                    sig.facts["tail"] = b + to.end() if to else b
                    if disease:
                        sig.facts["severity"] = "error"  # a sourced proof claim is never reported, so never softened
                    out.append(sig)
        return out

    def _superiority(self, ctx: _Context) -> list[Signal]:
        """CLM508: unverified superlatives; an award with its source and idioms pass."""
        c, text = ctx.c, ctx.text
        out = []
        for m in c["superiority"].finditer(text):
            a, b = m.span()
            sent = ctx.sentence(a)
            if c["superiority_award"].search(text, sent[0], sent[1]) or ctx.excused("superiority_ok", a, b, sent, 15) or ctx.denied(a, sent):
                continue
            out.append(ctx.signal(a, b, "CLM508", 0.6, sent))
        return out

    def _fda(self, ctx: _Context) -> list[Signal]:
        """CLM509: "FDA-approved" for what is cleared, registered or unapproved; "FDA-registered" as a seal."""
        c, text = ctx.c, ctx.text
        out = []
        for key in ("fda_seal", "fda_approved"):
            for m in c[key].finditer(text):
                a, b = m.span()
                sent = ctx.sentence(a)
                if ctx.excused("fda_ok", a, b, sent, 40) or ctx.denied(a, sent):
                    continue
                if key == "fda_approved":
                    # the product is the word after ("FDA-approved laser") or the subject before,
                    # in the same clause ("our compounded semaglutide is FDA approved")
                    thing = None
                    for n, after in enumerate(regex.finditer(r"\s+(?=[\w+-])", text[b : min(sent[1], b + 40)])):
                        if n == 3:
                            break
                        thing = c["fda_not_approved"].match(text, b + after.end(), sent[1])
                        if thing is not None or after.start() > 0 and regex.search(r"[,;:.!?]", text[b : b + after.start()]):
                            break
                    if thing is None:
                        lo = sent[0]
                        for br in self.rx.clause_break.finditer(text, max(sent[0], a - 60), a):
                            lo = br.end()
                        cands = list(c["fda_not_approved"].finditer(text, max(sent[0], lo, a - 60), a))
                        thing = cands[-1] if cands else None
                    if thing is None:
                        continue
                    a, b = min(a, thing.start()), max(b, thing.end())
                out.append(ctx.signal(a, b, "CLM509", 0.75, sent))
        return out

    def _substitutes(self, ctx: _Context) -> list[Signal]:
        """CLM510: a service or supplement offered instead of drugs or vaccines."""
        text = ctx.text
        out = []
        for m in ctx.c["substitute"].finditer(text):
            a, b = m.span()
            sent = ctx.sentence(a)
            if ctx.excused("substitute_ok", a, b, sent, 200) or ctx.denied(a, sent) or ctx.hedged(a, b, sent) or ctx.asks(sent):
                continue
            out.append(ctx.signal(a, b, "CLM510", 0.7, sent))
        # the lead with a medicine from the lexicon: "skip the Tamiflu", "off levothyroxine"
        for m in ctx.c["substitute_lead"].finditer(text):
            a, b = m.span()
            med = next((t for t in ctx.medicines if b <= t[0] <= b + 25 and not regex.search(r"[,.;:!?]|\w+\s+\w+\s+\w", text[b : t[0]])), None)
            if med is None:
                continue
            sent = ctx.sentence(a)
            if ctx.excused("substitute_ok", a, med[1], sent, 200) or ctx.denied(a, sent) or ctx.hedged(a, med[1], sent) or ctx.asks(sent):
                continue
            out.append(ctx.signal(a, med[1], "CLM510", 0.65, sent))
        return out

    def _diagnosis(self, ctx: _Context, named: bool) -> list[Signal]:
        """CLM511: in a reply, a diagnosis ("that's rosacea", "sounds like you have TMJ") or a
        treatment instruction with a dose or a treatment ("take 2 capsules twice a day")."""
        c, text = ctx.c, ctx.text
        out: list[Signal | None] = []
        for d in ctx.diseases:
            m = c["diagnosis_after"].match(text, d[1])
            if m is None:
                continue
            sent = ctx.sentence(d[0])
            cop = self.rx.copula.search(text[max(sent[0], d[0] - 30) : d[0]])
            if cop is None or ctx.denied(d[0], sent):
                continue
            out.append(ctx.signal(d[0] - len(cop.group()), m.end(), "CLM511", 0.7, sent))
        for key in ("diagnosis", "diagnosis_lead", "diagnosis_cause", "reassurance", "instruction"):
            for m in c[key].finditer(text):
                a, b = m.span()
                while a < b and text[a].isspace():
                    a += 1
                sent = ctx.sentence(a)
                # "Don't worry, those floaters are normal": a negation before reassurance is part of it
                denied = ctx.denied_right_before(a, sent) if key == "reassurance" else ctx.denied(a, sent)
                if ctx.excused("diagnosis_ok", a, b, sent, 10) or denied or ctx.asks(sent):
                    continue
                if key == "reassurance":
                    if not any(a <= d[0] and d[1] <= b for d in ctx.diseases):
                        continue
                elif key in {"diagnosis", "diagnosis_lead"}:
                    # the condition must follow the diagnosing words at once
                    disease = ctx.disease_after(b, sent, limit=12)
                    if disease is None:
                        continue
                    b = disease[1]
                elif not (c["instruction_dose"].search(text, a, b) or ctx.treatment_in(a, b)):
                    continue
                out.append(ctx.signal(a, b, "CLM511", 0.7, sent))
        found = [s for s in out if s is not None]
        if named:
            for sig in found:
                sig.facts["severity"] = "error"
        return found


class _Context:
    """One text's sentences, diseases and the questions asked of them."""

    def __init__(self, det: ClaimDetector, text: str, sentence_of: Callable[[int], tuple[int, int]], health: Sequence[Signal]) -> None:
        self.det = det
        self.c = Gated(det.c, text)  # per text: the detector is shared by every call
        self.text = text
        self._sentence_of = sentence_of
        not_disease = [m.span() for m in self.c["not_disease"].finditer(text)]
        spans = [
            (h.start, h.end)
            for h in health
            if h.facts.get("category") in DISEASE_CATEGORIES and not h.facts.get("ambiguous")
        ]
        spans += [m.span() for m in self.c["extra_conditions"].finditer(text)]
        self.diseases = sorted({s for s in spans if not any(x < s[1] and s[0] < y for x, y in not_disease)})
        self.treatments = [(h.start, h.end) for h in health if h.facts.get("category") in {"medication", "treatment", "procedure"}]
        self.medicines = [(h.start, h.end) for h in health if h.facts.get("category") == "medication"]
        self._sent_cache: dict[int, tuple[int, int]] = {}

    def sentence(self, offset: int) -> tuple[int, int]:
        """The sentence holding offset, cut at line breaks and sentence punctuation spaCy missed."""
        s = self._sent_cache.get(offset)
        if s is not None:
            return s
        a, b = self._sentence_of(offset)
        for m in SENT_END.finditer(self.text, a, b):
            if m.end() <= offset:
                a = m.end()
            elif m.start() >= offset:
                b = m.start() + len(m.group().rstrip())
                break
        self._sent_cache[offset] = (a, b)
        return a, b

    def disease_after(self, pos: int, sent: tuple[int, int], limit: int = 80) -> tuple[int, int] | None:
        for d in self.diseases:
            if d[0] >= pos and d[1] <= sent[1] and d[0] - pos <= limit:
                return d
        return None

    def health_in(self, sent: tuple[int, int]) -> bool:
        return self.disease_in(sent) or any(sent[0] <= x and y <= sent[1] for x, y in self.treatments)

    def disease_in(self, sent: tuple[int, int]) -> bool:
        return any(sent[0] <= d[0] and d[1] <= sent[1] for d in self.diseases)

    def treatment_in(self, a: int, b: int) -> bool:
        return any(a <= x and y <= b for x, y in self.treatments)

    def is_covid(self, span: tuple[int, int]) -> bool:
        return bool(self.c["covid"].fullmatch(self.text, *span))

    def clause_before(self, pos: int, sent: tuple[int, int], words: int = 6) -> tuple[int, int]:
        """The few words before pos in its clause."""
        a = sent[0]
        for m in self.det.rx.clause_break.finditer(self.text, sent[0], pos):
            a = m.end()
        seg = self.text[a:pos]
        toks = list(regex.finditer(r"\S+", seg))
        if len(toks) > words:
            a += toks[-words].start()
        return a, pos

    def denied(self, pos: int, sent: tuple[int, int]) -> bool:
        """A negation of the claim: in the three words before it (within the clause), or a
        negative subject opening the clause ("No supplement, drip or oil can prevent…")."""
        a = sent[0]
        for m in self.det.rx.neg_break.finditer(self.text, sent[0], pos):
            a = m.end()
        seg = self.text[a:pos]
        toks = list(regex.finditer(r"\w[\w’']*", seg))
        near = a + toks[-3].start() if len(toks) > 3 else a
        if self.c["negation"].search(self.text, near, pos):
            return True
        # "no IV drip has been shown to prevent…", "there isn't one supplement that works for everyone"
        return bool(self.det.rx.neg_subject.match(seg) or self.det.rx.neg_determiner.search(seg))

    def denied_right_before(self, pos: int, sent: tuple[int, int]) -> bool:
        """For claims that begin with "no" themselves: a negation or a question right before
        ("isn't always harmless", "asks whether there are really no side effects")."""
        return bool(self.det.rx.neg_right_before.search(self.text, sent[0], pos))

    def hedged(self, a: int, b: int, sent: tuple[int, int]) -> bool:
        x, _ = self.clause_before(a, sent, words=5)
        if self.c["hedge"].search(self.text, x, b):
            return True
        # sentence-wide hedges: "results vary", "talk to your provider", "some patients"
        return bool(self.det.rx.sentence_hedge.search(self.text, sent[0], sent[1]))

    def asks(self, sent: tuple[int, int]) -> bool:
        s = self.text[sent[0] : sent[1]].rstrip()
        if not s.endswith("?"):
            return False
        return not self.c["question_claim"].search(s)

    def sourced(self, sent: tuple[int, int]) -> bool:
        # a parenthetical citation may run past a sentence break the tokenizer saw ("et al., 2019)")
        return bool(self.c["source"].search(self.text, sent[0], min(len(self.text), sent[1] + 25)))

    def practice_before(self, pos: int, sent: tuple[int, int]) -> bool:
        a, b = self.clause_before(pos, sent, words=4)
        rx = self.det.rx
        return bool(rx.practice.search(self.text, a, b)) or any(
            m.end() > pos for m in rx.practice_verb.finditer(self.text, max(sent[0], pos - 30), min(sent[1], pos + 12))
        )

    def own_product_before(self, pos: int, sent: tuple[int, int]) -> bool:
        return bool(self.c["own_offer"].search(self.text, sent[0], pos))

    def excused(self, key: str, a: int, b: int, sent: tuple[int, int], window: int) -> bool:
        """An excusing pattern found within `window` characters of the match (in its sentence),
        or one anchored on the end that ends where the match starts ("no miracle cure")."""
        pat = self.c[key]
        lo, hi = max(sent[0], a - window), min(sent[1], b + window)
        if pat.search(self.text, lo, hi):
            return True
        m = pat.search(self.text, max(sent[0], a - 60), a)
        return bool(m and m.end() >= a - 1)

    def rejected(self, a: int, b: int) -> bool:
        """A claim quoted to be refuted ("'Detox teas flush everything out!' — nope", "Myth: …"), or
        a hashtag ("#immunity")."""
        text = self.text
        if a > 0 and text[a - 1] == "#":
            return True
        sent = self.sentence(a)
        rx = self.det.rx
        if rx.myth_label.search(text, sent[0], a):
            return True
        for q in rx.quoted.finditer(text, max(0, a - 200), min(len(text), b + 200)):
            if q.start() <= a and b <= q.end():
                inner = q.group()[1:-1].strip()
                words = inner.split()
                if len(words) <= 2 or all(w[:1].isupper() or not w[:1].isalpha() for w in words):
                    return True  # scare quotes ("'detox' teas") or a title ("'The Miracle Worker'")
                after = text[q.end() : q.end() + 60]
                before = text[max(0, q.start() - 600) : q.start()]
                return bool(rx.rebuttal.match(after) or rx.myth_label.search(before) or regex.search(r"\b(?:myths?|mythes?|misconceptions?|id[ée]es?\s+re[çc]ues?|fausses?\s+croyances?|l[ée]gendes?\s+urbaines?)\b", before, F))
        return False

    def signal(self, a: int, b: int, code: str, score: float, sent: tuple[int, int], *, source_drops: bool = False) -> Signal | None:
        facts: dict[str, object] = {"code": code, "category": "claim"}
        if self.sourced(sent):
            # a claim with a named source: softened when the practice makes it of its own offer,
            # not reported when it reports what the source says
            if source_drops or not self.own_product_before(a, sent):
                return None
            facts["severity"] = "soften"
        return Signal(a, b, "CLAIM", score, "claims", facts)


def _governed(token: Any) -> set[int]:
    """The tokens a word governs, without the clauses coordinated or subordinated to it."""
    out = {token.i}
    for ch in token.children:
        if ch.dep_ not in {"conj", "cc", "advcl", "ccomp", "parataxis", "relcl"}:
            out |= {x.i for x in ch.subtree}
    return out


def _merge_by_sentence(signals: list[Signal], ctx: _Context) -> list[Signal]:
    """Findings of one rule in one sentence are one problem ("Doctors HATE this one simple trick")."""
    out: list[Signal] = []
    last: dict[str, Signal] = {}
    for s in sorted(signals, key=lambda s: s.start):
        code = str(s.facts["code"])
        prev = last.get(code)
        if prev is not None and ctx.sentence(prev.start) == ctx.sentence(s.start) and not any(
            o is not prev and prev.start < o.start < s.start for o in out
        ):
            prev.end = max(prev.end, s.end)
            if s.facts.get("severity") == "error":
                prev.facts["severity"] = "error"
            continue
        out.append(s)
        last[code] = s
    return out


def _one_per_problem(signals: list[Signal | None]) -> list[Signal]:
    rank = {code: i for i, code in enumerate(PRIORITY)}
    kept: list[Signal] = []
    for s in sorted((s for s in signals if s is not None), key=lambda s: (rank[str(s.facts["code"])], -(s.end - s.start))):
        if any(k.start < s.end and s.start < k.end for k in kept):
            continue
        kept.append(s)
    return sorted(kept, key=lambda s: s.start)
