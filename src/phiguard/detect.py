"""phiguard's own detectors over the shared spaCy Doc: names and roles, ages, dates, places,
handles, photo and biometric references, and health context. They emit Signals, not findings."""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from dataclasses import dataclass
from functools import cached_property
from collections.abc import Iterable
from typing import TYPE_CHECKING

import regex
from spacy.lang.en.stop_words import STOP_WORDS as SPACY_STOP_WORDS

from ._resources import compile as rx_compile
from ._resources import lexicon
from .signals import Signal

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc, Span, Token

F = regex.IGNORECASE  # VERSION0: simple case folding (see _resources.LazyPattern)

MONTH = r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|sept?(?:ember)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
DAY = r"(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)?"
DATE_RE = rx_compile(
    rf"""\b(?:
        {MONTH}\s+{DAY}(?:,?\s+(?:19|20)\d\d)?\b
      | {DAY}\s+(?:of\s+)?{MONTH}(?:,?\s+(?:19|20)\d\d)?\b
      | (?:early|mid|late|end\s+of|beginning\s+of)[\s-]+{MONTH}(?:\s+(?:19|20)\d\d)?\b
      | {MONTH}\s+(?:19|20)\d\d\b
      | (?:0?[1-9]|1[0-2])/(?:0?[1-9]|[12]\d|3[01])(?:/(?:19|20)?\d\d)?\b(?![/.-]?\d)(?!\s*(?:of|cups?|inch|in\b|tsp|tbsp|miles?|oz|lbs?|%|off|price|scale))
      | (?:0?[1-9]|1[0-2])([.-])(?:0?[1-9]|[12]\d|3[01])\1(?:19|20)?\d\d\b(?![.-]?\d)
      | (?:19|20)\d\d-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])\b
      | (?<![\w-])(?:(?i:last|this|next|in|since|until|through|early|mid|late)\s+)(?-i:Jan(?:uary)?|Feb(?:ruary)?|March|April|May|June|July|Aug(?:ust)?|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\b(?!\s*\d)(?![’']s)
      | (?<=\b(?:on|since|from|until|by)\s+)the\s+(?:[12]\d|3[01]|0?[1-9])(?:st|nd|rd|th)\b(?!\s+(?:year|annual|anniversary|century|floor|street|st|avenue|ave|grade|birthday|time|place|percentile|edition|week|day|month|row|hole|inning|round|caller|visitor|patient))
    )""",
    F | regex.VERBOSE,
)
HAS_DATE_ELEMENT = rx_compile(rf"(?:\bthe\s+\d{{1,2}}(?:st|nd|rd|th)\b|\b{MONTH}\s*\d|\d\s*(?:of\s+)?{MONTH}|\b(?:early|mid|late)[\s-]+{MONTH}|\b{MONTH}\s+(?:19|20)\d\d|\d{{1,2}}/\d{{1,2}}\b(?!\s*(?:of|cups?|%))|\d{{1,2}}([.-])\d{{1,2}}\1\d{{2,4}})", F)

AGE_NUM = r"(?:9\d|1[01]\d)"
AGE_WORD = (
    r"(?:ninety(?:[\s-](?:one|two|three|four|five|six|seven|eight|nine))?"
    r"|(?:one|a)\s+hundred(?:\s+(?:and\s+)?(?:one|two|three|four|five|six|seven|eight|nine|ten))?)"
)
AGE_ORD = (
    r"(?:ninetieth|ninety[\s-](?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth)"
    r"|(?:one\s+)?hundredth|hundred\s+and\s+(?:first|second|third|fourth|fifth))"
)
AGE_RE = rx_compile(
    rf"""(?:
        \b(?P<age>{AGE_NUM}(?:\s*|-)(?:years?|yrs?)(?:[\s-]*old)?)\b
      | \b(?P<age>{AGE_NUM}\s*(?:y/?o|y\.o\.))(?!\w)
      | \b(?P<age>{AGE_NUM}-?(?:yo|yr-old|year-old))\b
      | \bage[ds]?\s*(?:of\s+)?:?\s*(?P<age>{AGE_NUM})\b
      | \b(?P<age>{AGE_NUM}(?:st|nd|rd|th))\s+(?:birthday|bday|b-day)\b
      | \bturn(?:ed|s|ing)?\s+(?P<age>{AGE_NUM})\b
      | \b(?P<age>{AGE_WORD}(?:[\s-]+years?)?[\s-]+(?:old|year-old))\b
      | \b(?P<age>(?:{AGE_NUM}|{AGE_WORD}))[\s-]+years?[\s-]+young\b
      | \b(?P<age>{AGE_ORD})\s+(?:birthday|bday)\b
      | \b(?:turn(?:ed|s|ing)?|aged?|is|was|she'?s|he'?s|i'?m|at)\s+(?P<age>{AGE_WORD})\b
      | \bin\s+(?:his|her|their|my)\s+(?P<age>(?:late\s+|early\s+|mid-?\s*)?(?:90s|nineties|100s))\b
      | \bhappy\s+(?P<age>{AGE_NUM}(?:st|nd|rd|th))\b
      | [’']s\s+(?P<age>{AGE_NUM}(?:st|nd|rd|th))\b(?!\s+(?:year|anniversary|annual|time|visit|patient|percentile|floor|street|place))
      | \b(?P<age>(?:super)?centenarian|nonagenarian)s?\b
    )""",
    F | regex.VERBOSE,
)
# "is 99", "at 98", "Opal, 95, …": an age only when a person is in the sentence (engine checks).
AGE_CONTEXT_RE = rx_compile(
    rf"""(?:
        \b(?:is|was|at|now|just\s+turned|she[’']s|he[’']s)\s+(?P<age>{AGE_NUM})\b(?!\s*(?:%|percent|\$|dollars|cents|degrees|°|lbs?|pounds|kg|mph|miles|minutes|mins?|seconds|hours|days|weeks|months|people|patients|points|out\s+of|/|\.\d|,\d|-\d))
      | (?<=\p{{Lu}}[\w'’.-]*\s*,\s*)(?P<age>{AGE_NUM})(?=\s*(?:[,)!]|and\b|&))
    )""",
    F | regex.VERBOSE,
)
AGE_GENERIC_AFTER = rx_compile(r"\s*(?:\+|[-–—]\s*\d|to\s+\d|through\s+\d|and\s+(?:older|over|up)|or\s+(?:older|over|more)|plus\b|%|percent|days|minutes|min\b|hours|patients|people|seconds|times)", F)
AGE_GENERIC_BEFORE = rx_compile(r"(?:over|under|above|below|older\s+than|younger\s+than|ages|adults|aged\s+\d+\s*(?:to|-)|to|and|-)\s*$", F)

