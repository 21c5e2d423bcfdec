"""Quantity parsing: every supported wording to its exact interval, and the required relations."""

from __future__ import annotations

import math
import pickle

import pytest

from recoupe.normalize.quantities import (
    DEFAULT_TOLERANCES,
    QuantityValue,
    Tolerances,
    parse_quantity,
)
from recoupe.normalize.relation import Relation

INF = math.inf
# Number parsing, apart from the precision a number is written with (see the precision tests below)
EXACT = Tolerances(precision="exact")
Shape = tuple[float | None, float | None, bool, bool]


def shape(text: str | int | float, **kwargs: object) -> Shape:
    q = parse_quantity(text, **kwargs)  # type: ignore[arg-type]
    assert q is not None, f"{text!r} did not parse"
    return (q.low, q.high, q.low_open, q.high_open)


def point(x: float) -> Shape:
    return (x, x, False, False)


def closed(lo: float, hi: float) -> Shape:
    return (lo, hi, False, False)


# --- number formats ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("16", 16),
        ("15.000", 15000),  # French thousands dot
        ("15 000", 15000),
        ("15\u00a0000", 15000),  # no-break space
        ("15\u202f000", 15000),  # narrow no-break space
        ("15,000", 15000),  # English thousands
        ("15'000", 15000),
        ("1 080 000", 1080000),
        ("1.080.000", 1080000),
        ("1,080,000", 1080000),
        ("15,5", 15.5),  # French decimal
        ("15.5", 15.5),
        ("1,08", 1.08),  # one separator, 1-2 digits: decimal
        ("1,080", 1080),  # one separator, 3 digits: thousands in both languages
        ("1.080", 1080),
        ("1.0805", 1.0805),  # 4 digits: decimal
        ("0,080", 0.08),  # leading zero: decimal
        ("1234,567", 1234.567),  # more than 3 digits before: decimal
        ("1.080.000,50", 1080000.5),
        ("1,080,000.50", 1080000.5),
        ("15 000,5", 15000.5),
        ("-5", -5),
        ("\u22125", -5),  # Unicode minus
        ("1,08 million", 1080000),
        ("1.08 million", 1080000),
        ("2 millions", 2000000),
        ("3 milliards", 3000000000),
        ("1,5 Md", 1500000000),
        ("2 Mds", 2000000000),
        ("2 M", 2000000),
        ("15 mille", 15000),
        ("15k", 15000),
        ("2.5 bn", 2500000000),
        ("3 thousand", 3000),
        ("seize", 16),
        ("vingt-trois", 23),
        ("vingt et un", 21),
        ("dix-sept", 17),
        ("soixante-dix", 70),
        ("soixante-dix-sept", 77),
        ("quatre-vingts", 80),
        ("quatre-vingt-dix", 90),
        ("quatre-vingt-onze", 91),
        ("septante", 70),
        ("nonante-neuf", 99),
        ("cent", 100),
        ("deux cents", 200),
        ("cent un", 101),
        ("mille", 1000),
        ("deux mille", 2000),
        ("deux mille trois cent quarante-cinq", 2345),
        ("deux cent mille", 200000),
        ("un million", 1000000),
        ("deux millions", 2000000),
        ("deux millions cinq cent mille", 2500000),
        ("trois milliards", 3000000000),
        ("sixteen", 16),
        ("twenty-three", 23),
        ("one hundred and five", 105),
        ("a hundred", 100),
        ("two million", 2000000),
        ("a million", 1000000),
        ("zero", 0),
    ],
)
def test_number_formats(text: str, value: float) -> None:
    assert shape(text, tolerances=EXACT) == point(value)


def test_float_bounds_are_exact() -> None:
    # Computed on fractions: 1.08 × 10⁶ and 15000 × 1.1 carry no binary rounding error.
    assert shape("1,08 million", tolerances=EXACT) == shape("1 080 000") == shape(1080000) == point(1080000.0)
    assert shape("environ 15 000")[1] == 16500.0


