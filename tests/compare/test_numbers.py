"""Number phrases and quantities: worked examples, seed sentences, exclusions and properties."""

import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from stance.compare.numbers import Quantity, find_quantities, parse_number
from stance.errors import OptionError
from stance.lexicon import load_lexicons
from stance.text.normalise import Normaliser
from tests.conftest import SEEDS

INDIC = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")
PERSIAN = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")

# --------------------------------------------------------------------------------------------
# parse_number: one phrase, one value

VALUES = [
    # the issue's examples: six spellings of ten thousand
    ("10 آلاف", 10_000), ("عشرة آلاف", 10_000), ("10,000", 10_000), ("١٠٬٠٠٠", 10_000),
    ("10 ألف", 10_000), ("عشرة الاف", 10_000),
    # digits: scripts and separators
    ("10000", 10_000), ("١٠ آلاف", 10_000), ("۱۰٬۰۰۰", 10_000), ("10 000", 10_000), ("1,000,000", 1e6),
    ("3.5", 3.5), ("٣٫٥", 3.5), ("3,5", 3.5), ("1,234.5", 1234.5), ("1.234.567", 1_234_567), ("0", 0),
    # units, teens and tens, masculine and feminine, cases
    ("واحد", 1), ("اثنان", 2), ("اثنتين", 2), ("ثلاث", 3), ("ثلاثة", 3), ("ستة", 6), ("ثماني", 8),
    ("أحد عشر", 11), ("إحدى عشرة", 11), ("اثنا عشر", 12), ("اثني عشر", 12), ("ثلاثة عشر", 13),
    ("خمس عشرة", 15), ("عشرون", 20), ("عشرين", 20), ("خمسة وعشرون", 25), ("وخمسة وعشرين", 25),
    # hundreds and duals
    ("مئة", 100), ("مائة", 100), ("مئتين", 200), ("مائتان", 200), ("ثلاثمئة", 300), ("ثلاثمائة", 300),
    ("ثلاث مئة", 300), ("مئة وخمسون", 150), ("ثلاثمئة وخمسة وعشرون", 325),
    # thousands, millions, billions
    ("ألف", 1000), ("ألفين", 2000), ("ألفان", 2000), ("ثلاثة آلاف", 3000), ("ثلاثة آلاف وخمسمئة", 3500),
    ("أحد عشر ألفا", 11_000), ("عشرين ألفا", 20_000), ("12 ألف", 12_000), ("مئة ألف", 100_000),
    ("مئتا ألف", 200_000), ("مئة وخمسون ألف", 150_000), ("مليون", 1e6), ("مليونين", 2e6),
    ("ثلاثة ملايين", 3e6), ("3.5 مليون", 3.5e6), ("مليار", 1e9), ("مليارين", 2e9), ("ثلاثة مليارات", 3e9),
    ("1.5 مليار", 1.5e9), ("ألف مليون", 1e9), ("مليون و200 ألف", 1.2e6),
    # fractions
    ("نصف", 0.5), ("نصف مليون", 500_000), ("ربع مليون", 250_000), ("مليون ونصف", 1.5e6),
    ("ثلاثة ملايين ونصف", 3.5e6), ("ألفين ونصف", 2500),
    # clitics, approximators, spelling noise
    ("بعشرة", 10), ("لعشرة آلاف", 10_000), ("نحو 10 آلاف", 10_000), ("بنحو 10 آلاف", 10_000),
    ("حوالي عشرة آلاف", 10_000), ("أكثر من 3000", 3000), ("ما يصل إلى 12,000", 12_000),
    ("10 آلاف تقريبا", 10_000), ("عَشَرَةُ آلَافٍ", 10_000), ("عشـــرة آلاف", 10_000), ("ثلاثه", 3),
    ("احدى عشرة", 11), ("إثنا عشر", 12), ("مائتى", 200), ("2024", 2024),
]