ADDRESS_RE = rx_compile(
    r"""\b\d{1,6}\s+(?:[NSEW]\.?\s+|north\s+|south\s+|east\s+|west\s+)?
        (?:[A-Z][\w'-]*\.?\s+){0,3}
        (?i:st(?:reet)?|ave(?:nue)?|rd|road|blvd|boulevard|dr(?:ive)?|ln|lane|way|ct|court|pl(?:ace)?|pkwy|parkway|hwy|highway|ter(?:race)?|cir(?:cle)?|trl|trail|loop|sq(?:uare)?)\b\.?
        (?:,?\s+(?i:apt|apartment|unit|\#|ste|suite)\.?\s*\#?\s*[\w-]+)?
        (?:,\s*[A-Z][a-z]+(?:\s+[A-Z][a-z]+){0,2})?
        (?:,?\s*[A-Z]{2})?(?:\s+\d{5}(?:-\d{4})?)?""",
    regex.VERSION1 | regex.VERBOSE,
)
ZIP_RE = rx_compile(r"(?:(?<=\b(?i:zip|zip\s*code|postal\s+code)\s*:?\s*)|(?<=\b[A-Z]{2}\s))\d{5}(?:-\d{4})?\b", regex.VERSION1)
STREET_RE = rx_compile(
    r"(?<=\b(?i:on|off|lives\s+on|living\s+on|near|corner\s+of)\s+)(?:\p{Lu}[\w'-]*\s+){1,3}(?i:street|st|avenue|ave|road|rd|boulevard|blvd|drive|dr|lane|ln|court|ct|place|pl|way|parkway|pkwy|terrace|circle|trail)\b\.?(?:\s+in\s+\p{Lu}[\w'-]+(?:\s+\p{Lu}[\w'-]+)?)?",
    regex.VERSION1,
)
# "from Nogales", "lives in Bisbee": capitalized words after a location phrase, for places spaCy misses
PLACE_AFTER_TIE_RE = rx_compile(
    r"(?<=\b(?i:from|lives\s+in|living\s+in|moved\s+(?:here\s+)?from|resident\s+of|native\s+of|hometown\s+of|(?:who|she|he|they)\s+lives?\s+in|all\s+the\s+way\s+from|drives?\s+(?:in\s+|down\s+|up\s+)?from)\s+(?:(?i:tiny|little|small|nearby|rural|beautiful|sunny|far-?away)\s+)?)\p{Lu}[\w'-]+(?:\s+\p{Lu}[\w'-]+){0,2}",
    regex.VERSION1,
)
# a handle written without @ after the network's name: "ig: amara.smiles", "tiktok - @…"
NETWORK_HANDLE_RE = rx_compile(r"(?<=\b(?i:ig|insta|instagram|tiktok|tt|twitter|snap|snapchat|threads|bluesky)\s*[:=-]\s*)(?!@)[A-Za-z0-9_](?:[A-Za-z0-9_.]{0,28}[A-Za-z0-9_])", regex.VERSION1)
HANDLE_RE = rx_compile(r"(?<![\w@./])@(?=[\w.]*[A-Za-z])[A-Za-z0-9_](?:[A-Za-z0-9_.]{0,28}[A-Za-z0-9_])?(?![\w@])")
PHOTO_RE = rx_compile(
    r"""\b(?:
        (?:before[\s-]*(?:and|&|\+|/)?[\s-]*after|b/a|transformation|smile\s+makeover|progress|results?)\s+(?:photos?|pics?|pictures?|shots?|videos?|images?|gallery|reel)
      | (?:photos?|pics?|pictures?|videos?|footage|selfies?)\s+(?:of|from|with)\s+(?:our\s+)?(?:patient|client|resident|her|his|their|baby)
      | (?:your|her|his|their)\s+(?:[\w-]+\s+){0,2}(?:photos?|pics?|pictures?|videos?|selfies?|reels?)
      | (?:photos?|pics?|pictures?|videos?|footage|selfies?)\s+of(?=\s+(?:little\s+|our\s+|baby\s+)?(?:mr|mrs|ms|miss|\p{Lu}\w+)\b)
      | head\s?shots?|selfies?
      | full[\s-]face(?:\s+(?:and\s+\w+\s+)?(?:photos?|pics?|images?|shots?))?
      | before\s*(?:/|&|and|\+)\s*after
      | pictured(?=\s*:)
      | (?:photos?|pics?|pictures?|images?)\s+(?:above|below)
      | (?:before[\s-]*(?:and|&|\+)?[\s-]*after|b/a|transformation|progress)[\s-]+(?:carousel|slideshow|slides|reel|post)
      | (?:surgery[\s-]day|recovery|treatment|procedure)\s+vlog
      | live\s+(?:video\s+)?from\s+the\s+(?:OR|operating\s+room|procedure\s+room|delivery\s+room)
      | (?:x-?rays?|scans?|mri|ct)\s+of\s+(?:our\s+)?(?:patient|her|his|their)
    )""",
    F | regex.VERBOSE,
)
# Media that goes with the post ("watch the clip 👇", "pics shared w/ mom's permission", "the video is
# up in our stories"): a photo of the patient when the post tells an identified patient's health story
MEDIA_REF_RE = rx_compile(
    r"""\b(?:
        (?:watch|see|check\s+out|view|seen)\s+(?:the|this|our|her|his|their)\s+(?:[\w-]+\s+)?(?:clip|video|reel|pics?|photos?|pictures?|story)
      | (?:watch|see|check\s+out)\s+(?:the\s+)?(?:clip|video|reel)
      | (?:clip|video|reel|pics?|photos?|pictures?)\s+(?:is|are)\s+(?:up|live|posted|below|above|in\s+(?:our|the)\s+\w+)
      | (?:pics?|photos?|pictures?|video|clip)s?\s+(?:shared|posted|used)\s+(?:w/|with)
      | (?:pics?|photos?|pictures?|video|clip)s?\s+(?:with\s+\p{Lu}\w+\s+)?in\s+the\s+comments
      | (?:graduation|birthday|celebration|first[\s-]day|braces[\s-]off|bell[\s-]ringing|discharge|homecoming)\s+(?:photos?|pics?|pictures?|videos?)
      | (?:video|photo)\s+story
      | \(\s*(?:photo|pic|pictured|video)\s*:
    )""",
    F | regex.VERBOSE,
)
BIOMETRIC_RE = rx_compile(
    r"\b(?:finger\s?prints?|finger\s?print\s+scan|retina[l]?\s+scans?|iris\s+scans?|voice\s?prints?|face\s?prints?|facial\s+(?:recognition|scan|geometry)|palm\s?prints?|palm\s+vein\s+(?:scan|template|id|enrollment|data)|(?:finger\s?print|face|iris|retina|voice)\s+(?:template|enrollment)|thumb\s?prints?|dna\s+(?:profile|sample|results?))\b",
    F,
)
PERSONAL_URL_RE = rx_compile(
    r"(?:gofundme\.com|gofund\.me/|youtu\.be/|youtube\.com/(?:watch|shorts|@|c/|channel/)|vimeo\.com/\d|tiktok\.com/|instagram\.com/|threads\.net/@|bsky\.app/profile|snapchat\.com/add/|imgur\.com/|flickr\.com/photos|photos\.app\.goo\.gl|drive\.google\.com/|dropbox\.com/s|caringbridge\.org|mealtrain\.com|givesendgo\.com|spot\.fund|facebook\.com/|fb\.com/|instagram\.com/|tiktok\.com/@|twitter\.com/|\bx\.com/|linkedin\.com/in/|youtube\.com/@|venmo\.com/|cash\.app/|paypal\.me/|strava\.com/athletes|linktr\.ee/|patreon\.com/)",
    F,
)

# Text right before an identifier that says it belongs to the practice ("call us at …").
PRACTICE_CUE = rx_compile(
    r"(?:\b(?:call|text|phone|fax|reach|contact|email|e-mail|message|dm|book|schedule|visit|find|follow|like|tag|join|see)\s+us\b"
    r"|\bour\s+(?:(?!(?:your|his|her|their|has|have|had|is|was)\b)[\w-]+\s+){0,2}(?:office|clinic|practice|front\s+desk|team|number|phone|line|fax|email|website|site|address|location|page|account|handle|blog|shop|store)s?\b"
    r"|\blocated\s+(?:at|on)\b|\b(?:stop|drop|come|swing)\s+by\b|\bhere\s+at\b|\bjoin\s+us\b|\bfind\s+us\b|\bwe(?:'re|\s+are|’re)\s+(?:at|located|on)\b|\bus\s+(?:at|on|@)\b|\bmoved\s+to\b(?!\s+(?:mon|tue|wed|thu|fri|sat|sun|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|next|tomorrow|\d))|\bnew\s+(?:address|location|office)\b)"
    r"[^.!?\n]{0,60}$",
    F,
)
# "call 555-0176", "a call at 555-0112": a bare call-to-action right before the number
# "we tried calling you at", "we left you a message at": the number is the reader's, not the practice's
YOUR_NUMBER_BEFORE = rx_compile(
    r"\b(?:tried|trying|attempted|been\s+trying)\s+(?:to\s+)?(?:call(?:ing)?|reach(?:ing)?|contact(?:ing)?|text(?:ing)?|phon(?:e|ing))\s+you\s+(?:at|on)\s*:?\s*$"
    r"|\b(?:will|[’']ll)\s+(?:call|text|phone|ring)\s+you\s+(?:back\s+)?(?:at|on)\s*:?\s*$",
    F,
)
CALL_BEFORE = rx_compile(r"\b(?:call|text|dial|phone|ring|e-?mail|write\s+to|message)\s*(?:us\s*)?(?:at|on)?\s*:?\s*$|\ba\s+call\s+at\s*$", F)
# in a reply, "you" is the reviewer: "you can reach her at 555-0149" is a staff member's line
REPLY_STAFF_LINE = rx_compile(r"\b(?:reach|call|text|contact|ask\s+for)\s+(?:her|him|them|me|us)\b[^.!?\n\d]{0,20}$", F)
# "our Tucson office", "the Oro Valley location": the practice's own place, not a person's
PRACTICE_PLACE_AFTER = rx_compile(r"\s*(?:office|clinic|location|practice|team|branch|campus|studio|center|centre|hospital)s?\b", F)
ROLE_MAILBOX = rx_compile(
    r"^(?:info|hello|hi|contact|office|refills?|rx|prescriptions?|pharmacy|nurses?|nurseline|triage|labs?|results|orders|frontdesk|front\.desk|front-desk|appointments?|appts?|scheduling|schedule|booking|billing|accounts|admin|reception|support|team|care|help|records|medicalrecords|referrals?|marketing|hr|jobs|careers|noreply|no-reply|newpatients?|patients|questions|feedback|reviews|press|media|pr|clinic|compliance|privacy|advocate|patientadvocate|patientrelations|patient\.relations|relations|manager|officemanager|practicemanager|director|frontoffice|insurance|finance|payments|dental|ortho|smile|smiles|dr[\w.]*|doctor[\w.]*"
    # French role mailboxes
    r"|emplois?|carrieres|rh|benevolat|benevoles|accueil|rdv|rendez-?vous|secretariat|clinique|cabinet|pharmacie|administration|direction|facturation|comptabilite|dossiers|archives|plaintes|qualite|communications|bonjour|courrier|infos|ateliers?|inscriptions?|coordination|formation|soins|nutrition|workshops?|events?)@",
    F,
)
TOLL_FREE = rx_compile(r"^\D*1?\D*8(?:00|88|77|66|55|44|33)\D")
SPECIAL_NUMBERS = {"911", "988", "311", "211", "711", "411", "811"}
PUBLIC_HANDLES = {
    "cdcgov", "cdc", "who", "nih", "us_fda", "fda", "hhsgov", "cdcflu", "cdcemergency", "amermedicalassn",
    "americandentalassociation", "ada", "mayoclinic", "clevelandclinic", "hopkinsmedicine", "cms", "medicaregov",
}
ORG_HANDLE_WORDS = rx_compile(
    r"(?:dental|dentist|dds|dmd|smile|clinic|health|medical|medic|ortho|chiro|spa|pediatric|peds|family|pharm|wellness|care|therapy|therap|hospital|physio|vision|optom|eye|derm|skin|surgery|surgical|md\b|^dr|doctor|practice|office|center|centre|rehab|fitness|gym|lab|imaging|urgent|vet|aesthetic|medspa|laser|plastic|hearing|audiology|podiatry|foot|sleep|allergy)",
    F,
)

