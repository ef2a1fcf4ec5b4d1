import pytest
from hypothesis import given

from stance.testing import decorated, mixed_unicode_text
from stance.text.normalise import Normaliser
from stance.text.segment import segment

N = Normaliser()


def split(text):
    return [s.text for s in segment(N.normalise(text))]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("قال المتحدث إن الاتفاق نافذ. ورفض التعليق.", ["قال المتحدث إن الاتفاق نافذ.", "ورفض التعليق."]),
        ("هل وصل الجنود؟ نعم وصلوا! وانتهى الأمر؛ ثم عادوا", ["هل وصل الجنود؟", "نعم وصلوا!", "وانتهى الأمر؛", "ثم عادوا"]),
        ("أرسلت 10,000 جندي و3.5 طن.", ["أرسلت 10,000 جندي و3.5 طن."]),
        ("أرسلت ١٠٬٠٠٠ جندي و٣٫٥ طن.", ["أرسلت ١٠٬٠٠٠ جندي و٣٫٥ طن."]),
        ("عنوان أول\nعنوان ثان\n\nنص الخبر.", ["عنوان أول", "عنوان ثان", "نص الخبر."]),
        # quoted speech of two sentences stays with the verb that introduces it
        ('و يتابع: "المعاهدة مفتوحة. كل شيء مكتوب بوضوح". ثم غادر.',
         ['و يتابع: "المعاهدة مفتوحة. كل شيء مكتوب بوضوح".', "ثم غادر."]),
        ("وقال «نحن قلقون. جدا» اليوم.", ["وقال «نحن قلقون. جدا» اليوم."]),
        # a terminator right before the closing mark ends the sentence after it
        ('وأضاف: "نحن قلقون." ثم غادر.', ['وأضاف: "نحن قلقون."', "ثم غادر."]),
        ('وسأل: "هل ما زالت روسيا تنفي؟". ولم يرد أحد.', ['وسأل: "هل ما زالت روسيا تنفي؟".', "ولم يرد أحد."]),
        # an unclosed quotation does not swallow the rest of the line
        ('قال "نحن قلقون. ثم غادر.', ['قال "نحن قلقون.', "ثم غادر."]),
        # space-separated punctuation of scraped text
        ("لم يتبق سوى أقل من ألف مقاتل فحسب .\nوكان العراق أعلن النصر .", ["لم يتبق سوى أقل من ألف مقاتل فحسب .", "وكان العراق أعلن النصر ."]),
        # a full stop glued to the next word still ends the sentence (seed 004)
        ("على “أمن شبه الجزيرة الكورية”.وكان بوتين صرح", ["على “أمن شبه الجزيرة الكورية”.", "وكان بوتين صرح"]),
        # abbreviations and domains
        ("نقلت أ.ف.ب عن مسؤول أن الجيش انسحب.", ["نقلت أ.ف.ب عن مسؤول أن الجيش انسحب."]),
        ("بحسب موقع aljazeera.net فإن القصف توقف.", ["بحسب موقع aljazeera.net فإن القصف توقف."]),
        ("قال مسؤول في U.S. Army إن القوات وصلت.", ["قال مسؤول في U.S. Army إن القوات وصلت."]),
        # the headline ellipsis joins
        ("موسكو وبيونج يانج.. شراكة استراتيجية", ["موسكو وبيونج يانج.. شراكة استراتيجية"]),
        # list numbers join the item they number; bullets are not text
        ("1. البند الأول\n• البند الثاني", ["1. البند الأول", "البند الثاني"]),
        ("***\n---\n", []),
    ],
)
def test_split(text, expected):
    assert split(text) == expected


def test_regions_limit_segmentation():
    text = "الأول. الثاني.\nالثالث."
    nt = N.normalise(text)
    assert [s.text for s in segment(nt, [(0, 7)])] == ["الأول."]
    assert [s.index for s in segment(nt, [(0, 7), (15, len(text))])] == [0, 1]


def _check_spans(original, sentences):
    last_end = -1
    for i, s in enumerate(sentences):
        assert s.index == i
        assert last_end <= s.start < s.end <= len(original)
        assert original[s.start:s.end] == s.text
        assert N(s.text) == s.norm
        assert s.norm == s.norm.strip()
        last_end = s.end


@given(mixed_unicode_text())
def test_sentence_offsets_point_at_the_text_they_claim(text):
    _check_spans(text, segment(N.normalise(text)))


@given(decorated())
def test_diacritics_tatweel_and_bidi_do_not_change_segmentation(pair):
    plain, noisy = pair
    assert [s.norm for s in segment(N.normalise(noisy))] == [s.norm for s in segment(N.normalise(plain))]
