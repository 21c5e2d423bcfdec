"""Word lists of the world the corpus describes: countries, people, titles, bodies, outlets.

They are small on purpose: a vocabulary index must see the same labels again and again (as in real
corpora), while the combinations keep values, texts and keys varied."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Country:
    name: str  # as a value: « Maroc »
    the: str  # with its article, in running text: « le Maroc »
    capital: str
    other_city: str  # a second city, for places that contradict the capital
    adj: str  # feminine plural adjective: « marocaines »
    en: str
    slug: str


COUNTRIES: tuple[Country, ...] = (
    Country("Maroc", "le Maroc", "Rabat", "Casablanca", "marocaines", "Morocco", "maroc"),
    Country("Niger", "le Niger", "Niamey", "Agadez", "nigériennes", "Niger", "niger"),
    Country("Mali", "le Mali", "Bamako", "Gao", "maliennes", "Mali", "mali"),
    Country("Sénégal", "le Sénégal", "Dakar", "Saint-Louis", "sénégalaises", "Senegal", "senegal"),
    Country(
        "Mauritanie",
        "la Mauritanie",
        "Nouakchott",
        "Nouadhibou",
        "mauritaniennes",
        "Mauritania",
        "mauritanie",
    ),
    Country("Tunisie", "la Tunisie", "Tunis", "Sfax", "tunisiennes", "Tunisia", "tunisie"),
    Country(
        "Côte d'Ivoire",
        "la Côte d'Ivoire",
        "Abidjan",
        "Bouaké",
        "ivoiriennes",
        "Côte d'Ivoire",
        "cote-divoire",
    ),
    Country(
        "Burkina Faso",
        "le Burkina Faso",
        "Ouagadougou",
        "Bobo-Dioulasso",
        "burkinabè",
        "Burkina Faso",
        "burkina",
    ),
    Country("Espagne", "l'Espagne", "Madrid", "Algésiras", "espagnoles", "Spain", "espagne"),
    Country("France", "la France", "Paris", "Marseille", "françaises", "France", "france"),
    Country("Tchad", "le Tchad", "N'Djamena", "Abéché", "tchadiennes", "Chad", "tchad"),
    Country("Guinée", "la Guinée", "Conakry", "Kankan", "guinéennes", "Guinea", "guinee"),
    Country("Bénin", "le Bénin", "Cotonou", "Parakou", "béninoises", "Benin", "benin"),
    Country("Nigeria", "le Nigeria", "Abuja", "Lagos", "nigérianes", "Nigeria", "nigeria"),
    Country("Algérie", "l'Algérie", "Alger", "Oran", "algériennes", "Algeria", "algerie"),
    Country("Gabon", "le Gabon", "Libreville", "Port-Gentil", "gabonaises", "Gabon", "gabon"),
    Country("Cameroun", "le Cameroun", "Yaoundé", "Douala", "camerounaises", "Cameroon", "cameroun"),
)

FIRST_NAMES = (
    "Abdellatif",
    "Moumouni",
    "Hassoumi",
    "Aïcha",
    "Fatoumata",
    "Mamadou",
    "Amina",
    "Youssef",
    "Ousmane",
    "Mariam",
    "Jean-Pierre",
    "Nadia",
    "Khadija",
    "Ibrahim",
    "Souleymane",
    "Nouzha",
    "Adama",
    "Rachid",
    "Hélène",
    "Boubacar",
    "Zineb",
    "Émile",
    "Salamatou",
    "Driss",
)
LAST_NAMES = (
    "Ouahbi",
    "Hamidou",
    "Massaoudou",
    "Diallo",
    "Traoré",
    "Koné",
    "Benali",
    "El Amrani",
    "Sow",
    "Cissé",
    "Kaboré",
    "Belhaj",
    "Bouchareb",
    "Issoufou",
    "Ndiaye",
    "Lahlou",
    "Ouédraogo",
    "Tazi",
    "Mbaye",
    "Keïta",
    "Chraïbi",
    "Sanogo",
    "Idrissi",
    "Zongo",
)
# (title in running text, title used inside an entity value, English)
TITLES = (
    ("le ministre de la Justice", "ministre de la Justice", "the Minister of Justice"),
    ("la ministre des Affaires étrangères", "ministre des Affaires étrangères", "the Foreign Minister"),
    ("le ministre de l'Intérieur", "ministre de l'Intérieur", "the Interior Minister"),
    (
        "le secrétaire d'État chargé des Migrations",
        "secrétaire d'État chargé des Migrations",
        "the State Secretary for Migration",
    ),
    ("l'ambassadeur", "ambassadeur", "the ambassador"),
    ("le procureur général", "procureur général", "the Attorney General"),
)
ROLES = (
    "président de la Commission nationale de coordination de lutte contre la traite des personnes",
    "ministre de la Justice",
    "directeur général de la Sûreté nationale",
    "procureur général près la Cour d'appel",
    "secrétaire permanent du Comité interministériel de lutte contre la traite",
    "chef de la délégation",
    "coordonnateur du programme régional de l'ONUDC",
    "directrice de l'Agence nationale de lutte contre la traite des personnes",
)
BODIES = (
    "grande commission mixte {a}-{b}",
    "Commission nationale de lutte contre la traite des êtres humains",
    "Observatoire régional des migrations",
    "Comité conjoint de suivi {a}-{b}",
    "Agence nationale de lutte contre la traite des personnes",
    "Cellule de coordination de la lutte contre le trafic illicite de migrants",
)
OPERATIONS = ("Sahel", "Atlas", "Sirocco", "Ténéré", "Harmattan", "Méditerranée", "Aïr", "Tassili")
OUTLETS = (
    ("Le360", "le360"),
    ("Hespress", "hespress"),
    ("MAP", "map"),
    ("Le Matin", "lematin"),
    ("Jeune Afrique", "jeuneafrique"),
    ("ActuNiger", "actuniger"),
    ("Le Sahel", "lesahel"),
    ("RFI", "rfi"),
    ("APS", "aps"),
    ("AFP", "afp"),
    ("Médias24", "medias24"),
    ("Aujourd'hui le Maroc", "aujourdhui"),
    ("L'Économiste", "leconomiste"),
    ("Le Soleil", "lesoleil"),
    ("Niamey Info", "niameyinfo"),
    ("Sahel Intelligence", "sahelintel"),
)
OUTLETS_EN = (
    ("Reuters", "reuters"),
    ("Morocco World News", "mwn"),
    ("The North Africa Post", "napost"),
    ("Africanews", "africanews"),
    ("AP", "ap"),
)
