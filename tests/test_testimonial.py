"""Testimonial and endorsement rules (TST401, TST403-TST408): true positives and the look-alikes a
practice really publishes, run through the real pipeline. Consent records: tests/test_consent.py."""

from __future__ import annotations

import pytest

from phiguard.engine import Linter

from helpers import worst_by_code


def tst(linter: Linter, text: str, kind: str = "post") -> dict[str, str]:
    """code -> severity of the testimonial findings (the highest severity per code)."""
    return worst_by_code(linter, text, kind, "testimonial")


@pytest.mark.parametrize(
    "text",
    [
        "\u201cDr. Patel gave me my smile back!\u201d \u2014 Linda R., Tucson",
        "\u201cMy knee pain was gone after ONE injection. Hiked 10 miles the next weekend!\u201d \U0001f97e \u2013 Pat, 58",
        "5 stars on Google \U0001f64c \u201cDr. Asante found a retinal tear at my routine exam that the last guy missed.\u201d",
        "One of our patients saw her melasma fade. \u201cMy skin is flawless now,\u201d she told us at her follow-up.",
        "Patient Spotlight \U0001f31f Meet Carlos! After 18 months of Invisalign he can't stop smiling.",
        "Repost from a happy patient: i finally sleep through the night!! thank u @restwellsleep",
        "Braces OFF day!!! \U0001f389 Meet Ethan \u2014 after 22 months he is finally metal-free.",
        "We hosted a local runner for our recovery boots and she says her legs have never felt better \U0001f60d",
    ],
)
def test_testimonials_are_found(linter: Linter, text: str) -> None:
    assert "TST401" in tst(linter, text)


def test_identifiable_patient_is_an_error_anonymous_a_warning(linter: Linter) -> None:
    assert tst(linter, "\u201cThe whole team made me feel so comfortable!\u201d \u2014 Linda Ramirez")["TST401"] == "error"
    assert tst(linter, "\u201cThe whole team made me feel so comfortable!\u201d \u2014 a happy patient")["TST401"] == "warning"


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("\u201cNothing beats seeing a nervous kid leave smiling,\u201d says Dr. Alvarez.", "post"),
        ("Meet our new injector, Nurse Practitioner Jo Kim! \"My goal is always that you look like you on a really good day,\" says Jo.", "post"),
        ("\u201cThe only thing worse than being blind is having sight but no vision.\u201d \u2014 Helen Keller", "post"),
        ("\u201cBeauty begins the moment you decide to be yourself.\u201d \u2014 Coco Chanel \u2728 #mondaymotivation", "post"),
        ("98% of our patients would recommend us to a friend. Thank you for trusting us!", "post"),
        ("Our patients love the new waiting room \u2615", "post"),
        ("What to expect before and after your root canal, step by step.", "post"),
        ("Office transformation!! Swipe to see our waiting room before & after the remodel \u2615", "post"),
        ("Small-business success story \U0001f389 Ten years ago we opened with two chairs.", "post"),
        ("Talk with, not at: \"I love you, and I'm worried about you\" lands differently than a lecture.", "blog"),
        ("Staff spotlight \U0001f31f Kwame, our registered dietitian, just finished his first half marathon!", "post"),
        ("Out of respect for your privacy, we don't ask clients for testimonials or online reviews.", "post"),
        ("Thank you for the kind words! Privacy law keeps us from discussing anyone's care here; please call 555-0142.", "reply"),
    ],
)
def test_look_alikes_are_not_testimonials(linter: Linter, text: str, kind: str) -> None:
    assert tst(linter, text, kind) == {}


def test_before_after_needs_a_disclosure(linter: Linter) -> None:
    found = tst(linter, "Before & after: lip filler \U0001f48b swipe to see")
    assert found.get("TST408") == "warning" and "TST401" in found
    disclosed = tst(linter, "Before & after: lip filler \U0001f48b swipe to see. Individual results vary; most patients see results like these after 2 syringes.")
    assert "TST408" not in disclosed and "TST401" in disclosed
    # model images: no patient, but still a disclosure problem
    assert tst(linter, "Check out these laser resurfacing results (model photos) \U0001f60d") == {"TST408": "warning"}


