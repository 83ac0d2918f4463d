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
    plain = linter.check("Alexis F. made it through her sister's wedding without a single cavity filling!")
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
        # a general sentence is still theirs when it is also about their own care
        ("We know waiting on STI results can be stressful, and we're glad your retest came back negative.", {"PHI302"}),
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
        # general answers that say "you": no health fact of the reviewer's
        "Great question! There's currently no proven cure for long COVID. Researchers are still studying HBOT; a doctor can help you weigh the evidence.",
        "There isn't one supplement that works for everyone with insomnia, and some interact with common medications. Feel free to call us at 555-0164.",
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


# -- names found by their cues, and what they must not catch -----------------------------------


@pytest.mark.parametrize(
    ("text", "kind", "expected"),
    [
        # a greeting before an unknown given name, in a reply: the reviewer
        ("Thank you Olumide! Your posture is looking so much better 😄", "reply", ("PHI303", "Olumide")),
        # an epithet
        ("Lip flip + a half syringe of filler for the lovely Nazanin today 💋", "post", ("PHI101", "Nazanin")),
        # a name that owns health information
        ("Before/after 📸 of Ottoline's rosacea after 3 rounds of IPL — swipe ➡️", "post", ("PHI201", "rosacea")),
        # a patient cue after the name
        ("After 3 implants and a full upper bridge, Tito Villanueva (our patient since the 80s!) is ready 💃", "post", ("PHI101", "Tito Villanueva")),
        # a name pair after a family cue
        ("Our IVF twins turned 1 this week! Parents Thao & Quang sent us this pic 🍰", "post", ("PHI101", "Quang")),
        # a later mention of a given name that is also a month
        ("Welcome, Baby June!\n\nJune spent two nights in the special care nursery for jaundice.", "post", ("PHI201", "jaundice")),
    ],
)
def test_names_found_by_their_cues(linter: Linter, text: str, kind: str, expected: tuple[str, str]) -> None:
    assert expected in codes(linter, text, kind)


@pytest.mark.parametrize(
    "text",
    [
        "Meet Biscuit, our therapy dog 🐶 he's in the office every Wednesday!",
        "Child's Vaccine Schedule, Explained\n\nMost kids get their vaccines on a set schedule.",
        "Welcome Spring! Allergy season is here; ask us about allergy testing.",
        "Coldplay frontman Chris Martin has said in interviews that he has had tinnitus for years.",
        "When Simone Biles stepped back at the Tokyo Olympics to protect her mental health, millions saw it's OK to not be OK.",
    ],
)
def test_cued_name_lookalikes_pass(linter: Linter, text: str) -> None:
    assert errors(linter, text) == []


def test_staff_roster_name_addressed_in_a_reply_is_the_reviewer() -> None:
    from phiguard import Config

    lin = Linter(Config.model_validate({"practice": {"staff": ["Ana Ruiz"]}}))
    text = "So happy you love your new smile now that your braces are off, Ana!"
    assert ("PHI303", "Ana") in codes(lin, text, "reply")
    # staff introduced as staff stay staff, even in a vocative position
    assert errors(lin, "Thanks for the shout-out to our frame stylist, Beatriz!", "reply") == []
    assert errors(lin, "Thanks for the kind words about Dr. Okoro! She's been with us for 12 years.", "reply") == []


# -- assertion and linking details -------------------------------------------------------------


def test_past_events_after_when_are_not_hypothetical(linter: Linter) -> None:
    text = "Mr. Dale Hutchins, you refused the flu shot and then complained when you got the flu."
    assert any(c == "PHI302" and "flu" in m for c, m in codes(linter, text, "reply")[-2:])
    assert errors(linter, "When you get the flu, rest and drink fluids.", "reply") == []


def test_negation_no_is_read_as_a_cue(linter: Linter) -> None:
    # "no" used to be read by YAML as the boolean False
    from phiguard.context import load_cues

    assert load_cues().negation_before.search("no appointment needed")
    assert errors(linter, "Your pharmacist can give you the shingles vaccine — no appointment needed at our Elm St pharmacy.") == []


def test_non_string_cue_is_a_rule_error() -> None:
    from phiguard.context import _alternation

    with pytest.raises(TypeError, match="quote it"):
        _alternation(["yes", False])  # type: ignore[list-item]


