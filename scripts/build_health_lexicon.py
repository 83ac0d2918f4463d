"""Generate rules/lexicons/health_vocab.txt from public vocabularies.

    pip install -e '.[lexicons]'
    python scripts/build_health_lexicon.py            # writes rules/lexicons/health_vocab.txt
    python scripts/build_health_lexicon.py --check    # exit 1 if the file on disk is out of date
    python scripts/build_health_lexicon.py --explain WORD   # why a term is in or out

Sources (build-time only; phiguard itself never imports them):

- simple-icd-10-cm: the ICD-10-CM tabular list (public domain, CDC/NCHS) for conditions, symptoms,
  injuries and the sensitive chapters. Only short heads that a practice would write are kept: the
  qualifiers ("unspecified", "other", "without complications", "of unspecified site", laterality,
  parentheses, NOS) are stripped, "malignant neoplasm of X" becomes "X cancer", "sprain of X" becomes
  "X sprain", and terms of more than four words are dropped.
- drug-named-entity-recognition: its drug dictionary (MIT licence; built by Fast Data Science from
  DrugBank, MeSH, MedlinePlus, the NHS and Wikipedia). Generic names of drugs with a MedlinePlus or NHS
  page (the consumer formulary), and brand names of those drugs that are attested in English text.
- wordfreq: English word frequencies, used to drop common English words and to keep only brand names
  that people actually write. Its data predates the newest brands, so EXTRA_DRUGS lists current US
  brands by hand (HIV treatment and PrEP, opioid use disorder, contraception, fertility, psychiatric,
  GLP-1 and biologics) with their generic, whose category they take.

Categories: ICD chapters map as icd_category() says (F10-F19 substance use; other F mental health;
B20, Z21, A50-A64 HIV/STI; O, Z30-Z39, N96-N97 reproductive; chromosomal and hereditary codes genetic;
R symptom; K00-K14 dental; external causes, Z encounters and T74/T76 maltreatment left out). Medicines
take a sensitive category when their generic is in SENSITIVE_DRUGS (antiretrovirals; antidepressants,
antipsychotics, lithium, ADHD medicines, benzodiazepines; opioid/alcohol/nicotine use disorder
medicines; contraception, abortion and fertility medicines). FORCE_CATEGORY corrects ICD's filing of
everyday terms under F ("teeth grinding" is dental).

Filtering against false positives: single words that are common English words (wordfreq Zipf
frequency >= 3.9, or >= 3.3 for drug names) are dropped unless they are listed in
HIGH_FREQUENCY_HEALTH_WORDS; first names (rules/lexicons/first_names.txt), not_names.txt (brands,
insurers, months...), spaCy stop words, DENY, 1-2 character terms and pure numbers are dropped. Terms
already in the hand-written lists (health_terms.txt, health_ambiguous.txt, health_body.txt) are left
out: the hand-written entry wins.

The output is sorted and depends only on the pinned package versions, so the file is reproducible.
"""

from __future__ import annotations

import argparse
import bz2
import importlib.metadata as md
import pickle
import re
import sys
from collections import Counter
from pathlib import Path

from lexicon_build import lexicon_words, write_or_check

ROOT = Path(__file__).resolve().parent.parent
LEX = ROOT / "rules" / "lexicons"
OUT = LEX / "health_vocab.txt"
MAX_TERMS = 15000
SENSITIVE = {"mental_health", "substance_use", "hiv_sti", "reproductive", "genetic"}

# --------------------------------------------------------------------------------------------------
# ICD-10-CM


def _code_key(code: str) -> str:
    return code.replace(".", "").upper()


# Single codes (or code prefixes, without the dot) outside the Q chapter that are hereditary
# conditions, and Q-chapter prefixes that are genetic syndromes rather than plain malformations.
GENETIC_PREFIXES = (
    # Q chapter: chromosomal abnormalities, hereditary syndromes
    "Q90", "Q91", "Q92", "Q93", "Q95", "Q96", "Q97", "Q98", "Q99",
    "Q77", "Q78", "Q796", "Q85", "Q87", "Q80", "Q8181", "Q612", "Q613",
    # elsewhere: hereditary conditions people know as genetic
    "D56", "D57", "D66", "D67", "E84", "E700", "E7501", "E7502", "E8311", "G10", "G710", "G12",
    "E7521", "E7522", "E7524", "E7525",
)


def icd_category(code: str) -> str | None:
    """The phiguard category for an ICD-10-CM code, or None for codes not used."""
    k = _code_key(code)
    if k.startswith(("V", "W", "X", "Y")):
        return None  # external causes ("struck by", "fall from")
    if k.startswith(("T74", "T76")):
        return None  # abuse, neglect and exploitation: not what this lexicon is for
    if k.startswith("U"):
        return "condition" if k.startswith("U071") else None  # COVID-19
    if k.startswith("Z"):
        if k.startswith("Z21"):
            return "hiv_sti"
        if "Z30" <= k[:3] <= "Z39":
            return "reproductive"
        return None  # encounters, history, status: not conditions
    if k.startswith("B20") or "A50" <= k[:3] <= "A64":
        return "hiv_sti"
    if k.startswith("F"):
        return "substance_use" if "F10" <= k[:3] <= "F19" else "mental_health"
    if k.startswith("O") or k[:3] in ("N96", "N97"):
        return "reproductive"
    if k.startswith(GENETIC_PREFIXES):
        return "genetic"
    if k.startswith("R"):
        return "symptom"
    if "K00" <= k[:3] <= "K14":
        return "dental"
    return "condition"