def test_billion_depends_on_language() -> None:
    assert shape("2 billion", lang="en", tolerances=EXACT) == point(2e9)
    assert shape("2 billions", lang="fr", tolerances=EXACT) == point(2e12)
    assert shape("deux milliards", lang="en") == point(2e9)


@pytest.mark.parametrize(("raw", "value"), [(16, 16.0), (15000, 15000.0), (1.5, 1.5), (0.1, 0.1), (-3, -3.0)])
def test_numbers_pass_through(raw: int | float, value: float) -> None:
    q = parse_quantity(raw)
    assert q is not None
    assert (q.low, q.high, q.text) == (value, value, str(raw))


def test_number_with_approximate_flag() -> None:
    assert shape(15000, approximate=True) == closed(13500, 16500)


# --- units and nouns --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("40 %", 40, "%"),
        ("40%", 40, "%"),
        ("40 pour cent", 40, "%"),
        ("40 percent", 40, "%"),
        ("2 points de pourcentage", 2, "pp"),
        ("15 km", 15, "km"),
        ("15km", 15, "km"),
        ("15 kilomètres", 15, "km"),
        ("15 m", 15, "m"),  # lower-case m after a number is metres, not million
        ("15 kg", 15, "kg"),
        ("15 tonnes", 15, "t"),
        ("3 millions d'euros", 3e6, "EUR"),
        ("3 millions d’euros", 3e6, "EUR"),
        ("3 M€", 3e6, "EUR"),
        ("3 M €", 3e6, "EUR"),
        ("15 €", 15, "EUR"),
        ("€15", 15, "EUR"),
        ("$15 million", 15e6, "USD"),
        ("2 millions de dollars", 2e6, "USD"),
        ("15 000 dirhams", 15000, "MAD"),
        ("15 000 DH", 15000, "MAD"),
        ("15 000 MAD", 15000, "MAD"),
        ("1 milliard de FCFA", 1e9, "FCFA"),
        ("2 ans", 2, "years"),
        ("un an", 1, "years"),
        ("10 years", 10, "years"),
        ("15 jours", 15, "days"),
        ("48 heures", 48, "hours"),
        ("24h", 24, "hours"),
        ("3 mois", 3, "months"),
    ],
)
def test_units(text: str, value: float, unit: str) -> None:
    q = parse_quantity(text, tolerances=EXACT)
    assert q is not None
    assert (q.low, q.high, q.unit, q.noun) == (value, value, unit, None)


@pytest.mark.parametrize(
    ("text", "value", "noun"),
    [
        ("15.000 tentatives", 15000, "tentatives"),
        ("16 accords de coopération", 16, "accords de coopération"),
        ("3 millions de personnes", 3e6, "personnes"),
        ("deux blessés", 2, "blessés"),
    ],
)
def test_nouns_are_kept_without_unit(text: str, value: float, noun: str) -> None:
    q = parse_quantity(text, tolerances=EXACT)
    assert q is not None
    assert (q.low, q.high, q.unit, q.noun) == (value, value, None, noun)


def test_unit_with_trailing_noun() -> None:
    q = parse_quantity("15 km de route")
    assert q is not None
    assert (q.low, q.unit, q.noun) == (15, "km", "route")


# --- ordinals ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("4ème", 4),
        ("4e", 4),
        ("4ᵉ", 4),
        ("4eme", 4),
        ("4ieme", 4),
        ("4^e", 4),
        ("quatrième", 4),
        ("1er", 1),
        ("1ᵉʳ", 1),
        ("1^{er}", 1),  # as left by text extraction in the seed article
        ("1re", 1),
        ("1ère", 1),
        ("premier", 1),
        ("première", 1),
        ("deuxième", 2),
        ("second", 2),
        ("cinquième", 5),
        ("neuvième", 9),
        ("vingt et unième", 21),
        ("quatre-vingt-dixième", 90),
        ("centième", 100),
        ("dixième", 10),
        ("Dixième", 10),
        ("millième", 1000),
        ("IVe", 4),
        ("XXIe", 21),
        ("Ve", 5),
        ("4th", 4),
        ("21st", 21),
        ("2nd", 2),
        ("3rd", 3),
        ("fourth", 4),
        ("twelfth", 12),
        ("twentieth", 20),
        ("twenty-first", 21),
    ],
)
def test_ordinals(text: str, value: int) -> None:
    q = parse_quantity(text)
    assert q is not None
    assert (q.low, q.high, q.ordinal) == (value, value, True)


