"""The words of sentences: months, weekdays, numbers, units, sentence leads, attributions and fillers."""

from __future__ import annotations

MONTHS_FR = (
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
)
MONTHS_EN = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
WEEKDAYS_FR = ("lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche")
WEEKDAYS_EN = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
ORDINALS_FR = ("premier", "deuxième", "troisième", "quatrième")
ORDINALS_EN = ("first", "second", "third", "fourth")
# « une vingtaine » and the like: round numbers said with an approximating noun.
ROUND_NOUNS_FR = {
    10: "une dizaine",
    20: "une vingtaine",
    30: "une trentaine",
    40: "une quarantaine",
    50: "une cinquantaine",
    100: "une centaine",
    1000: "un millier",
}
SMALL_WORDS_FR = (
    "zéro",
    "un",
    "deux",
    "trois",
    "quatre",
    "cinq",
    "six",
    "sept",
    "huit",
    "neuf",
    "dix",
    "onze",
    "douze",
    "treize",
    "quatorze",
    "quinze",
    "seize",
)
QUANTITY_UNITS = {
    "attempts": ("tentatives de migration clandestine", "attempted irregular crossings", (4000, 30000)),
    "arrested": ("suspects", "suspects", (8, 400)),
    "victims": ("victimes", "victims", (5, 250)),
    "dead": ("morts", "dead", (3, 80)),
    "agreements": ("accords", "agreements", (2, 24)),
    "participants": ("participants", "participants", (20, 600)),
    "migrants": ("migrants", "migrants", (1000, 2_500_000)),
}

# Sentence leads: every claim sentence opens with a lead that no other sentence of its text has,
# and the quote starts with it. Connectives are capitalised and appear nowhere else in a text, so a
# quote can only match at its own sentence: that is what makes "found exactly once" hold by design.
CONNECTIVES_FR = (
    "Par ailleurs",
    "En outre",
    "De son côté",
    "Dans ce cadre",
    "À cette occasion",
    "Dans le même temps",
    "Pour rappel",
    "Au cours de la rencontre",
    "Lors de la cérémonie",
    "Dans son allocution",
    "En marge des travaux",
    "Ce jour-là",
    "Dans la foulée",
    "À ce propos",
    "Sur ce point",
    "Selon toute vraisemblance",
)
ATTRIBUTIONS_FR = (
    "",
    "selon le communiqué conjoint",
    "selon l'agence MAP",
    "d'après une source diplomatique",
    "selon le ministère",
    "d'après les organisateurs",
    "indique-t-on de source officielle",
    "selon un responsable",
    "précise le texte",
    "selon des informations non confirmées",
    "d'après la presse locale",
    "selon le compte rendu officiel",
    "apprend-on",
    "selon un communiqué du gouvernement",
    "d'après des sources concordantes",
)
CONNECTIVES_EN = (
    "Meanwhile",
    "In addition",
    "Separately",
    "At the ceremony",
    "During the meeting",
    "On that occasion",
    "In his speech",
    "Moreover",
    "Furthermore",
    "For its part",
    "In this context",
    "As a reminder",
    "On the sidelines",
    "In parallel",
    "Notably",
    "Likewise",
)
ATTRIBUTIONS_EN = (
    "",
    "according to the joint statement",
    "according to MAP",
    "a diplomatic source said",
    "the ministry said",
    "organisers said",
    "officials said",
    "according to unconfirmed reports",
    "local media reported",
    "according to the official record",
    "the government said",
    "sources said",
    "according to the minutes",
    "an official said",
    "the statement added",
)
HEDGING = {
    "selon des informations non confirmées",
    "according to unconfirmed reports",
    "Selon toute vraisemblance",
}
FILLERS_FR = (
    "Les deux délégations ont salué la qualité des échanges.",
    "Cette initiative s'inscrit dans une dynamique régionale plus large.",
    "Les discussions se sont déroulées dans un climat cordial.",
    "Un calendrier de travail doit être arrêté dans les prochaines semaines.",
    "Les détails de la mise en œuvre n'ont pas été rendus publics.",
    "Il s'agit d'une étape importante pour les deux pays.",
    "Les organisations de la société civile suivent ce dossier de près.",
)
FILLERS_EN = (
    "Both delegations praised the quality of the talks.",
    "The initiative is part of a broader regional effort.",
    "Details of the implementation were not made public.",
    "A work schedule is to be set in the coming weeks.",
)