# Words that make a term a clinical phrase rather than something a practice writes: the term is
# dropped if any of its words is one of these (after the qualifiers below are stripped).
CLINICAL_WORDS = {
    "other", "unspecified", "specified", "certain", "nos", "nec", "classified", "elsewhere",
    "right", "left", "bilateral", "unilateral", "initial", "subsequent", "sequela", "encounter",
    "site", "sites", "region", "part", "parts", "multiple", "unknown", "undetermined", "intent",
    "episode", "trimester", "weeks", "gestation", "routine", "personal", "family", "history",
    "status", "presence", "absence", "observation", "suspected", "ruled", "affected", "involvement",
    "type", "manifestations", "mentioned", "stated", "elsewhere", "code", "category", "single",
    "behavior", "uncertain", "benign", "secondary", "sequelae", "remission", "relapse",
    "intractable", "refractory", "without", "with", "due", "following", "complicating",
    "postprocedural", "intraoperative", "accidental", "iatrogenic", "nontraumatic", "traumatic",
    "displaced", "nondisplaced", "closed", "open", "degree", "level", "levels", "grade", "stage",
    "index", "finding", "findings", "result", "results", "abnormal", "elevated", "decreased",
    "disorders", "diseases", "conditions", "complications", "abnormalities", "anomalies",
    "deformities", "malformations", "neoplasms", "lesions", "injuries", "effects", "problems",
    "symptoms", "signs", "states", "kind", "forms", "form", "organ", "organs", "structures",
    "tissue", "tissues", "system", "systems", "process", "vessel", "vessels", "nerve", "nerves",
    "muscle(s)", "joint(s)", "obsolete", "unqualified", "unlisted", "mixed", "any", "specific",
    "failed", "nonspecific", "whole", "appropriate", "inappropriate", "presenting", "codes", "also", "normal", "late", "newborn", "class", "factors", "sounds", "medium", "hole", "dark", "area", "color", "changes", "change", "post", "local", "uses", "primary", "adult", "child", "care", "small", "light", "borderline", "combined", "both", "such", "which", "tract", "defined",
}
# "type" is stripped except in "type 1/2 diabetes" (handled before the word check).

# Leading qualifiers: a term with one of these first also yields the term without it
# ("acute bronchitis" -> "bronchitis"); "other", "unspecified" are always removed.
ALWAYS_STRIP_LEADING = ("other specified", "other and unspecified", "unspecified", "other", "specified", "certain")
OPTIONAL_STRIP_LEADING = (
    "acute", "chronic", "essential", "primary", "simple", "mild", "moderate", "severe", "recurrent",
    "persistent", "idiopathic", "localized", "generalized", "acquired", "unilateral", "bilateral",
    "infective", "infectious", "acute and chronic", "subacute", "hereditary", "congenital",
)
# Connectors after which an ICD title only qualifies its head ("anemia due to ...").
CUT_AT = re.compile(
    r"\s(?:without|with|due to|in diseases|in conditions|in other|in pregnancy|in childbirth|"
    r"not elsewhere|complicating|following|associated with|affecting|involving|classified|"
    r"as cause|except|resulting|by|from|during|after|at|on|for|not|as|or|and|in|to)\s.*$"
)
# "Y of X" heads that read naturally as "X Y" when X is a simple body site.
OF_FLIP = {
    "malignant neoplasm": "cancer", "carcinoma in situ": None, "sprain": "sprain",
    "fracture": "fracture", "dislocation": "dislocation", "strain": "strain",
    "contusion": "bruise", "laceration": None, "burn": "burn", "infection": "infection",
    "inflammation": None, "ulcer": "ulcer", "torn": None, "tear": "tear", "cyst": "cyst",
    "hernia": "hernia", "stone": "stone", "calculus": "stone", "abscess": "abscess",
    "polyp": "polyp", "cancer": "cancer", "pain": "pain",
}
# Terms that ICD keeps in "X of Y" form and that people write that way.
OF_KEEP = {
    "shortness of breath", "loss of consciousness", "loss of appetite", "loss of smell",
    "loss of taste", "loss of balance", "loss of hearing", "loss of vision", "difficulty walking",
    "tetralogy of fallot", "coarctation of aorta", "enlargement of prostate",
    "hardening of arteries",
}
FLIP_SITES = {
    "breast", "lung", "colon", "prostate", "skin", "bone", "brain", "liver", "kidney", "bladder",
    "pancreas", "stomach", "ovary", "cervix", "uterus", "thyroid", "testis", "mouth", "tongue",
    "lip", "throat", "esophagus", "rectum", "anus", "eye", "ankle", "wrist", "knee", "hip",
    "shoulder", "elbow", "finger", "toe", "thumb", "foot", "hand", "neck", "jaw", "nose", "rib",
    "ribs", "clavicle", "femur", "tibia", "fibula", "humerus", "pelvis", "spine", "heel", "ear",
    "gallbladder", "appendix", "tooth", "gum", "gums", "vagina", "vulva", "penis", "larynx",
    "ureter", "urethra", "bladder", "scalp", "eyelid", "cornea", "retina", "sternum", "kneecap",
    "patella", "scaphoid", "metatarsal", "achilles", "hamstring", "groin", "calf", "tailbone",
    "coccyx", "sacrum", "nail", "toenail", "fingernail",
}
REWRITES = [
    (re.compile(r"\bdiabetes mellitus\b"), "diabetes"),
    (re.compile(r"\bdentofacial\b"), "jaw"),
    (re.compile(r"^neoplasm\b.*"), ""),
    (re.compile(r"\b(?:tumour)\b"), "tumor"),
]

# Count nouns whose plural a practice writes ("kidney stones", "migraines").
PLURALISE = {
    "stone", "tumor", "cyst", "ulcer", "fracture", "sprain", "infection", "migraine", "seizure",
    "cataract", "polyp", "hernia", "wart", "blister", "rash", "headache", "nosebleed", "boil",
    "abscess", "nodule", "fibroid", "clot", "spur", "attack", "allergy", "burn", "bruise", "strain",
    "tear", "cramp", "spasm", "sore", "floater", "bunion", "corn", "callus", "hemorrhoid", "stye",
    "ingrown nail", "cold sore", "canker sore", "dislocation", "concussion", "palpitation",
    "hallucination", "delusion", "tic", "nightmare", "miscarriage", "cavity",
}


def _plural(word: str) -> str:
    if word.endswith(("s", "x", "ch", "sh")):
        return word + "es"
    if word.endswith("y") and word[-2:-1] not in "aeiou":
        return word[:-1] + "ies"
    return word + "s"