def test_ordinal_keeps_its_noun() -> None:
    q = parse_quantity("la 4ème session")
    assert q is not None
    assert (q.low, q.ordinal, q.noun) == (4, True, "session")


def test_ordinal_ignores_the_approximate_flag() -> None:
    assert shape("4ème", approximate=True) == point(4)


# --- approximators and bounds -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("quelque 15.000", closed(13500, 16500)),
        ("quelques 15 000", closed(13500, 16500)),
        ("environ 15 000", closed(13500, 16500)),
        ("15 000 environ", closed(13500, 16500)),
        ("autour de 15 000", closed(13500, 16500)),
        ("de l'ordre de 15 000", closed(13500, 16500)),
        ("about 15,000", closed(13500, 16500)),
        ("around 15,000", closed(13500, 16500)),
        ("approximately 15,000", closed(13500, 16500)),
        ("some 15,000", closed(13500, 16500)),
        ("~15000", closed(13500, 16500)),
        ("environ -5", closed(-5.5, -4.5)),
        ("près de 15 000", closed(13500, 15000)),
        ("près d'un million", closed(900000, 1000000)),
        ("presque 15 000", closed(13500, 15000)),
        ("nearly 15,000", closed(13500, 15000)),
        ("almost 15,000", closed(13500, 15000)),
        ("close to 15,000", closed(13500, 15000)),
        ("un peu moins de 100", (90, 100, False, True)),
        ("just over 100", (100, 110, True, False)),
        ("une quinzaine", closed(12, 18)),
        ("une dizaine", closed(8, 12)),
        ("une centaine", closed(80, 120)),
        ("un millier", closed(800, 1200)),
        ("une dizaine de milliers", closed(8000, 12000)),
        ("a dozen", closed(9.6, 14.4)),
        ("des centaines", (200, 1000, False, True)),
        ("plusieurs milliers", (2000, 10000, False, True)),
        ("quelques dizaines de milliers", (20000, 100000, False, True)),
        ("des millions", (2e6, 1e7, False, True)),
        ("milliers de migrants", (2000, 10000, False, True)),
        ("hundreds of thousands", (200000, 1000000, False, True)),
        ("plusieurs", (2, 10, False, True)),
        ("a few", (2, 10, False, True)),
        ("plus de 14 000", (14000, None, True, False)),
        ("plus d'un million", (1e6, None, True, False)),
        ("more than 14,000", (14000, None, True, False)),
        ("over 14,000", (14000, None, True, False)),
        ("above 10", (10, None, True, False)),
        ("au moins 14 000", (14000, None, False, False)),
        ("at least 14,000", (14000, None, False, False)),
        ("14 000 ou plus", (14000, None, False, False)),
        ("14,000 or more", (14000, None, False, False)),
        ("14 000+", (14000, None, False, False)),
        ("moins de 10", (0, 10, False, True)),
        ("less than 10", (0, 10, False, True)),
        ("fewer than 10", (0, 10, False, True)),
        ("under 10", (0, 10, False, True)),
        ("au plus 10", (0, 10, False, False)),
        ("jusqu'à 10", (0, 10, False, False)),
        ("jusqu’à 10", (0, 10, False, False)),
        ("up to 10", (0, 10, False, False)),
        ("at most 10", (0, 10, False, False)),
        ("10 ou moins", (0, 10, False, False)),
        ("moins de 5 °C", (None, 5, False, True)),  # temperatures can be negative
        ("moins de -5", (None, -5, False, True)),
        ("moins de 0", (None, 0, False, True)),
        ("au plus 0", closed(0, 0)),
        ("entre 10 et 20", closed(10, 20)),
        ("between 10 and 20", closed(10, 20)),
        ("de 10 à 20", closed(10, 20)),
        ("from 10 to 20", closed(10, 20)),
        ("10 à 20", closed(10, 20)),
        ("10-20", closed(10, 20)),
        ("10 – 20", closed(10, 20)),
        ("entre 20 et 10", closed(10, 20)),
        ("entre deux et trois", closed(2, 3)),
        ("entre 2 et 3 millions", closed(2e6, 3e6)),
        ("entre 500 000 et 1 million", closed(5e5, 1e6)),
        ("environ 10 à 20", closed(9, 22)),
    ],
)
def test_qualifiers(text: str, expected: Shape) -> None:
    assert shape(text) == expected