def test_date_in_a_sentence_with_staff_and_patient(linter: Linter) -> None:
    text = "Harold B. came to us with a loose denture. On January 17, Dr. Kim placed his implants under IV sedation."
    assert ("PHI103", "January 17") in codes(linter, text)
    # a provider's own date stays out
    assert not any(c == "PHI103" for c, _ in codes(linter, "Dr. Kim joined us on January 17 and loves placing implants."))


def test_media_reference_is_a_photo_only_in_a_patient_story(linter: Linter) -> None:
    story = "Mr. Oyelaran is 3 weeks out from his total knee replacement and already doing stairs. watch the clip 👇"
    assert ("PHI110", "watch the clip") in codes(linter, story)
    assert not any(c == "PHI110" for c, _ in codes(linter, "New stretching routine for desk workers — watch the clip 👇"))


@pytest.mark.parametrize(
    ("text", "kind", "phone_flagged"),
    [
        ("Pt Lior Ben-David needs his crown seat moved to Thursday — call him at 555-0187 before noon", "post", True),
        ("Hi Zubair, we tried calling you at 555-0199 about the billing error on your extraction.", "reply", True),
        ("Our office manager would like to speak with you directly; you can reach her at 555-0149.", "reply", False),
        ("Need a refill before the holiday? Email refills@brightpathfamilymed.com or call 555-0142.", "post", False),
    ],
)
def test_contact_numbers(linter: Linter, text: str, kind: str, phone_flagged: bool) -> None:
    flagged = any(c == "PHI105" for c, _ in codes(linter, text, kind))
    assert flagged is phone_flagged


def test_sobriety_and_program_completion_are_sensitive(linter: Linter) -> None:
    assert any(c == "PHI202" for c, _ in codes(linter, "Peregrine's 90-days-alcohol-free drip this morning might be our favorite 🥂"))
    assert any(c == "PHI202" and "PTSD" in m for c, m in codes(linter, "Please celebrate Danielle, who finished our 12-week PTSD program today 🎓"))
    assert errors(linter, "Our 12-week PTSD program starts in March; call to enroll.") == []


@pytest.mark.parametrize(
    ("text", "kind", "day"),
    [
        ("Great job on those stretches, Sam! We'll see you next Tuesday.", "reply", "next Tuesday"),
        ("Mr. Henley, a patient of ours for 31 years, passed away Sunday after a long fight with COPD.", "post", "Sunday"),
        ("We see you checked in at 7:42pm on Saturday and were seen at 9:15.", "reply", "7:42pm on Saturday"),
    ],
)
def test_a_weekday_that_dates_a_visit_or_event_is_a_date(linter: Linter, text: str, kind: str, day: str) -> None:
    dates = [text[f.start : f.end] for f in linter.check(text, kind=kind).findings if f.code == "PHI103"]
    assert day in dates


def test_opening_hours_are_not_dates(linter: Linter) -> None:
    text = "Walk-ins welcome Monday through Friday, 8 to 5. Flu shots on Saturday mornings too!"
    assert [f.code for f in linter.check(text).findings if f.code == "PHI103"] == []


# -- wording the corpora showed missing (new texts, not corpus lines) ----------------------------


@pytest.mark.parametrize(
    ("text", "name"),
    [
        # accents the name lists spell without, and a full name that opens the sentence
        ("Séamus Ó Ceallaigh finished his last round of chemo this morning!", "Séamus Ó Ceallaigh"),
        # a shouted opener is prose, not a heading; 'Park' is a surname when the name is spoken to
        ("WELCOME BACK, Seo-yeon Park!!! 🎾 Rotator cuff repair in March, and she is serving again.", "Seo-yeon Park"),
        # a note addressed to a role names the patient, not the nurse
        ("Note for our visiting nurse: Mrs. Agnes Whitcombe — catheter change at 10am.", "Agnes Whitcombe"),
        ("Please share Mateo's recovery fund 🙏 he has been fighting lymphoma since spring.", "Mateo"),
    ],
)
def test_names_in_wording_ner_misses(linter: Linter, text: str, name: str) -> None:
    found = codes(linter, text)
    assert any(c == "PHI101" and name in m or m in name and c == "PHI101" and len(m) > 3 for c, m in found), found
    assert any(c in {"PHI201", "PHI202"} for c, _ in found), found


@pytest.mark.parametrize(
    "text",
    [
        "WINTER SMILE DAYS AT LINCOLN PARK CLINIC",  # a capitalised heading
        "Our nurse: Mrs. Whitcombe runs the Tuesday wound clinic.",  # staff introduced with a colon
        "Congrats to everyone who ran the 5k at Riverside Park!",  # a place after 'at'
    ],
)
def test_name_lookalikes_stay_clean(linter: Linter, text: str) -> None:
    assert errors(linter, text) == []