def _clean_icd_text(text: str) -> list[str]:
    """The short forms of one ICD-10-CM title or inclusion term."""
    t = text.replace("’", "'")
    out: list[str] = []
    # capitalised abbreviations outside brackets ("TACO", "PRES", "MIS-C"): too short and ambiguous
    t = re.sub(r"\b[A-Z][A-Z0-9\-]+\b(?![^\[]*\])", "XXABBR", t)
    # bracketed synonyms: "thyrotoxicosis [hyperthyroidism]", "acute nasopharyngitis [common cold]";
    # not abbreviations ("[DIC]") or bare eponyms ("[Mollaret]")
    for syn in re.findall(r"\[([^\]]+)\]", t):
        if syn[:1].islower():
            out.append(syn)
    t = t.lower()
    t = re.sub(r"\[[^\]]*\]", " ", t)
    t = re.sub(r"\([^)]*\)", " ", t)
    t = re.sub(r"\bnos\b|\bnec\b", " ", t)
    t = t.split(",")[0].split(";")[0]
    t = re.sub(r"\s+", " ", t).strip()
    out.insert(0, t)
    result = []
    for t in out:
        t = re.sub(r"\s+", " ", t).strip(" -")
        for pat, rep in REWRITES:
            t = pat.sub(rep, t).strip()
        if not t:
            continue
        # "Y of X" -> "X Y"
        m = re.match(r"^(.+?) of (?:the )?(.+)$", t)
        if m and t not in OF_KEEP:
            head, site = m.group(1), m.group(2)
            site = CUT_AT.sub("", " " + site + " ").strip()  # "ankle and foot" -> "ankle"
            head_s = head
            for q in ALWAYS_STRIP_LEADING + OPTIONAL_STRIP_LEADING:
                if head_s.startswith(q + " "):
                    head_s = head_s[len(q) + 1 :]
            flip = OF_FLIP.get(head_s)
            if flip and site in FLIP_SITES:
                result.append(f"{site} {flip}")
            continue
        t = CUT_AT.sub("", t).strip()
        result.append(t)
    return result


def _strip_leading(term: str) -> list[str]:
    """The term and its forms without leading qualifiers."""
    forms = []
    changed = True
    t = term
    while changed:
        changed = False
        for q in ALWAYS_STRIP_LEADING:
            if t.startswith(q + " "):
                t, changed = t[len(q) + 1 :], True
    forms.append(t)
    changed = True
    while changed:
        changed = False
        for q in OPTIONAL_STRIP_LEADING:
            if t.startswith(q + " "):
                t, changed = t[len(q) + 1 :], True
                forms.append(t)
    return forms


# Terms with digits are kept only in these shapes.
DIGIT_OK = re.compile(r"^(?:type [12] diabetes|covid-19|trisomy (?:13|18|21)|22q11 deletion syndrome)$")
CONNECTORS = {"by", "of", "with", "and", "or", "in", "to", "for", "from", "due", "at", "on", "as", "the", "a", "an", "without", "not"}
ROMAN = {"i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x"}
# A multi-word term that ends in an adjective is a cut-off phrase ("infantile neurological").
ADJECTIVE_END = re.compile(r"(?:al|ous|ive|ary|ic|ac|ory|ar|ed|ular|oid|ile|ent|ant)$")
NOUN_EXCEPTIONS = {
    "colic", "tic", "panic", "keloid", "hemorrhoid", "hemorrhoids", "thyroid", "adenoid", "steroid",
    "mastoid", "sarcoid", "schizoid", "paranoid", "myeloid", "opioid", "typhoid", "cuboid", "rheumatoid",
    "sedative", "hypnotic", "diabetic", "narcotic", "stimulant", "hallucinogen", "spasm", "anemic",
    "arthritic", "epileptic", "asthmatic", "autistic", "bipolar", "manic", "psychotic", "neurotic",
    "coronary", "ulcer", "canal", "arrival", "withdrawal", "denial", "colitis", "fever",
}
# Pregnancy-chapter and Z30-Z39 terms must say something about pregnancy, birth or fertility;
# generic ones ("intraabdominal abscess", "maternal exhaustion"?) would be mislabelled sensitive.
OBSTETRIC = re.compile(
    r"pregnan|gestation|obstetric|\blabou?r\b|deliver|postpartum|puerper|placent|ectopic|abortion|"
    r"miscarr|eclampsia|fetal|fetus|amnio|hydramnios|gravidarum|breech|hellp|lactation|"
    r"breast ?feeding|childbirth|preterm labor|uter|cesarean|caesarean|chorio|hydatidiform|"
    r"previa|abruptio|stillbirth|postnatal|antenatal|prenatal|contracept|steriliz|fertil|ovulat|"
    r"insemination|in vitro|surrogate|perineal laceration|cervical incompetence|molar"
)


def _acceptable(form: str, zipf) -> bool:
    words = form.split()
    if not 1 <= len(words) <= 4:
        return False
    if not re.fullmatch(r"[a-z][a-z0-9'\- ]*[a-z0-9]", form):
        return False
    if words[-1] in CONNECTORS or words[0] in CONNECTORS:
        return False
    if re.search(r"\d", form) and not DIGIT_OK.match(form):
        return False
    check = words[:]
    if form.startswith("type ") and "diabetes" in form:
        check = words[2:]
    if set(check) & CLINICAL_WORDS or set(words) & ROMAN or "xxabbr" in form:
        return False
    # single letters only at the end ("hepatitis b", "hemophilia a")
    if any(len(w) == 1 for w in words[:-1]) or (len(words) == 1 and len(form) < 3):
        return False
    if ADJECTIVE_END.search(words[-1]) and words[-1] not in NOUN_EXCEPTIONS:
        return False
    # every word is attested in English text (wordfreq knows it): drops the rarest Latin and
    # Greek coinages that no practice writes
    if any(zipf(w) == 0 for w in re.split(r"[\s\-]+", form) if len(w) > 1 and not w.isdigit()):
        return False
    return True


def icd_terms(zipf) -> dict[str, tuple[str, str]]:
    """term -> (category, first ICD code it came from). A term found under both a sensitive and a
    non-sensitive code ("insomnia": F51 and G47) takes the non-sensitive category: the term alone does
    not disclose the sensitive one."""
    import simple_icd_10_cm as cm

    found: dict[str, tuple[str, str]] = {}
    for code in cm.get_all_codes(True):
        if cm.is_chapter(code) or cm.is_block(code):
            continue
        cat = icd_category(code)
        if cat is None:
            continue
        for text in [cm.get_description(code), *cm.get_inclusion_term(code)]:
            for short in _clean_icd_text(text):
                for form in _strip_leading(short):
                    if not _acceptable(form, zipf):
                        continue
                    if cat == "reproductive" and not OBSTETRIC.search(form):
                        continue
                    forms = [form]
                    last = form.split()[-1]
                    if last in PLURALISE or form in PLURALISE:
                        forms.append(form[: -len(last)] + _plural(last))
                    for f in forms:
                        old = found.get(f)
                        if old is None or (old[0] in SENSITIVE and cat not in SENSITIVE and not code.startswith("T")):
                            found[f] = (cat, code)
    return found