STAFF_BEFORE = rx_compile(
    r"(?:\b(?:dr|drs|doctor|dra|prof|professor|nurse|np|pa|rn|lpn|hygienist|dentist|orthodontist|periodontist|endodontist|surgeon|physician|therapist|pharmacist|receptionist|assistant|coordinator|manager|technician|tech|provider|chiropractor|optometrist|optician|audiologist|counselor|counsellor|midwife|doula|dietitian|nutritionist|ceo|cfo|coo|founder|co-founder|owner|director|administrator|colleague|coworker|co-worker|esthetician|aesthetician|injector|practitioner|scribe|office\s+manager|front\s+desk|team\s+member|staff\s+member|ibclc|lactation\s+consultant|pta|ota|stylist|frame\s+stylist|optical\s+stylist|teammate|boss|intern|resident\s+physician|fellow|sonographer|phlebotomist|paramedic|emt|medic|trainer|coach|instructor|specialist)s?\.?)"
    r"(?:\s+(?:lead|supervisor|extraordinaire|superstar|guru|captain))?(?:\s*(?:and|&|,)\s*(?:dr\.?\s+)?\w+|\s+\p{Lu}\w+(?:\s*,\s*\p{Lu}\w+)*\s*,?\s*(?:and|&)\s*)?\s*[:,-]?\s*(?:(?:mr|mrs|ms|miss|mx)\.?\s+)?$",
    F,
)
STAFF_AFTER = rx_compile(
    # credentials in capitals only ("Florence le mois prochain", "Oli T., le #22": French "le",
    # "ma", "do" are no credential); in lower case only the unambiguous ones, after a comma
    r"^(?:\s*,\s*(?:md|dds|dmd|rn|np|fnp|aprn|lpn|crna|phd|dpt|lcsw|lmft|lpc|lmhc|rdh|cnm|msn|bsn|dnp|pharmd|rdn|psyd|msw|crnp|arnp|ibclc|lmt)\b"
    r"|\s*,?\s*(?-i:MD|M\.D\.|DDS|D\.D\.S\.|DMD|D\.M\.D\.|DO|D\.O\.|RN|NP|FNP(?:-[BC]{1,2})?|APRN|PA(?:-C)?|DC|D\.C\.|LPN|CRNA|PhD|Ph\.D\.|PT|DPT|OD|O\.D\.|LCSW|LMFT|LPC|LMHC|RDH|CNM|MSN|BSN|DNP|PharmD|RD|RDN|CDA|EFDA|CMA|RMA|MS|MPH|FACS|FAAP|PsyD|MSW|CRNP|ARNP|LAc|ND|PTA|OTR(?:/L)?|OTA|COTA|ATC|CSCS|IBCLC|OCS|SCS|CHT|LAT|CPT|NASM|LE|CNA|MA|RT|RRT|CCC-SLP|SLP|AuD|LMT)\b"
    r"|\s*,\s*(?:is\s+)?(?:our|the\s+practice[’']s)\s+(?:(?!(?:patient|client|friend)s?\b(?!\s+(?:care|services|relations|experience|advocate|coordinator|liaison|navigator|access|coordinators)))[\w-]+\s+){0,2}?(?:new\s+|lead\s+|head\s+|amazing\s+|wonderful\s+|awesome\s+|favorite\s+|fabulous\s+|incredible\s+|very\s+own\s+|own\s+|office\s+|practice\s+|senior\s+|chief\s+|dental\s+|medical\s+|clinical\s+|registered\s+|certified\s+)*"
    r"(?:dr|doctor|dentist|hygienist|nurse|np|pa|rn|lpn|assistant|receptionist|coordinator|manager|technician|tech|provider|chiropractor|surgeon|physician|therapist|pharmacist|orthodontist|optometrist|counselor|midwife|dietitian|nutritionist|ceo|founder|co-founder|owner|director|administrator|esthetician|aesthetician|injector|practitioner|scribe|specialist|team\s+member|front\s+desk|office\s+manager)s?\b"
    r"|\s*\((?:our\s+)?(?:front\s+desk|hygienist|assistant|receptionist|office\s+manager|nurse|np|pa|rn|owner|founder|ceo|provider|dentist|doctor)\b"
    r"|[^.!?\n]{0,50}\b(?:join(?:s|ed|ing)?|welcom(?:e|es|ed|ing))\s+(?:to\s+)?(?:our|the)\s+(?:[\w-]+\s+)?(?:team|staff|practice|office|clinic|crew|family\s+of\s+providers)"
    r"|[^.!?\n]{0,30}\b(?:anniversary\s+(?:with|at)\s+us|years?\s+(?:with|on)\s+(?:us|our\s+team|the\s+team))"
    r"|\s+(?:will|[’']ll)\s+be\s+(?:so\s+)?(?:thrilled|happy|glad|delighted|excited|touched|honored|honoured)\b"
    r"|\s+(?:runs|manages|leads|heads|answers|staffs|keeps)\s+(?:the|our)\s+(?:front\s+desk|office|billing|phones|schedule|team|clinic|lab|practice)"
    r"|\s+(?:is|has\s+been)\s+(?:our|a)\s+(?:new\s+)?(?:hygienist|dentist|nurse|assistant|receptionist|provider|doctor|surgeon|therapist|office\s+manager|team\s+member)s?\b)",
    F,
)
RELATIVE_BEFORE = rx_compile(r"\b(?:mom|mother|mama|dad|father|papa|husband|wife|son|daughter|grandma|grandpa|sister|brother)\s*,?\s*$", F)
# "Note for our home-visit nurse: Mrs. Ethel Kraus, …": the name is who the note is about, not the nurse
NOTE_FOR_ROLE = rx_compile(r"\b(?:note|reminder|message|memo|heads[- ]?up|instructions?|task)\s+(?:for|to)\s+(?:our|the|all)\s+(?:[\w-]+\s+){0,2}[\w-]+\s*:\s*(?:(?:mr|mrs|ms|miss|mx)\.?\s+)?$", F)
PATIENT_BEFORE = rx_compile(
    r"(?:\b(?:our|my|a|the|this|sweet|brave|little|favorite|favourite|amazing|newest|youngest|oldest|longtime|long-time|new)\s+)*"
    r"(?:patient|pt|client|resident|member|one\s+of\s+our\s+(?:patients|clients)|patient\s+of\s+the\s+(?:month|week|year)|friend|mr|mrs|ms|miss|mx|baby|little|mom|mother|dad|father|husband|wife|son|daughter|grandma|grandpa|grandmother|grandfather|sister|brother|aunt|uncle)\.?\s*[:,-]?\s*$",
    F,
)
# "our patient Keiko": a capitalised word right after it is a name whatever spaCy calls it
PATIENT_CUE_BEFORE = rx_compile(r"\b(?:our|my|this|sweet|brave)\s+(?:(?:little|newest|youngest|oldest|favorite|favourite|longtime|long-time)\s+)?(?:patient|client|pt)\s*[:,-]?\s*$", F)
# capitalised words that follow "little", "baby", "mom" in names of things: "Little League", "Baby Shark"
CUED_NOT_NAMES = frozenset("league leaguers shark sharks dipper einstein italy rock caesars bear bears steps bird birds lamb house women men boy girl boys girls one ones things moments shop store cafe café bites sprouts smiles teeth".split())
CUED_NAME_RE = regex.compile(  # Match.spans: regex only
    r"\b(?i:(?:our|my|this|sweet|brave)\s+(?:(?:little|newest|youngest|oldest|favorite|favourite|longtime|long-time)\s+)?(?:patient|client)|one\s+of\s+our\s+(?:patients|clients)|little|baby|(?:his|her|their|your)\s+(?:mom|mother|mama|dad|father|papa|husband|wife|son|daughter|sister|brother|grandma|grandpa|partner)|mom|mama|dad|papa)"
    r"\s*,?\s+(?P<name>\p{Lu}\p{Ll}{1,20}(?:-\p{L}\p{Ll}+)?)\b(?![’']s\s+(?:office|clinic|practice))",
    regex.VERSION1,
)
# "Thank you Olumide!", "Hi Tamsin,", "Meet Tsering Dolma, 9": a capitalised word after a greeting
# and before punctuation is the name of the person spoken to or shown, whatever spaCy made of it
GREETED_NAME_RE = regex.compile(  # Match.spans: regex only
    r"\b(?i:hi|hey|hello|dear|thanks|thank\s+you(?:\s+so\s+much)?|thx|congrats|congratulations|welcome(?:\s+back)?(?:\s+to)?"
    r"|shout\s*-?\s*out\s+to|happy\s+(?:\w+\s+)?(?:birthday|bday)\s+to|meet|(?:so\s+)?proud\s+of"
    r"|(?P<epithet>the\s+(?:lovely|amazing|wonderful|fabulous|one\s+and\s+only)))"
    r"\s*,?\s+(?P<name>\p{Lu}\p{Ll}{1,20}(?:-\p{L}\p{Ll}+)?(?:\s\p{Lu}\p{Ll}{1,20})?|(?:\p{Lu}\.){2,3})"
    r"(?(epithet)(?!\w)|(?=\s*(?:[!,.?:;)(—–]|$|\p{Extended_Pictographic})|\s+(?:and|&)\s))",
    regex.VERSION1,
)
INTRODUCED_AS = rx_compile(r"\s*(?:,|[—–]|\s-|\p{Extended_Pictographic}+)\s*(?:our|the|a|an|my)\s+(?!(?:\w+\s+)?(?:patient|client)s?\b)", regex.IGNORECASE | regex.VERSION1)
POSSESSOR_BEFORE = rx_compile(r"(?<![\w@#.])(?P<name>\p{Lu}\p{Ll}{1,20})[’']s\s+(?:[\w-]+\s+){0,2}$", regex.VERSION1)
NOT_POSSESSORS = frozenset(
    "women men children kids people mother father mothers fathers valentine today tomorrow yesterday year everyone "
    "patient patients parent parents world nation america city town state county st saint child baby son daughter "
    "family kid teen toddler infant husband wife partner dad mom grandma grandpa".split()
)
# "Tito Villanueva (our patient since the 80s!)", "J.T., one of our clients": a patient cue after the name
PATIENT_AFTER_NAME_RE = regex.compile(  # Match.spans: regex only
    r"(?<![\w@#])(?P<name>\p{Lu}[\p{L}'’-]+(?:\s+\p{Lu}[\p{L}'’-]+){0,2}|(?:\p{Lu}\.){2,3})\s*(?:\(|,|—|–|\s-\s)\s*(?:(?:is|was)\s+)?"
    r"(?i:our|a|one\s+of\s+our)\s+(?:[\w-]+\s+)?(?i:patients?|clients?)\b(?!\s+(?:care|services|relations|experience|advocate|coordinator|liaison|navigator|favou?rites?|portal|forms?))",
    regex.VERSION1,
)
# "Parents Thao & Quang", "twins Minh and Linh": two names after a family cue
NAME_PAIR_RE = regex.compile(  # Match.spans: regex only
    r"\b(?i:parents|grandparents|twins|siblings|brothers|sisters|kids|children|sons|daughters)\s+(?P<name>\p{Lu}\p{Ll}{1,20})\s*(?:&|and|\+)\s*(?P<name>\p{Lu}\p{Ll}{1,20})\b",
    regex.VERSION1,
)
# a capitalised word standing alone, not followed by a number ("June", not "June 3"): a repeated name
CAPITALISED_WORD = rx_compile(r"(?<![\w@#.-])\p{Lu}\p{Ll}{1,20}(?![\w-])(?!\s+\d)")
# what a greeting is said to besides a person: "Hi Friends!", "Welcome Spring!", "Thanks Team!"
GREETED_NOT_NAMES = frozenset(
    "friends friend team everyone everybody all folks guys gals ladies gentlemen gang crew fam family families neighbors "
    "neighbours moms dads parents grads graduates spring summer fall autumn winter sunshine world community patients "
    "doc doctor dr mr mrs ms miss mx sir madam ma'am".split()
)
GREETING_BEFORE = rx_compile(
    r"(?:\b(?:hi|hey|hello|dear|thanks|thank\s+you|thx|ty|tysm|congrats|congratulations|welcome|shout\s*-?out(?:\s+to)?|hbd|happy\s+birthday(?:\s+to)?|get\s+well(?:\s+soon)?|prayers\s+for|praying\s+for|proud\s+of|go|way\s+to\s+go|love\s+you|miss\s+you|bye|sorry|so\s+sorry)\s*,?\s*(?:to\s+)?)$",
    F,
)
TRIM_LEAD = {"hi", "hey", "hello", "dear", "thanks", "thank", "thx", "congrats", "congratulations", "welcome", "happy", "shoutout", "meet", "go", "sorry", "bye"}