def test_parse_number():
    wrong = [(phrase, expected, parse_number(phrase)) for phrase, expected in VALUES
             if parse_number(phrase) != pytest.approx(expected)]
    assert wrong == [], "phrase, expected, got"


def test_the_table_has_the_issue_examples_and_enough_phrases():
    assert len({p for p, _ in VALUES}) == len(VALUES) >= 40
    assert {parse_number(p) for p in ("10 آلاف", "عشرة آلاف", "10,000", "١٠٬٠٠٠", "10 ألف", "عشرة الاف")} == {10000.0}


NOT_NUMBERS = [
    "عشرات الآلاف", "آلاف", "بضعة آلاف", "مئات", "عدة", "ملايين",  # vague: no value
    "الثاني عشر", "الحادي عشر",  # ordinals
    "10:30", "2024-06-19", "19/6/2024",  # times and dates
    "", "   ", "جندي", "10 آلاف جندي", "عشرة أو أحد عشر",  # not exactly one number phrase
]


def test_not_a_number_phrase_is_none():
    assert {phrase: parse_number(phrase) for phrase in NOT_NUMBERS} == dict.fromkeys(NOT_NUMBERS)


# --------------------------------------------------------------------------------------------
# find_quantities: seed sentences, read and checked by hand

def _seed_line(name, anchor):
    path = next(SEEDS.glob(f"{name}_*.txt"))
    lines = [line for line in path.read_text(encoding="utf-8").splitlines() if anchor in line]
    assert len(lines) == 1, f"{path.name}: {len(lines)} lines contain {anchor!r}"
    return lines[0]


SEED_QUANTITIES = [
    ("000", "أرسلت نحو 10 آلاف جندي", [("10 آلاف", 10_000, "soldier", True)]),
    # 'up to 10,000 to 12,000 soldiers'; 1,500 elite troops; 8 to 13 October is a date; five bases
    ("001", "ما يصل إلى 10,000", [("10,000", 10_000, "soldier", True), ("12,000", 12_000, "soldier", True),
                                  ("1500", 1500, "soldier", False), ("5", 5, "base", False)]),
    ("001", "منذ نحو 3 أشهر", [("3", 3, "month", True)]),
    ("001", "تتضمن المعاهدة 23 مادة", [("23", 23, "article", False)]),
    ("001", "سيطرته على 12 بلدة", [("12", 12, "town", False)]),  # أسبوع واحد: no quantity
    ("002", "يبلغ مجموعها 12 ألف جندي", [("أربعة", 4, "brigade", True), ("12 ألف", 12_000, "soldier", False),
                                          ("3000", 3000, "soldier", True)]),
    ("002", "ثمانية آلاف جندي", [("ثمانية آلاف", 8000, "soldier", False)]),
    ("002", "المكون من 15", [("15", 15, "member", False)]),
    ("002", "حوالي عشرة آلاف جندي", [("عشرة آلاف", 10_000, "soldier", True),
                                      ("ثلاثة آلاف", 3000, "soldier", False)]),
    ("002", "بنحو 10 آلاف جندي", [("10 آلاف", 10_000, "soldier", True), ("3000", 3000, "soldier", False)]),
    ("002", "أرسلت 8 آلاف جندي", [("8 آلاف", 8000, "soldier", False)]),
    ("002", "بتاريخ 19 حزيران", []),  # a date
    ("002", "وفقاً للمادة 51", []),  # an article number
    ("002", "آلاف القوات", []),  # vague
    ("003", "تستهدف 9 إيرانيين", [("9", 9, "person", False)]),  # a nationality counts people
]


@pytest.mark.parametrize("seed, anchor, expected", SEED_QUANTITIES, ids=[f"{s}:{a}" for s, a, _ in SEED_QUANTITIES])
def test_seed_sentences(seed, anchor, expected):
    line = _seed_line(seed, anchor)
    found = find_quantities(line)
    assert [(q.text, q.value, q.unit, q.approximate) for q in found] == expected
    for q in found:
        assert line[q.start:q.end] == q.text


