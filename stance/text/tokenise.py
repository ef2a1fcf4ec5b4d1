"""Tokenisation aware of Arabic clitics, enough for lexicon matching.

Tokens are found in the normalised view (digits ASCII, alef/hamza folded) and
carry offsets into the original text.  Clitics are not split off the tokens
themselves: :meth:`Tokeniser.splits` lists the plausible
``(proclitics, stem, enclitic)`` segmentations of a word from the clitic
lexicon (``lexicons/clitics.tsv``), and lexicon matchers either look the stems
up or, faster, expand their own forms with the same clitics ahead of time
(:meth:`Tokeniser.proclitic_chains`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterator, Sequence

from stance.lexicon import Lexicons
from stance.records import Token
from stance.text.normalise import NormalisedText

__all__ = ["Split", "Tokeniser", "quoted"]

_ARABIC_LETTERS = "\u0621-\u063a\u0641-\u064a\u0671-\u06d3\u06fa-\u06ff"
_TOKEN = re.compile(
    rf"(?P<word>[{_ARABIC_LETTERS}]+)"
    r"|(?P<number>\d+(?:[.,]\d+)*%?)"
    r"|(?P<latin>[^\W\d_]+(?:['’][^\W\d_]+)*)"
    r"|(?P<punct>[.,:;!?؟،؛\"'()\[\]{}«»\-/…])"
    r"|(?P<symbol>\S)"
)


@dataclass(frozen=True, slots=True)
class Split:
    """One segmentation of a word: ``proclitics + stem + enclitic == word``."""

    proclitics: tuple[str, ...]
    stem: str
    enclitic: str


class Tokeniser:
    """Splits normalised text into tokens and words into clitic segmentations.

    Parameters
    ----------
    lexicons : Lexicons
        Must contain the ``clitics`` table; its forms are already normalised
        with the same pipeline as the text.
    min_stem : int, default 2
        Shortest stem a segmentation may leave.
    """

    def __init__(self, lexicons: Lexicons, *, min_stem: int = 2) -> None:
        if min_stem < 1:
            raise ValueError(f"min_stem must be at least 1, got {min_stem}")
        self.min_stem = min_stem
        pro, enc = [], []
        for e in lexicons["clitics"]:
            (pro if e["type"] == "proclitic" else enc).append((e.norm["form"], e["class"], e["attaches_to"]))
        self._proclitics = tuple(pro)
        self._enclitics = tuple(sorted({f for f, _, _ in enc}, key=len, reverse=True))
        self._chains = self._build_chains()
        self.splits = lru_cache(maxsize=65536)(self._splits)

    def _build_chains(self) -> tuple[tuple[str, ...], ...]:
        """Proclitic sequences in Arabic order: conjunction, then preposition/future, then article."""
        order = {"conjunction": 0, "preposition": 1, "future": 1, "article": 2}
        by_slot: dict[int, list[tuple[str, str]]] = {0: [], 1: [], 2: []}
        for form, cls, _ in self._proclitics:
            by_slot[order[cls]].append((form, cls))
        chains = [()]
        for conj in [None] + by_slot[0]:
            for mid in [None] + by_slot[1]:
                for art in [None] + by_slot[2]:
                    if mid and art and mid[1] == "future":
                        continue  # the future marker takes verbs, the article nouns
                    parts = tuple(p[0] for p in (conj, mid, art) if p)
                    if parts and parts not in chains:
                        chains.append(parts)
        return tuple(chains)

    @property
    def enclitics(self) -> tuple[str, ...]:
        """The pronoun suffixes of the clitic lexicon, longest first."""
        return self._enclitics

    def proclitic_chains(self) -> tuple[tuple[str, ...], ...]:
        """Every proclitic sequence a word may start with, including the empty one.

        ``ل`` + ``ال`` is written ``لل`` in Arabic; :meth:`attach` handles that.
        """
        return self._chains

    @staticmethod
    def attach(chain: tuple[str, ...], stem: str) -> str:
        """Write proclitics before a stem as Arabic spelling does (ل + ال = لل)."""
        out = "".join(chain) + stem
        if len(chain) >= 2 and chain[-2] == "ل" and chain[-1] == "ال":
            out = "".join(chain[:-2]) + "لل" + stem
        return out

    def _splits(self, word: str) -> tuple[Split, ...]:
        out = []
        for chain in self._chains:
            prefix = self.attach(chain, "")
            if not word.startswith(prefix):
                continue
            rest = word[len(prefix):]
            for enc in ("",) + self._enclitics:
                if enc and not rest.endswith(enc):
                    continue
                stem = rest[: len(rest) - len(enc)] if enc else rest
                if len(stem) >= self.min_stem:
                    out.append(Split(chain, stem, enc))
        return tuple(out)

    def tokens(self, nt: NormalisedText, start: int = 0, end: int | None = None) -> list[Token]:
        """Tokens of ``nt.text[start:end]`` with offsets into ``nt.original``."""
        return list(self.iter_tokens(nt, start, end))

    def iter_tokens(self, nt: NormalisedText, start: int = 0, end: int | None = None) -> Iterator[Token]:
        """Lazily yield the tokens of ``nt.text[start:end]``."""
        end = len(nt.text) if end is None else end
        text, original = nt.text, nt.original
        if nt.is_identity:  # nothing was deleted: offsets are the same in both texts
            for m in _TOKEN.finditer(text, start, end):
                a, b = m.span()
                yield Token(a, b, original[a:b], m.group(), m.lastgroup)  # type: ignore[arg-type]
            return
        for m in _TOKEN.finditer(text, start, end):
            a, b = m.span()
            oa, ob = nt.to_original(a, b)
            yield Token(oa, ob, original[oa:ob], m.group(), m.lastgroup)  # type: ignore[arg-type]


def quoted(tokens: Sequence[Token], i: int) -> bool:
    """Whether token ``i`` is inside quotation marks, or in a quotation the sentence closes.

    Tokens are normalised, so every straight or curly double quote is ``"``; guillemets « »
    are counted as opening and closing marks.
    """
    before = sum(1 for t in tokens[:i] if t.norm == '"')
    opened = sum(1 for t in tokens[:i] if t.norm == "«") - sum(1 for t in tokens[:i] if t.norm == "»")
    if before % 2 == 1 or opened > 0:
        return True
    after = sum(1 for t in tokens[i:] if t.norm == '"')
    closes = any(t.norm == "»" for t in tokens[i:]) and not any(t.norm == "«" for t in tokens[i:])
    return (before == 0 and after % 2 == 1) or closes