def test_range_shares_its_unit() -> None:
    for text in ("entre 10 et 20 km", "10 km à 20 km", "10-20 km", "$10 to $20"):
        q = parse_quantity(text)
        assert q is not None
        assert (q.low, q.high) == (10, 20)
    assert parse_quantity("10 km à 20 kg") is None


def test_approximate_flag_widens_each_stated_number() -> None:
    assert shape("15 000", approximate=True) == closed(13500, 16500)
    assert shape("plus de 14 000", approximate=True) == (12600, None, True, False)
    assert shape("moins de 10", approximate=True) == (0, 11, False, True)
    assert shape("entre 10 et 20", approximate=True) == closed(9, 22)


def test_approximate_flag_does_not_double_an_approximator() -> None:
    assert shape("quelque 15.000", approximate=True) == closed(13500, 16500)
    assert shape("près de 15 000", approximate=True) == closed(13500, 15000)
    assert shape("une quinzaine", approximate=True) == closed(12, 18)


def test_configured_tolerances() -> None:
    wide = Tolerances(approximate=0.2, nearly=0.05, collective=0.1, several_low=3, several_high=None)
    assert shape("environ 100", tolerances=wide) == closed(80, 120)
    assert shape("près de 100", tolerances=wide) == closed(95, 100)
    assert shape("une centaine", tolerances=wide) == closed(90, 110)
    assert shape("des centaines", tolerances=wide) == (300, None, False, False)
    assert shape("quelque 15.000", tolerances=Tolerances(approximate=0)) == point(15000)


@pytest.mark.parametrize(
    "kwargs",
    [{"approximate": -0.1}, {"nearly": 1.5}, {"several_low": -1}, {"several_high": 1}],
)
def test_invalid_tolerances(kwargs: dict[str, float]) -> None:
    with pytest.raises(ValueError):
        Tolerances(**kwargs)


# --- what is not a quantity -------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "",
        "hello",
        "trafic des êtres humains",
        "ce lundi",  # « ce » is not Roman 100th
        "Le",
        "De",
        "23 morts et 37 blessés",  # two quantities
        "1er août 2022",  # a date
        "deux et trois",
        "plus de 15 000 environ",  # two qualifiers
        "entre 10",
        "1,080,5",
        "plus de",
        "des",
        "mille milliards",  # a multiplier the word grammar does not take
        "un demi-million",
        ".5",
    ],
)
def test_unparseable_is_none(text: str) -> None:
    assert parse_quantity(text) is None


@pytest.mark.parametrize("raw", [math.nan, math.inf, True])
def test_non_numbers_are_none(raw: float) -> None:
    assert parse_quantity(raw) is None