# --------------------------------------------------------------------------------------------------
# drugs

# Generic names (or a word of the canonical name) whose use discloses a sensitive category. A drug
# whose canonical name contains one of these words gets that category, and so do its brand names.
SENSITIVE_DRUGS: dict[str, set[str]] = {
    "hiv_sti": {
        # antiretrovirals, PrEP and PEP
        "abacavir", "lamivudine", "zidovudine", "tenofovir", "emtricitabine", "efavirenz",
        "rilpivirine", "doravirine", "etravirine", "nevirapine", "delavirdine", "dolutegravir",
        "bictegravir", "raltegravir", "elvitegravir", "cabotegravir", "darunavir", "atazanavir",
        "lopinavir", "fosamprenavir", "amprenavir", "maraviroc", "enfuvirtide", "ibalizumab",
        "lenacapavir", "didanosine", "stavudine", "nelfinavir", "saquinavir", "indinavir",
        "tipranavir", "fostemsavir", "cobicistat", "ritonavir", "pre-exposure",
    },
    "mental_health": {
        # antidepressants
        "sertraline", "fluoxetine", "paroxetine", "citalopram", "escitalopram", "fluvoxamine",
        "vilazodone", "vortioxetine", "venlafaxine", "desvenlafaxine", "duloxetine",
        "levomilnacipran", "amitriptyline", "nortriptyline", "imipramine", "desipramine",
        "clomipramine", "doxepin", "protriptyline", "trimipramine", "amoxapine", "maprotiline",
        "phenelzine", "tranylcypromine", "isocarboxazid", "bupropion", "mirtazapine", "trazodone",
        "nefazodone", "esketamine", "brexanolone", "zuranolone", "gepirone",
        # antipsychotics
        "aripiprazole", "brexpiprazole", "cariprazine", "quetiapine", "olanzapine", "risperidone",
        "paliperidone", "ziprasidone", "lurasidone", "asenapine", "iloperidone", "lumateperone",
        "clozapine", "haloperidol", "chlorpromazine", "fluphenazine", "perphenazine",
        "thioridazine", "thiothixene", "trifluoperazine", "loxapine", "molindone", "pimavanserin",
        "xanomeline", "pimozide",
        # mood stabilisers (lithium; the anticonvulsants are mostly for epilepsy, so not here)
        "lithium",
        # ADHD medicines
        "amphetamine", "dextroamphetamine", "lisdexamfetamine", "methylphenidate",
        "dexmethylphenidate", "atomoxetine", "viloxazine", "serdexmethylphenidate",
        # benzodiazepines and other anxiolytics
        "alprazolam", "lorazepam", "clonazepam", "diazepam", "chlordiazepoxide", "clorazepate",
        "oxazepam", "temazepam", "triazolam", "estazolam", "flurazepam", "quazepam", "buspirone",
    },
    "substance_use": {
        "buprenorphine", "methadone", "naltrexone", "naloxone", "nalmefene", "acamprosate",
        "disulfiram", "varenicline", "lofexidine", "methamphetamine", "nicotine", "nicorette",
    },
    "reproductive": {
        # contraception and emergency contraception
        "levonorgestrel", "norethindrone", "norethisterone", "ethinyl", "ethinylestradiol",
        "drospirenone", "desogestrel", "norgestimate", "norgestrel", "etonogestrel", "ulipristal",
        "medroxyprogesterone", "segesterone", "dienogest", "estetrol", "nonoxynol",
        # abortion and miscarriage care
        "mifepristone", "misoprostol",
        # fertility and pregnancy
        "clomiphene", "follitropin", "menotropins", "urofollitropin", "choriogonadotropin",
        "chorionic", "ganirelix", "cetrorelix", "oxytocin", "methylergonovine", "dinoprostone",
        "hydroxyprogesterone", "progesterone", "contraceptive", "contraceptives", "contraception",
        "norelgestromin",
    },
}
# Canonical drugs excluded from a sensitive category although a word matches (combinations).
SENSITIVE_EXCEPT = {"nirmatrelvir"}  # Paxlovid is nirmatrelvir + ritonavir: a COVID-19 drug, not an HIV one

SALT_WORDS = {
    "hydrochloride", "hcl", "sodium", "potassium", "calcium", "magnesium", "sulfate", "sulphate",
    "acetate", "mesylate", "maleate", "tartrate", "citrate", "succinate", "fumarate", "besylate",
    "bromide", "chloride", "phosphate", "hyclate", "monohydrate", "dihydrate", "trihydrate",
    "hemihydrate", "anhydrous", "base", "salt", "disodium", "dipropionate", "propionate",
    "valerate", "hydrobromide", "bitartrate", "napsylate", "xinafoate", "furoate", "embonate",
    "pamoate", "lactate", "gluconate", "decanoate", "enanthate", "cypionate", "estolate",
    "stearate", "ethylsuccinate", "dimesylate", "malate", "oxalate", "carbonate", "nitrate",
    "micronized", "extended-release", "er", "xr", "xl", "sr", "cr", "la", "od", "retard",
}
# Words (manufacturers, generic-company prefixes, dosage forms) that mark a variant as a label
# rather than a name people write.
LABEL_WORDS = {
    "sandoz", "teva", "mylan", "ratiopharm", "hexal", "stada", "novo", "apo", "pms", "ratio",
    "actavis", "aurobindo", "zentiva", "winthrop", "kern", "al", "ct", "abz", "beta", "puren",
    "neuraxpharm", "heumann", "basics", "desitin", "1a", "genericon", "arrow", "accord",
    "tablets", "tablet", "capsules", "capsule", "injection", "solution", "suspension", "cream",
    "ointment", "gel", "drops", "spray", "syrup", "powder", "lotion", "elixir", "liquid",
    "inhaler", "inhalers", "patch", "patches", "film", "kit", "oral", "topical", "nasal",
    "rectal", "vaginal", "ophthalmic", "otic", "buccal", "sublingual", "intravenous", "iv",
    "forte", "mite", "retard", "depot", "plus", "compositum", "comp", "mono", "duo", "junior",
    "children's", "infant", "infants", "adult", "extra", "strength", "maximum", "original",
}

