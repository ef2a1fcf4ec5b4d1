"""Sentence segmentation for Arabic news text.

Works on the normalised view of a document (quotation marks unified, digits
ASCII) and returns :class:`~stance.records.Sentence` records whose offsets
point into the original text.  The rules, in order:

1. Line breaks end a sentence (headlines, section headings and the
   one-sentence-per-line layout of scraped corpora).
2. ``. ! ? ؟ ؛ ;`` end a sentence, with these exceptions:
   - a full stop between digits (``3.5``, ``10.000``) or directly before a
     Latin letter or digit (``aljazeera.net``);
   - a full stop after a single letter (``أ.ف.ب``, ``د. محمد``, ``U.S.``);
   - two or more dots (``..``, ``...``, ``…``): the headline ellipsis of
     Arabic news, which joins rather than ends;
   - inside a quotation that closes later on the same line, so quoted speech
     of several sentences stays with the verb that introduces it; a
     terminator right before the closing quotation mark ends the sentence
     after that mark.
   A full stop glued to the next word (``الكورية".وكان``) still ends the
   sentence, and space-separated punctuation (``فحسب .``) is handled alike.
3. Closing quotation marks and brackets after a terminator belong to the
   sentence that ends.
4. Whitespace and list bullets at the edges are not part of a sentence; a
   fragment with no letter or digit (``1.``, ``***``) joins the next sentence
   on its line or is skipped when the line has nothing else.
"""

from __future__ import annotations

import re
from typing import Iterable

from stance.records import Sentence
from stance.text.normalise import NormalisedText

__all__ = ["segment", "sentence_spans"]

_TERMINATOR_RUN = re.compile(r'[.!?؟؛;…]+(?:\s*[!?؟])*[")\]»]*')
_CONTENT = re.compile(r"[^\W_]")  # any letter or digit
_EDGE = " \t\n•◦▪●·*-–—|>"
_LATIN_OR_DIGIT = re.compile(r"[0-9a-zA-Z]")
_LETTER = re.compile(r"[^\W\d_]")
_CLOSERS = '.!?؟؛;…")]»'


def _quote_ranges(line: str) -> list[tuple[int, int]]:
    """Pairs of double quotation marks on a line, as (open, close) indices."""
    marks = [i for i, c in enumerate(line) if c == '"']
    return [(marks[i], marks[i + 1]) for i in range(0, len(marks) - 1, 2)]


def _is_boundary(line: str, m: re.Match, quotes: list[tuple[int, int]]) -> tuple[bool, int]:
    """Decide whether the terminator run ``m`` ends a sentence; return (yes, end)."""
    run = m.group()
    start, end = m.start(), m.end()
    dots = run.rstrip('")]»')
    if dots.count(".") + 3 * dots.count("…") >= 2 and set(dots) <= {".", "…", " "}:
        return False, end  # headline ellipsis
    before = line[start - 1] if start > 0 else ""
    after = line[end] if end < len(line) else ""
    if dots == ".":
        if before.isdigit() and after.isdigit():
            return False, end
        if after and _LATIN_OR_DIGIT.match(after) and not before.isspace():
            return False, end
        # a single letter before the stop: an abbreviation such as أ.ف.ب or U.S.
        if before and _LETTER.match(before) and (start < 2 or not _LETTER.match(line[start - 2])):
            if start < 2 or line[start - 2] in " .(\"'":
                return False, end
    for q_open, q_close in quotes:
        if q_open < start < q_close:
            tail = line[end:q_close]
            if tail.strip(" ") == "":
                # terminator right before the closing mark: the sentence ends after it
                close_end = q_close + 1
                while close_end < len(line) and line[close_end] in _CLOSERS:
                    close_end += 1
                return True, close_end
            return False, end
    return True, end


def _trim(line: str, a: int, b: int) -> tuple[int, int]:
    while a < b and (line[a] in _EDGE or line[a].isspace()):
        a += 1
    while b > a and line[b - 1].isspace():
        b -= 1
    return a, b


def _line_spans(line: str) -> list[tuple[int, int]]:
    quotes = _quote_ranges(line)
    spans: list[tuple[int, int]] = []
    pos = 0
    for m in _TERMINATOR_RUN.finditer(line):
        if m.end() <= pos:
            continue
        ok, end = _is_boundary(line, m, quotes)
        if ok:
            spans.append((pos, end))
            pos = end
    if pos < len(line):
        spans.append((pos, len(line)))
    out: list[tuple[int, int]] = []
    carry = None
    for a, b in spans:
        if carry is not None:
            a = carry
            carry = None
        ta, tb = _trim(line, a, b)
        if ta >= tb:
            continue
        if not _CONTENT.search(line, ta, tb):
            if out:  # stray punctuation belongs to the sentence before it
                out[-1] = (out[-1][0], tb)
            continue
        if not _LETTER.search(line, ta, tb) and b < len(line):
            carry = a  # a list number such as "1." joins the sentence it numbers
            continue
        out.append((ta, tb))
    return out


def sentence_spans(text: str, regions: Iterable[tuple[int, int]] | None = None) -> list[tuple[int, int]]:
    """Sentence spans of a (normalised) text, limited to ``regions`` when given."""
    regions = [(0, len(text))] if regions is None else list(regions)
    spans: list[tuple[int, int]] = []
    for r_start, r_end in regions:
        pos = r_start
        while pos < r_end:
            nl = text.find("\n", pos, r_end)
            stop = r_end if nl == -1 else nl
            if stop > pos:
                for a, b in _line_spans(text[pos:stop]):
                    spans.append((pos + a, pos + b))
            pos = stop + 1
    return spans


def segment(nt: NormalisedText, regions: Iterable[tuple[int, int]] | None = None) -> list[Sentence]:
    """Split a normalised document into sentences.

    Parameters
    ----------
    nt : NormalisedText
        The document's normalised view (see :class:`~stance.text.normalise.Normaliser`).
    regions : iterable of (start, end), optional
        Spans of ``nt.text`` to segment (the text kept after boilerplate
        removal); the whole text when omitted.

    Returns
    -------
    list of Sentence
        Indexed from 0 in document order, offsets into ``nt.original``.
    """
    out = []
    for a, b in sentence_spans(nt.text, regions):
        start, end = nt.to_original(a, b)
        out.append(Sentence(len(out), start, end, nt.original[start:end], nt.text[a:b]))
    return out