def test_the_words_that_introduce_an_id_are_not_a_second_finding(linter: Linter) -> None:
    text = "Reminder for Mr. Osei: your member ID is QHX448120937 and your Aetna plan renewed."
    found = codes(linter, text)
    assert ("PHI107", "QHX448120937") in found
    assert not any(m == "member ID" for _, m in found)
    assert ("PHI201", "Aetna") in found


def test_member_id_matches_in_capitals(linter: Linter) -> None:
    # spaCy splits lower-case "id" (as in "I'd") but not "ID": both spellings are matched
    found = codes(linter, "Tasha Green, your new member ID card came in the mail today!")
    assert any(c == "PHI201" and "member ID" in m for c, m in found), found


@pytest.mark.parametrize(
    ("text", "kind", "date"),
    [
        ("Our patient Niamh is expecting!! baby boy is due in June 💙", "post", "June"),
        ("jonah has been coming in since his bike accident in october and he's pain free now", "post", "october"),
        ("Sorry the swelling is back, Priya. Keep it elevated and we'll recheck on Monday.", "reply", "Monday"),
        ("We found a water bottle after little Omar Haddad's ear check on Wednesday!", "post", "Wednesday"),
    ],
)
def test_a_month_or_weekday_that_dates_a_persons_event(linter: Linter, text: str, kind: str, date: str) -> None:
    dates = [text[f.start : f.end] for f in linter.check(text, kind=kind).findings if f.code == "PHI103"]
    assert any(date in d for d in dates), dates


@pytest.mark.parametrize(
    "text",
    [
        "Flu shots are due in October for most adults; walk in any weekday.",
        "We march in the Fourth of July parade every year! Come wave hi.",
        "Our new hours start in March: open until 7 on Thursdays.",
    ],
)
def test_months_without_a_person_are_not_dates(linter: Linter, text: str) -> None:
    assert [c for c, _ in codes(linter, text) if c == "PHI103"] == []


def test_reply_that_plans_more_care_confirms_the_patient(linter: Linter) -> None:
    found = codes(linter, "Ice it tonight and we'll reassess on Thursday.", kind="reply")
    assert ("PHI301", "we'll reassess") in found


def test_glad_we_could_help_is_past_not_hypothetical(linter: Linter) -> None:
    found = codes(linter, "So glad Dr. Patel could help with your son's asthma flare!", kind="reply")
    assert any(c == "PHI302" and "asthma" in m for c, m in found), found
    # a real hypothetical still passes
    assert errors(linter, "Our clinic could help with asthma flares; call us any time.", kind="reply") == []


def test_a_family_name_anchors_health_information(linter: Linter) -> None:
    found = codes(linter, "Shout-out to the Okonkwo family — all three kids aced their checkups this week!")
    assert ("PHI201", "checkups") in found


def test_a_name_cued_as_patient_is_found_again(linter: Linter) -> None:
    text = "Our patient Ingrid finally quit vaping this year. So proud of you, Ingrid!"
    assert [m for c, m in codes(linter, text) if c == "PHI101"] == ["Ingrid", "Ingrid"]


@pytest.mark.parametrize(
    ("text", "claim"),
    [
        ("He is fighting leukemia with the help of his care team at Mercy.", False),
        ("She beat breast cancer twice and now runs our 5k.", False),
        ("Our turmeric drip fights arthritis naturally.", True),
    ],
)
def test_a_persons_own_battle_is_not_a_cure_claim(linter: Linter, text: str, claim: bool) -> None:
    assert any(c == "CLM501" for c, _ in codes(linter, text)) is claim


def test_advice_to_ask_ones_own_doctor_confirms_nothing(linter: Linter) -> None:
    assert errors(linter, "Good question! Ask your doctor whether a daily inhaler makes sense.", kind="reply") == []
    assert "PHI301" in errors(linter, "Tell your hygienist we said hi at your next cleaning!", kind="reply")


# -- found by the fourth blind holdout (new texts, not corpus lines) ---------------------------