# Single words that are common in English (high wordfreq frequency) but almost always health
# words in a practice's posts: kept despite the frequency cut.
HIGH_FREQUENCY_HEALTH_WORDS = {
    # conditions and symptoms
    "cancer", "diabetes", "asthma", "autism", "dementia", "obesity", "pneumonia", "influenza",
    "flu", "covid-19", "hypertension", "arthritis", "depression", "anxiety", "stroke", "tumor",
    "infection", "fever", "cough", "headache", "migraine", "nausea", "vomiting", "diarrhea",
    "constipation", "fatigue", "insomnia", "dizziness", "seizure", "seizures", "rash", "acne",
    "allergy", "allergies", "eczema", "psoriasis", "sunburn", "fracture", "concussion", "sprain",
    "hernia", "leukemia", "lymphoma", "melanoma", "sepsis", "anemia", "hepatitis", "tuberculosis",
    "malaria", "measles", "mumps", "polio", "rabies", "shingles", "chickenpox", "bronchitis",
    "sinusitis", "tonsillitis", "appendicitis", "cataract", "cataracts", "glaucoma", "epilepsy",
    "schizophrenia", "alcoholism", "addiction", "anorexia", "bulimia", "adhd", "ptsd", "ocd",
    "autism", "pregnancy", "miscarriage", "infertility", "abortion", "hiv", "aids", "herpes",
    "syphilis", "gonorrhea", "chlamydia", "inflammation", "obese", "paralysis", "amnesia",
    "delirium", "psychosis", "coma", "bleeding", "hemorrhage", "ulcer", "ulcers",
    "tumors", "tumour", "infections", "injury", "injuries", "cavities", "cavity", "toothache",
    "gingivitis", "arthritis", "osteoporosis", "scoliosis", "sciatica", "tendonitis", "bursitis",
    "vertigo", "tinnitus", "cholera", "ebola", "zika", "smallpox", "leprosy",
    "diabetic", "asthmatic", "autistic", "epileptic", "dyslexia", "stuttering", "snoring",
    "obesity", "malnutrition", "dehydration", "hypothermia", "frostbite", "heatstroke",
    "sunstroke", "whiplash", "bruise", "bruises", "bruising", "swelling", "itching", "cramps",
    "cramping", "spasms", "numbness", "tingling", "wheezing", "sneezing", "palpitations",
    "fainting", "syncope", "hives", "warts", "lice", "scabies", "ringworm", "thrush", "gout",
    "lupus", "anaphylaxis", "hypoglycemia", "hyperglycemia", "jaundice", "colic",
    "hemorrhoids", "varicose", "aneurysm", "angina", "arrhythmia", "emphysema", "dementia",
    "parkinsonism", "neuropathy", "fibromyalgia", "sclerosis", "cirrhosis", "pancreatitis",
    "gastritis", "colitis", "cystitis", "conjunctivitis", "dermatitis", "laryngitis",
    "meningitis", "encephalitis", "hepatitis", "nephritis", "myopia", "astigmatism",
    "presbyopia", "strabismus", "amblyopia", "deafness", "blindness", "stillbirth", "infarction",
    "overdose", "poisoning", "asphyxia", "hypoxia", "apnea", "snoring", "insomnia", "narcolepsy",
    "bipolar", "manic", "mania", "phobia", "anorexic", "suicidal", "paranoia", "hallucinations",
    "nosebleed", "nosebleeds", "heartburn", "indigestion", "bloating", "flatulence", "cellulitis",
    "impetigo", "rosacea", "vitiligo", "alopecia", "dandruff", "obesity", "osteoarthritis",
    "menopause", "endometriosis", "preeclampsia", "eclampsia", "mastitis", "colds",
    # medicines with high frequency
    "aspirin", "insulin", "morphine", "penicillin", "ibuprofen", "xanax", "adderall", "valium",
    "viagra", "prozac", "methadone", "codeine", "antibiotics", "antibiotic", "steroids",
    "cortisone", "opioids", "opioid", "vaccine", "vaccines", "fentanyl", "oxycodone", "tylenol",
    "nicotine", "lithium", "estrogen", "testosterone", "melatonin", "ketamine", "botox",
    "acetaminophen", "paracetamol", "benadryl", "epinephrine", "chemotherapy", "naloxone",
    "narcan", "ozempic", "hydrocodone", "heroin", "cocaine", "progesterone", "antidepressants",
}

