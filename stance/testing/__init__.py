"""Public hypothesis strategies for property-testing Arabic text processing.

Use them to test your own classifiers and ours::

    from hypothesis import given
    from stance.testing import arabic_text, decorated

    @given(arabic_text())
    def test_my_normaliser_is_idempotent(text):
        assert norm(norm(text)) == norm(text)
"""

from stance.testing.strategies import (
    arabic_text,
    arabic_words,
    decorate,
    decorated,
    mixed_unicode_text,
)

__all__ = ["arabic_text", "arabic_words", "decorate", "decorated", "mixed_unicode_text"]