YOU = rx_compile(r"\byou\b", F)
PERSON_TIE = rx_compile(
    r"\b(?:(?<!\b(?:every|each|any|all|new|per|prospective|future)\s+)(?:patient|client)(?!\s+(?:advocates?|portal|care|coordinators?|services|relations|experience|liaison|navigators?|forms?|education))|pt|resident|mr|mrs|ms|mx|miss|mom|mother|dad|father|husband|wife|son|daughter|grandma|grandpa|grandmother|grandfather|granddaughter|grandson|baby|sister|brother|aunt|uncle|fianc[ée]e?|boyfriend|girlfriend|she|he|her|his|him|hers|they\s+were)\b",
    F,
)
EVENT_CONTEXT = rx_compile(r"\b(?:we[’']?re\s+hosting|we\s+are\s+hosting|join\s+us|open\s+house|workshop|seminar|webinar|health\s+fair|event|closed|office\s+hours|holiday\s+hours|register|rsvp|sign\s+up)\b", F)
VERSION_BEFORE = rx_compile(r"\b(?:version|ver|firmware|software|release|build|update|v)\.?\s*$", F)
YOU_TIE = rx_compile(r"\b(?:you|your|you're|youre|yours)\b", F)
DATE_CONTEXT = rx_compile(
    r"\b(?:dob|d\.o\.b|date\s+of\s+birth|birth\s*date|born|birthday|bday|b-day|admit(?:ted)?|adm|admission|d/c|dc[’']?d|dos|discharg\w*|walked\s+in|seeing\s+you|saw\s+you|see\s+you|surger(?:y|ies)|surgical|procedure|operation|visit(?:ed|s)?|appointment|appt|seen|came\s+in|come\s+in|checked\s+in|in\s+for|passed\s+away|passed|died|death|deceased|diagnos\w*|deliver\w*|arrived|welcomed|gave\s+birth|treated|treatment|x-?rays?|scan|mri|biopsy|transplant|follow-?up|consult(?:ation)?|er|hospitali[sz]ed|injur\w*|accident|fell|broke|cleaning|crown|filling|extraction|root\s+canal|implant|chemo\w*|infusion|vaccin\w*|shot|dose|session|adjustment|exam|checkup|check-up|rang\s+the\s+bell|last\s+day|first\s+day|graduat\w*|due(?:\s+date)?\s+(?:in|on|around|date)|due\s+date|since|on)\b",
    F,
)
DOB_CONTEXT = rx_compile(r"\b(?:dob|d\.o\.b|date\s+of\s+birth|birth\s*date|born(?:\s+on)?|birthday|bday)\b", F)
LOCATION_TIE = rx_compile(r"\b(?:from|lives?\s+in|living\s+in|resident\s+of|hometown|native\s+of|moved\s+(?:here\s+)?from|of)\s*$", F)