def test_atypical_results(linter: Linter) -> None:
    assert "TST403" in tst(linter, "\u201cI lost 45 pounds in 8 weeks on the program!\u201d \u2014 Dana")
    typical = "\u201cI lost 45 pounds in 8 weeks on the program!\u201d \u2014 Dana. Most patients in our program lose 8 to 12 pounds in 8 weeks."
    assert "TST403" not in tst(linter, typical)
    # "results not typical" alone is not a disclosure of what is typical
    assert "TST403" in tst(linter, "Down 75 lbs in 4 months!!! \U0001f389 So proud of this patient \U0001f49a\n*Results not typical.*")


def test_disease_claim_in_a_testimonial(linter: Linter) -> None:
    assert tst(linter, "\u201cThree months of adjustments and my fibromyalgia is gone!\u201d \u2014 Terri")["TST404"] == "error"
    assert "TST404" in tst(linter, "Repost: Dr. Asante cured my fibromyalgia when nothing else worked. I owe him my life.")
    # education about a disease is not a testimonial claim
    assert tst(linter, "Fibromyalgia is a chronic condition; care may help some people manage pain.") == {}


def test_endorsements_need_a_disclosure(linter: Linter) -> None:
    assert tst(linter, "Influencer @glowwithkat tried our HydraFacial and she's obsessed \U0001f60d").get("TST405") == "error"
    assert "TST405" in tst(linter, "Dr. Moreau's own son just finished his aligners here and says it was \"the easiest thing ever\"")
    assert "TST405" in tst(linter, "Our owner gets her lips done here every 4 months and she's never looked better \U0001f48b")
    assert "TST405" not in tst(linter, "#ad Influencer @glowwithkat received a complimentary HydraFacial from us.")
    assert "TST405" not in tst(linter, "Our nurse Kayla ran the Tucson marathon this weekend #TeamSmiles")


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("Leave us a 5-star review on Google and get $20 off your next cleaning!", "post"),
        ("Post a review of us on Google, send us a screenshot, and get a FREE B12 shot at your next check-in!", "post"),
        ("If you had a 5-star experience, leave a Google review. If your experience was anything less, please fill out our private feedback form instead.", "post"),
        ("Shoutout to our team for all leaving us 5-star Google reviews this week \U0001f64c", "post"),
        ("We'd be glad to refund your copay if you update your review.", "reply"),
        ("We can offer a complimentary touch-up once the review is taken down.", "reply"),
        ("Thank you for the 5 stars!! As promised, a $100 credit has been added to your account.", "reply"),
    ],
)
def test_review_incentives(linter: Linter, text: str, kind: str) -> None:
    assert tst(linter, text, kind).get("TST406") == "error"


@pytest.mark.parametrize(
    "text",
    [
        "Tell us how we did! Every review helps, good or bad.",
        "The No Cavity Club wall is FULL! Every kiddo with a cavity-free checkup gets a star and a prize.",
        "You may have seen businesses offer a coupon in exchange for a review. The FTC bans buying reviews, and we never will.",
        "Refer a friend and you both get $25 off whitening this month!",
    ],
)
def test_review_look_alikes(linter: Linter, text: str) -> None:
    assert "TST406" not in tst(linter, text)


def test_soliciting_therapy_clients(linter: Linter) -> None:
    ask = "Are you a current client at Harbor Light Counseling? If therapy with us has helped, we'd be so grateful if you'd leave us a Google review!"
    assert tst(linter, ask).get("TST407") == "error"
    # the same request from a physical therapy clinic is not a behavioral-health solicitation
    assert "TST407" not in tst(linter, "Loved your physical therapy with us? Leave us a Google review!")
    assert "TST407" not in tst(linter, "Out of respect for the therapy relationship, we don't ask clients for testimonials.")


def test_testimonial_findings_never_quote_the_text(linter: Linter) -> None:
    text = "\u201cDr. Patel fixed my sciatica for good!\u201d \u2014 Linda Ramirez, Tucson"
    for f in linter.check(text).findings:
        assert "Linda" not in f.message and "sciatica" not in f.message.lower()