@pytest.mark.parametrize(
    "text",
    [
        # a number with nobody in its sentence is the practice's own line, allowlisted or not
        "Sculptra is 20% off this month. Book a free consult at (602) 555-0171.",
        "Storm update 🌀 Both offices are open. 📍 12 Bay Rd, (813) 555-0127.",
        # an address that spaCy runs into the next sentence ("Suite C. Most") is still the practice's
        "No appointment needed, just walk in: 410 Pine St, Suite C. Most plans accepted.",
        # public figures whose health is public knowledge, cited in education
        "Did you know Whoopi Goldberg and Bill Clinton both wear hearing aids? Hearing loss is common.",
        "Hugh Jackman has been open with fans about his basal cell carcinomas, and every time he posts a bandaged selfie he says: wear sunscreen.",
        # vaccine names are not names, and a clinic on offer is not a person's care
        "Back-to-school clinic: Tdap, MenACWY and HPV shots available Aug 4-8. Bring your child's insurance card!",
        "Meet Pickle 🐶 our certified therapy dog! She visits the office on Fridays.",
    ],
)
def test_practice_posts_that_look_like_phi_pass(linter: Linter, text: str) -> None:
    assert errors(linter, text) == []


@pytest.mark.parametrize(
    "text",
    [
        "Flu shots are available to anyone 6 months and older, no appointment needed. Thanks for asking!",
        "Fertility care can feel overwhelming. Our patient advocate can be reached at 555-0104 ext. 2.",
        "¡Gracias por sus amables palabras! Todo nuestro equipo se lo agradece 🙏",
    ],
)
def test_replies_that_confirm_nothing_pass(linter: Linter, text: str) -> None:
    assert errors(linter, text, kind="reply") == []


def test_a_phone_tied_to_a_person_is_still_phi(linter: Linter) -> None:
    assert "PHI105" in errors(linter, "Mrs. Abara, your hearing aid is ready: we texted you at (602) 555-0183.")


@pytest.mark.parametrize(
    ("text", "kind", "code", "span"),
    [
        ("So proud of Femi!! after the ladder fall and broken pelvis he walked in without a cane today", "post", "PHI201", "broken pelvis"),
        ("Our nurse checked Walter's blood pressure out of habit and got 182/110.", "post", "PHI201", "182/110"),
        ("Dana Ruiz had a car accident in May, and now she needs a spinal fusion.", "post", "PHI201", "spinal fusion"),
        ("K.T. finished our 8-week outpatient program for opioid use disorder today 🎉", "post", "PHI202", "opioid use disorder"),
        ("Thank you, Marisol! It's always a pleasure when you come in.", "reply", "PHI301", "when you come in"),
        ("Thanks for being part of our practice family for 12 years! 🎉", "reply", "PHI301", "being part of our practice family"),
        ("can't wait to see that smile at your next visit!", "reply", "PHI301", "see that smile at"),
        ("We apologize for the long wait on Monday the 3rd.", "reply", "PHI103", "Monday the 3rd"),
        ("Devon, you were asked to leave because you shouted at our staff.", "reply", "PHI301", "you were asked to leave"),
        ("People like you are the reason nurses quit.", "reply", "PHI304", "People like you"),
        ("Sasha, we hear you, and we're sorry the wait was long.", "reply", "PHI303", "Sasha"),
        ("Congrats on your little one on the way! 💕", "reply", "PHI302", "little one on the way"),
    ],
)
def test_wording_from_the_fourth_holdout(linter: Linter, text: str, kind: str, code: str, span: str) -> None:
    found = codes(linter, text, kind)
    assert any(c == code and (span in m or m in span) for c, m in found), found


def test_family_cue_beats_a_staff_roster_name(practice_linter: Linter) -> None:
    # the practice fixture's roster has a staff member with this first name (tests/conftest.py)
    text = "Our BRCA1 results came back positive, and mom {0} is now exploring preventive surgery."
    roster = practice_linter.config.practice.staff
    first = roster[0].split()[0]
    found = [(f.code, f.severity) for f in practice_linter.check(text.format(first)).findings if f.code == "PHI101"]
    assert found == [("PHI101", "error")]


def test_a_general_sentence_in_a_reply_repeats_only_what_is_the_reviewers(linter: Linter) -> None:
    text = "We know waiting on STI results can be stressful, and we're glad your retest came back negative."
    assert {m for c, m in codes(linter, text, "reply") if c == "PHI302"} >= {"STI"}
    text = "That is a normal healing response from the mole removal you insisted on."
    assert ("PHI302", "mole removal") in codes(linter, text, "reply")
    # "can have a lot of causes" is general: the sentence's "your" owns only "your bite"
    text = "Jaw clicking can have a lot of causes: tight muscles, your bite, even stress."
    assert "Jaw clicking" not in {m for c, m in codes(linter, text, "reply")}