HONORIFIC_BEFORE = rx_compile(r"\b(?:mr|mrs|ms|miss|mx|sgt|cpl|capt|lt|col|maj|rev|officer|coach)\.?\s*$", F)
HONORIFIC_NAME_RE = rx_compile(
    r"\b(?i:mr|mrs|ms|mx|sgt|cpl|capt|lt|col|maj)\.?\s+(?P<name>[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?|(?i:[a-z][\w'’-]+))", regex.VERSION1
)
FAMILY_RE = rx_compile(
    r"\b(?i:the)\s+(?P<name>[A-Z][a-z'’]+(?:-[A-Z][a-z]+)?)(?:(?P<noun>\s+(?i:family|families|twins|triplets|kids?|kid[’']s|boys|girls|household|children|siblings|clan|crew))\b|(?<=[a-z]s)\b(?!['’]))",
    regex.VERSION1,
)
EPONYM_AFTER = rx_compile(r"\s*(?:[’']s\s+)?(?i:technique|method|protocol|test|maneuver|manoeuvre|syndrome|disease|palsy|scale|score|criteria|procedure|approach|system|sign|reflex|classification)\b", regex.VERSION1)
PLACE_WORD = rx_compile(r"\b(?:Springs|City|Falls|Valley|Creek|Heights|Park|Lake|Beach|Hills|Junction|Ridge|Canyon|Mesa|Village|Township|County|Harbor|Harbour|Bay|Mountain|Point|Crossing|Landing)\b")
RELATIVE_OF_RE = regex.compile(  # Match.spans: regex only
    r"(?<![\w@#])(?P<name>\p{Lu}[\p{Ll}'’-]{1,20})[’']s\s+(?:(?i:mom|mother|mama|dad|father|papa|husband|wife|son|daughter|kids?|baby|grandma|grandpa|grandmother|grandfather|sister|brother|aunt|uncle|fianc[ée]e?|boyfriend|girlfriend|partner|caregiver|home|cell|phone|email|fax)\b"
    # "Tyler's recovery fund": a fundraiser names the person it is for
    r"|(?i:recovery|medical|treatment|surgery|transplant|chemo|cancer|hospital|rehab)\s+(?i:fund|fundraiser|gofundme|bills|expenses|costs)\b)",
    regex.VERSION1,
)
ORG_WORDS = rx_compile(r"\b(?:dental|dentistry|clinic|health|healthcare|medical|medicine|center|centre|hospital|group|associates|partners|inc|llc|co|corp|company|university|college|school|church|foundation|institute|society|association|pharmacy|labs?|spa|wellness|care|fund|bank|county|city|park|street|avenue|road|team|club|league)\b", F)
FAMILY_CONTEXT = rx_compile(r"\b(?:famil(?:y|ies)|patients?|welcome|home|fax|kids|twins|newest|visit|household)\b", F)
STREET_WORD = rx_compile(r"(?i:st|street|ave|avenue|rd|road|blvd|boulevard|dr|drive|ln|lane|way|ct|court|pl|place|pkwy|parkway|hwy|highway|ter|terrace|cir|circle|trl|trail|loop|sq|square)\.?")
VOCATIVE_AFTER = rx_compile(r"^\s*(?:[.!?…]|$|\p{Extended_Pictographic}|:\)|<3)", regex.VERSION1)
SELF_INTRO_BEFORE = rx_compile(r"\b(?:this\s+is|it[’']?s|i[’']?m|i\s+am|my\s+name\s+is|name[’']?s)\s*$", F)
CASUAL_PREV = frozenset({"is", "to", "for", "with", "and", "by", "from", "congrats", "thanks", "ty", "thx", "hi", "hey"})
HONORIFIC_WORDS = frozenset({"dr", "dra", "doctor", "mr", "mrs", "ms", "miss", "mx", "prof"})
STOP_WORDS = frozenset("a an the and or but of to in on at for with by from is are was were be been it this that his her their our your my".split())


@dataclass(slots=True)
class HealthTerm:
    category: str
    sensitive: bool
    ambiguous: bool = False


def _fold(word: str) -> str:
    """The word without accents: 'ciarán' -> 'ciaran'."""
    return "".join(c for c in unicodedata.normalize("NFKD", word) if not unicodedata.combining(c))


def _surname_like(tok: Token) -> bool:
    """A capitalised word that can follow a given name in a full name ('Ó', 'Briain', 'Park')."""
    return tok.is_alpha and tok.text[:1].isupper() and not tok.is_upper or len(tok.text) == 1 and tok.is_upper and tok.is_alpha and tok.text not in {"I", "A"} and not tok.is_sent_end


def health_terms(lists: Iterable[tuple[str, bool]]) -> dict[str, HealthTerm]:
    """The terms of rules/lexicons/NAME.txt for each (NAME, ambiguous), a later list winning:
    `term<TAB>category[<TAB>sensitive]`."""
    terms: dict[str, HealthTerm] = {}
    for name, ambiguous in lists:
        for line in lexicon(name):
            parts = line.split("\t")
            category = parts[1].strip() if len(parts) > 1 else "condition"
            terms[parts[0].strip().lower()] = HealthTerm(category, len(parts) > 2 and parts[2].strip() == "sensitive", ambiguous)
    return terms


class Lexicons:
    """The word lists under rules/lexicons, loaded once per Linter."""

    def __init__(self) -> None:
        # the hand-written list, then the generated one (names from many languages; names that are
        # also English words carry the tag "ambiguous")
        generated = [line.split("\t") for line in lexicon("given_names")]
        self.first_names = frozenset(lexicon("first_names")) | {row[0].strip() for row in generated}
        self.ambiguous = frozenset(lexicon("ambiguous_first_names")) | {row[0].strip() for row in generated if len(row) > 1}
        self.not_names = frozenset(lexicon("not_names"))
        # the hand-written list wins over the generated vocabulary; ambiguous words need context
        terms = health_terms((("health_vocab", False), ("health_body", True), ("health_ambiguous", True), ("health_terms", False)))
        # regular plurals of multi-word terms ("egg retrievals", "root canals"); a listed form wins
        for term, info in list(terms.items()):
            if " " in term and term[-1].isalpha() and term[-1] not in "sxzyh":
                terms.setdefault(term + "s", info)
        self.health_terms = terms


_BLANK_LINE = re.compile(r"\n[ \t]*\n\s*")


WEEKDAY_EVENT_RE = rx_compile(
    r"\b(?:see\s+you|reassess|recheck|follow\s+up|passed\s+away|died|admitted|discharged|checked\s+in|"
    r"came\s+in|was\s+seen|were\s+seen|your\s+(?:appointment|visit|surgery|procedure|follow-up)\s+(?:is|was)|"
    r"[’']s\s+(?:\w+\s+)?(?:check|checkup|check-up|exam|visit|appointment|cleaning|surgery|procedure|adjustment|session)"
    r"|(?:long\s+|extra\s+)?wait)"
    r"\b[^.!?\n]{0,25}?(?P<day>(?:\d{1,2}(?::\d{2})?\s*(?:am|pm)\s+on\s+)?(?:next\s+|this\s+|last\s+)?"
    r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)(?:,?\s+the\s+\d{1,2}(?:st|nd|rd|th))?)\b",
    F,
)


# a month alone that dates one person's event: "due in May", "his whiplash injury in march"
MONTH_EVENT_RE = rx_compile(
    r"\b(?:due|injury|injured|accident|surgery|diagnosed|diagnosis|born|delivered|passed\s+away|died|fell|broke|tore|started|began|since)\b"
    r"[^.!?\n]{0,20}?\b(?:in|on|since|this|last|early|late|mid-?|around|back\s+in)\s+"
    r"(?P<day>january|february|march|april|may|june|july|august|september|october|november|december)\b(?!\s+\d)",
    F,
)


