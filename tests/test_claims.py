"""Health-claim rules (CLM501-CLM511): true positives and the look-alikes a practice really
publishes, run through the real pipeline (spaCy with its dependency parser, Presidio)."""

from __future__ import annotations

import pytest

from phiguard.claims import ClaimDetector
from phiguard.engine import Linter

from helpers import worst_by_code


def clm(linter: Linter, text: str, kind: str = "post") -> dict[str, str]:
    """code -> severity of the claim findings (the highest severity per code)."""
    return worst_by_code(linter, text, kind, "claim")


def span(linter: Linter, text: str, code: str, kind: str = "post") -> str:
    f = next(f for f in linter.check(text, kind=kind).findings if f.code == code)
    return text[f.start : f.end]


FOUND = [
    # CLM501: a claim verb governing a disease, in its many wordings
    ("CLM501", "Our chiropractic adjustments cure ear infections in kids!", "post"),
    ("CLM501", "Say goodbye to sciatica for good with spinal decompression 💪", "post"),
    ("CLM501", "3 minutes at -200°F and you can kiss your fibromyalgia goodbye ❄️", "post"),
    ("CLM501", "Our high-dose vitamin C drip gets rid of chronic Lyme for good", "post"),
    ("CLM501", "Our EMDR weekend intensive: two days, and your PTSD is gone for good.", "post"),
    ("CLM501", "Our Elderberry + Zinc gummies keep colds and flu away all winter 🍇", "post"),
    ("CLM501", "Early, regular adjustments fix scoliosis in teens before they ever need a brace.", "blog"),
    # CLM502: COVID-19
    ("CLM502", "Our Immunity Drip protects you from COVID-19 this winter! Book now 💉", "post"),
    ("CLM502", "Yes! Our elderberry syrup is great for keeping the virus away this winter 🙂", "reply"),
    ("CLM502", "Our Long-Haul Recovery protocol cures long COVID in 6 weeks.", "post"),
    # CLM503: implied disease
    ("CLM503", "Boost your immune system before flu season with our Myers cocktail!", "post"),
    ("CLM503", "back to school = back to germs 😩 our chewables strengthen your child's immune system 🍎", "post"),
    ("CLM503", "Our berberine blend keeps blood sugar in check the natural way.", "post"),
    # CLM504: guarantees
    ("CLM504", "Guaranteed results or your money back!", "post"),
    ("CLM504", "Missing a tooth? Our implants last a lifetime, guaranteed.", "post"),
    ("CLM504", "DROP 30 LBS IN 60 DAYS OR YOUR NEXT MONTH IS FREE.", "post"),
    ("CLM504", "Trying to conceive? With our cleanse you WILL conceive within 3 cycles.", "post"),
    # CLM505: absolute safety
    ("CLM505", "Semaglutide injections with no side effects — start today!", "post"),
    ("CLM505", "Guaranteed results, no downtime, no side effects.", "post"),
    ("CLM505", "low T? our TRT protocol won't cause any side effects.", "post"),
    # CLM506: unsupported proof
    ("CLM506", "Clinically proven to melt belly fat!", "post"),
    ("CLM506", "92% of our patients see results after one session.", "post"),
    ("CLM506", "Acupuncture works and science has proven it.", "post"),
    # CLM507: miracle language
    ("CLM507", "The secret remedy Big Pharma doesn't want you to know about.", "post"),
    ("CLM507", "Doctors HATE this one simple trick for melting belly fat 👀", "post"),
    ("CLM507", "The 3,000-year-old herbal secret that dissolves kidney stones 🌿", "post"),
    # CLM508: superiority
    ("CLM508", "Come see the best dentist in Tulsa!", "post"),
    ("CLM508", "Proud to be Boise's #1 PT team 💪", "post"),
    ("CLM508", "Highest IVF success rates in the state 🏆", "post"),
    ("CLM508", "no other clinic in Boise gets frozen shoulders moving like we do", "post"),
    # CLM509: FDA status
    ("CLM509", "Try our FDA-approved laser for toenail fungus!", "post"),
    ("CLM509", "Our compounded semaglutide is FDA approved and half the price.", "post"),
    ("CLM509", "Now carrying FDA-approved elderberry syrup 🍇", "post"),
    # CLM510: drug or vaccine substitutes
    ("CLM510", "Skip the flu shot — our immunity drip keeps you healthy all winter.", "post"),
    ("CLM510", "A natural alternative to antidepressants 🌿", "post"),
    ("CLM510", "Skip the Tamiflu this year — our immunity drip has you covered 💧", "post"),
    ("CLM510", "Our shots outperform Wegovy at a fraction of the cost.", "post"),
    # CLM511: diagnosis at a distance, in replies
    ("CLM511", "Sounds like you have plantar fasciitis — ice it and get orthotics!", "reply"),
    ("CLM511", "Girl that's rosacea, not sensitive skin 😅 book an IPL consult!", "reply"),
    ("CLM511", "A sharp zing when you drink something cold is almost certainly a cracked tooth.", "reply"),
    ("CLM511", "Oof, pollen is brutal this year 🌼 Take a Zyrtec every morning through May.", "reply"),
    ("CLM511", "Thanks for the review! Don't worry, those floaters are totally normal 👍", "reply"),
]


