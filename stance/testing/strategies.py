"""Hypothesis strategies producing Arabic news-like text and its noisy variants."""

from __future__ import annotations

from hypothesis import strategies as st

__all__ = ["arabic_words", "arabic_text", "decorate", "decorated", "mixed_unicode_text"]

_LETTERS = "ءآأؤإئابةتثجحخدذرزسشصضطظعغفقكلمنهوىي"
_MARKS = "\u064b\u064c\u064d\u064e\u064f\u0650\u0651\u0652\u0670"
_TATWEEL = "\u0640"
_INVISIBLE = "\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u2066\u2067\u2069\u061c\ufeff"
_PUNCT = [".", "؟", "!", "،", "؛", ":", "..", "...", "،"]
_QUOTES = [('"', '"'), ("«", "»"), ("“", "”")]
_COMMON = ["قال", "أكد", "زعم", "نفى", "إن", "أن", "في", "على", "من", "إلى", "وزارة", "الدفاع",
           "الروسية", "كوريا", "الشمالية", "نحو", "حوالي", "جندي", "مسؤول", "مسئول", "فى"]


def arabic_words(min_size: int = 1, max_size: int = 9) -> st.SearchStrategy[str]:
    """Arabic words: common news words or random strings of Arabic letters."""
    if min_size < 1 or max_size < min_size:
        raise ValueError(f"need 1 <= min_size <= max_size, got {min_size}, {max_size}")
    return st.one_of(
        st.sampled_from(_COMMON),
        st.text(alphabet=_LETTERS, min_size=min_size, max_size=max_size),
    )


def _number() -> st.SearchStrategy[str]:
    ascii_ = st.sampled_from(["10,000", "3.5", "12", "1500", "8", "2024", "50%"])
    indic = st.sampled_from(["١٠٬٠٠٠", "٣٫٥", "١٢", "۱۵۰۰", "٢٠٢٤"])
    return st.one_of(ascii_, indic)


@st.composite
def _sentence(draw) -> str:
    words = draw(st.lists(st.one_of(arabic_words(), _number()), min_size=1, max_size=14))
    if draw(st.booleans()) and len(words) > 2:
        i = draw(st.integers(0, len(words) - 2))
        j = draw(st.integers(i + 1, len(words)))
        q_open, q_close = draw(st.sampled_from(_QUOTES))
        words = words[:i] + [q_open + " ".join(words[i:j]) + q_close] + words[j:]
    return " ".join(words) + draw(st.sampled_from(_PUNCT + [""]))


@st.composite
def arabic_text(draw, max_sentences: int = 8) -> str:
    """News-like Arabic: sentences with punctuation, numbers, quotations and line breaks."""
    parts = draw(st.lists(_sentence(), min_size=1, max_size=max_sentences))
    seps = draw(st.lists(st.sampled_from([" ", "\n", "\n\n", "  ", "\r\n"]),
                         min_size=len(parts), max_size=len(parts)))
    return "".join(p + s for p, s in zip(parts, seps))


@st.composite
def decorate(draw, text: str) -> str:
    """Add diacritics, tatweel and invisible bidi/zero-width marks to ``text``.

    The result normalises to the same text as ``text`` (diacritics only follow
    letters and tatweel only joins two letters, as in real writing).
    """
    out = []
    for i, ch in enumerate(text):
        out.append(ch)
        if ch in _LETTERS or "\u0621" <= ch <= "\u064a":
            if draw(st.integers(0, 3)) == 0:
                out.append(draw(st.sampled_from(_MARKS)))
            nxt = text[i + 1] if i + 1 < len(text) else ""
            if nxt and nxt in _LETTERS and draw(st.integers(0, 6)) == 0:
                out.append(_TATWEEL * draw(st.integers(1, 3)))
        if draw(st.integers(0, 12)) == 0:
            out.append(draw(st.sampled_from(_INVISIBLE)))
    return "".join(out)


def decorated() -> st.SearchStrategy[tuple[str, str]]:
    """Pairs ``(plain, noisy)`` of Arabic text and the same text with diacritics, tatweel and bidi marks."""
    return arabic_text().flatmap(lambda t: st.tuples(st.just(t), decorate(t)))


def mixed_unicode_text() -> st.SearchStrategy[str]:
    """Arbitrary Unicode interleaved with noisy Arabic: the worst a scraper can hand over."""
    noisy = arabic_text().flatmap(decorate)
    return st.lists(st.one_of(st.text(max_size=30), noisy), min_size=1, max_size=4).map("".join)
