"""The drafter's word lists: counted nouns to quantity slots, titles, reporting verbs, hedges, negations.

Keys are folded as `fold_text` folds them (no accents, lower case). Only what the normalizers do
not already know lives here: dates, numbers, terms and names come from their own modules.
"""

from __future__ import annotations

from typing import Final

# The noun a number counts -> the part after "quantity:". Plural and singular both listed: the
# lexicon is looked up before any stemming, and an unknown noun gets its own slug instead.
COUNTED: Final[dict[str, str]] = {
    # the dead, the injured, the missing
    "mort": "dead", "morts": "dead", "deces": "dead", "tue": "dead", "tues": "dead",
    "dead": "dead", "deaths": "dead", "death": "dead", "killed": "dead", "fatalities": "dead",
    "blesse": "injured", "blesses": "injured", "injured": "injured", "wounded": "injured",
    "disparu": "missing", "disparus": "missing", "missing": "missing",
    "victime": "victims", "victimes": "victims", "victims": "victims",
    # people and groups
    "personne": "people", "personnes": "people", "people": "people", "persons": "people",
    "migrant": "migrants", "migrants": "migrants",
    "refugie": "refugees", "refugies": "refugees", "refugees": "refugees",
    "deplace": "displaced", "deplaces": "displaced", "displaced": "displaced",
    "manifestant": "protesters", "manifestants": "protesters", "protesters": "protesters",
    "demonstrators": "protesters",
    "participant": "participants", "participants": "participants",
    "enfant": "children", "enfants": "children", "children": "children",
    "femme": "women", "femmes": "women", "women": "women",
    "soldat": "soldiers", "soldats": "soldiers", "soldiers": "soldiers", "troops": "soldiers",
    "policier": "police-officers", "policiers": "police-officers", "police": "police-officers",
    "habitant": "inhabitants", "habitants": "inhabitants", "residents": "inhabitants",
    "pays": "countries", "countries": "countries", "etats": "countries", "states": "countries",
    # acts and things
    "arrestation": "arrests", "arrestations": "arrests", "interpellations": "arrests", "arrests": "arrests",
    "arretes": "arrests", "arrested": "arrests",
    "accord": "agreements", "accords": "agreements", "agreements": "agreements", "agreement": "agreements",
    "tentative": "attempts", "tentatives": "attempts", "attempts": "attempts",
    "expulsion": "expulsions", "expulsions": "expulsions", "deportations": "expulsions",
    "condamnation": "convictions", "condamnations": "convictions", "convictions": "convictions",
    "proces": "trials", "trials": "trials",
}  # fmt: skip

# What befell those counted, said after them: « 37 migrants sont morts », « 23 people were killed »
# count the dead, whatever noun names them.
FATES: Final[dict[str, str]] = {
    "morts": "dead", "mortes": "dead", "mort": "dead", "tues": "dead", "tuees": "dead", "decedes": "dead",
    "decedees": "dead", "peri": "dead", "peris": "dead", "noyes": "dead", "died": "dead", "dead": "dead",
    "killed": "dead", "drowned": "dead", "perished": "dead",
    "blesses": "injured", "blessees": "injured", "injured": "injured", "wounded": "injured",
    "disparus": "missing", "disparues": "missing", "missing": "missing",
    "arretes": "arrests", "arretees": "arrests", "interpelles": "arrests", "arrested": "arrests",
    "detained": "arrests", "secourus": "rescued", "secourues": "rescued", "rescued": "rescued",
}  # fmt: skip
# Slots of nouns that name who was counted, not what happened to them: a fate after them wins.
GENERIC: Final = frozenset(
    {"people", "migrants", "refugees", "displaced", "protesters", "participants", "children", "women",
     "soldiers", "police-officers", "inhabitants"}
)  # fmt: skip
FATE_REACH = 4  # words between the noun and its fate: « sont morts », « were reportedly killed »

# Nouns that open a title before a name: « le ministre de la Justice, Abdellatif Ouahbi ».
TITLES: Final = frozenset(
    {
        "ministre", "president", "presidente", "chef", "directeur", "directrice", "secretaire",
        "ambassadeur", "ambassadrice", "porte-parole", "procureur", "procureure", "gouverneur", "maire",
        "premier", "commissaire", "coordinateur", "coordinatrice", "representant", "representante",
        "minister", "head", "director", "secretary", "ambassador", "spokesman",
        "spokeswoman", "spokesperson", "prosecutor", "governor", "mayor", "chairman", "chairwoman", "chief",
    }
)  # fmt: skip
# Titles whose holder presides: his or her name is drafted as the body's `chair` too.
CHAIRS: Final = frozenset({"president", "presidente", "chairman", "chairwoman"})

# Verbs of reported speech, as they stand after « a », « avait », « has »… or alone in English.
SPEECH_VERBS: Final = frozenset(
    {
        "declare", "affirme", "indique", "souligne", "explique", "precise", "estime", "annonce", "assure",
        "exprime", "ajoute", "confie", "fait savoir", "rappele", "rappelle", "signale", "soutenu", "insiste",
        "dit", "deplore", "denonce", "reconnu", "admis", "confirme", "temoigne", "raconte", "note", "martele",
        "dementi", "nie", "denied", "denies",
        "said", "says", "told", "stated", "declared", "announced", "added", "explained", "claimed",
        "confirmed", "reported", "noted", "warned", "insisted",
    }
)  # fmt: skip