# --- relations --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b", "relation"),
    [
        ("quelque 15.000", "15 000", Relation.BROADER),
        ("quelque 15.000", "plus de 14 000", Relation.OVERLAP),
        ("23", "37", Relation.DISJOINT),
        ("16", "seize", Relation.EQUAL),
        ("plus de 14 000", "15 000", Relation.BROADER),
        ("15 000", "plus de 14 000", Relation.NARROWER),
        ("1,08 million", "1 080 000", Relation.BROADER),
        ("4ème", "quatrième", Relation.EQUAL),
        ("4ème", "4", Relation.UNKNOWN),
        ("15 km", "15 kg", Relation.UNKNOWN),
        ("15 km", "15", Relation.EQUAL),  # a value without unit compares with any unit
        ("15.000 tentatives", "15 000", Relation.EQUAL),  # nouns are not compared
        ("plus de 14 000", "moins de 14 000", Relation.DISJOINT),
        ("au moins 14 000", "au plus 14 000", Relation.OVERLAP),
        ("plus de 14 000", "au plus 14 000", Relation.DISJOINT),
        ("entre 10 et 20", "10-20", Relation.EQUAL),
        ("une quinzaine", "16", Relation.BROADER),
        ("des milliers", "15 000", Relation.DISJOINT),
        ("40 %", "40 pour cent", Relation.EQUAL),
        ("3 M€", "3 millions d'euros", Relation.EQUAL),
        ("3 M€", "3 millions de dollars", Relation.UNKNOWN),
    ],
)
def test_relations(a: str, b: str, relation: Relation) -> None:
    qa, qb = parse_quantity(a), parse_quantity(b)
    assert qa is not None and qb is not None
    assert qa.relate(qb) is relation
    assert qb.relate(qa) is relation.converse


def test_tolerance_zero_makes_quelque_exact() -> None:
    exact = Tolerances(approximate=0)
    qa = parse_quantity("quelque 15.000", tolerances=exact)
    qb = parse_quantity("15 000", tolerances=exact)
    assert qa is not None and qb is not None
    assert qa.relate(qb) is Relation.EQUAL


# --- the value type ---------------------------------------------------------------------------


def test_str() -> None:
    def s(text: str) -> str:
        return str(parse_quantity(text))

    assert s("15 000") == "15000"
    assert s("quelque 15.000") == "[13500, 16500]"
    assert s("plus de 14 000") == "> 14000"
    assert s("au moins 14 000") == ">= 14000"
    assert s("moins de 10") == "[0, 10)"
    assert s("moins de 5 °C") == "< 5 °C"
    assert s("4ème") == "4th"
    assert s("1er") == "1st"
    assert s("22e") == "22nd"
    assert s("13e") == "13th"
    assert s("1,5") == "[1.45, 1.6)"  # written to the tenth
    assert s("40 %") == "40 %"
    assert str(QuantityValue(None, None)) == "any"


def test_to_dict() -> None:
    q = parse_quantity("plus de 14 000 tentatives")
    assert q is not None
    assert q.to_dict() == {
        "type": "quantity",
        "low": 14000,
        "high": None,
        "low_open": True,
        "high_open": False,
        "unit": None,
        "noun": "tentatives",
        "ordinal": False,
        "text": "plus de 14 000 tentatives",
    }
    assert DEFAULT_TOLERANCES.to_dict()["approximate"] == 0.10


def test_text_is_the_raw_wording_even_when_the_fold_is_shared() -> None:
    a = parse_quantity("15\u00a0000")
    b = parse_quantity("15 000")
    assert a is not None and b is not None
    assert (a.text, b.text) == ("15\u00a0000", "15 000")
    assert (a.low, a.high) == (b.low, b.high)


def test_value_is_frozen_hashable_picklable() -> None:
    q = parse_quantity("quelque 15.000 tentatives")
    assert q is not None
    assert pickle.loads(pickle.dumps(q)) == q
    assert hash(q) == hash(pickle.loads(pickle.dumps(q)))
    assert pickle.loads(pickle.dumps(DEFAULT_TOLERANCES)) == DEFAULT_TOLERANCES
    with pytest.raises(AttributeError):
        q.low = 0  # type: ignore[misc]