# --------------------------------------------------------------------------------------------
# find_quantities: what is not a quantity

@pytest.mark.parametrize("sentence", [
    "وقعت المعاهدة في 19 يونيو 2024",
    "في 2024 وقع الاتفاق",
    "منذ عام 1948 والعام 2023 ولعام 2025",
    "سيزور موسكو في 19 حزيران/يونيو",
    "من 8 إلى 13 أكتوبر الماضي",
    "نشر في ديسمبر 27, 2017",
    "وفقا للمادة 51 من الميثاق",
    "القرار 2254 والقرار رقم 1701",
    "الساعة 10:30 صباحا بتاريخ 2024-06-19 أو 19/6/2024",
    "اتصلوا على 0100 123 4567 أو +971 50 123 4567 أو 202 - 452 - 0650",
    "طائرات ف-16 وإف 35 ومنظومة إس 400 ورحلة MH17",
    "الدورة الـ79 للجمعية العامة",
    "الفصل الثاني عشر",
    "خلال أسبوع واحد في آن واحد",
    "نصف السكان وربع قرن",
    "عشرات الآلاف من المدنيين وآلاف الجنود وبضعة آلاف",
    "في عام 1438 هـ",
    "2 - إرادة سلوك تبييض الأموال",
    "قال الرئيس إن الوضع خطير",
])
def test_not_quantities(sentence):
    assert find_quantities(sentence) == []


# --------------------------------------------------------------------------------------------
# find_quantities: units and approximators

UNITS = [
    ("قتل 5 مدنيين", [("5", 5, "civilian", False)]),
    ("سقط 17 قتيلا و30 جريحا", [("17", 17, "killed", False), ("30", 30, "injured", False)]),
    ("ارتفعت بنسبة 15% ثم 20 في المئة ثم 30 بالمائة ثم %40",
     [("15", 15, "percent", False), ("20", 20, "percent", False), ("30", 30, "percent", False),
      ("40", 40, "percent", False)]),
    ("بلغت الخسائر 3.5 مليار دولار", [("3.5 مليار", 3.5e9, "usd", False)]),
    ("دفعت 5 ملايين يورو و200 روبل", [("5 ملايين", 5e6, "eur", False), ("200", 200, "rub", False)]),
    ("تبعد نحو 300 كيلومتر", [("300", 300, "km", True)]),
    ("فر أكثر من 100 ألف لاجئ", [("100 ألف", 100_000, "refugee", True)]),
    ("أرسلت 10 آلاف جندي على الأقل", [("10 آلاف", 10_000, "soldier", True)]),
    ("قتل 1500 من الجنود", [("1500", 1500, "soldier", False)]),
    ("عام 2024 أرسلت 2000 جندي", [("2000", 2000, "soldier", False)]),
    ("سجن خلال 3 سنوات", [("3", 3, "year", False)]),
    ("قتل ثلاثة وعشرون شخصا", [("ثلاثة وعشرون", 23, "person", False)]),
    ("أطلقت خمس مسيرات وطائرة مسيرة", [("خمس", 5, "drone", False)]),
    ("دمرت 4 طائرات مسيرة", [("4", 4, "drone", False)]),
    ("وصل الـ10 آلاف جندي", [("10 آلاف", 10_000, "soldier", False)]),
    ("قتل 7 أشخاص", [("7", 7, "person", False)]),
    ("هناك 12 شيئا", [("12", 12, None, False)]),
    # ranges: the first figure takes the unit, the multiplier and the approximator of the second
    ("بين 10 و20 ألف جندي", [("10", 10_000, "soldier", False), ("20 ألف", 20_000, "soldier", False)]),
    ("من 10 إلى 12 ألف لاجئ تقريبا", [("10", 10_000, "refugee", True), ("12 ألف", 12_000, "refugee", True)]),
    ("أطلق 10 - 12 قذيفة", [("10", 10, "shell", False), ("12", 12, "shell", False)]),
]