# The same verbs as lemmas, for the NLP extra's parse.
SPEECH_LEMMAS: Final = frozenset(
    {
        "declarer", "affirmer", "indiquer", "souligner", "expliquer", "preciser", "estimer", "annoncer",
        "assurer", "exprimer", "ajouter", "dire", "confier", "rappeler", "signaler", "deplorer", "denoncer",
        "confirmer", "say", "tell", "state", "declare", "announce", "add", "explain", "claim", "confirm",
        "report", "warn", "insist",
    }
)  # fmt: skip

# Conditional forms of the verbs the press hedges with; other verbs in -rait are often imperfects
# (« déclarait ») and are left to the NLP extra's morphology.
CONDITIONALS: Final = frozenset(
    {
        "serait", "seraient", "aurait", "auraient", "pourrait", "pourraient", "devrait", "devraient",
        "ferait", "feraient", "irait", "iraient", "voudrait", "voudraient", "faudrait", "semblerait",
        "sembleraient", "s'agirait", "agirait", "compterait", "compteraient", "viendrait", "viendraient",
    }
)  # fmt: skip
# Words that hedge the whole sentence…
HEDGES: Final = frozenset(
    {
        "apparemment", "vraisemblablement", "probablement", "allegedly", "reportedly", "purportedly",
        "apparently", "probably", "presumably",
    }
)  # fmt: skip
# …and adjectives that hedge only the words right after them (« de présumés trafiquants »).
HEDGING_ADJECTIVES: Final = frozenset(
    {
        "presume", "presumee", "presumes", "presumees", "suppose", "supposee", "supposes", "supposees",
        "pretendu", "pretendue", "pretendus", "pretendues", "allegue", "alleguee", "allegues",
        "alleged", "suspected", "purported",
    }
)  # fmt: skip
# English modal + have: « would have », « may have been ».
EN_HEDGE_MODALS: Final = frozenset({"would", "could", "might", "may"})

NEGATIONS: Final = frozenset(
    {
        "aucun", "aucune", "nul", "nulle", "jamais", "dementi", "dementie", "dement", "dementent", "nie",
        "nient", "not", "never", "no", "none", "denied", "denies", "deny", "n't",
    }
)  # fmt: skip
# « ne … pas », « n'a pas », « n'ont jamais »: a « ne » then one of these within a few words.
FR_NEGATION_ENDS: Final = frozenset({"pas", "jamais", "plus", "rien", "aucun", "aucune", "guere", "point"})

# Words that make a number a reference rather than a count: « les deux pays » names two known
# parties, « the two countries » too.
REFERRING: Final = frozenset({"les", "des", "ces", "the", "these", "those", "both"})
# Articles that open a number only as an article: « un accord » is no count of one.
ARTICLE_NUMBERS: Final = frozenset({"un", "une", "a", "an"})

# Prepositions before a place that tell its slot.
PLACE_BEFORE: Final[dict[str, str]] = {
    "a": "place", "au": "place", "aux": "place", "en": "place", "in": "place", "at": "place",
    "vers": "destination", "pour": "destination", "to": "destination", "towards": "destination",
}  # fmt: skip
ORIGIN_CUES: Final = frozenset({"provenant", "venant", "originaire", "originaires", "from"})
LEADER_CUES: Final = ("conduite par", "conduit par", "dirigee par", "dirige par", "led by", "headed by")

# Words just before a term that tell which of its vocabulary's slots it fills: « lutte contre la
# traite » names the offence, « à l'occasion de la visite » the occasion. A slot listed here is only
# taken with one of its cues; without, the vocabulary's next slot is (offence -> topic).
SLOT_CUES: Final[dict[str, frozenset[str]]] = {
    "offence": frozenset(
        {"contre", "against", "lutte", "lutter", "combattre", "combat", "fight", "accuse", "accuses", "inculpe",
         "inculpes", "charged", "poursuivi", "poursuivis", "condamne", "condamnes", "convicted", "coupable",
         "guilty", "victime", "victimes", "victims", "reseau", "reseaux", "network", "networks"}
    ),
    "occasion": frozenset({"occasion", "lors", "marge"}),
}  # fmt: skip
# Words after which an action is a complement (« la volonté d'intensifier »), not what was done.
COMPLEMENT_LEADS: Final = frozenset({"de", "d'", "d’", "a", "to"})
# Auxiliaries before a participle that make it the action done (« ont signé », « a été paraphé »).
AUXILIARIES: Final = frozenset(
    {"a", "ont", "avait", "avaient", "aura", "auront", "est", "sont", "ete", "etait", "etaient", "sera",
     "has", "have", "had", "was", "were", "been", "is", "are", "be"}
)  # fmt: skip
# Counts without a number: « plusieurs domaines » is no quantity worth a claim.
VAGUE_COUNTS: Final = frozenset(
    {"plusieurs", "quelques", "several", "a few", "few", "many", "nombreux", "nombreuses"}
)

# Words an English text has and a French one does not, and the other way round (language guess).
EN_WORDS: Final = frozenset({"the", "and", "of", "to", "in", "is", "was", "that", "said", "with", "on"})
FR_WORDS: Final = frozenset({"le", "la", "les", "et", "des", "du", "un", "une", "est", "que", "dans", "pour"})