# Terms that pass the automatic filters but are ordinary words (or phrases that occur outside
# health care: "long labor" in "long Labor Day weekend"), body parts, or cut-off clinical fragments.
# Reviewed by hand (python scripts/build_health_lexicon.py --explain TERM says where a term comes from).
DENY = {
    # everyday words that ICD-10-CM uses as titles or inclusion terms
    "pain", "fall", "falls", "shock", "burn", "burns", "contact", "delivery", "labor", "stress",
    "fear", "anger", "worry", "grief", "hunger", "thirst", "cold", "colds", "heat", "exposure",
    "choking", "drowning", "lack", "failure", "death", "crush", "weakness", "tiredness",
    "restlessness", "nervousness", "irritability", "agitation", "unhappiness", "demoralization",
    "old age", "frailty", "clumsiness", "hyperactivity", "tension", "hostility", "violence",
    "screaming", "sensation", "mole", "moles", "spots", "spot", "blind", "deaf", "mute", "lame",
    "disorder", "disease", "syndrome", "condition", "illness", "sickness", "defect", "deformity",
    "abnormality", "lesion", "growth", "mass", "lump", "lumps", "swollen", "bump", "bumps",
    "obstruction", "compression", "rupture", "tear", "tears", "collapse", "arrest", "block",
    "blockage", "cramp", "strain", "strains", "pressure", "crisis", "infant", "twin", "twins",
    "foreign body", "foreign object", "loose body", "bite", "bites", "sting", "stings", "wounds",
    "cut", "cuts", "scratch", "scratches", "sore", "sores", "boil", "boils", "stone", "stones",
    "clot", "spur", "attack", "attacks", "tic", "tics", "nightmare", "nightmares", "delusion",
    "delusions", "dependence", "abuse", "use", "misuse", "withdrawal", "intoxication",
    "tolerance", "craving", "hangover", "drunkenness", "problem", "problems", "difficulty",
    "difficulties", "disturbance", "disturbances", "dysfunction", "deficiency", "excess",
    "overweight", "underweight", "jet lag", "hoarding", "trance", "possession", "gambling",
    "stealing", "lying", "truancy", "bullying", "malingering", "simulation", "shyness",
    "jealousy", "adjustment", "bereavement", "homesickness", "culture shock", "burnout",
    "exhaustion", "overexertion", "scar", "scars", "wrinkles", "hiccough", "hiccup", "hiccups",
    "yawning", "belching", "gas", "gurgling", "tenderness", "stiffness", "crying", "ringing",
    "clicking", "popping", "clubbing", "flushing", "redness", "oozing", "discharge", "drainage",
    "dryness", "euphoria", "hopelessness", "guilt", "falling", "stumbling", "limping", "shaking",
    "trembling", "twitching", "jerking", "spitting", "drooling", "tightness", "heaviness",
    "fullness", "emptiness", "tickle", "tickling", "itch", "hyperactive", "restless", "nervous",
    "anxious", "sad", "moody", "irritable", "aggressive", "hostile", "depressed", "hysteria",
    "paranoid", "insane", "insanity", "mental", "neurosis", "neurotic", "retardation", "moron",
    "idiocy", "imbecile", "imbecility", "idiot", "cretin", "cretinism", "mongolism",
    "pins", "atlas", "defects", "petrol", "instability", "thumb-sucking", "nail-biting",
    "calculus", "blackout", "abdomen", "corrosion", "immersion", "folds", "uterus", "pig-bel",
    "alteration", "complication", "bulky", "splinter", "sinus", "diffuse", "deletion", "deletions",
    "straining", "infestation", "infestations", "felon", "withdraws", "ventilator", "dens",
    "depressions", "cuneiform", "senescence", "slowness", "sighing", "cooing", "obliteration",
    "exfoliation", "noma", "kuru", "osteopathy", "pedophilia", "plague", "wound", "sedative",
    "long labor", "term delivery", "crisis state", "crisis reaction", "pointed ear",
    "prominent ear", "low density", "knee cap", "double tongue", "tunnel infection",
    "tunnel infections", "cross syndrome", "grey syndrome", "page kidney", "hers disease",
    "chronic motor", "air leak", "air conditioning", "heel bone", "coma scale",
    "glasgow coma scale", "wound fluids", "hydraulic jet injection", "bat ear", "accessory muscle",
    "split foot", "growth plate arrest", "stress reaction", "acute reaction", "drug reaction",
    "serum reaction", "serum reactions", "protein sickness", "wandering swelling", "fat pad",
    "acute infection", "acute infections", "local infection", "post infection", "primary failure",
    "foot-and-mouth disease", "christmas disease", "institutional syndrome", "compressed-air disease",
    "loneliness", "starvation", "premature", "chills", "freckles", "corns", "malaise",
    "exhibitionism", "pilar", "pregnant state", "fluor", "positive serological reaction", "locomotor ataxia", "general paresis",
}
# ICD puts these under a sensitive chapter (F, mostly), but they say nothing sensitive on their own.
FORCE_CATEGORY = {
    "teeth grinding": "dental", "lisping": "condition", "sleepwalking": "condition",
    "somnambulism": "condition", "night terrors": "condition", "sleep terrors": "condition",
    "enuresis": "condition", "functional enuresis": "condition", "idiopathic insomnia": "condition",
    "paradoxical insomnia": "condition", "adjustment insomnia": "condition",
    "insufficient sleep syndrome": "condition", "childhood onset fluency disorder": "condition",
}
# Drug names that collide with words, names, places or brands outside health care.
DRUG_DENY = {
    # junk variants that wordfreq knows as other words or names
    "modus", "aman", "colgate", "cera", "tobi", "sone", "theon", "hemel", "gana", "capex", "rela",
    "saha", "generics", "phospholipids", "luminal", "armour", "kendrick", "cinna", "bicol", "dagan",
    "almora", "sunkist", "emend", "renova", "copal", "kalma", "dolin", "planum", "morphia", "calan",
    "jumex", "biomet", "pepsodent", "exelon", "actos", "arava", "cortisol", "tetris", "silverado",
    # brand names that are everyday words or given names
    "today", "plan", "alli", "allegra", "cold", "ella", "yasmin", "camila", "errin", "heather",
    "nora", "emma", "portia", "hailey", "charlotte", "nikki", "lyza", "mili", "larin", "aubra",
    "delyla", "tarina", "vienna", "jolivette", "sharobel", "amethyst", "lutera", "levora",
    "apri", "wera", "philith", "juleber", "daysee", "aviane", "kelnor", "syeda", "zarah", "ocella",
    "ecstasy", "molly", "speed", "crystal", "ice", "crack", "snow", "angel", "smack", "junk",
    "weed", "grass", "acid", "rush", "poppers", "focus", "bliss", "clear", "balance", "relief",
    "restore", "calm", "ease", "comfort", "genius", "hero", "champion", "victory", "zen", "vital",
    "revive", "renew", "refresh", "boost", "energy", "power", "pure", "natural", "essential",
    "prime", "ultra", "total", "active", "sonata", "symphony", "harmony", "melody", "aria",
    "opera", "allegro", "cadence", "rhythm", "mercury", "jupiter", "apollo", "atlas", "titan",
    "orion", "nova", "luna", "aurora", "eclipse", "comet", "vista", "horizon", "summit", "legend",
    "icon", "elite", "royal", "crown", "ivory", "amber", "jade", "ruby", "pearl", "coral",
    "diamond", "onyx", "opal",
}

