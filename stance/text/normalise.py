"""Normalisation: an explicit pipeline of pure character-level steps with an offset map.

Each :class:`Step` maps single characters to strings (possibly empty), so the
whole pipeline compiles into one translation table and every character of the
normalised text knows which character of the original it came from.  That is
what lets every span found in normalised text point back to the exact original
characters (:meth:`NormalisedText.to_original`).

The Arabic knowledge (which code points are harakat, hamza carriers, alef
variants, ...) comes from pyarabic's named constants; the mapping itself is
done with ``str.translate``, which is an order of magnitude faster than
pyarabic's per-character loops (see ``shared/PERFORMANCE.md``).

Examples
--------
>>> n = Normaliser()
>>> n("أكّــدتْ")
'اكدت'
>>> nt = n.normalise("وزَعَمَتْ وكالة")
>>> nt.text
'وزعمت وكاله'
>>> nt.to_original(0, 5)
(0, 9)
"""

from __future__ import annotations

import re
import unicodedata
from array import array
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Mapping

import pyarabic.araby as araby

from stance.errors import OptionError

__all__ = ["Step", "STEPS", "DEFAULT_STEPS", "Normaliser", "NormalisedText", "normalise"]


@dataclass(frozen=True)
class Step:
    """One pure normalisation step: a mapping from characters to replacement strings.

    Attributes
    ----------
    name : str
        Identifier used in the recorded pipeline (``Normaliser.steps``).
    description : str
        What the step does, for reports and documentation.
    mapping : Mapping[str, str]
        Single characters to their replacement ('' deletes the character).
    attach_left : bool
        Deleted characters of this step (combining marks, tatweel) belong to the
        preceding letter: a span ending at that letter extends over them.
    """

    name: str
    description: str
    mapping: Mapping[str, str]
    attach_left: bool = False
    _table: Mapping[int, str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        bad = [k for k in self.mapping if len(k) != 1]
        if bad:
            raise OptionError(f"step {self.name!r}: keys must be single characters, got {bad[:3]!r}")
        object.__setattr__(self, "mapping", MappingProxyType(dict(self.mapping)))
        object.__setattr__(self, "_table", {ord(k): v for k, v in self.mapping.items()})

    def __call__(self, text: str) -> str:
        """Apply this step alone to ``text``."""
        return text.translate(self._table)


def _chars(first: int, last: int) -> list[str]:
    return [chr(c) for c in range(first, last + 1)]


def _presentation_forms() -> dict[str, str]:
    """Arabic presentation forms (U+FB50-FDFF, U+FE70-FEFF) to their letters.

    Only forms whose compatibility decomposition is made of letters and marks
    are included, so that an expansion never contains a space or punctuation
    that a tokeniser could split.
    """
    out = {}
    for c in _chars(0xFB50, 0xFDFF) + _chars(0xFE70, 0xFEFC):
        d = unicodedata.normalize("NFKC", c)
        if d != c and d and all(unicodedata.category(x)[0] in "LM" for x in d):
            out[c] = d
    return out


_MARKS = (
    list(araby.TASHKEEL)  # fathatan .. sukun, shadda
    + _chars(0x0653, 0x065F)  # madda above, hamza above/below, other small marks
    + [araby.MINI_ALEF]  # superscript alef U+0670
    + _chars(0x0610, 0x061A)  # honorific and Quranic signs above letters
    + _chars(0x06D6, 0x06DC)
    + _chars(0x06DF, 0x06E4)
    + _chars(0x06E7, 0x06E8)
    + _chars(0x06EA, 0x06ED)
    + _chars(0x08D3, 0x08FF)  # extended Arabic marks
)

_CONTROLS = (
    ["\u200b", "\u200c", "\u200d", "\u200e", "\u200f", "\u2060", "\ufeff", "\u00ad", "\u061c"]
    + _chars(0x202A, 0x202E)  # bidi embeddings and overrides
    + _chars(0x2066, 0x2069)  # bidi isolates
)

_DOUBLE_QUOTES = "\u201c\u201d\u201e\u201f\u00ab\u00bb\u2033\u301d\u301e\uff02"
_SINGLE_QUOTES = "\u2018\u2019\u201a\u201b\u2032\u2039\u203a"
_DASHES = "\u2010\u2011\u2012\u2013\u2014\u2015\u2212\ufe58\ufe63\uff0d"
_SPACES = "\u00a0\u1680\u202f\u205f\u3000" + "".join(_chars(0x2000, 0x200A))

STEPS: Mapping[str, Step] = MappingProxyType(
    {
        s.name: s
        for s in (
            Step(
                "presentation_forms",
                "Arabic presentation forms (ligatures, contextual shapes) to plain letters",
                _presentation_forms(),
            ),
            Step(
                "letter_variants",
                "Persian and Urdu letter variants used in Arabic text (ک ی ھ ۀ) to Arabic letters",
                {"\u06a9": "\u0643", "\u06aa": "\u0643", "\u06cc": "\u064a", "\u06d2": "\u064a",
                 "\u06be": "\u0647", "\u06c1": "\u0647", "\u06d5": "\u0647", "\u06c3": "\u0629",
                 "\u06c0": "\u0647"},
            ),
            Step(
                "controls",
                "zero-width, soft hyphen, byte-order and bidirectional control characters removed",
                {c: "" for c in _CONTROLS},
            ),
            Step("diacritics", "harakat, tanwin, shadda, sukun and Quranic marks removed",
                 {c: "" for c in _MARKS}, attach_left=True),
            Step("tatweel", "tatweel (kashida) removed", {araby.TATWEEL: ""}, attach_left=True),
            Step(
                "alef",
                "alef with hamza above or below, madda and wasla to bare alef",
                {araby.ALEF_HAMZA_ABOVE: araby.ALEF, araby.ALEF_HAMZA_BELOW: araby.ALEF,
                 araby.ALEF_MADDA: araby.ALEF, araby.ALEF_WASLA: araby.ALEF},
            ),
            Step(
                "hamza",
                "hamza on waw or yeh to bare hamza, so that مسئول and مسؤول meet",
                {araby.WAW_HAMZA: araby.HAMZA, araby.YEH_HAMZA: araby.HAMZA},
            ),
            Step("alef_maksura", "alef maksura to yeh (فى = في)", {araby.ALEF_MAKSURA: araby.YEH}),
            Step("teh_marbuta", "teh marbuta to heh (وكالة = وكاله)", {araby.TEH_MARBUTA: araby.HEH}),
            Step(
                "digits",
                "Arabic-Indic and Persian digits, decimal and thousands separators and percent to ASCII",
                {**{chr(0x0660 + i): str(i) for i in range(10)},
                 **{chr(0x06F0 + i): str(i) for i in range(10)},
                 "\u066b": ".", "\u066c": ",", "\u066a": "%"},
            ),
            Step(
                "punctuation",
                'typographic and guillemet quotation marks to " and \', dashes and minus to -',
                {**{c: '"' for c in _DOUBLE_QUOTES}, **{c: "'" for c in _SINGLE_QUOTES},
                 **{c: "-" for c in _DASHES}},
            ),
            Step(
                "spaces",
                "no-break and typographic spaces to space; CR, line and paragraph separators to newline",
                {**{c: " " for c in _SPACES}, "\r": "\n", "\u2028": "\n", "\u2029": "\n",
                 "\t": " ", "\x0b": "\n", "\x0c": "\n", "\x85": "\n"},
            ),
            Step("latin_case", "ASCII letters lower-cased", {chr(c): chr(c + 32) for c in range(65, 91)}),
        )
    }
)

DEFAULT_STEPS: tuple[str, ...] = tuple(STEPS)

_CONFIGURABLE = ("alef", "hamza", "alef_maksura", "teh_marbuta", "latin_case")


@dataclass(frozen=True)
class NormalisedText:
    """The normalised view of an original text, with the map back to it.

    Attributes
    ----------
    original : str
        The text as given.
    text : str
        The normalised text.
    """

    original: str
    text: str
    _owner: array | None = field(default=None, repr=False, compare=False)
    _attach: frozenset = field(default=frozenset(), repr=False, compare=False)

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map the half-open span ``[start, end)`` of :attr:`text` to the original.

        Characters deleted by normalisation that sit inside the span belong to
        it; combining marks and tatweel right after its last letter belong to it
        too (a word keeps its final sukun).  Raises ``IndexError`` for a span
        outside the text.
        """
        n = len(self.text)
        if not 0 <= start <= end <= n:
            raise IndexError(f"span ({start}, {end}) is outside the normalised text of length {n}")
        owner = self._owner
        if owner is None:
            return start, end
        if start == end:
            pos = owner[start] if start < n else len(self.original)
            return pos, pos
        o_start = owner[start]
        o_end = owner[end - 1] + 1
        original, attach = self.original, self._attach
        while o_end < len(original) and original[o_end] in attach:
            o_end += 1
        return o_start, o_end

    @property
    def is_identity(self) -> bool:
        """True when every normalised character sits at its original offset."""
        return self._owner is None


class Normaliser:
    """A normalisation pipeline: an ordered tuple of :class:`Step` applied as one.

    Parameters
    ----------
    steps : sequence of str or Step, optional
        The steps in order; names refer to :data:`STEPS`.  Defaults to
        :data:`DEFAULT_STEPS`, minus those switched off below.
    alef, hamza, alef_maksura, teh_marbuta, latin_case : bool, default True
        Switch the configurable folding steps on or off.

    Raises
    ------
    OptionError
        For an unknown step name, or steps whose combination is not idempotent.
    """

    def __init__(
        self,
        steps: tuple[str | Step, ...] | None = None,
        *,
        alef: bool = True,
        hamza: bool = True,
        alef_maksura: bool = True,
        teh_marbuta: bool = True,
        latin_case: bool = True,
    ) -> None:
        switches = {"alef": alef, "hamza": hamza, "alef_maksura": alef_maksura,
                    "teh_marbuta": teh_marbuta, "latin_case": latin_case}
        chosen = DEFAULT_STEPS if steps is None else tuple(steps)
        resolved: list[Step] = []
        for s in chosen:
            if isinstance(s, Step):
                resolved.append(s)
                continue
            if s not in STEPS:
                raise OptionError(
                    f"unknown normalisation step {s!r}; expected one of: {', '.join(STEPS)}"
                )
            if s in _CONFIGURABLE and not switches[s]:
                continue
            resolved.append(STEPS[s])
        self._steps = tuple(resolved)
        self._table, self._changing, self._attach = self._compile(self._steps)

    @staticmethod
    def _compile(steps: tuple[Step, ...]) -> tuple[dict[int, str], re.Pattern | None, frozenset]:
        keys = set()
        for st in steps:
            keys.update(st.mapping)
        composed: dict[str, str] = {}
        for c in keys:
            out = c
            for st in steps:
                out = st(out)
            if out != c:
                composed[c] = out
        table = {ord(k): v for k, v in composed.items()}
        for c, out in composed.items():
            if out.translate(table) != out:
                raise OptionError(
                    f"normalisation steps {[s.name for s in steps]} are not idempotent: "
                    f"{c!r} -> {out!r} -> {out.translate(table)!r}; reorder the steps"
                )
        changing = sorted(c for c, out in composed.items() if len(out) != 1)
        pattern = re.compile("[" + "".join(re.escape(c) for c in changing) + "]") if changing else None
        attach = frozenset(
            c for st in steps if st.attach_left for c, v in st.mapping.items() if composed.get(c) == ""
        )
        return table, pattern, attach

    @property
    def steps(self) -> tuple[str, ...]:
        """Names of the steps in the order they are applied (the recorded pipeline)."""
        return tuple(s.name for s in self._steps)

    def __call__(self, text: str) -> str:
        """Return the normalised text (no offset map)."""
        return text.translate(self._table)

    def normalise(self, text: str) -> NormalisedText:
        """Return the normalised text with the map back to ``text``."""
        norm = text.translate(self._table)
        if self._changing is None or len(norm) == len(text) and not self._changing.search(text):
            return NormalisedText(text, norm)
        owner = array("q")
        prev = 0
        table = self._table
        for m in self._changing.finditer(text):
            pos = m.start()
            owner.extend(range(prev, pos))
            width = len(table[ord(text[pos])])
            if width:
                owner.extend([pos] * width)
            prev = pos + 1
        owner.extend(range(prev, len(text)))
        return NormalisedText(text, norm, owner, self._attach)

    def __repr__(self) -> str:
        return f"Normaliser(steps={self.steps!r})"


_DEFAULT = Normaliser()


def normalise(text: str) -> str:
    """Normalise ``text`` with the default pipeline (see :data:`DEFAULT_STEPS`)."""
    return _DEFAULT(text)
