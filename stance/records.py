"""Frozen records that flow between the pipeline stages.

Every character offset in these records points into the ORIGINAL text of a
document, never into its normalised view, so that ``doc.text[start:end]`` is
always the exact text a record talks about.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

__all__ = ["Document", "Rejected", "Sentence", "Token", "Removed", "TokenKind", "Attribution", "Assertion", "Stance",
           "Framing"]

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


Stance = Literal["endorse", "neutral", "distance", "deny"]


@dataclass(frozen=True, slots=True)
class Attribution:
    """One attribution cue in a document, with its speaker, party and content.

    Offsets (``start``/``end`` of the cue, ``speaker_start``/``speaker_end``,
    ``content_start``/``content_end``) point into the ORIGINAL document text;
    ``cue``, ``speaker`` and ``content`` are the original text at those spans.

    Attributes
    ----------
    doc_id, source : str
    sentence : int
        Index of the sentence in the document.
    start, end : int
        The cue's span.
    cue, lemma, cue_class : str
        The cue as written, its lemma and class (``factive``, ``report``,
        ``according``, ``distancing``, ``denial``, ``estimate``).
    stance : Stance
        The coarse stance of the cue: endorse, neutral, distance or deny.
    negated, hedged : bool
    hedges : tuple of str
        The hedge words found (as written), the cue itself for estimate cues.
    speaker, party : str or None
        The source as named, and its canonical party id.
    speaker_rule : str
        How the speaker was found: ``after_cue`` (verb first), ``before_cue``
        (subject first), ``preposition``, ``chain`` (the original speaker of a
        relayed report), ``sentence_subject``, ``inherited`` or ``none``.
    content : str or None
    """

    doc_id: str
    source: str
    sentence: int
    start: int
    end: int
    cue: str
    lemma: str
    cue_class: str
    stance: Stance
    negated: bool
    hedged: bool
    hedges: tuple[str, ...]
    speaker: str | None
    party: str | None
    content: str | None
    speaker_rule: str = "none"
    speaker_start: int | None = None
    speaker_end: int | None = None
    content_start: int | None = None
    content_end: int | None = None


@dataclass(frozen=True, slots=True)
class Assertion:
    """A sentence in which the writer asserts something in its own voice (no attribution cue)."""

    doc_id: str
    source: str
    sentence: int
    start: int
    end: int
    text: str
    parties: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Framing:
    """One framing term in a document: a name for an event or a party that frames it.

    Offsets point into the ORIGINAL document text; ``term`` is the text at
    start:end.

    Attributes
    ----------
    doc_id, source : str
    sentence : int
    start, end : int
    term : str
        The term as written.
    pattern : str
        The lexicon entry that matched (with ``{party}`` for its slot).
    referent : str
        What is named: an event id (``UKRAINE_WAR``), a party id, or ``-``.
    name : str
        The naming category (war, operation, regime, government, ...).
    frame, role : str
        The frame category and the role the term gives the party.
    party : str or None
        The party the role attaches to.
    valence : float
        The evaluation of that party, from -2 to +2.
    rule : str
        How the party was found: ``term``, ``slot``, ``nisba``, ``possessive``,
        ``proximity`` or ``none``.
    quoted : bool
        The term is inside quotation marks (a source's words the outlet quotes).
    """

    doc_id: str
    source: str
    sentence: int
    start: int
    end: int
    term: str
    pattern: str
    referent: str
    name: str
    frame: str
    role: str
    party: str | None
    valence: float
    rule: str
    quoted: bool

