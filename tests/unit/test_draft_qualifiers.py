"""Attribution, hedging and negation of a sentence, in French and English, with the seed texts' own."""

from __future__ import annotations

import pytest

from recoupe.draft.qualifiers import hedged, negated, speaker

SELON = (
    "Selon le président de la Commission nationale de coordination de lutte contre la traite des personnes et "
    "le trafic illicite de migrants au Niger, Moumouni Hamidou, la déclaration d’intention «permettra de "
    "bénéficier de bonnes pratiques»."
)
EXPRIME = (
    "Le ministre a exprimé la volonté du Maroc, pays qui fait face à l'immigration clandestine provenant même "
    "d'Asie, «d'intensifier» ce type de coopération avec le Niger."
)
AVAIT_IL = (
    "«Le Maroc comprend bien les problèmes de l’Afrique, dont le terrorisme qui continue de sévir dans "
    "plusieurs pays de la région», avait-il déclaré."
)
FAIT_SAVOIR = (
    "En mai dernier, à la veille de la tenue à Marrakech, de la première réunion ministérielle de la coalition "
    "mondiale contre Daech en Afrique, le ministre nigérien des Affaires étrangères, Hassoumi Massaoudou, avait "
    "fait savoir que son pays veut s’inspirer de l’expérience marocaine."
)
PRESUMES = (
    "A l'occasion de la visite à Rabat de la délégation nigérienne, le Maroc et le Niger ont décidé d'organiser "
    "des simulations de procès virtuels au cours desquels seront jugés de présumés trafiquants."
)

CASES = [
    # sentence, speaker as worded, hedged spans (as text), negated
    (
        SELON,
        "le président de la Commission nationale de coordination de lutte contre la traite des personnes et le trafic illicite de migrants au Niger",
        [],
        False,
    ),
    (EXPRIME, "Le ministre", [], False),
    (AVAIT_IL, "il", [], False),
    (FAIT_SAVOIR, "Hassoumi Massaoudou", [], False),
    (PRESUMES, None, ["présumés trafiquants."], False),
    (
        "Selon la police, 37 personnes seraient mortes lors de la tentative de passage.",
        "la police",
        ["*"],
        False,
    ),
    ("Le bateau aurait chaviré au large de Melilla dans la nuit de vendredi.", None, ["*"], False),
    ("D'après le ministère, aucun blessé n'a été signalé.", "le ministère", [], True),
    ("Le gouvernement n'a pas confirmé le bilan de 23 morts.", "Le gouvernement", [], True),
    ("Le porte-parole a démenti tout accord avec Rabat.", "Le porte-parole", [], True),
    (
        "Le ministre déclarait alors que la frontière restait ouverte.",
        None,
        [],
        False,
    ),  # an imperfect, not a conditional
    ("Le navire transporterait 50 personnes.", None, ["*"], False),  # any -er verb's conditional
    ("Il considérait alors le bilan de 37 morts comme provisoire.", None, [], False),  # an imperfect
    ("At least 23 migrants died, according to Moroccan authorities.", "Moroccan authorities", [], False),
    ("The death toll would have been higher, the spokesman said.", "the spokesman", ["*"], False),
    ('"We did not see any bodies," said John Smith.', "John Smith", [], True),
    ("He said the two suspects were allegedly smugglers.", "He", ["*"], False),
    ("The minister denied that any agreement was signed on Monday.", "The minister", [], True),
    ("Police arrested 12 people in Madrid on Tuesday.", None, [], False),
]


@pytest.mark.parametrize(("sentence", "who", "hedges", "negation"), CASES)
def test_qualifiers_of_a_sentence(sentence: str, who: str | None, hedges: list[str], negation: bool) -> None:
    found = speaker(sentence)
    assert (sentence[found[0] : found[1]] if found else None) == who
    spans = hedged(sentence)
    assert [("*" if (a, b) == (0, len(sentence)) else sentence[a:b]) for a, b in spans] == hedges
    assert negated(sentence) is negation