# Brand names and other drug terms that the dictionary lacks or that are spelled differently, with
# their generic (the generic's category applies).
EXTRA_DRUGS = {
    # emergency contraception, contraception, abortion care and fertility
    "plan b": "levonorgestrel", "plan b one-step": "levonorgestrel", "my way": None,
    "depo-provera": "medroxyprogesterone", "nexplanon": "etonogestrel", "xulane": "norelgestromin",
    "paragard": "reproductive", "kyleena": "levonorgestrel", "liletta": "levonorgestrel",
    "skyla": "levonorgestrel", "nuvaring": "etonogestrel", "annovera": "segesterone",
    "twirla": "levonorgestrel", "phexxi": "reproductive", "opill": "norgestrel",
    "slynd": "drospirenone", "mifeprex": "mifepristone", "cytotec": "misoprostol",
    "follistim": "follitropin", "gonal-f": "follitropin", "menopur": "menotropins",
    "ovidrel": "choriogonadotropin", "pregnyl": "chorionic", "novarel": "chorionic",
    "cetrotide": "cetrorelix", "makena": "hydroxyprogesterone", "rhogam": "reproductive",
    # HIV treatment and PrEP
    "truvada": "tenofovir", "descovy": "tenofovir", "biktarvy": "bictegravir",
    "genvoya": "elvitegravir", "stribild": "elvitegravir", "atripla": "efavirenz",
    "complera": "rilpivirine", "odefsey": "rilpivirine", "symtuza": "darunavir",
    "triumeq": "dolutegravir", "dovato": "dolutegravir", "juluca": "dolutegravir",
    "tivicay": "dolutegravir", "cabenuva": "cabotegravir", "apretude": "cabotegravir",
    "sunlenca": "lenacapavir", "yeztugo": "lenacapavir", "isentress": "raltegravir",
    "prezista": "darunavir", "prezcobix": "darunavir", "evotaz": "atazanavir",
    "reyataz": "atazanavir", "edurant": "rilpivirine", "pifeltro": "doravirine",
    "delstrigo": "doravirine", "rukobia": "fostemsavir", "trogarzo": "ibalizumab",
    # opioid use disorder, alcohol use disorder, smoking cessation
    "zubsolv": "buprenorphine", "sublocade": "buprenorphine", "brixadi": "buprenorphine",
    "vivitrol": "naltrexone", "lucemyra": "lofexidine", "kloxxado": "naloxone",
    "zimhi": "naloxone", "opvee": "nalmefene",
    # mental health
    "rexulti": "brexpiprazole", "vraylar": "cariprazine", "caplyta": "lumateperone",
    "latuda": "lurasidone", "invega": "paliperidone", "geodon": "ziprasidone",
    "saphris": "asenapine", "fanapt": "iloperidone", "nuplazid": "pimavanserin",
    "cobenfy": "xanomeline", "lybalvi": "olanzapine", "clozaril": "clozapine",
    "trintellix": "vortioxetine", "viibryd": "vilazodone", "pristiq": "desvenlafaxine",
    "fetzima": "levomilnacipran", "auvelity": "bupropion", "spravato": "esketamine",
    "zurzuvae": "zuranolone", "zulresso": "brexanolone", "exxua": "gepirone",
    "lithobid": "lithium", "focalin": "dexmethylphenidate", "qelbree": "viloxazine",
    "azstarys": "serdexmethylphenidate", "jornay": "methylphenidate", "mydayis": "amphetamine",
    "adzenys": "amphetamine", "evekeo": "amphetamine", "quillichew": "methylphenidate",
    "daytrana": "methylphenidate", "tranxene": "clorazepate", "halcion": "triazolam",
    "restoril": "temazepam", "lexapro": "escitalopram",
    # common newer medicines that wordfreq's (pre-2022) data does not know
    "rybelsus": "semaglutide", "saxenda": "liraglutide", "victoza": "liraglutide",
    "dupixent": "dupilumab", "skyrizi": "risankizumab", "rinvoq": "upadacitinib",
    "tremfya": "guselkumab", "cosentyx": "secukinumab", "taltz": "ixekizumab",
    "otezla": "apremilast", "stelara": "ustekinumab", "entyvio": "vedolizumab",
    "xeljanz": "tofacitinib", "paxlovid": "nirmatrelvir", "lagevrio": "molnupiravir",
    "nurtec": "rimegepant", "ubrelvy": "ubrogepant", "aimovig": "erenumab",
    "emgality": "galcanezumab", "ajovy": "fremanezumab", "qulipta": "atogepant",
    "prolia": "denosumab", "evenity": "romosozumab", "eylea": "aflibercept",
    "vabysmo": "faricimab", "lucentis": "ranibizumab", "restasis": "cyclosporine",
    "xiidra": "lifitegrast", "vuity": "pilocarpine", "entresto": "sacubitril",
    "brilinta": "ticagrelor", "invokana": "canagliflozin", "januvia": "sitagliptin",
    "janumet": "sitagliptin", "tradjenta": "linagliptin", "lantus": "insulin",
    "humalog": "insulin", "novolog": "insulin", "tresiba": "insulin", "toujeo": "insulin",
    "basaglar": "insulin", "levemir": "insulin", "dexcom": None, "omnipod": None,
    "symbicort": "budesonide", "breo": None, "trelegy": "fluticasone", "spiriva": "tiotropium",
    "singulair": "montelukast", "xolair": "omalizumab", "nucala": "mepolizumab",
    "fasenra": "benralizumab", "tezspire": "tezepelumab", "valtrex": "valacyclovir",
    "shingrix": "zoster vaccine", "gardasil": "papillomavirus vaccine",
}


def drug_terms(zipf) -> dict[str, tuple[str, str]]:
    """term -> (category, canonical drug)."""
    import drug_named_entity_recognition as dner

    path = Path(dner.__file__).parent / "drug_ner_dictionary.pkl.bz2"
    with bz2.open(path, "rb") as f:
        d = pickle.load(f)  # the package's own data file, as the package itself loads it
    v2c: dict[str, list[str]] = d["drug_variant_to_canonical"]
    c2d: dict[str, dict] = d["drug_canonical_to_data"]
    consumer = {c for c, x in c2d.items() if "medline_plus_id" in x or "nhs_url" in x}
    # drugs known to DrugBank or Wikipedia but without a consumer page: only names common in
    # English text ("suboxone", "truvada", "nuvaring")
    # (brand names only, and only of combinations of consumer generics: "emtricitabine/tenofovir")
    known = {
        c for c, x in c2d.items()
        if c not in consumer and ("drugbank_id" in x or "wikipedia_url" in x)
        and "/" in c and all(part.strip() in consumer for part in c.split("/"))
    }

    def category(canonical: str) -> str:
        if canonical in SENSITIVE or canonical == "medication":
            return canonical
        words = set(re.split(r"[\s/,\-()]+", canonical.lower()))
        if words & SENSITIVE_EXCEPT:
            return "medication"
        for cat in ("hiv_sti", "substance_use", "reproductive", "mental_health"):
            if words & SENSITIVE_DRUGS[cat]:
                return cat
        return "medication"

    out: dict[str, tuple[str, str]] = {}
    for variant, canonicals in sorted(v2c.items()):
        canonical = canonicals[0]
        if canonical not in consumer and canonical not in known:
            continue
        v = variant.lower().strip()
        if not re.fullmatch(r"[a-z][a-z\-' ]*[a-z]", v):
            continue  # digits, commas, slashes, brackets, non-ASCII: labels, not names
        words = v.split()
        if set(words) & (SALT_WORDS | LABEL_WORDS) or set(v.split("-")) & LABEL_WORDS:
            continue
        is_generic = v == canonical.lower()
        if canonical in known and is_generic:
            continue
        if len(words) > 1:
            # multi-word: only the consumer generic names ("tranexamic acid", "benzoyl peroxide")
            if not is_generic or canonical not in consumer or len(words) > 3 or " and " in f" {v} ":
                continue
            if any(zipf(w) == 0 for w in words):
                continue
        else:
            # single words: generics of the consumer formulary, and brand names (5+ letters) that
            # are written in English text (wordfreq knows them); foreign spellings and labels are not
            if is_generic and canonical in consumer:
                floor = 1.0
            else:
                floor = 1.5 if canonical in consumer else 2.0
            if zipf(v) < floor or (not is_generic and len(v) < 5):
                continue
            if "-" in v and not is_generic:
                continue  # wordfreq splits at hyphens, so it cannot vouch for "k-dur", "ara-c"
        out.setdefault(v, (category(canonical), canonical))
    for v, generic in EXTRA_DRUGS.items():
        if generic is not None:
            out.setdefault(v, (category(generic), generic))
    return out


