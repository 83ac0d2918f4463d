"""PHI in context: health information linked to a person (PHI201-203) and replies (PHI301-304).

Each rule gets true positives and look-alikes that must pass; the corpus-wide figures come from
`python -m phiguard.eval corpora/` (docs/accuracy.md).
"""

from __future__ import annotations

import pytest

from phiguard.engine import Linter


def codes(linter: Linter, text: str, kind: str = "post", **kw: str) -> list[tuple[str, str]]:
    report = linter.check(text, kind=kind, **kw)
    return [(f.code, text[f.start : f.end]) for f in report.findings]


def errors(linter: Linter, text: str, kind: str = "post") -> list[str]:
    return [f.code for f in linter.check(text, kind=kind).findings if f.severity == "error"]


# -- PHI201 / PHI202 -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "health"),
    [
        ("Congrats to Maria Gonzalez on finishing her last round of chemo!", "chemo"),
        ("So proud of Jake Turner. He is back on the field after his ACL reconstruction 🏈", "ACL reconstruction"),
        ("welcome back to the clinic @runwithrosie!! sciatica be gone 🙌", "sciatica"),
        ("Fun fact: our patient Keiko just hit 10 years of no cavities.", "cavities"),
        # a negative result about a named child is still health information
        ("Liam Ortiz tested negative for strep today, phew!", "strep"),
        # a later sentence of the same paragraph, carried by a pronoun
        ("Meet Rosa Delacruz. At 52 she decided she was done hiding her smile. She had crowded teeth and started aligners in May.", "aligners"),
    ],
)
def test_health_linked_to_a_named_person(linter: Linter, text: str, health: str) -> None:
    report = linter.check(text)
    found = codes(linter, text)
    h0 = text.index(health)
    assert any(f.code == "PHI201" and f.start < h0 + len(health) and h0 < f.end for f in report.findings), found
    # the name becomes an error once it is tied to health information
    assert any(c == "PHI101" for c, _ in found) or any(c == "PHI109" for c, _ in found)
    assert "PHI101" in errors(linter, text) or "PHI109" in errors(linter, text)


@pytest.mark.parametrize(
    ("text", "health"),
    [
        ("So proud of Alexis F., who made it through her sister's wedding without a single panic attack!", "panic attack"),
        ("Celebrating one year sober with our client Marcus T. today 💙", "one year sober"),
        ("Happy 5 years undetectable to our friend Carlos R.! His HIV care team is so proud of him ❤️", "HIV"),
        ("Sending love to Hana S., who chose to share that she had an abortion at 9 weeks.", "abortion"),
    ],
)
def test_sensitive_categories_are_phi202_and_score_higher(linter: Linter, text: str, health: str) -> None:
    report = linter.check(text)
    sensitive = [f for f in report.findings if f.code == "PHI202"]
    assert health in [text[f.start : f.end] for f in sensitive]
    # the message names the category, never the person
    assert "Sensitive health information (" in sensitive[0].message
    assert not any(w in sensitive[0].message for w in ("Alexis", "Marcus", "Carlos", "Hana"))
    plain = linter.check("So proud of Alexis F., who made it through her sister's wedding without a single cavity filling!")
    assert report.score > plain.score


@pytest.mark.parametrize(
    "text",
    [
        "If you have diabetes, see your dentist twice a year. Gum disease is more common in people with diabetes.",
        "1 in 10 adults lives with diabetes. Ask us about screening.",
        "Meet Dr. Priya Nair, who has 15 years of experience treating gum disease.",
        "Our nurse Kayla ran the Tucson marathon this weekend after recovering from a knee injury #TeamSmiles",
        "Flu shots are here! Walk in any weekday, no appointment needed.",
        "No cavities? No problem. Book your cleaning today.",
        "Serena Williams opened up about her pulmonary embolism in an interview; blood clots after childbirth are a real risk.",
        "Allergy season check-in 🌼 Pollen counts in the valley have been high all week.",
        "Congrats to our front desk lead Denise on 10 years with us! Ask her about our new Invisalign options.",
    ],
)
def test_health_talk_about_nobody_passes(linter: Linter, text: str) -> None:
    assert errors(linter, text) == []


def test_staff_share_surname_with_patient(linter: Linter) -> None:
    # a roster name makes 'Ruiz' alone staff, not every Ruiz
    lin = Linter({"practice": {"staff": ["Ana Ruiz"]}})
    assert ("PHI201", "braces") in codes(lin, "Highlights: Mateo Ruiz getting his braces off the day before prom!")
    assert errors(lin, "Dr. Ruiz and Ana say happy holidays!") == []


