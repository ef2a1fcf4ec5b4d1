"""Numbers: the value of a number phrase and the quantities a sentence reports.

The numeric consistency table of the comparator shows each outlet's figure for
the same quantity, so every way of writing a figure must give the same value:
``10 آلاف``, ``عشرة آلاف``, ``10,000``, ``١٠٬٠٠٠``, ``10 ألف`` and ``عشرة الاف``
all give ``10000.0``.

Two public functions:

- :func:`parse_number` reads one number phrase (digits in any script, thousands
  and decimal separators, number words with their clitics, multipliers,
  fractions) and returns its value;
- :func:`find_quantities` finds every quantity of a sentence with its offsets,
  its value, the canonical unit of the noun it counts and whether it is hedged.

All Arabic knowledge is data: number words, multipliers, fractions, vague
words, ordinals, approximators, month names, reference nouns and year markers
are rows of ``lexicons/numbers.tsv``; counted nouns and their canonical unit
keys are rows of ``lexicons/units.tsv``; the approximators of
``lexicons/hedges.tsv`` count too, and nationality words of
``lexicons/party_aliases.tsv`` (alias types ``nisba`` and ``demonym``) count
people (unit ``person``).  This module holds only the grammar that combines
them.

Decisions a caller must know
----------------------------
- **Vague numbers have no value.** A phrase with a vague word (بضعة، عدة،
  عشرات، مئات) or a plural multiplier without a count (آلاف الجنود، عشرات
  الآلاف، ملايين) gives ``None`` from :func:`parse_number` and is not reported
  by :func:`find_quantities`: a lower bound would put 1,000 beside another
  outlet's 10,000 in the consistency table.
- **Not quantities**, so not reported: years (a 4-digit number from 1900 to
  2100 with no unit and no approximator before it, or any number after
  عام/العام/سنة), days of the month (1-31 before or after a month name,
  ``19 يونيو``, ``ديسمبر 27``, and the first day of a range ``من 8 إلى 13
  أكتوبر``), dates and times written with separators (``2024-06-19``,
  ``19/6``, ``10:30``, also with spaces around the separators), a year or an
  hour followed by a date suffix (``1422 م``, ``1438 هـ``, ``7 ص``), numbers
  after a reference noun (``المادة 51``, ``القرار 2254``, ``إف 16``), ordinals
  (``الثاني عشر``, and ``الـ15`` when no unit follows), numbers glued to Latin
  letters or to a word by a hyphen (``MH17``, ``ف-16``), phone-like numbers (a
  leading ``+`` or ``0``, digit groups side by side, three figures joined by
  dashes), a list number opening the text (``2 - ...``, ``1) ...``), a lone
  ``واحد``/``واحدة`` (one, usually an adjective: ``أسبوع واحد``) and a lone
  fraction (``نصف``, ``ربع``).
- **Ranges**: in ``10 إلى 12 ألف جندي`` and ``10,000 إلى 12,000 جندي`` the first
  figure takes the unit and the multiplier (when its count is smaller) of the
  second, an approximator of either figure makes both approximate, and both
  figures are reported.
- **Separators**: ``,`` and ``٬`` before groups of three digits, and a space
  between groups of three digits, separate thousands; ``.`` and ``٫`` are
  decimal points (``10.000`` is 10.0) unless they separate two or more groups
  of three (``1.234.567``); ``,`` is a decimal comma when it is not followed by
  exactly three digits (``3,5`` is 3.5).
- **Clitics**: number words may carry و/ف and ب/ل/ك (``وعشرون``, ``بعشرة``),
  except the two-letter ست (``لست`` is "you are not"); a unit word takes the
  article only after من (``من الجنود``; ``بالمئة`` and ``في المئة`` are forms of
  their own); a final accusative alef is dropped from a unit word (``عضوا``,
  ``قتيلا``).
- **Units**: the counted noun right after the number (``10 آلاف جندي``), after
  the partitive من (``1500 من الجنود``), or a symbol before or after it (``%50``,
  ``$100``); a noun with enclitics (``مواطنيها``) is not read.  Dual nouns
  without a number word (``قتيلين``, two killed) are not read either.
- Values are computed exactly (fractions) and returned as floats.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from fractions import Fraction
from itertools import pairwise

from stance.errors import LexiconError, OptionError
from stance.lexicon import Lexicons, load_lexicons
from stance.text.normalise import Normaliser
from stance.text.tokenise import Tokeniser

__all__ = ["Quantity", "find_quantities", "parse_number"]


@dataclass(frozen=True, slots=True)
class Quantity:
    """One quantity reported in a text.

    Attributes
    ----------
    start, end : int
        Offsets into the text given to :func:`find_quantities`;
        ``text[start:end]`` is the number phrase as written, multiplier words
        included (``10 آلاف``, ``عشرة آلاف``), without a proclitic (the و of
        ``وعشرة``), the approximator or the unit.
    text : str
        ``text[start:end]`` of the original text.
    value : float
        The value of the phrase (``10 آلاف`` -> 10000.0).
    unit : str or None
        Canonical unit key of the counted noun (``soldier``, ``killed``,
        ``usd``, ``km``, ``percent``, ``year``; see ``lexicons/units.tsv``), or
        ``person`` for a nationality word; ``None`` when no known noun follows.
    approximate : bool
        True when an approximator or a bound stands before the number (نحو،
        حوالي، أكثر من، ما يصل إلى) or after it or its noun (تقريبا، على الأقل).
    """

    start: int
    end: int
    text: str
    value: float
    unit: str | None
    approximate: bool


# --------------------------------------------------------------------------------------------
# tokens of the normalised text

# Arabic-Indic and Persian digits and the Arabic separators, one character for one (offsets
# keep), in case a caller's normaliser has no "digits" step.
_DIGITS = str.maketrans({**{chr(0x0660 + i): str(i) for i in range(10)},
                         **{chr(0x06F0 + i): str(i) for i in range(10)},
                         "\u066b": ".", "\u066c": ",", "\u066a": "%"})
_NON_ASCII_DIGITS = re.compile("[\u0660-\u066c\u06f0-\u06f9]")
_LETTERS = "\u0621-\u063a\u0641-\u064a\u0671-\u06d3\u06fa-\u06ff"  # as stance.text.tokenise
_WORD = re.compile(f"[{_LETTERS}]+")
_TOKEN = re.compile(
    rf"(?P<word>[{_LETTERS}]+)"
    r"|(?=\d)(?:(?P<date>(?<!\d)(?:\d{4} ?(?P<s1>[-/.]) ?\d{1,2} ?(?P=s1) ?\d{1,2}"  # 2024-06-19, 2017 - 11 - 28
    r"|\d{1,2} ?(?P<s2>[-/.]) ?\d{1,2} ?(?P=s2) ?\d{2,4}|\d{1,2} ?/ ?\d{1,2})(?![\d/]))"  # 19/6/2024, 19 / 6
    r"|(?P<time>(?<!\d)\d{1,2} ?: ?\d{2}(?: ?: ?\d{2})?(?!\d))"  # 10:30, 14 : 58 : 28
    r"|(?P<num>\d{1,3}(?:,\d{3})+(?:\.\d+)?(?!\d|,\d)"  # 10,000 and 1,234.5
    r"|\d{1,3}(?:\.\d{3}){2,}(?:,\d+)?(?!\d|\.\d)"  # 1.234.567
    r"|\d{1,3}(?:\.\d{3})+,\d+(?!\d)"  # 1.234,5
    r"|\d{1,3}(?: \d{3})+(?:\.\d+)?(?!\d|[.,]\d)"  # 10 000
    r"|\d+[.,]\d+|\d+))"  # 3.5, 3,5, 10
    r"|(?P<latin>[^\W\d_]+)"
    r"|(?P<sym>\S)"
)


class _Tok:
    """A token of the normalised text; ``conj``/``definite`` describe a proclitic glued to digits."""

    __slots__ = ("conj", "definite", "end", "glued", "kind", "start", "text")

    def __init__(self, kind: str, start: int, end: int, text: str) -> None:
        self.kind, self.start, self.end, self.text = kind, start, end, text
        self.conj = self.definite = False
        self.glued = ""  # what a number is glued to: "" | "clitic" | "word" | "latin" | "model" | "phone"


class _Elem:
    """One element of a number phrase: digits or a number word."""

    __slots__ = ("conj", "end", "i", "j", "kind", "start", "teen", "value", "word")

    def __init__(self, kind: str, value: Fraction | None, conj: bool, i: int, j: int, start: int, end: int,
                 word: bool) -> None:
        self.kind, self.value, self.conj = kind, value, conj
        self.i, self.j, self.start, self.end, self.word = i, j, start, end, word
        self.teen = False


class _Phrase:
    """A number phrase found in the tokens, with what surrounds it."""

    __slots__ = ("approximate", "drop", "elems", "end", "hedged", "i", "j", "mult", "start", "unit", "value")

    def __init__(self, elems: list[_Elem], value: Fraction | None) -> None:
        self.elems = elems
        self.i, self.j = elems[0].i, elems[-1].j
        self.start, self.end = elems[0].start, elems[-1].end
        self.value = value
        last = elems[-1]
        self.mult = last.value if last.kind in ("multiplier", "plural_multiplier") and last.value >= 1000 else None
        self.unit: str | None = None
        self.approximate = False
        self.hedged = False  # an approximator before the number (a year has none)
        self.drop = False

    @property
    def bare(self) -> bool:
        """A phrase of one digits token and nothing else (a candidate year or day)."""
        return len(self.elems) == 1 and self.elems[0].kind == "num" and not self.elems[0].word


_NUMERIC = ("cardinal", "multiplier", "plural_multiplier", "dual", "fraction", "ordinal")


def _ascii_digits(norm: str) -> str:
    return norm.translate(_DIGITS) if _NON_ASCII_DIGITS.search(norm) else norm


def _num_value(text: str) -> Fraction:
    """Value of a digits token matched by ``_TOKEN`` (separators as documented in the module)."""
    if " " in text:
        text = text.replace(" ", "")
    if "," in text and "." in text:
        if text.rfind(",") > text.rfind("."):  # 1.234,5
            text = text.replace(".", "").replace(",", ".")
        else:  # 1,234.5
            text = text.replace(",", "")
    elif "," in text:
        head, _, tail = text.rpartition(",")
        text = text.replace(",", "") if len(tail) == 3 else head.replace(",", "") + "." + tail
    elif text.count(".") > 1:
        text = text.replace(".", "")
    return Fraction(text)


class _Grammar:
    """The lexicon tables compiled for matching, for one normaliser."""

    def __init__(self, lexicons: Lexicons) -> None:
        self.normaliser = lexicons.normaliser
        tok = Tokeniser(lexicons)
        classes = {(e.norm["form"], e["type"]): e["class"] for e in lexicons["clitics"]}
        chains = tok.proclitic_chains()

        def cls(part: str) -> str:
            return classes.get((part, "proclitic"), "")

        # a number word takes a conjunction and a preposition, never the article
        num_chains = [c for c in chains if all(cls(p) in ("conjunction", "preposition") for p in c)]
        # the counted noun follows bare (10 جنود), or with the article after من (10 من الجنود)
        art_chains = [c for c in chains if all(cls(p) == "article" for p in c)]
        self.conj_words = frozenset(p for c in chains for p in c if cls(p) == "conjunction")

        def expand(form: str, use: Sequence[tuple[str, ...]], min_stem: int = 1):
            words = form.split(" ")
            first, rest = words[0], tuple(words[1:])
            for chain in use:
                if chain and len(first) < min_stem:
                    continue
                surface = tok.attach(chain, first)
                plen = len(surface) - len(first)
                yield surface, rest, plen, any(cls(p) == "conjunction" for p in chain)

        # number words: first word -> [(rest, kind, value, prefix length, conj)], longest first
        self.numwords: dict[str, list[tuple]] = {}
        self.pre: dict[tuple[str, ...], str] = {}
        self.post: dict[str, list[tuple]] = {}
        self.months: dict[str, list[tuple]] = {}
        self.ordinals: set[str] = set()
        self.ranges: set[str] = set()
        self.date_suffixes: set[str] = set()
        self.partitives: set[str] = set()
        problems = []
        for e in lexicons["numbers"]:
            form, kind, raw = e.norm["form"], e["kind"], e["value"]
            value = None
            if kind in _NUMERIC or (kind == "month" and raw != "-"):
                try:
                    value = Fraction(raw)
                except (ValueError, ZeroDivisionError):
                    problems.append(f"{e.where}: value {raw!r} of a {kind} row is not a number; "
                                    "write a number such as 1000 or a fraction such as 1/3")
                    continue
            if kind in ("cardinal", "multiplier", "plural_multiplier", "dual", "fraction", "vague"):
                for surface, rest, plen, conj in expand(form, num_chains, min_stem=3):
                    self.numwords.setdefault(surface, []).append((rest, kind, value, plen, conj))
            elif kind == "ordinal":
                self.ordinals.update(tok.attach(c, form) for c in chains)
            elif kind in ("approximator", "reference", "year_marker"):
                for surface, rest, _, _ in expand(form, chains):
                    self.pre.setdefault((surface,) + rest, kind)
            elif kind == "approximator_after":
                for surface, rest, _, _ in expand(form, num_chains):
                    self.post.setdefault(surface, []).append(rest)
            elif kind == "month":
                for surface, rest, _, _ in expand(form, chains):
                    self.months.setdefault(surface, []).append(rest)
            elif kind == "range":
                self.ranges.add(form)
            elif kind == "date_suffix":
                self.date_suffixes.add(form)
            elif kind == "partitive":
                self.partitives.update(tok.attach(c, form) for c in num_chains)
        if problems:
            raise LexiconError(problems)
        for e in lexicons["hedges"]:
            if e["class"] == "approximator":
                for surface, rest, _, _ in expand(e.norm["form"], chains):
                    self.pre.setdefault((surface,) + rest, "approximator")
        self.pre_len = max((len(k) for k in self.pre), default=0)
        # units: first word -> [(rest, unit)], bare and (after من) with the article;
        # symbols (%, $) may also stand right before the number
        self.units: dict[str, list[tuple]] = {}
        self.units_def: dict[str, list[tuple]] = {}
        self.symbols: dict[str, str] = {}
        for e in lexicons["units"]:
            form = e.norm["form"]
            if not _WORD.search(form):
                self.symbols[form] = e["unit"]
                continue
            for surface, rest, plen, _ in expand(form, art_chains):
                (self.units_def if plen else self.units).setdefault(surface, []).append((rest, e["unit"]))
        for e in lexicons["party_aliases"]:
            alias = e.norm["alias"]
            if e["alias_type"] in ("nisba", "demonym") and " " not in alias:
                self.units.setdefault(alias, []).append(((), "person"))
        for table in (self.numwords, self.units, self.units_def):
            for options in table.values():
                options.sort(key=lambda o: -len(o[0]))  # longest form first
        for table in (self.post, self.months):
            for options in table.values():
                options.sort(key=lambda rest: -len(rest))
        # a reported phrase starts with digits or with one of these words (a proclitic allowed)
        stems = {e.norm["form"].split(" ")[0] for e in lexicons["numbers"]
                 if e["kind"] in ("cardinal", "multiplier", "dual", "fraction")}
        prefixes = sorted({tok.attach(c, "") for c in num_chains} - {""}, key=len, reverse=True)
        self._precheck = _Precheck(self.normaliser, stems, prefixes)

    # -- tokens ---------------------------------------------------------------------------
    def tokens(self, norm: str, start: int = 0, end: int | None = None) -> list[_Tok]:
        """Tokens of ``norm[start:end]``; proclitics glued to digits (و10، بـ10، الـ10) are folded in."""
        out: list[_Tok] = []
        for m in _TOKEN.finditer(norm, start, len(norm) if end is None else end):
            t = _Tok(m.lastgroup or "sym", m.start(), m.end(), m.group())
            if t.kind == "num" and out and out[-1].end == t.start:
                prev = out[-1]
                if prev.kind == "word":
                    split = self._clitic_prefix(prev.text)
                    if split is None:
                        t.glued = "word"
                    else:
                        t.conj, t.definite = split
                        t.glued = "clitic"
                        out.pop()
                elif prev.kind == "latin":
                    t.glued = "latin"
                elif prev.text == "-" and len(out) > 1 and out[-2].end == prev.start \
                        and out[-2].kind in ("word", "latin"):
                    t.glued = "model"  # ف-16، S-400
                elif prev.text == "+":
                    t.glued = "phone"
            elif t.kind == "latin" and out and out[-1].kind == "num" and out[-1].end == t.start:
                out[-1].glued = out[-1].glued or "latin"
            out.append(t)
        return out

    def _clitic_prefix(self, word: str) -> tuple[bool, bool] | None:
        """(conjunction, article) if ``word`` is only proclitics (و، ب، وب، ال، بال، لل), else None."""
        if word in self.conj_words:
            return True, False
        definite = word.endswith(("ال", "لل"))
        stem = word[:-2] if definite else word
        if word == "لل":
            stem = ""
        conj = False
        if stem[:1] in self.conj_words:
            conj, stem = True, stem[1:]
        if stem in ("", "ب", "ل", "ك"):
            return conj, definite
        return None

    # -- number phrases ---------------------------------------------------------------------
    def element(self, toks: list[_Tok], i: int) -> _Elem | None:
        """The number element starting at token ``i`` (a bare و before it included)."""
        t = toks[i]
        if t.kind == "num":
            return _Elem("num", _num_value(t.text), t.conj, i, i + 1, t.start, t.end, False)
        if t.kind != "word":
            return None
        if t.text in self.conj_words and i + 1 < len(toks):
            e = self.element(toks, i + 1)
            if e is not None:
                e.conj, e.i = True, i
            return e
        for rest, kind, value, plen, conj in self.numwords.get(t.text, ()):
            n = len(rest)
            if n and tuple(x.text for x in toks[i + 1:i + 1 + n]) != rest:
                continue
            if n and any(x.kind != "word" for x in toks[i + 1:i + 1 + n]):
                continue
            return _Elem(kind, value, conj, i, i + 1 + n, t.start + plen, toks[i + n].end, True)
        return None

    def phrase(self, toks: list[_Tok], i: int) -> _Phrase | None:
        """The longest number phrase starting at token ``i``."""
        first = self.element(toks, i)
        if first is None or toks[i].kind == "word" and toks[i].text in self.conj_words:
            return None
        elems = [first]
        j = first.j
        while j < len(toks):
            e = self.element(toks, j)
            if e is None or not self._continues(elems, e, toks):
                break
            if e.kind == "cardinal" and not e.conj and e.value == 10:
                e.teen = True
            elems.append(e)
            j = e.j
        return _Phrase(elems, _evaluate(elems))

    def _continues(self, elems: list[_Elem], e: _Elem, toks: list[_Tok]) -> bool:
        prev = elems[-1]
        if prev.kind == "vague":  # عشرات الآلاف: vague anyway, keep it one phrase
            return not e.conj and e.kind == "plural_multiplier"
        if e.kind == "vague":
            return False
        if not e.conj:
            if e.kind in ("multiplier", "plural_multiplier"):
                if prev.kind in ("num", "cardinal", "fraction", "vague"):
                    return True
                if prev.kind == "dual":
                    return prev.value < 1000
                return prev.kind == "multiplier" and prev.value < e.value
            # a teen: a unit word then the word ten (ثلاثة عشر)
            return (e.kind == "cardinal" and e.word and e.value == 10 and prev.kind == "cardinal" and prev.word
                    and not prev.teen and 1 <= prev.value <= 9)
        if e.kind == "fraction":
            return prev.kind != "fraction"
        if e.kind not in ("cardinal", "dual", "num", "multiplier"):
            return False
        # after a multiplier or a hundred: a smaller figure (ألف وخمسمئة، مليون و200 ألف)
        big = prev.kind in ("multiplier", "plural_multiplier", "dual") or prev.value >= 100
        if e.kind == "num" and not (prev.word and prev.kind in ("multiplier", "plural_multiplier", "dual")):
            return False
        if big and e.value < prev.value:
            # ... unless a multiplier as large as the last one follows (10 آلاف و12 ألفا is a range)
            last = max((x.value for x in elems if x.kind in ("multiplier", "plural_multiplier")
                        and x.value >= 1000), default=None)
            nxt = self.element(toks, e.j) if e.j < len(toks) else None
            return not (last is not None and nxt is not None and not nxt.conj
                        and nxt.kind in ("multiplier", "plural_multiplier") and nxt.value >= last)
        # units then tens (خمسة وعشرون)
        return (e.kind == "cardinal" and prev.kind == "cardinal" and prev.word and not prev.teen
                and 1 <= prev.value <= 9 and 20 <= e.value <= 90 and e.value % 10 == 0
                and (len(elems) < 2 or elems[-2].kind in ("multiplier", "plural_multiplier", "dual")
                     or elems[-2].value > e.value))

    # -- context -------------------------------------------------------------------------------
    def unit_at(self, toks: list[_Tok], k: int) -> tuple[str, int] | None:
        """The unit whose noun starts at token ``k`` (the partitive من and a quote may come first)."""
        if k >= len(toks):
            return None
        t = toks[k]
        if t.kind == "sym":
            if t.text in self.symbols:
                return self.symbols[t.text], k + 1
            return None
        if t.kind != "word":
            return None
        found = self._unit_word(toks, k, (self.units,))
        if found is None and t.text in self.partitives:
            k2 = k + 1
            if k2 < len(toks) and toks[k2].kind == "sym" and toks[k2].text in "\"'«(":
                k2 += 1
            if k2 < len(toks) and toks[k2].kind == "word":
                found = self._unit_word(toks, k2, (self.units, self.units_def))
        return found

    def _unit_word(self, toks: list[_Tok], k: int, tables: tuple[dict, ...]) -> tuple[str, int] | None:
        text = toks[k].text
        for surface in (text, text[:-1] if len(text) > 2 and text.endswith("ا") else None):
            if surface is None:
                continue
            for rest, unit in (o for table in tables for o in table.get(surface, ())):
                n = len(rest)
                nxt = toks[k + 1:k + 1 + n]
                if all(x.kind == "word" for x in nxt) and tuple(x.text for x in nxt) == rest:
                    return unit, k + 1 + n
        return None

    def pre_marker(self, toks: list[_Tok], i: int) -> str | None:
        """Kind of the longest approximator, reference noun or year marker ending before token ``i``."""
        for n in range(min(self.pre_len, i), 0, -1):
            span = toks[i - n:i]
            if all(x.kind == "word" for x in span):
                kind = self.pre.get(tuple(x.text for x in span))
                if kind is not None:
                    return kind
        return None

    def post_approximator(self, toks: list[_Tok], k: int) -> int | None:
        if k >= len(toks) or toks[k].kind != "word":
            return None
        for rest in self.post.get(toks[k].text, ()):
            n = len(rest)
            nxt = toks[k + 1:k + 1 + n]
            if all(x.kind == "word" for x in nxt) and tuple(x.text for x in nxt) == rest:
                return k + 1 + n
        return None

    def month_at(self, toks: list[_Tok], k: int) -> bool:
        if k < len(toks) and toks[k].kind == "word" and toks[k].text in self.partitives:
            k += 1
        if k >= len(toks) or toks[k].kind != "word":
            return False
        for rest in self.months.get(toks[k].text, ()):
            n = len(rest)
            if tuple(x.text for x in toks[k + 1:k + 1 + n]) == rest:
                return True
        return False

    def month_before(self, toks: list[_Tok], i: int) -> bool:
        """Whether a month name ends right before token ``i`` (ديسمبر 27، كانون الأول 27)."""
        for n in (1, 2, 3):
            if i - n < 0 or toks[i - n].kind != "word":
                return False
            rest = tuple(x.text for x in toks[i - n + 1:i])
            if rest in self.months.get(toks[i - n].text, ()):
                return True
        return False

    def is_range(self, toks: list[_Tok], p: _Phrase, q: _Phrase) -> bool:
        """Whether ``q`` follows ``p`` as the second figure of a range (إلى، حتى، أو، و، -)."""
        between = toks[p.j:q.i]
        if not between:
            return q.elems[0].conj
        return len(between) == 1 and between[0].text in self.ranges

    # -- sentences -----------------------------------------------------------------------------
    def window_tokens(self, norm: str) -> list[_Tok]:
        """Tokens around the candidate numbers only, windows apart separated by a "gap" token.

        A window reaches 40 characters before a candidate (approximators, reference nouns,
        ordinals) and 80 after it (the unit, a month, an approximator, a range connector),
        widened to whole words; a number phrase is a chain of candidates, so it never
        leaves its window.
        """
        spans: list[list[int]] = []
        n = len(norm)
        for m in self._precheck.candidates.finditer(norm):
            a, b = m.start() - 40, m.end() + 80
            if spans and a <= spans[-1][1]:
                spans[-1][1] = b
            else:
                spans.append([a, b])
        toks: list[_Tok] = []
        for a, b in spans:
            a = 0 if a <= 0 else norm.rfind(" ", 0, a) + 1
            b = n if b >= n or norm.find(" ", b) < 0 else norm.find(" ", b)
            if toks:
                if a <= toks[-1].end:  # widened windows that meet are one window
                    a = toks[-1].end
                else:
                    toks.append(_Tok("gap", a, a, ""))
            toks.extend(self.tokens(norm, a, b))
        return toks

    def quantities(self, text: str) -> list[Quantity]:
        if not self._precheck.may_have_numbers(text):
            return []
        nt = self.normaliser.normalise(text)
        norm = _ascii_digits(nt.text)
        toks = self.window_tokens(norm)
        phrases: list[_Phrase] = []
        i = 0
        while i < len(toks):
            t = toks[i]
            if t.kind != "num" and (t.kind != "word" or t.text not in self.numwords):
                i += 1
                continue
            p = self.phrase(toks, i)
            if p is None:
                i += 1
                continue
            self._context(toks, p, not norm[:p.start].strip())
            phrases.append(p)
            i = p.j
        for p, q in pairwise(phrases):
            if self.is_range(toks, p, q):
                if q.drop and q.bare and self.month_at(toks, q.j) and p.bare and p.value <= 31:
                    p.drop = True  # من 8 إلى 13 أكتوبر
                if p.unit is None and q.unit is not None:
                    p.unit = q.unit
                if p.mult is None and q.mult is not None and p.value is not None and q.value is not None \
                        and p.value * q.mult < q.value:
                    p.value *= q.mult
                p.approximate = q.approximate = p.approximate or q.approximate
        out = []
        for p in phrases:
            if p.drop or p.value is None or self._not_a_quantity(toks, p):
                continue
            s, e = nt.to_original(p.start, p.end)
            out.append(Quantity(s, e, text[s:e], float(p.value), p.unit, p.approximate))
        return out

    def _context(self, toks: list[_Tok], p: _Phrase, at_start: bool) -> None:
        """Unit, approximator and the reasons to drop ``p`` read off the tokens around it."""
        head = toks[p.elems[0].j - 1]
        marker = self.pre_marker(toks, p.i)
        p.approximate = p.hedged = marker == "approximator"
        if marker in ("reference", "year_marker"):
            p.drop = marker == "reference" or p.bare
        found = self.unit_at(toks, p.j)
        end = p.j
        if found is None:
            after = self.post_approximator(toks, p.j)
            if after is not None:
                p.approximate, end = True, after
                found = self.unit_at(toks, after)
        if found is not None:
            p.unit, end = found
        elif p.i > 0 and toks[p.i - 1].kind == "sym" and toks[p.i - 1].end == p.start \
                and toks[p.i - 1].text in self.symbols \
                and not (p.i > 1 and toks[p.i - 2].kind == "num" and toks[p.i - 2].end == toks[p.i - 1].start):
            p.unit = self.symbols[toks[p.i - 1].text]  # %50, $100
        if self.post_approximator(toks, end) is not None:
            p.approximate = True
        if head.kind == "num" and head.definite:
            p.drop = p.drop or p.unit is None  # الـ15 (the 15th) unless a noun follows
        elif p.i > 0 and toks[p.i - 1].kind == "word" and toks[p.i - 1].text == "ال" and toks[p.i - 1].end < p.start:
            p.drop = p.drop or p.unit is None
        if p.bare and p.value == int(p.value):
            nxt = toks[p.j] if p.j < len(toks) else None
            if p.value <= 31 and (self.month_at(toks, p.j) or self.month_before(toks, p.i)):
                p.drop = True  # 19 يونيو، ديسمبر 27
            elif nxt is not None and nxt.kind == "word" and nxt.text in self.date_suffixes and p.unit is None \
                    and (p.value <= 24 or len(head.text) == 4):
                p.drop = True  # 1422 م، 1438 هـ، 7 ص (but 100 م may be metres)
            elif at_start or p.i > 0 and toks[p.i - 1].text in ("•", "*", "▪"):
                # a list number at the start of the text: "2 - إرادة ...", "1) ...", "3. ..."
                p.drop = p.drop or (nxt is not None and nxt.kind == "sym" and nxt.text in "-).:"
                                    and not (p.j + 1 < len(toks) and toks[p.j + 1].kind == "num"))

    def _not_a_quantity(self, toks: list[_Tok], p: _Phrase) -> bool:
        elems = p.elems
        head = elems[0]
        if head.kind == "num":
            k = head.j - 1
            t = toks[k]
            if t.glued in ("word", "latin", "model", "phone"):
                return True
            digits = t.text
            if len(digits) > 1 and digits[0] == "0" and digits[1].isdigit():
                return True  # 0100 ..., 007
            # three figures joined by dashes: a phone number or a code (202 - 452 - 0650)
            chain, x = 1, k
            while x >= 2 and toks[x - 1].text == "-" and toks[x - 2].kind == "num":
                chain, x = chain + 1, x - 2
            x = k
            while x + 2 < len(toks) and toks[x + 1].text == "-" and toks[x + 2].kind == "num":
                chain, x = chain + 1, x + 2
            if chain >= 3:
                return True
            # digit groups side by side: phone numbers, codes
            for other in (k - 1, k + 1):
                if 0 <= other < len(toks) and toks[other].kind == "num":
                    a, b = sorted((t, toks[other]), key=lambda x: x.start)
                    if a.end < b.start and not b.conj:
                        return True
            if p.bare and len(digits) == 4 and 1900 <= p.value <= 2100 and p.unit is None and not p.hedged:
                return True  # a year
        if all(x.kind == "fraction" for x in elems):
            return True
        if len(elems) == 1 and head.kind == "cardinal" and head.value == 1:
            return True
        if head.word and head.kind == "cardinal" and head.value == 10 and p.i > 0:
            prev = toks[p.i - 1]
            if prev.kind == "word" and prev.text in self.ordinals:
                return True  # الثاني عشر
        return False

    # -- one phrase ----------------------------------------------------------------------------------
    def parse(self, text: str) -> float | None:
        norm = _ascii_digits(self.normaliser(text))
        toks = self.tokens(norm)
        if not toks:
            return None
        i = 0
        for n in range(min(self.pre_len, len(toks)), 0, -1):
            span = toks[:n]
            if all(x.kind == "word" for x in span) and self.pre.get(tuple(x.text for x in span)) == "approximator":
                i = n
                break
        if i >= len(toks) or toks[i].kind == "word" and toks[i].text in self.conj_words:
            return None
        p = self.phrase(toks, i)
        if p is None or p.value is None:
            return None
        j = p.j
        after = self.post_approximator(toks, j)
        if after is not None:
            j = after
        return float(p.value) if j == len(toks) else None


def _evaluate(elems: list[_Elem]) -> Fraction | None:
    """Value of a phrase, or None when it is vague (عشرات، آلاف without a count)."""
    total = Fraction(0)
    current: Fraction | None = None
    last_mult: Fraction | None = None
    for k, e in enumerate(elems):
        kind, v = e.kind, e.value
        if kind == "vague":
            return None
        if kind == "plural_multiplier" and (k == 0 or elems[k - 1].kind not in ("num", "cardinal", "fraction")):
            return None
        if kind in ("num", "cardinal"):
            current = (current or 0) + v
        elif kind == "dual":
            if v >= 2000:  # ألفين، مليونين: a closed group
                total += v
                last_mult, current = v / 2, None
            else:  # مئتين
                current = (current or 0) + v
        elif kind == "fraction":
            if current is not None:
                current += v
            elif last_mult is not None:  # مليون ونصف
                total += v * last_mult
            else:  # نصف مليون
                current = v
        elif v < 1000:  # مئة: multiplies the count before it
            current = (current if current is not None else 1) * v
        elif current is None:
            total = total * v if 0 < total < v else total + v  # ألف مليون; مليون
            last_mult = v
        else:
            total += current * v
            current, last_mult = None, v
    return total + (current or 0)


def _trie(words: Sequence[str], variants: dict[str, str] | None = None) -> str:
    """A regular expression matching exactly ``words``, shaped as a trie (fast in ``re``).

    ``variants`` maps a letter to the letters that fold to it (ا: أ إ آ); each letter
    then matches any of them.
    """
    root: dict = {}
    for w in words:
        node = root
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = {}

    def char(ch: str) -> str:
        alts = (variants or {}).get(ch)
        return "[" + "".join(re.escape(c) for c in ch + alts) + "]" if alts else re.escape(ch)

    def emit(node: dict) -> str:
        alts = [char(ch) + emit(sub) for ch, sub in sorted(node.items()) if ch]
        if not alts:
            return ""
        body = alts[0] if len(alts) == 1 else "(?:" + "|".join(alts) + ")"
        return f"(?:{body})?" if "" in node else body

    return "(?:" + emit(root) + ")"


class _Precheck:
    """Tells, without normalising, that a text can hold no quantity (the common case).

    One search for digits or for a character the normaliser deletes or expands
    (diacritics, tatweel, controls, presentation forms: such texts take the full path),
    then one search for a number word in which every letter also matches the letters
    the normaliser folds into it (ا: أ إ آ ٱ; ه: ة; ي: ى).  The tables are derived from
    the normaliser itself, so they cannot drift from it.
    """

    _RANGES = ((0x0600, 0x06FF), (0x0750, 0x077F), (0x08A0, 0x08FF), (0xFB50, 0xFDFF), (0xFE70, 0xFEFF),
               (0x200B, 0x206F), (0x00AD, 0x00AD))

    def __init__(self, normaliser: Normaliser, stems: Sequence[str], prefixes: Sequence[str]) -> None:
        variants: dict[str, str] = {}
        rare = []
        for a, b in self._RANGES:
            for code in range(a, b + 1):
                c = chr(code)
                out = normaliser(c)
                if out == c:
                    continue
                if len(out) == 1 and _WORD.fullmatch(c) and _WORD.fullmatch(out):
                    variants[out] = variants.get(out, "") + c
                elif not out or _WORD.search(out) or _WORD.fullmatch(c):
                    rare.append(c)
        special = "0-9\u0660-\u0669\u06f0-\u06f9" + "".join(re.escape(c) for c in rare)
        self._special = re.compile(f"[{special}]")
        # in the normalised text, the same pattern finds the candidate numbers (window_tokens)
        pre = _trie(prefixes) + "?" if prefixes else ""
        word = rf"(?<![{_LETTERS}]){pre}{_trie(sorted(stems), variants)}(?![{_LETTERS}])"
        self._word = re.compile(word)
        self.candidates = re.compile(rf"{word}|\d+")

    def may_have_numbers(self, text: str) -> bool:
        return self._special.search(text) is not None or self._word.search(text) is not None


# --------------------------------------------------------------------------------------------
# public API

_NEEDED = ("numbers", "units", "hedges", "clitics", "party_aliases")
_BY_ID: dict = {}  # id(lexicons) -> (lexicons, grammar): the fast lookup
_BY_CONTENT: dict = {}  # normaliser steps and the files read -> grammar: lexicons loaded twice share one


def _compiled(lexicons: Lexicons) -> _Grammar:
    hit = _BY_ID.get(id(lexicons))
    if hit is not None and hit[0] is lexicons:
        return hit[1]
    files = []
    for name in _NEEDED:
        path = lexicons[name].path
        try:
            st = path.stat()
            files.append((name, str(path), st.st_mtime_ns, st.st_size))
        except OSError:
            files.append((name, str(path), None, None))
    key = (lexicons.normaliser.steps, lexicons.version, tuple(files))
    grammar = _BY_CONTENT.get(key)
    if grammar is None:
        if len(_BY_CONTENT) >= 16:
            _BY_CONTENT.clear()
        grammar = _BY_CONTENT[key] = _Grammar(lexicons)
    if len(_BY_ID) >= 16:
        _BY_ID.clear()
    _BY_ID[id(lexicons)] = (lexicons, grammar)
    return grammar


_DEFAULT: dict = {}  # normaliser steps (None: the default) -> the lexicons loaded for them
_DEFAULT_STEPS = Normaliser().steps


def _grammar(normaliser: Normaliser | None, lexicons: Lexicons | None) -> _Grammar:
    if normaliser is not None and not isinstance(normaliser, Normaliser):
        raise OptionError(f"normaliser must be a stance.text.normalise.Normaliser or None, got "
                          f"{type(normaliser).__name__}; pass load_lexicons().normaliser or leave it out")
    if lexicons is not None:
        if not isinstance(lexicons, Lexicons):
            raise OptionError(f"lexicons must be a stance.lexicon.Lexicons or None, got {type(lexicons).__name__}; "
                              "pass load_lexicons(...) or leave it out")
        if normaliser is not None and normaliser.steps != lexicons.normaliser.steps:
            raise OptionError(f"normaliser steps {normaliser.steps} differ from those the lexicons were loaded with "
                              f"{lexicons.normaliser.steps}; load the lexicons with this normaliser or leave it out")
        return _compiled(lexicons)
    key = None if normaliser is None or normaliser.steps == _DEFAULT_STEPS else normaliser.steps
    lex = _DEFAULT.get(key)
    if lex is None:
        lex = _DEFAULT[key] = load_lexicons() if normaliser is None else load_lexicons(normaliser=normaliser)
    return _compiled(lex)


def _check_text(text: object, where: str) -> None:
    if not isinstance(text, str):
        raise OptionError(f"{where} expects a str, got {type(text).__name__}; pass the text itself")


def parse_number(text: str, *, lexicons: Lexicons | None = None) -> float | None:
    """Return the value of one number phrase.

    Parameters
    ----------
    text : str
        A number phrase and nothing else, optionally with an approximator before
        it (``نحو 10 آلاف``) or after it (``10 آلاف تقريبا``): digits in Western,
        Arabic-Indic or Persian script with thousands and decimal separators
        (``10,000``, ``١٠٬٠٠٠``, ``10 000``, ``3,5``, ``2.5``), number words with
        or without the proclitics و ف ب ل ك (``عشرة آلاف``, ``وخمسة وعشرون``,
        ``مئتا ألف``, ``نصف مليون``, ``مليون ونصف``), or both (``10 آلاف``,
        ``3.5 مليون``).  Diacritics, tatweel and hamza, teh marbuta and alef
        maksura variants do not matter.
    lexicons : Lexicons, optional
        Lexicons with the ``numbers``, ``units``, ``hedges``, ``clitics`` and
        ``party_aliases`` tables; the bundled ones by default.

    Returns
    -------
    float or None
        The value; ``None`` when ``text`` is not exactly one number phrase, and
        for vague phrases (``عشرات الآلاف``, ``آلاف``, ``بضعة``), ordinals
        (``الثاني عشر``), dates and times.  Years are numbers here
        (``parse_number("2024") == 2024.0``); telling a year from a quantity
        needs the sentence (:func:`find_quantities`).

    Raises
    ------
    OptionError
        When ``text`` is not a string.

    Examples
    --------
    >>> parse_number("10 آلاف"), parse_number("عشرة الاف"), parse_number("١٠٬٠٠٠")
    (10000.0, 10000.0, 10000.0)
    >>> parse_number("عشرات الآلاف") is None
    True
    """
    _check_text(text, "parse_number")
    return _grammar(None, lexicons).parse(text)


def find_quantities(text: str, normaliser: Normaliser | None = None, *,
                    lexicons: Lexicons | None = None) -> list[Quantity]:
    """Find every quantity a sentence reports.

    Parameters
    ----------
    text : str
        A sentence (or any text) as written.
    normaliser : Normaliser, optional
        The normalisation pipeline; the lexicon forms go through it too.  By
        default the one the lexicons were loaded with (``load_lexicons().normaliser``).
    lexicons : Lexicons, optional
        Lexicons already loaded (with the ``numbers``, ``units``, ``hedges``,
        ``clitics`` and ``party_aliases`` tables); the bundled ones by default.

    Returns
    -------
    list of Quantity
        In text order, with offsets into ``text``.  Vague numbers, years, dates,
        times, ordinals, reference numbers (``المادة 51``) and phone-like numbers
        are left out (see the module documentation for the exact rules).

    Raises
    ------
    OptionError
        When ``text`` is not a string, or ``normaliser`` does not match ``lexicons``.

    Notes
    -----
    A text without digits and without a number word is rejected by a check that
    does not normalise it, in a few microseconds.

    Examples
    --------
    >>> [(q.text, q.value, q.unit, q.approximate)
    ...  for q in find_quantities("أرسلت نحو 10 آلاف جندي عام 2024")]
    [('10 آلاف', 10000.0, 'soldier', True)]
    """
    _check_text(text, "find_quantities")
    return _grammar(normaliser, lexicons).quantities(text)