@pytest.mark.parametrize("sentence, expected", UNITS, ids=[s for s, _ in UNITS])
def test_units_and_approximators(sentence, expected):
    assert [(q.text, q.value, q.unit, q.approximate) for q in find_quantities(sentence)] == expected


def test_offsets_point_into_the_original_text():
    text = "أرسلت نَحْوَ عشـرةِ آلافٍ من الجُنود، وخمسة وعشرين مدنياً و١٠٬٠٠٠ لاجئ"
    found = find_quantities(text)
    assert [(q.value, q.unit, q.approximate) for q in found] == [
        (10_000, "soldier", True), (25, "civilian", False), (10_000, "refugee", False)]
    assert [q.text for q in found] == ["عشـرةِ آلافٍ", "خمسة وعشرين", "١٠٬٠٠٠"]  # no proclitic و
    for q in found:
        assert text[q.start:q.end] == q.text
        assert isinstance(q, Quantity)
    with pytest.raises(AttributeError):
        found[0].value = 1.0  # frozen


def test_a_found_phrase_parses_to_its_value():
    for path in sorted(SEEDS.glob("*.txt")):
        for line in path.read_text(encoding="utf-8").splitlines():
            for q in find_quantities(line):
                assert parse_number(q.text) == q.value, (path.name, q)


def test_normaliser_and_lexicons_can_be_given(lexicons, tmp_path):
    text = "قتل عشرة أشخاص"
    expected = [Quantity(4, 8, "عشرة", 10.0, "person", False)]
    assert find_quantities(text, lexicons.normaliser) == expected
    assert find_quantities(text, lexicons=lexicons) == expected
    assert find_quantities(text, Normaliser(teh_marbuta=False)) == expected
    own = tmp_path / "units.tsv"
    own.write_text("form\tunit\tclass\tgloss\tevidence\nشخص\thuman\tpeople\tperson\ttest\n"
                   "أشخاص\thuman\tpeople\tpersons\ttest\n", encoding="utf-8")
    mine = load_lexicons(files={"units": own})
    assert find_quantities(text, lexicons=mine)[0].unit == "human"
    assert parse_number("عشرة", lexicons=mine) == 10.0


def test_bad_arguments_are_refused_with_the_fix(lexicons):
    with pytest.raises(OptionError, match="expects a str, got bytes"):
        find_quantities(b"10")
    with pytest.raises(OptionError, match="expects a str, got int"):
        parse_number(10)
    with pytest.raises(OptionError, match="normaliser must be"):
        find_quantities("10", normaliser="default")
    with pytest.raises(OptionError, match="load the lexicons with this normaliser"):
        find_quantities("10", Normaliser(alef=False), lexicons=lexicons)


def test_numeric_lexicon_rows_have_values(lexicons):
    kinds = {e["kind"] for e in lexicons["numbers"]}
    assert {"cardinal", "multiplier", "plural_multiplier", "dual", "fraction", "vague"} <= kinds
    assert len(lexicons["units"]) >= 300
    assert {e["unit"] for e in lexicons["units"]} >= {"soldier", "killed", "injured", "person", "civilian",
                                                      "refugee", "usd", "km", "percent", "year", "missile", "drone"}


def test_sentences_without_numbers_are_cheap():
    sentences = [
        "وأكدت وزارة الدفاع الأمريكية أواخر أكتوبر أن كوريا الشمالية أرسلت قواتها لتلقي تدريب في روسيا.",
        "وأعلن الرئيس الأمريكي جو بايدن في تصريحات أن إرسال القوات إلى روسيا يشكل تطورا خطيرا جدا.",
        "كشف تقييم استخباراتي أوكراني أن بيونج يانج زودت روسيا بصواريخ بعيدة المدى وأنظمة مدفعية.",
    ] * 300
    find_quantities(sentences[0])
    best = min(_timed(sentences) for _ in range(5))
    assert best < 50e-6, f"{best * 1e6:.1f} µs per sentence without numbers"