@pytest.mark.parametrize(("code", "text", "kind"), FOUND, ids=[f"{c}-{i}" for i, (c, *_) in enumerate(FOUND)])
def test_claims_are_found(linter: Linter, code: str, text: str, kind: str) -> None:
    assert code in clm(linter, text, kind)


PASS = [
    # negated, refuted, hedged, sourced
    ("There is no cure for the common cold, but rest and fluids help you feel better.", "post"),
    ("Straight talk: chiropractic can't cure ear infections, asthma or colic. What we do treat: low back pain and neck pain.", "post"),
    ("No supplement, drip or essential oil can prevent COVID-19. The CDC recommends staying up to date on COVID-19 vaccines.", "post"),
    ("Myth: megadoses of vitamin C will keep COVID away. Fact: no supplement has been shown to prevent COVID-19.", "post"),
    ("'Detox teas flush everything out!' — nope 🙅‍♀️ Your liver and kidneys handle that job around the clock.", "post"),
    ("Acupuncture may help lower blood pressure in some people — ask your provider.", "post"),
    ("According to the CDC, the flu vaccine reduces the risk of flu illness by 40% to 60%.", "post"),
    ("Be cautious with anyone selling a guaranteed fix for long COVID.", "blog"),
    ("There isn't one supplement that works for everyone with insomnia.", "post"),
    # service listings, settled facts, natural course
    ("We diagnose and treat skin cancer, eczema and psoriasis.", "post"),
    ("Fever tips from our nurses 🌡️ A fever is usually the body fighting an infection.", "post"),
    ("Naloxone (Narcan) is sold over the counter and can reverse an overdose.", "blog"),
    ("Most ankle sprains heal in 2 to 6 weeks, but a weak ankle can sprain again.", "post"),
    ("Updated COVID-19 vaccines are available Tuesdays and Thursdays; no appointment needed.", "post"),
    # correct FDA statements
    ("Botox Cosmetic is FDA-approved to temporarily improve frown lines.", "post"),
    ("Quick PSA: our red-light panels are FDA-cleared devices, not \"FDA-approved\".", "post"),
    ("Compounded semaglutide isn't FDA-approved, and like any medication it can have side effects.", "post"),
    # idioms, awards, satisfaction, service guarantees, money
    ("Voted Best of Boise 2024 by Boise Weekly readers — thank you!", "post"),
    ("Best wishes to everyone this holiday season.", "post"),
    ("Guaranteed good time 🎳 Our staff bowling night raised $1,200 for the food bank.", "post"),
    ("We guarantee you'll be seen within 15 minutes of your appointment time.", "post"),
    ("98% of our patients would recommend us to a friend.", "post"),
    ("Book a risk-free consultation — no obligation.", "post"),
    ("It's a miracle: we FINALLY fixed the parking lot lights 😂", "post"),
    ("Movie night fundraiser: 'The Miracle Worker' at the Rialto, Friday at 7pm 🎬", "post"),
    ("Call us if you have breakthrough bleeding on the pill.", "post"),
    ("Talk to your doctor before stopping any medication.", "post"),
    ("FDA-cleared over-the-counter hearing aids are now sold without a prescription.", "post"),
    # general answers in replies
    ("Jaw pain can have many causes. Please call us at 555-0142 so a dentist can take a look.", "reply"),
    ("Sorry you had a rough day! Please reach out to our office manager at 555-0142.", "reply"),
]


