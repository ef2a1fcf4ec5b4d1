"""Frozen records that flow between the pipeline stages.

Every character offset in these records points into the ORIGINAL text of a
document, never into its normalised view, so that ``doc.text[start:end]`` is
always the exact text a record talks about.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

__all__ = ["Document", "Rejected", "Sentence", "Token", "Removed", "TokenKind"]

TokenKind = Literal["word", "number", "punct", "latin", "symbol"]


@dataclass(frozen=True, slots=True)
class Document:
    """One input article.

    Attributes
    ----------
    id : str
        Identifier, unique within a corpus run.
    source : str
        The outlet that published it (a domain such as ``aljazeera.net`` when
        taken from a url, or any id the user gives).
    text : str
        The original text, decoded, exactly as read (BOM removed).
    date, title, url, story : str or None
        Optional metadata. ``story`` groups documents about the same event.
    origin : str
        Where it was read from: ``path`` or ``path:line`` or ``<stdin>``.
    """

    id: str
    source: str
    text: str
    date: str | None = None
    title: str | None = None
    url: str | None = None
    story: str | None = None
    origin: str = ""


@dataclass(frozen=True, slots=True)
class Rejected:
    """An input document that could not be analysed, with the reason."""

    id: str
    origin: str
    reason: str


@dataclass(frozen=True, slots=True)
class Removed:
    """A span of a document removed as boilerplate or appended content.

    ``kind`` is a class of ``lexicons/boilerplate.tsv`` (``source_credit``,
    ``read_also``, ``related_list``, ``tags``, ``app_promo``, ``caption``,
    ``navigation``, ...) or one of the structural kinds ``duplicate_line`` and
    ``appended_article``. ``marker`` is the lexicon form (or rule) that fired.
    """

    start: int
    end: int
    kind: str
    marker: str
    text: str


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence: ``text == document.text[start:end]``; ``norm`` is its normalised form."""

    index: int
    start: int
    end: int
    text: str
    norm: str


@dataclass(frozen=True, slots=True)
class Token:
    """A token: ``text == document.text[start:end]``; ``norm`` its normalised form.

    ``kind`` is ``word`` (Arabic letters), ``number`` (digits with internal
    separators, ``10,000``, ``3.5``, ``50%``), ``latin``, ``punct`` or ``symbol``.
    Clitic segmentations of a word: :meth:`stance.text.tokenise.Tokeniser.splits`.
    """

    start: int
    end: int
    text: str
    norm: str
    kind: TokenKind