def _timed(sentences):
    start = time.perf_counter()
    for s in sentences:
        find_quantities(s)
    return (time.perf_counter() - start) / len(sentences)


# --------------------------------------------------------------------------------------------
# properties

@given(st.integers(0, 10**9))
def test_integers_in_every_script_and_grouping_parse_back(n):
    western = f"{n:,}"
    for written in (str(n), str(n).translate(INDIC), str(n).translate(PERSIAN), western,
                    western.replace(",", "٬").translate(INDIC), western.replace(",", " ")):
        assert parse_number(written) == n, written


# sentences built from pieces that exercise the grammar: number phrases, units, markers,
# separators and gluing (a piece may be glued to the next one)
PIECES = [p for p, _ in VALUES] + [
    "جندي", "جنود", "قتيلا", "في المئة", "بالمئة", "%", "$", "دولار", "من", "الجنود", "إلى", "و", "أو", "-",
    "نحو", "أكثر من", "تقريبا", "على الأقل", "عام", "العام", "المادة", "القرار", "يونيو", "حزيران", "الـ",
    "الثاني", "عشر", "واحد", "عشرات", "آلاف", "قال", "إن", "في", "2024", "19", "0100", "+971", "10:30",
    "2024-06-19", "MH", "ف", "،", ".", ":", "/", "(", ")", '"',
]
SENTENCES = st.lists(st.tuples(st.sampled_from(PIECES), st.sampled_from([" ", " ", " ", "", "، ", "\n"])),
                     min_size=1, max_size=12).map(lambda parts: "".join(p + sep for p, sep in parts))
MARKS = "\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652"
INVISIBLE = "\u200b\u200c\u200e\u200f\u2066\u2069\ufeff"


def _decorate(text, rnd):
    """Diacritics after letters, tatweel between letters, invisible marks anywhere (one draw, fast)."""
    out = []
    for i, ch in enumerate(text):
        out.append(ch)
        if "\u0621" <= ch <= "\u064a":
            if rnd.random() < 0.3:
                out.append(rnd.choice(MARKS))
            if i + 1 < len(text) and "\u0621" <= text[i + 1] <= "\u064a" and rnd.random() < 0.1:
                out.append("\u0640" * rnd.randint(1, 3))
        if rnd.random() < 0.05:
            out.append(rnd.choice(INVISIBLE))
    return "".join(out)


WORD_PHRASES = [p for p, _ in VALUES if not any(c.isdigit() for c in p)]


@settings(max_examples=60)
@given(st.sampled_from(WORD_PHRASES), st.randoms(use_true_random=False))
def test_diacritics_and_tatweel_do_not_change_the_value(plain, rnd):
    assert parse_number(_decorate(plain, rnd)) == parse_number(plain)


@settings(max_examples=60)
@given(SENTENCES, st.randoms(use_true_random=False))
def test_decorated_text_gives_the_same_quantities(plain, rnd):
    noisy = _decorate(plain, rnd)
    a, b = find_quantities(plain), find_quantities(noisy)
    assert [(q.value, q.unit, q.approximate) for q in a] == [(q.value, q.unit, q.approximate) for q in b]
    for text, found in ((plain, a), (noisy, b)):
        for q in found:
            assert text[q.start:q.end] == q.text
            assert q.value >= 0


@settings(max_examples=60)
@given(st.text(alphabet=st.sampled_from(list("0123456789٠١٢٣٤٥٦٧٨٩,.٬٫:/-+% \nابتثجحخدذرزسشصضطظعغفقكلمنهويءأإآةىـ"
                                             "\u064e\u0651\u200fxyzMH")), max_size=60))
def test_any_text_gives_valid_offsets(text):
    for q in find_quantities(text):
        assert 0 <= q.start < q.end <= len(text) and text[q.start:q.end] == q.text
        assert q.value >= 0
