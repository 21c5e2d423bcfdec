"""Term concepts and their French and English labels, with the broader and the rival wordings of each."""

from __future__ import annotations

# Term concepts: concept -> French labels (label, gender) and English labels. `BROADER` gives the
# less specific wordings and `RIVALS` the contradicting ones, so sources can disagree the ways real
# ones do (« coopération » for « déclaration d'entente »; « trafic illicite de migrants » for « traite »).
Labels = tuple[tuple[tuple[str, str], ...], tuple[str, ...]]
Related = dict[str, tuple[str, ...]]
OFFENCES: dict[str, Labels] = {
    "trafficking": (
        (("traite des êtres humains", "f"), ("traite des personnes", "f"), ("traite d'êtres humains", "f")),
        ("human trafficking", "trafficking in persons", "trafficking in human beings"),
    ),
    "smuggling": (
        (("trafic illicite de migrants", "m"), ("trafic de migrants", "m")),
        ("migrant smuggling", "smuggling of migrants"),
    ),
    "trafficking-or-smuggling": (
        (("trafic des êtres humains", "m"), ("trafic de personnes", "m"), ("trafic humain", "m")),
        ("people trafficking", "human smuggling"),
    ),
    "forced-labour": ((("travail forcé", "m"),), ("forced labour",)),
    "sexual-exploitation": ((("exploitation sexuelle", "f"),), ("sexual exploitation",)),
    "drug-trafficking": ((("trafic de drogue", "m"), ("trafic de stupéfiants", "m")), ("drug trafficking",)),
    "money-laundering": (
        (("blanchiment d'argent", "m"), ("blanchiment de capitaux", "m")),
        ("money laundering",),
    ),
    "terrorism": ((("terrorisme", "m"),), ("terrorism",)),
    "irregular-migration": (
        (("immigration clandestine", "f"), ("migration irrégulière", "f")),
        ("irregular migration",),
    ),
    "organised-crime": (
        (("criminalité transnationale organisée", "f"), ("crime organisé", "m")),
        ("organised crime",),
    ),
}
OFFENCE_TRUTHS = (
    "trafficking",
    "trafficking",
    "trafficking",
    "smuggling",
    "forced-labour",
    "sexual-exploitation",
)
OFFENCE_BROADER: Related = {
    "trafficking": ("trafficking-or-smuggling", "organised-crime"),
    "smuggling": ("trafficking-or-smuggling", "irregular-migration"),
    "forced-labour": ("trafficking", "organised-crime"),
    "sexual-exploitation": ("trafficking",),
    "drug-trafficking": ("organised-crime",),
    "money-laundering": ("organised-crime",),
    "terrorism": ("organised-crime",),
}
OFFENCE_RIVALS: Related = {
    "trafficking": ("smuggling", "irregular-migration", "drug-trafficking"),
    "smuggling": ("trafficking", "drug-trafficking"),
    "forced-labour": ("money-laundering", "smuggling"),
    "sexual-exploitation": ("smuggling", "drug-trafficking"),
    "drug-trafficking": ("trafficking", "terrorism"),
    "money-laundering": ("terrorism", "smuggling"),
    "terrorism": ("money-laundering", "trafficking"),
}
INSTRUMENTS: dict[str, Labels] = {
    "declaration-of-understanding": ((("déclaration d'entente", "f"),), ("declaration of understanding",)),
    "memorandum": (
        (("mémorandum d'entente", "m"), ("protocole d'accord", "m")),
        ("memorandum of understanding", "MoU"),
    ),
    "convention": ((("convention", "f"), ("convention de coopération", "f")), ("convention",)),
    "agreement": ((("accord", "m"), ("accord-cadre", "m")), ("agreement", "framework agreement")),
    "declaration-of-intent": ((("déclaration d'intention", "f"),), ("declaration of intent",)),
    "roadmap": ((("feuille de route", "f"),), ("roadmap",)),
    "action-plan": ((("plan d'action conjoint", "m"),), ("joint action plan",)),
    "cooperation": (
        (("coopération", "f"), ("partenariat", "m"), ("accord de coopération", "m")),
        ("cooperation", "partnership"),
    ),
}
INSTRUMENT_TRUTHS = (
    "declaration-of-understanding",
    "memorandum",
    "convention",
    "agreement",
    "declaration-of-intent",
    "roadmap",
    "action-plan",
)
INSTRUMENT_BROADER: Related = {k: ("cooperation",) for k in INSTRUMENT_TRUTHS}
INSTRUMENT_RIVALS: Related = {
    "declaration-of-understanding": ("convention", "agreement"),
    "memorandum": ("convention", "roadmap"),
    "convention": ("declaration-of-intent", "memorandum"),
    "agreement": ("declaration-of-intent", "roadmap"),
    "declaration-of-intent": ("convention", "agreement"),
    "roadmap": ("convention", "memorandum"),
    "action-plan": ("convention", "declaration-of-understanding"),
}
CONTENTS: dict[str, Labels] = {
    "training": ((("formation", "f"), ("formations", "f")), ("training",)),
    "judicial-training": ((("formation des magistrats", "f"),), ("training of judges",)),
    "capacity-building": (
        (("renforcement des capacités", "m"), ("renforcement des capacités des acteurs", "m")),
        ("capacity building",),
    ),
    "experience-exchange": (
        (("échange d'expériences", "m"), ("partage d'expériences", "m")),
        ("exchange of experience",),
    ),
    "good-practices": ((("échange de bonnes pratiques", "m"),), ("sharing of good practices",)),
    "information-sharing": (
        (("partage d'informations", "m"), ("échange de renseignements", "m")),
        ("information sharing",),
    ),
    "technical-assistance": ((("assistance technique", "f"),), ("technical assistance",)),
    "awareness": ((("sensibilisation", "f"), ("campagnes de sensibilisation", "f")), ("awareness raising",)),
    "victim-protection": (
        (("protection des victimes", "f"), ("prise en charge des victimes", "f")),
        ("victim protection",),
    ),
    "monitoring": ((("suivi", "m"), ("mécanisme de suivi", "m")), ("monitoring",)),
}
CONTENT_TRUTHS = tuple(CONTENTS)
CONTENT_BROADER: Related = {
    "judicial-training": ("training",),
    "good-practices": ("experience-exchange",),
    "training": ("capacity-building",),
}
CONTENT_RIVALS: Related = {}  # contents add up; a different one is a different claim
EVENT_KINDS: dict[str, Labels] = {
    "signing-ceremony": ((("cérémonie de signature", "f"),), ("signing ceremony",)),
    "meeting": ((("réunion", "f"), ("rencontre", "f")), ("meeting",)),
    "official-visit": ((("visite officielle", "f"), ("visite de travail", "f")), ("official visit",)),
    "joint-commission": ((("session de la commission mixte", "f"),), ("joint commission session",)),
    "workshop": ((("atelier", "m"), ("séminaire", "m")), ("workshop",)),
}
EVENT_KIND_TRUTHS = ("signing-ceremony", "meeting", "official-visit", "joint-commission", "workshop")
EVENT_KIND_BROADER: Related = {
    "signing-ceremony": ("meeting",),
    "joint-commission": ("meeting",),
    "workshop": ("meeting",),
}
EVENT_KIND_RIVALS: Related = {
    "signing-ceremony": ("workshop",),
    "meeting": ("official-visit",),
    "official-visit": ("workshop",),
}
TERM_TABLES: dict[str, tuple[dict[str, Labels], Related, Related]] = {
    "offence": (OFFENCES, OFFENCE_BROADER, OFFENCE_RIVALS),
    "instrument": (INSTRUMENTS, INSTRUMENT_BROADER, INSTRUMENT_RIVALS),
    "content": (CONTENTS, CONTENT_BROADER, CONTENT_RIVALS),
    "event-kind": (EVENT_KINDS, EVENT_KIND_BROADER, EVENT_KIND_RIVALS),
}
