import pytest
from hypothesis import given

from stance.testing import decorated, mixed_unicode_text
from stance.text.tokenise import Split, Tokeniser


@pytest.fixture(scope="module")
def tok(lexicons):
    return Tokeniser(lexicons)


def test_kinds_and_offsets(tok, lexicons):
    text = 'وقَالَ: "نحو ١٠٬٠٠٠ جندي" (AFP) 50%'
    nt = lexicons.normaliser.normalise(text)
    got = [(t.text, t.norm, t.kind) for t in tok.tokens(nt)]
    assert got == [
        ("وقَالَ", "وقال", "word"), (":", ":", "punct"), ('"', '"', "punct"), ("نحو", "نحو", "word"),
        ("١٠٬٠٠٠", "10,000", "number"), ("جندي", "جندي", "word"), ('"', '"', "punct"),
        ("(", "(", "punct"), ("AFP", "afp", "latin"), (")", ")", "punct"), ("50%", "50%", "number"),
    ]


@pytest.mark.parametrize(
    "word, split",
    [
        ("وزعمت", Split(("و",), "زعمت", "")),
        ("فاكدت", Split(("ف",), "اكدت", "")),
        ("وبحسب", Split(("و", "ب"), "حسب", "")),
        ("للجيش", Split(("ل", "ال"), "جيش", "")),  # li + al- is written لل
        ("وسيتم", Split(("و", "س"), "يتم", "")),
        ("برنامجها", Split((), "برنامج", "ها")),
        ("والتقى", Split(("و", "ال"), "تقي", "")),  # a candidate, even if wrong for this verb
    ],
)
def test_clitic_splits_include_the_right_one(tok, lexicons, word, split):
    assert split in tok.splits(lexicons.normaliser(word))


def test_unsplit_word_is_always_a_candidate_and_stems_respect_min_length(tok):
    for w in ["قال", "وزير", "لم"]:
        splits = tok.splits(w)
        assert Split((), w, "") in splits
        assert all(len(s.stem) >= tok.min_stem for s in splits)
        assert all(tok.attach(s.proclitics, s.stem) + s.enclitic == w for s in splits)


def test_future_marker_never_precedes_the_article(tok):
    assert all(not (len(c) > 1 and c[-2] == "س" and c[-1] == "ال") for c in tok.proclitic_chains())


@given(mixed_unicode_text())
def test_token_offsets_point_at_the_text_they_claim(lexicons, text):
    tok = Tokeniser(lexicons)
    nt = lexicons.normaliser.normalise(text)
    prev = -1
    for t in tok.tokens(nt):
        assert prev <= t.start < t.end <= len(text)
        assert text[t.start:t.end] == t.text
        assert lexicons.normaliser(t.text) == t.norm
        prev = t.end


@given(decorated())
def test_noise_does_not_change_tokens(lexicons, pair):
    tok = Tokeniser(lexicons)
    plain, noisy = pair
    n = lexicons.normaliser
    assert [t.norm for t in tok.tokens(n.normalise(noisy))] == [t.norm for t in tok.tokens(n.normalise(plain))]