# --------------------------------------------------------------------------------------------------


def build(explain: str | None = None) -> tuple[list[tuple[str, str]], dict]:
    import spacy.lang.en.stop_words as sw
    from wordfreq import zipf_frequency

    def zipf(term: str) -> float:
        return zipf_frequency(term, "en")

    hand: set[str] = set()
    for name in ("health_terms", "health_ambiguous", "health_body"):
        p = LEX / f"{name}.txt"
        if p.exists():
            hand |= lexicon_words(p)
    first = lexicon_words(LEX / "first_names.txt")
    not_names = lexicon_words(LEX / "not_names.txt")
    stop = set(sw.STOP_WORDS)

    stats: Counter = Counter()
    cands: dict[str, tuple[str, str, str]] = {}  # term -> (category, source, origin)
    for term, (cat, code) in icd_terms(zipf).items():
        cands[term] = (cat, "icd", code)
    for term, (cat, canonical) in drug_terms(zipf).items():
        if term in cands and cands[term][1] == "icd":
            continue  # a condition name that is also a drug name stays a condition
        cands[term] = (cat, "drug", canonical)

    kept: dict[str, str] = {}
    why: dict[str, str] = {}
    for term, (cat, src, origin) in sorted(cands.items()):
        words = term.split()
        reason = None
        if term in hand:
            reason = "in a hand-written list"
        elif len(term) <= 2 or term.replace(" ", "").isdigit():
            reason = "too short or a number"
        elif term in DENY or (src == "drug" and term in DRUG_DENY):
            reason = "DENY"
        elif len(words) == 1 and term in stop:
            reason = "spaCy stop word"
        elif len(words) == 1 and (term in first or term in not_names) and term not in HIGH_FREQUENCY_HEALTH_WORDS:
            reason = "first name / not_names"
        elif src == "drug" and term in (first | not_names):
            reason = "first name / not_names"
        elif len(words) == 1 and term not in HIGH_FREQUENCY_HEALTH_WORDS and zipf(term) >= (3.3 if src == "drug" else 3.9):
            reason = f"common word (zipf {zipf(term):.2f})"
        elif len(words) > 1 and all(w in stop for w in words):
            reason = "stop words only"
        if reason:
            stats[reason.split(" (")[0]] += 1
        else:
            kept[term] = FORCE_CATEGORY.get(term, cat)
        why[term] = f"{term!r}: {src} {origin} -> {cat}; " + (f"dropped: {reason}" if reason else "kept")
    if explain is not None:
        print(why.get(explain.lower(), f"{explain!r}: not a candidate"))
    rows = sorted(kept.items())
    if len(rows) > MAX_TERMS:
        raise SystemExit(f"{len(rows)} terms: more than {MAX_TERMS}; tighten the filters")
    stats["kept"] = len(rows)
    return rows, stats


def render(rows: list[tuple[str, str]]) -> str:
    import simple_icd_10_cm

    versions = {p: md.version(p) for p in ("simple-icd-10-cm", "drug-named-entity-recognition", "wordfreq")}
    release = sorted(p.stem for p in (Path(simple_icd_10_cm.__file__).parent / "data").glob("icd10c-tabular-*.xml"))
    head = [
        "# GENERATED by scripts/build_health_lexicon.py -- do not edit; change the script and rerun:",
        "#   pip install -e '.[lexicons]' && python scripts/build_health_lexicon.py",
        "# from " + ", ".join(f"{k}=={v}" for k, v in versions.items()) + ".",
        "# Health information terms: term<TAB>category[<TAB>sensitive], lower case, matched case-insensitively.",
        "# Conditions and symptoms: ICD-10-CM tabular list (public domain, CDC/NCHS; " + ", ".join(release) + "),",
        "# via simple-icd-10-cm (MIT).",
        "# Medicines: the drug dictionary of drug-named-entity-recognition (MIT licence, (c) 2023 Fast Data",
        "# Science Ltd; compiled from DrugBank, MeSH, MedlinePlus, NHS and Wikipedia names).",
        "# Common English words filtered with wordfreq (Apache-2.0; its data CC-BY-SA 4.0, used only to filter).",
        "# Terms in health_terms.txt, health_ambiguous.txt and health_body.txt are left out (the hand-written entry wins).",
    ]
    body = [f"{t}\t{c}\tsensitive" if c in SENSITIVE else f"{t}\t{c}" for t, c in rows]
    return "\n".join(head + body) + "\n"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", type=Path, default=OUT)
    ap.add_argument("--check", action="store_true", help="exit 1 if --out differs from what would be written")
    ap.add_argument("--explain", metavar="TERM", help="say why TERM is in or out")
    ap.add_argument("--stats", action="store_true", help="print counts per category and per reason dropped")
    args = ap.parse_args(argv)
    rows, stats = build(args.explain)
    text = render(rows)
    if args.stats:
        for k, v in sorted(stats.items()):
            print(f"{k:28} {v}")
        for k, v in sorted(Counter(c for _, c in rows).items()):
            print(f"  {k:26} {v}")
    if args.explain:
        return 0
    return write_or_check(args.out, text, args.check, "build_health_lexicon.py", f"wrote {len(rows)} terms to {args.out}")


if __name__ == "__main__":
    sys.exit(main())