# -- PHI203 ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "The only retired airline pilot in Cedar Falls with retinitis pigmentosa stopped by to thank our team today.",
        "A 34-year-old teacher from Wichita with lupus just finished her infusion series with us.",
        "Shoutout to the only female pilot at Harlan County Airport, who delivered her twins with us this week!",
    ],
)
def test_quasi_identifier(linter: Linter, text: str) -> None:
    report = linter.check(text)
    quasi = [f for f in report.findings if f.code == "PHI203"]
    assert quasi and quasi[0].severity == "warning" and quasi[0].entity is None


@pytest.mark.parametrize(
    "text",
    [
        "We're the only practice in Tucson offering same-day crowns.",
        "Teachers, nurses and first responders get 10% off whitening this month.",
        "Some infections, like whooping cough, are most dangerous in the first months of life.",
        "Retinitis pigmentosa is a rare inherited condition that affects night vision.",
    ],
)
def test_quasi_lookalikes(linter: Linter, text: str) -> None:
    assert "PHI203" not in {f.code for f in linter.check(text).findings}


# -- replies -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Thank you! We loved seeing you, and we'll see you at your next cleaning 😊", {"PHI301"}),
        ("We're sorry you waited. Our records show you arrived 20 minutes after your appointment time.", {"PHI301"}),
        ("We're glad your blood pressure is finally under control on the new medication!", {"PHI302"}),
        ("Sorry the crown came loose! Please call so we can re-cement it.", {"PHI302"}),
        ("Hi tom h, your glaucoma drops prescription was sent to the pharmacy again today.", {"PHI303", "PHI302"}),
        ("Keisha, we're sorry the schedule changed. We know how much your PTSD treatment matters to you.", {"PHI303", "PHI302"}),
        ("You were hallucinating if you think our therapist was rude. Get a life.", {"PHI304"}),
    ],
)
def test_reply_rules_fire(linter: Linter, text: str, expected: set[str]) -> None:
    got = {c for c, _ in codes(linter, text, kind="reply")}
    assert expected <= got, got


@pytest.mark.parametrize(
    "text",
    [
        "Thank you for the kind words about our team! Privacy law prevents us from discussing anyone's care; please call our office at 555-0142.",
        "We can't confirm whether anyone is a patient or discuss anyone's treatment publicly. Our office manager would be glad to talk.",
        "Thanks for the review! Flu shot clinics are open to the community every Saturday in October.",
        "Thank you! If anyone has questions about what physical therapy involves, our front desk can explain at 555-0155.",
        "Thanks for the kind words! We'll share them with Dr. Kwame Asante and the team.",
        "We hear you, and we'd like to make this right if we can. Please call 555-0101.",
    ],
)
def test_model_replies_pass_clean(linter: Linter, text: str) -> None:
    report = linter.check(text, kind="reply")
    assert report.findings == [], codes(linter, text, kind="reply")
    assert report.passed and report.score == 0


def test_reviewer_display_name_unmasks(linter: Linter) -> None:
    text = "Thanks for the feedback, Jennifer. We're sorry about the wait."
    # addressed at the end of a sentence: PHI303 with or without the reviewer's name
    assert ("PHI303", "Jennifer") in codes(linter, text, kind="reply")
    # mid-sentence the name is only PHI303 when it matches the reviewer the caller names
    mid = "We passed your note to the team and Jennifer Cole will call you back."
    assert "PHI303" not in {c for c, _ in codes(linter, mid, kind="reply")}
    assert ("PHI303", "Jennifer Cole") in codes(linter, mid, kind="reply", reviewer="Jennifer C.")


def test_reviewer_in_check_many(linter: Linter) -> None:
    texts = ["We will ask Sam Ortiz to call you.", "We will ask Sam Ortiz to call you."]
    got = [[f.code for f in r.findings] for r in linter.check_many(texts, kind="reply", reviewers=["Sam O.", None])]
    assert "PHI303" in got[0] and "PHI303" not in got[1]
    with pytest.raises(TypeError):
        list(linter.check_many(["hi"], kind="reply", reviewers=[3]))  # type: ignore[list-item]


def test_reply_suggestion_is_a_generic_reply_with_the_office_phone() -> None:
    lin = Linter({"practice": {"phones": ["555-0142"]}})
    f = next(f for f in lin.check("See you at your next cleaning!", kind="reply").findings if f.code == "PHI301")
    assert f.suggestion is not None and "555-0142" in f.suggestion and "{office_phone}" not in f.suggestion


def test_health_info_is_not_redacted_but_names_are(linter: Linter) -> None:
    r = linter.check("Congrats to Maria Gonzalez on finishing chemo!")
    assert r.redacted_text == "Congrats to [NAME] on finishing chemo!"


def test_score_is_monotone_in_count_and_sensitivity(linter: Linter) -> None:
    one = linter.check("Congrats to Maria on her new crown!").score
    two = linter.check("Congrats to Maria on her new crown! Her root canal went great.").score
    sens = linter.check("Congrats to Maria on her new crown! Her depression is better too.").score
    assert 0 < one <= two < sens <= 100
