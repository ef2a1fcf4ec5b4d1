import pytest
from hypothesis import given, strategies as st

from stance.errors import OptionError
from stance.testing import decorated, mixed_unicode_text
from stance.text.normalise import DEFAULT_STEPS, STEPS, Normaliser, Step, normalise

N = Normaliser()


@pytest.mark.parametrize(
    "raw, expected",
    [
        ("أكّــدتْ", "اكدت"),  # shadda, tatweel, sukun, hamza on alef
        ("إقرأ أيضاً", "اقرا ايضا"),  # hamza below, tanwin
        ("آلاف", "الاف"),  # madda
        ("مسئول مسؤول", "مسءول مسءول"),  # hamza carriers meet
        ("فى المدرسة", "في المدرسه"),  # alef maksura, teh marbuta
        ("١٠٬٠٠٠ و٣٫٥ و۱۲ و٥٠٪", "10,000 و3.5 و12 و50%"),  # Arabic-Indic and Persian digits
        ("“دون تأخير” «قال» ‘x’", '"دون تاخير" "قال" \'x\''),
        ("نيويورك—واشنطن – 2024", "نيويورك-واشنطن - 2024"),
        ("بي\u200fونغ\u200b يانغ\u202b", "بيونغ يانغ"),  # bidi and zero-width
        ("کوریا الشمالیة", "كوريا الشماليه"),  # Persian keheh and yeh (seed 002's tag list)
        ("\ufefb", "لا"),  # lam-alef ligature
        ("AFP", "afp"),
        ("a\u00a0b\tc\r\nd", "a b c\n\nd"),
    ],
)
def test_default_pipeline(raw, expected):
    assert N(raw) == expected


def test_steps_are_recorded_in_order():
    assert N.steps == DEFAULT_STEPS
    assert Normaliser(teh_marbuta=False, alef_maksura=False).steps == tuple(
        s for s in DEFAULT_STEPS if s not in ("teh_marbuta", "alef_maksura")
    )


def test_configurable_steps_can_be_switched_off():
    n = Normaliser(teh_marbuta=False, alef_maksura=False, hamza=False)
    assert n("فى المدرسة مسؤول") == "فى المدرسة مسؤول"


def test_each_step_is_a_pure_function():
    for step in STEPS.values():
        sample = "".join(step.mapping)[:50]
        assert step(sample) == step(sample)
        assert step("") == ""


def test_unknown_step_lists_valid_ones():
    with pytest.raises(OptionError, match="unknown normalisation step 'stemming'.*diacritics"):
        Normaliser(("diacritics", "stemming"))


def test_non_idempotent_pipeline_is_refused():
    # c -> a in the second step, but a -> b in the first: normalising twice
    # would turn c into b
    a_to_b = Step("a_to_b", "a to b", {"a": "b"})
    c_to_a = Step("c_to_a", "c to a", {"c": "a"})
    with pytest.raises(OptionError, match="not idempotent"):
        Normaliser((a_to_b, c_to_a))


def test_offsets_cover_diacritics_of_the_last_letter():
    nt = N.normalise("وزَعَمَتْ أن")
    assert nt.text == "وزعمت ان"
    a, b = nt.to_original(0, 5)
    assert nt.original[a:b] == "وزَعَمَتْ"
    a, b = nt.to_original(6, 8)
    assert nt.original[a:b] == "أن"


def test_offsets_without_changes_are_identity():
    nt = N.normalise("قال المتحدث")
    assert nt.is_identity and nt.to_original(4, 11) == (4, 11)


def test_offsets_out_of_range():
    with pytest.raises(IndexError):
        N.normalise("قال").to_original(0, 9)


@given(mixed_unicode_text())
def test_normalisation_is_idempotent(text):
    once = N(text)
    assert N(once) == once
    assert normalise(text) == once


@given(mixed_unicode_text(), st.data())
def test_any_span_maps_back_to_text_that_normalises_to_it(text, data):
    nt = N.normalise(text)
    assert nt.text == N(text)
    n = len(nt.text)
    a = data.draw(st.integers(0, n))
    b = data.draw(st.integers(a, n))
    oa, ob = nt.to_original(a, b)
    assert 0 <= oa <= ob <= len(text)
    # the original slice normalises to the normalised slice, unless the span
    # cuts a multi-letter expansion (a ligature) in two
    if all(nt.to_original(i, i + 1)[0] != nt.to_original(i - 1, i)[0] for i in (a, b) if 0 < i < n):
        assert N(text[oa:ob]) == nt.text[a:b]


@given(decorated())
def test_diacritics_tatweel_and_bidi_marks_do_not_change_the_result(pair):
    plain, noisy = pair
    assert N(noisy) == N(plain)