def test_construction_is_canonical() -> None:
    # Infinite ends become None, and an unbounded end is never open, so equal sets are equal values.
    assert QuantityValue(-INF, 5) == QuantityValue(None, 5.0)
    assert QuantityValue(1, INF, high_open=True) == QuantityValue(1.0, None)
    assert QuantityValue(None, 3, low_open=True).low_open is False


@pytest.mark.parametrize(
    ("low", "high", "low_open", "high_open"),
    [(2, 1, False, False), (1, 1, True, False), (1, 1, False, True), (INF, None, False, False)],
)
def test_empty_intervals_are_rejected(
    low: float, high: float | None, low_open: bool, high_open: bool
) -> None:
    with pytest.raises(ValueError):
        QuantityValue(low, high, low_open, high_open)


def test_nan_is_rejected() -> None:
    with pytest.raises(ValueError):
        QuantityValue(math.nan, 1)


# --- precision ----------------------------------------------------------------------------------


def half_open(lo: float, hi: float) -> Shape:
    return (lo, hi, False, True)


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        # written to the 10,000: what rounds (1,075,000 up) or truncates (up to 1,090,000) to it
        ("1,08 million", "fr", half_open(1_075_000, 1_090_000)),
        ("1.08 million", "en", half_open(1_075_000, 1_090_000)),
        # before a scale word, a comma and three digits are decimals, in both languages
        ("1,089 million", "fr", half_open(1_088_500, 1_090_000)),
        ("1.089 million", "en", half_open(1_088_500, 1_090_000)),
        ("1,1 million de manifestants", "fr", half_open(1_050_000, 1_200_000)),
        ("2 millions", "fr", half_open(1_500_000, 3_000_000)),
        ("15k", "en", half_open(14_500, 16_000)),
        ("23,5 %", "fr", half_open(23.45, 23.6)),
        # integers written in full are exact
        ("1 089 000", "fr", point(1_089_000)),
        ("15.000", "fr", point(15_000)),
        ("15,000", "en", point(15_000)),
        ("deux millions", "fr", point(2_000_000)),
        # a qualifier keeps the number as written
        ("plus de 2 millions", "fr", (2_000_000, None, True, False)),
        ("environ 1,08 million", "fr", closed(972_000, 1_188_000)),
    ],
)
def test_a_number_keeps_the_precision_it_is_written_with(text: str, lang: str, expected: Shape) -> None:
    assert shape(text, lang=lang) == expected


def test_rounding_both_ways() -> None:
    rounded, precise = parse_quantity("1,08 million"), parse_quantity("1,089 million")
    full, far = parse_quantity("1 089 000"), parse_quantity("1 100 000")
    assert rounded is not None and precise is not None and full is not None and far is not None
    assert precise.relate(rounded) is Relation.NARROWER  # compatible: 1,089 truncates to 1,08
    assert full.relate(rounded) is Relation.NARROWER
    assert full.relate(precise) is Relation.NARROWER
    assert (
        far.relate(rounded) is Relation.DISJOINT
    )  # too far: 1,1 million neither rounds nor truncates to 1,08
    assert parse_quantity("1,07 million").relate(rounded) is Relation.OVERLAP  # type: ignore[union-attr]


def test_precision_is_configurable() -> None:
    only_rounding = Tolerances(precision="round")
    assert shape("1,08 million", tolerances=only_rounding) == half_open(1_075_000, 1_085_000)
    assert shape("1,08 million", tolerances=EXACT) == point(1_080_000)
    with pytest.raises(ValueError, match="precision must be one of"):
        Tolerances(precision="roughly")


@pytest.mark.parametrize("text", ["un peu moins de 0", "just under 0"])
def test_a_wording_no_count_fits_is_not_understood(text: str) -> None:
    # a count cannot be below 0: the wording has no reading (the claim is reported unresolved),
    # where it used to raise out of the normalizer
    assert parse_quantity(text, lang="en" if text.startswith("just") else "fr") is None