class Sentences:
    """Sentence bounds of a Doc, for 'same sentence' questions by character offset."""

    def __init__(self, doc: Doc) -> None:
        text = doc.text
        bounds: list[tuple[int, int]] = []
        for s in doc.sents:
            # spaCy runs a title into the paragraph under it; a blank line always ends a sentence
            a = s.start_char
            for m in _BLANK_LINE.finditer(text, s.start_char, s.end_char):
                if text[a : m.start()].strip():
                    bounds.append((a, m.start()))
                a = m.end()
            if text[a : s.end_char].strip() or not bounds:
                bounds.append((a, s.end_char))
        self.bounds = bounds or [(0, len(text))]
        self.starts = [b[0] for b in self.bounds]

    def index(self, offset: int) -> int:
        """The number of the sentence holding `offset`."""
        return max(0, bisect_right(self.starts, offset) - 1)

    def of(self, offset: int) -> tuple[int, int]:
        return self.bounds[self.index(offset)]


class TermMatcher:
    """Finds lexicon terms in a Doc by their tokens' lower-case forms, as spaCy's PhraseMatcher
    with attr="LOWER" does, and returns the same (key, start, end) triples in the same order.

    Written here rather than using PhraseMatcher because of start-up time: PhraseMatcher needs a
    Doc per term, and tokenizing 13,000 terms into Docs took 0.7 s of every `phiguard check`
    (measured: docs/benchmarks.md, cold start). Here a term made of alphabetic words outside the
    tokenizer's special cases is split on spaces, which is what the tokenizer would do (a test
    checks this on every lexicon term); only the others go through the tokenizer.
    """

    KEY = 0  # the match id slot of PhraseMatcher's triples; callers ignore it

    def __init__(self, nlp: Language, terms: Iterable[str]) -> None:
        special = nlp.tokenizer.rules or {}
        slow: list[str] = []
        keys: set[tuple[str, ...]] = set()
        for term in terms:
            words = term.split()
            if all(w.isalpha() and w not in special for w in words):
                keys.add(tuple(w.lower() for w in words))
            else:
                slow.append(term)
                # the tokenizer's special cases split some lower-case words it keeps whole in
                # capitals ("member id" is "member i d", "member ID" is not): such a term gets a
                # pattern for each distinct tokenization
                if any(w in special for w in words):
                    slow.append(term.upper())
        for doc in nlp.tokenizer.pipe(slow):
            keys.add(tuple(t.lower_ for t in doc))
        self.keys = frozenset(keys)
        # matched by the hashes spaCy keeps for each token's lower-case form (Doc.to_array), which
        # is much cheaper than reading each token's string
        from spacy.strings import get_string_id  # spaCy's id of a string: its hash, or the id of a built-in symbol ('root')

        hashed = {tuple(get_string_id(w) for w in k) for k in keys}
        lengths: dict[int, set[int]] = {}
        for k in hashed:
            lengths.setdefault(k[0], set()).add(len(k))
        self._hashed = frozenset(hashed)
        self._lengths = {first: sorted(ns) for first, ns in lengths.items()}

    def __call__(self, doc: Doc) -> list[tuple[int, int, int]]:
        from spacy.attrs import LOWER

        lower = doc.to_array(LOWER).tolist()
        n = len(lower)
        out = []
        keys, lengths = self._hashed, self._lengths
        for i, w in enumerate(lower):
            for size in lengths.get(w, ()):
                if i + size <= n and (size == 1 or tuple(lower[i : i + size]) in keys):
                    out.append((self.KEY, i, i + size))
        return out