@pytest.mark.parametrize(("text", "kind"), PASS, ids=[f"pass-{i}" for i in range(len(PASS))])
def test_look_alikes_pass(linter: Linter, text: str, kind: str) -> None:
    assert clm(linter, text, kind) == {}


def test_diagnosis_is_only_a_reply_rule(linter: Linter) -> None:
    text = "Sounds like you have plantar fasciitis — ice it and get orthotics!"
    assert "CLM511" not in clm(linter, text, "post")


def test_severities(linter: Linter) -> None:
    # defaults from the rule pack
    assert clm(linter, "Clinically proven to melt belly fat!")["CLM506"] == "warning"
    assert clm(linter, "Semaglutide injections with no side effects!")["CLM505"] == "error"
    # unsupported proof about a disease is an error
    assert clm(linter, "Clinically proven to reverse type 2 diabetes.")["CLM506"] == "error"
    # a diagnosis given to a named person is an error, to an anonymous one a warning
    assert clm(linter, "Sounds like you have TMJ.", "reply")["CLM511"] == "warning"
    assert clm(linter, "Hi Dana! Your exhaustion sounds like adrenal fatigue.", "reply")["CLM511"] == "error"


def test_a_cited_claim_about_our_own_offer_is_softened(linter: Linter) -> None:
    plain = clm(linter, "Our IV drips cure migraines.")
    cited = clm(linter, "Our IV drips cure migraines (Smith et al., 2019).")
    assert plain["CLM501"] == "error" and cited["CLM501"] == "warning"


def test_findings_carry_the_regulation_and_a_rewrite(linter: Linter) -> None:
    text = "This IV drip reverses type 2 diabetes."
    f = next(f for f in linter.check(text).findings if f.code == "CLM501")
    assert text[f.start : f.end] == "reverses type 2 diabetes"
    assert "FTC Act" in f.citation and f.suggestion and "talk to your provider" in f.suggestion
    assert "diabetes" not in f.message  # messages never quote the text
    assert span(linter, "Our compounded semaglutide is FDA approved and half the price.", "CLM509") == "compounded semaglutide is FDA approved"


def test_the_practice_praising_itself_is_a_claim_not_a_testimonial(linter: Linter) -> None:
    codes = {f.code for f in linter.check("Our IV drip is 100% safe! Voted best med spa in Austin.").findings}
    assert "CLM508" in codes and "TST401" not in codes
    # a reposted review saying the same words is still a testimonial
    assert "TST401" in {f.code for f in linter.check("★★★★★ Best dentist in town, I love it here!").findings}


def test_one_finding_per_problem(linter: Linter) -> None:
    # a miracle cure is one claim; two phrases of one rule in a sentence are one finding
    codes = [f.code for f in linter.check("Doctors HATE this one simple trick!").findings if f.category == "claim"]
    assert codes == ["CLM507"]
    found = [f.code for f in linter.check("The miracle cure for colds is here.").findings if f.category == "claim"]
    assert found == ["CLM507"]


def test_window_rules_decide_without_a_parser() -> None:
    """A pipeline with no dependency parser still checks claims, by the window rules."""
    from phiguard import detect as D
    from phiguard.engine import Linter as L

    linter = L()
    det = ClaimDetector(parser=None)
    for text, want in [("Our drip cures migraines.", {"CLM501"}), ("We treat migraines.", set()), ("Chiropractic can't cure asthma.", set())]:
        doc = linter.nlp(text)
        sigs = det.signals(text, D.Sentences(doc).of, "post", [], linter.detector.health_signals(doc))
        assert {s.facts["code"] for s in sigs} == want, text