class Detector:
    """Runs phiguard's own detectors on a Doc."""

    def __init__(self, nlp: Language, lexicons: Lexicons) -> None:
        self.lex = lexicons
        self.health_matcher = TermMatcher(nlp, lexicons.health_terms)

    # -- names -----------------------------------------------------------------------

    @cached_property
    def _initial_re(self) -> re.Pattern[str]:
        return re.compile(r"^[A-Za-z]\.?$")

    def _clean_person(self, text: str, span: Span) -> tuple[int, int] | None:
        toks = [t for t in span if not t.is_punct or t.text == "."]
        while toks and (toks[0].lower_ in TRIM_LEAD or toks[0].lower_ in self.lex.not_names):
            toks = toks[1:]
        while toks and (
            toks[-1].text in {"'s", "’s", "'", "’"}
            or toks[-1].lower_ in self.lex.not_names
            or toks[-1].is_punct and toks[-1].text != "."
            or any(c.isdigit() for c in toks[-1].text)
        ):
            toks = toks[:-1]
        if not toks:
            return None
        start, end = toks[0].idx, toks[-1].idx + len(toks[-1].text)
        if toks[-1].text == "." and len(toks) > 1 and len(toks[-2].text) != 1:
            end = toks[-1].idx
        if not any(c.isalpha() for c in text[start:end]):
            return None
        return start, end

    def name_signals(self, doc: Doc, text: str) -> list[Signal]:
        """`text` is doc.text, which spaCy rebuilds on every access; callers read it once."""
        out: list[Signal] = []
        taken: list[tuple[int, int]] = []
        other_ents = [(e.start_char, e.end_char) for e in doc.ents if e.label_ in {"ORG", "GPE", "LOC", "FAC", "PRODUCT", "WORK_OF_ART", "EVENT", "NORP", "LAW"}]
        for ent in doc.ents:
            if ent.label_ != "PERSON":
                continue
            bounds = self._clean_person(text, ent)
            if bounds is None:
                continue
            s, e = bounds
            words = [w.lower() for w in regex.findall(r"[\w'’-]+", text[s:e])]
            if not words:
                continue
            if all(w in self.lex.not_names for w in words):
                continue
            before = text[max(0, s - 40) : s]
            cued = bool(HONORIFIC_BEFORE.search(before) or GREETING_BEFORE.search(before) or PATIENT_BEFORE.search(before))
            if text[s:e].islower() and not cued and not any(w in self.lex.first_names and w not in self.lex.ambiguous for w in words):
                # NER guesses on lower-case text are noisy; keep them only with a known given name
                continue
            if text[s:e].isupper() and len(words) == 1:
                continue
            if STREET_WORD.fullmatch(words[-1]) and len(words) > 1:
                continue  # 'Pearl St', part of an address
            if not cued and self._heading_or_opener(doc, text, s, e, words):
                continue  # 'Running Season Prep: 4 Mobility Drills', 'Pollen counts are high'
            spoken_to = regex.search(r",\s*$", before) is not None and VOCATIVE_AFTER.match(text[e : e + 12]) is not None
            if EPONYM_AFTER.match(text, e) or PLACE_WORD.search(text[s:e]) and not spoken_to:
                continue  # 'the Webster technique', 'from Wexford Springs'
            if len(words) == 1 and words[0] not in self.lex.first_names and regex.search(r"\b(?:in|from|near|outside|around)\s+$", before, F):
                continue  # 'the only firefighter in Pella': a place
            out.append(Signal(s, e, "NAME", 0.85, "spacy-ner"))
            taken.append((s, e))
        # spaCy's small model often labels a full name ORG or GPE ("Ramona Diaz", "Marcus Bell").
        for ent in doc.ents:
            if ent.label_ not in {"ORG", "GPE", "NORP", "PRODUCT", "FAC", "WORK_OF_ART"} or len(ent) > 3:
                continue
            words = [t for t in ent if not t.is_punct and t.text not in {"'s", "’s"}]  # "Greg Tolliver's back"
            if not words:
                continue
            patient_cued = PATIENT_CUE_BEFORE.search(text[max(0, ent.start_char - 30) : ent.start_char]) is not None
            if not patient_cued and (words[0].lower_ not in self.lex.first_names or words[0].lower_ in self.lex.ambiguous):
                continue
            if not all(t.is_alpha and t.text[:1].isupper() and not t.is_upper for t in words) or ORG_WORDS.search(ent.text):
                continue
            if any(t.lower_ in self.lex.not_names for t in words):
                continue
            s, e = words[0].idx, words[-1].idx + len(words[-1].text)
            out.append(Signal(s, e, "NAME", 0.75, "given-name"))
            taken.append((s, e))
            other_ents = [(a, b) for a, b in other_ents if (a, b) != (ent.start_char, ent.end_char)]
        # Given names spaCy missed: lower case ("maria g"), initials ("John D."), after a cue.
        tokens = list(doc)
        for i, tok in enumerate(tokens):
            low = tok.lower_
            if low not in self.lex.first_names and not low.isascii():
                low = _fold(low)  # "Ciarán", "Zoë": the lists spell most names without accents
            if low not in self.lex.first_names or not tok.is_alpha:
                continue
            if any(a <= tok.idx < b for a, b in taken):
                continue
            ambiguous = low in self.lex.ambiguous
            in_other = [(a, b) for a, b in other_ents if a <= tok.idx < b]
            # "Jordan, we hear you." at the very start of the text: the one spoken to
            opens_text = not text[: tok.idx].strip() and i + 1 < len(tokens) and tokens[i + 1].text == ","
            if in_other and not tok.is_lower and not opens_text:
                # spaCy's small model calls many lone given names ORG or GPE ('Tasha', 'Marcus')
                a, b = in_other[0]
                if ambiguous or (a, b) != (tok.idx, tok.idx + len(tok.text)):
                    continue
            nxt = tokens[i + 1] if i + 1 < len(tokens) else None
            prv = tokens[i - 1] if i > 0 else None
            if nxt is not None and STREET_WORD.fullmatch(nxt.text):
                continue  # 'Fort Lowell Rd', 'Grant Ave'
            has_initial = bool(
                nxt is not None
                and self._initial_re.match(nxt.text)
                and (nxt.text.endswith(".") or nxt.lower_ not in {"a", "i"})
                and not nxt.is_sent_end
                or nxt is not None and self._initial_re.match(nxt.text) and (i + 2 >= len(tokens) or not tokens[i + 2].is_alpha)
                and nxt.lower_ not in {"a", "i"}
            )
            before = text[max(0, tok.idx - 40) : tok.idx]
            after = text[tok.idx + len(tok.text) : tok.idx + len(tok.text) + 12]
            capital = tok.text[:1].isupper() and not tok.is_upper
            # "…, Carlos!", or a name that opens the text
            vocative = bool(prv is not None and prv.text == "," and VOCATIVE_AFTER.match(after)) or capital and opens_text
            cued = bool(GREETING_BEFORE.search(before) or PATIENT_BEFORE.search(before) or SELF_INTRO_BEFORE.search(before) or vocative)
            possessive = bool(nxt is not None and nxt.text in {"'s", "’s"})
            titled = capital and not tok.is_sent_start
            # A known, unambiguous given name opening a sentence: 'Jake had his ACL surgery...'
            # …or a full name opening one: 'Ciarán Ó Briain ran the Boston Marathon'
            surnames = 0
            while surnames < 2 and i + 1 + surnames < len(tokens) and _surname_like(tokens[i + 1 + surnames]):
                surnames += 1
            after_full = tokens[i + 1 + surnames] if surnames and i + 1 + surnames < len(tokens) else None
            opener = capital and tok.is_sent_start and nxt is not None and (
                nxt.is_lower or possessive or nxt.text == "," or after_full is not None and after_full.is_lower and after_full.is_alpha
            )
            # Casual lower-case writing: "text tonya's mom", 'winner is bethany!!'
            casual = tok.is_lower and (possessive or (prv is not None and prv.lower_ in CASUAL_PREV and (nxt is None or nxt.is_punct or not nxt.is_alpha)))
            if not (
                has_initial
                or (cued and (not ambiguous or capital))
                or (not ambiguous and (titled or opener or casual))
            ):
                continue
            start, end = tok.idx, tok.idx + len(tok.text)
            if has_initial and nxt is not None:
                end = nxt.idx + len(nxt.text)
                if not nxt.text.endswith(".") and nxt.idx + len(nxt.text) < len(text) and text[nxt.idx + len(nxt.text)] == ".":
                    end += 1
            elif (
                nxt is not None and nxt.text[:1].isupper() and nxt.is_alpha and nxt.lower_ not in self.lex.not_names
                and not nxt.is_sent_start and nxt.idx == end + 1 and not STREET_WORD.fullmatch(nxt.text)
            ):
                end = nxt.idx + len(nxt.text)
                if opener and surnames == 2:
                    end = tokens[i + 2].idx + len(tokens[i + 2].text)
            out.append(Signal(start, end, "NAME", 0.7 if not has_initial else 0.8, "given-name"))
            taken.append((start, end))
        out += self._titled_and_family_names(doc, text, taken, other_ents)
        # Any capitalised word owning a relative ("Hana's mom", "Olu's husband"), or right after a
        # patient or family cue, whatever spaCy made of it ("our patient Keiko", "little Bao",
        # "His mom, Irina,").
        for pattern, source, excluded in (
            (RELATIVE_OF_RE, "relative-of", frozenset()),
            (CUED_NAME_RE, "cued-name", STOP_WORDS | CUED_NOT_NAMES),
            (GREETED_NAME_RE, "greeted-name", STOP_WORDS | GREETED_NOT_NAMES),
            (PATIENT_AFTER_NAME_RE, "patient-after", STOP_WORDS | GREETED_NOT_NAMES),
            (NAME_PAIR_RE, "name-pair", STOP_WORDS | GREETED_NOT_NAMES),
        ):
            for m, a, b in ((m, a, b) for m in pattern.finditer(text) for a, b in m.spans("name")):
                words = text[a:b].lower().split()
                if any(w in self.lex.not_names or w in excluded or w in self.lex.health_terms for w in words) or any(x < b and a < y for x, y in taken):
                    continue
                if source == "greeted-name" and INTRODUCED_AS.match(text, b):
                    continue  # "Meet Biscuit, our therapy dog", "Welcome Priya, our new hygienist"
                out.append(Signal(a, b, "NAME", 0.75, source, {"cued": True}))
                taken.append((a, b))
        out += self._repeated_names(text, out, taken)
        return out

    def _repeated_names(self, text: str, found: list[Signal], taken: list[tuple[int, int]]) -> list[Signal]:
        """Later mentions of a given name found once: "Welcome, Baby June!" … "June spent two nights…"."""
        words: set[str] = set()
        for sig in found:
            first = regex.match(r"\p{Lu}\p{Ll}{1,20}", text[sig.start : sig.end])
            patient = PATIENT_CUE_BEFORE.search(text, max(0, sig.start - 30), sig.start) is not None  # "our patient Keiko"
            if first and (first.group().lower() in self.lex.first_names or sig.facts.get("cued") or patient):
                words.add(first.group())
        out: list[Signal] = []
        if not words:
            return out
        for m in CAPITALISED_WORD.finditer(text):
            a, b = m.start(), m.end()
            if m.group() not in words or any(x < b and a < y for x, y in taken):
                continue
            out.append(Signal(a, b, "NAME", 0.7, "repeated-name", {"cued": True}))
            taken.append((a, b))
        return out

    def possessor_signals(self, text: str, health: list[Signal]) -> list[Signal]:
        """A capitalised word that owns health information: "Peregrine's 90-days-sober drip", "Ottoline's rosacea"."""
        out: list[Signal] = []
        for h in health:
            m = POSSESSOR_BEFORE.search(text, max(0, h.start - 40), h.start)
            if m is None:
                continue
            word = m.group("name").lower()
            if word in self.lex.not_names or word in SPACY_STOP_WORDS or word in NOT_POSSESSORS or word in self.lex.health_terms:
                continue
            if HONORIFIC_BEFORE.search(text, max(0, m.start() - 6), m.start()) or regex.search(r"\bdr\.?\s*$", text[max(0, m.start() - 5) : m.start()], F):
                continue  # "Dr. Kim's patients": a provider
            if regex.match(r"[’']s\s+\p{Lu}", text[m.end("name") :]):
                continue  # a title: "Child's Vaccine Schedule"
            if not any(o.start == m.start("name") for o in out):
                out.append(Signal(m.start("name"), m.end("name"), "NAME", 0.7, "possessor", {"cued": True}))
        return out

    def _heading_or_opener(self, doc: Doc, text: str, s: int, e: int, words: list[str]) -> bool:
        """A PERSON guess that is a capitalised heading, or one unknown word opening a sentence."""
        line_start = text.rfind("\n", 0, s) + 1
        line_end = text.find("\n", e)
        line = text[line_start : line_end if line_end != -1 else len(text)]
        line_words = regex.findall(r"[\p{L}][\p{L}'’-]*", line)
        # a line that ends a sentence, or holds one that ends ("WELCOME BACK, Ji-hoon Park!!! 🏀
        # Rotator cuff repair…"), is prose, not a heading
        prose = regex.search(r"[.!?]\s*$", line.strip()) or regex.search(r"(?<!\b(?:dr|mr|mrs|ms|st|vs|jr|sr))[!?.]+\s+\S", line, F)
        if len(line_words) >= 4 and not prose:
            caps = sum(1 for w in line_words if w[:1].isupper())
            if caps / len(line_words) >= 0.6:
                return True
        if len(words) == 1 and words[0] not in self.lex.first_names:
            tok = doc.char_span(s, e, alignment_mode="expand")
            if tok is not None and tok[0].is_sent_start:
                return True
        return False

    def _titled_and_family_names(self, doc: Doc, text: str, taken: list[tuple[int, int]], other_ents: list[tuple[int, int]]) -> list[Signal]:
        '''Surnames after an honorific ('Sgt. Reyes', 'mrs. okafor') and families ('the Johnsons').'''
        out: list[Signal] = []

        def free(a: int, b: int) -> bool:
            return not any(x < b and a < y for x, y in taken)

        for m in HONORIFIC_NAME_RE.finditer(text):
            word = m.group("name")
            if word.lower() in self.lex.not_names or word.lower() in STOP_WORDS or not free(m.start(), m.end()):
                continue
            if word.islower() and len(word) < 3:
                continue
            out.append(Signal(m.start(), m.end(), "NAME", 0.8, "honorific"))
            taken.append((m.start(), m.end()))
        sents: Sentences | None = None
        for m in FAMILY_RE.finditer(text):
            name = m.group("name")
            a, b = m.start("name"), m.end("name")
            if name.lower() in self.lex.not_names or name.lower().rstrip("s") in self.lex.not_names or not free(a, b):
                continue
            if any(x <= a < y and (x, y) != (a, b) for x, y in other_ents) and not m.group("noun"):
                continue
            if not m.group("noun"):
                sents = sents or Sentences(doc)
                lo, hi = sents.of(a)
                if not FAMILY_CONTEXT.search(text, lo, hi):
                    continue
            out.append(Signal(a, b, "NAME", 0.75, "family-name", {"cued": True}))
            taken.append((a, b))
        return out

    def classify_person(self, text: str, sig: Signal, staff_names: tuple[frozenset[str], ...]) -> str:
        """'staff', 'patient' or 'unknown' for a NAME signal, from titles, roles and the roster."""
        span = text[sig.start : sig.end]
        before = text[max(0, sig.start - 60) : sig.start]
        after = text[sig.end : sig.end + 80]
        tokens = {w.lower() for w in regex.findall(r"[\w'’-]+", span)}
        tokens -= HONORIFIC_WORDS
        if RELATIVE_BEFORE.search(before):
            return "patient"  # "mom Ana", "her husband Luis": family, even when a staff member shares the name
        if tokens and any(tokens <= staff for staff in staff_names):
            return "staff"
        if regex.search(r"\bdr\.?\s", span, F):
            return "staff"
        if STAFF_BEFORE.search(before) and not NOTE_FOR_ROLE.search(before) or STAFF_AFTER.match(after):
            return "staff"  # before the patient cues: "our coordinator, Mr. Sato" is staff
        if PATIENT_BEFORE.search(before):
            return "patient"
        return "unknown"

    # -- other identifiers ----------------------------------------------------------------

    def age_signals(self, text: str) -> list[Signal]:
        out = [Signal(m.start("age"), m.end("age"), "AGE", 0.7, "age-context", {"needs_person": True}) for m in AGE_CONTEXT_RE.finditer(text)]
        for m in AGE_RE.finditer(text):
            if AGE_GENERIC_AFTER.match(text, m.end()) or AGE_GENERIC_BEFORE.search(text[max(0, m.start() - 20) : m.start()]):
                continue
            # "turns 100" is said of buildings and practices too: only with a person in the sentence
            facts: dict[str, object] = {"needs_person": True} if m.group().lower().startswith("turn") else {}
            out.append(Signal(m.start("age"), m.end("age"), "AGE", 0.9, "age", facts))
        return out

    def date_signals(self, doc: Doc, text: str) -> list[Signal]:
        spans = {(m.start(), m.end()) for m in DATE_RE.finditer(text)}
        # a weekday that dates one person's visit or event: "we'll see you next Tuesday",
        # "passed away Sunday", "checked in at 7:42pm on Saturday" (opening hours are not tied)
        # …and a month alone that does ("due in May")
        event_days = {m.span("day") for m in WEEKDAY_EVENT_RE.finditer(text)} | {m.span("day") for m in MONTH_EVENT_RE.finditer(text)}
        spans |= event_days
        for ent in doc.ents:
            if ent.label_ == "DATE" and HAS_DATE_ELEMENT.search(ent.text):
                spans.add((ent.start_char, ent.end_char))
        out = []
        for s, e in sorted(spans):
            chunk = text[s:e]
            if not HAS_DATE_ELEMENT.search(chunk) and not DATE_RE.fullmatch(chunk) and (s, e) not in event_days:
                continue
            if regex.fullmatch(r"may\s+\d{4}", chunk, F) is None and regex.match(r"^may\b", chunk, F) and not regex.search(r"\d", chunk) and (s, e) not in event_days:
                continue
            # a weekday or month that dates an event ("we'll reassess on Friday") is the person's
            out.append(Signal(s, e, "DATE", 0.8, "date", {"event": True} if (s, e) in event_days else {}))
        return out

    def location_signals(self, doc: Doc, text: str) -> list[Signal]:
        out = [Signal(m.start(), m.end(), "LOCATION", 0.85, "address", {"address": True}) for m in ADDRESS_RE.finditer(text)]
        out += [Signal(m.start(), m.end(), "LOCATION", 0.8, "zip", {"zip": True}) for m in ZIP_RE.finditer(text)]
        out += [Signal(m.start(), m.end(), "LOCATION", 0.8, "street", {"address": True}) for m in STREET_RE.finditer(text)]
        for ent in doc.ents:
            if ent.label_ in {"GPE", "LOC", "FAC"}:
                out.append(Signal(ent.start_char, ent.end_char, "LOCATION", 0.6, "spacy-ner", {"place": True}))
        for m in PLACE_AFTER_TIE_RE.finditer(text):
            words = m.group().split()
            if ORG_WORDS.search(m.group()) or words[0].lower() in self.lex.not_names or words[0].lower() in self.lex.first_names and words[0].lower() not in self.lex.ambiguous:
                continue
            if regex.match(rf"{MONTH}$", words[0], F) or HONORIFIC_BEFORE.search(words[0] + " ") or words[0].lower() in {"dr", "dr.", "doctor", "zip", "postal"}:
                continue
            out.append(Signal(m.start(), m.end(), "LOCATION", 0.55, "place-after-tie", {"place": True}))
        return out

    def handle_signals(self, text: str) -> list[Signal]:
        out = [Signal(m.start(), m.end(), "SOCIAL_HANDLE", 0.85, "handle") for m in HANDLE_RE.finditer(text)]
        # "IG: janedoe", but not "sur Instagram : elle a terminé…" (a word of the sentence)
        return out + [
            Signal(m.start(), m.end(), "SOCIAL_HANDLE", 0.8, "handle")
            for m in NETWORK_HANDLE_RE.finditer(text)
            if m.group().lower() not in SPACY_STOP_WORDS and m.group().lower() not in self.lex.not_names
        ]

    def photo_signals(self, text: str) -> list[Signal]:
        out = [Signal(m.start(), m.end(), "PHOTO", 0.7, "photo") for m in PHOTO_RE.finditer(text)]
        out += [
            Signal(m.start(), m.end(), "PHOTO", 0.6, "media-ref")
            for m in MEDIA_REF_RE.finditer(text)
            if not any(o.start < m.end() and m.start() < o.end for o in out)
        ]
        return out

    def biometric_signals(self, text: str) -> list[Signal]:
        return [Signal(m.start(), m.end(), "BIOMETRIC", 0.7, "biometric") for m in BIOMETRIC_RE.finditer(text)]

    def health_signals(self, doc: Doc) -> list[Signal]:
        out = []
        for _, s, e in self.health_matcher(doc):
            span = doc[s:e]
            term = self.lex.health_terms.get(span.text.lower())
            facts: dict[str, object] = {
                "category": term.category if term else "condition",
                "sensitive": bool(term and term.sensitive),
                "ambiguous": bool(term and term.ambiguous),
            }
            out.append(Signal(span.start_char, span.end_char, "HEALTH_INFO", 0.6, "health-lexicon", facts))
        return out
