"""Removal of boilerplate and appended content, driven by ``lexicons/boilerplate.tsv``.

A scraped news page carries more than its story: source credits, "read also"
links, related-article lists, tag lists, app promotions, photo captions,
navigation and share buttons, and sometimes a whole unrelated article appended
after the story.  :class:`BoilerplateRemover` finds them line by line in the
normalised text and reports every removed span (offsets into the original) as
a :class:`~stance.records.Removed` record, so nothing disappears silently.

Lexicon rules (one row each): a ``form`` matched at a ``position`` of a line
(``line_start``, ``line_exact``, ``line_end``, ``line_contains``) removes a
``scope``: the ``line``; a ``block`` (the line and the headline-like lines that
follow it); the ``rest`` of the document (only once the story has started, so
a credit at the top of a page never deletes the article); or ``story_end``,
the rest when the line is short (``المصدر: وكالات`` closing a story) and
only the line otherwise.  Whitespace in a
form matches any run of whitespace, punctuation matches with or without
spaces around it (``المصدر :``), and a one-word form must end at a word
boundary, while a longer form may be glued to what follows
(``اقرأ أيضابوتين يزور ...``).

Three structural kinds need no lexicon: a line repeating an earlier line of
the document (``duplicate_line``); lines after a ``rest`` cut that no rule
names (``appended_content``); and an unrelated article appended after the
story (``appended_article``): a run of two or three headline-like lines
followed by body text whose vocabulary barely overlaps the story before it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable

from stance.lexicon import Entry, Lexicons
from stance.records import Removed
from stance.text.normalise import NormalisedText

__all__ = ["BoilerplateRemover", "Cleaning"]

_LETTER = r"[^\W\d_]"
_BULLETS = r"[\s•◦▪●·*>|\-]*"
_TRAIL = r"[\s.:;,\-|)\]»\"']*"
_WORD = re.compile(r"[^\W\d_]{3,}")
_TERMINAL = re.compile(r'[.!?؟؛;…]["\')\]»]*\s*$')
_WORDS = re.compile(r"\S+")


@dataclass(frozen=True)
class Cleaning:
    """The result of boilerplate detection on one document.

    Attributes
    ----------
    kept : tuple of (start, end)
        Spans of the NORMALISED text that hold the story.
    removed : tuple of Removed
        What was removed, with offsets into the ORIGINAL text, in order.
    """

    kept: tuple[tuple[int, int], ...]
    removed: tuple[Removed, ...]


def _form_pattern(form: str) -> str:
    parts = []
    for ch in form:
        if ch.isspace():
            parts.append(r"\s+")
        elif re.match(r"[^\w\s]", ch):
            parts.append(r"\s*" + re.escape(ch) + r"\s*")
        else:
            parts.append(re.escape(ch))
    pat = "".join(parts)
    if pat.startswith(r"\s*"):
        pat = pat[3:]
    if pat.endswith(r"\s*"):
        pat = pat[:-3]
    return pat


@dataclass(frozen=True)
class _Line:
    start: int  # normalised offsets, whitespace-trimmed
    end: int
    text: str

    @property
    def words(self) -> int:
        return len(_WORDS.findall(self.text))


class BoilerplateRemover:
    """Finds boilerplate and appended content in a normalised document.

    Parameters
    ----------
    lexicons : Lexicons
        Must contain the ``boilerplate`` table.
    headline_words : int, default 15
        A line of at most this many words without sentence-final punctuation
        counts as headline-like (for ``block`` scopes and appended articles).
    body_words : int, default 12
        A line of at least this many words counts as story body; ``rest``
        scopes and appended articles need body text before them.
    appended_overlap : float, default 0.12
        An appended article is recognised when the share of its content words
        (three letters or more) that also occur in the story before it is
        below this value.
    appended_min_words : int, default 40
        The appended part must have at least this many words, so that a short
        closing paragraph is never taken for another article.
    appended_min_headlines : int, default 2
        An appended article starts with this many headline-like lines or more
        (at most three): a caption and a headline, as pages print the next
        story. A single short line is a section heading or a fragment of the
        story, so it never starts one.
    credit_words : int, default 6
        A ``story_end`` marker (a credit such as ``المصدر: وكالات``) ends the
        story only on a line of at most this many words; on a longer line,
        where scraped pages glue credits to menus and footers, it removes
        only the line.
    """

    def __init__(
        self,
        lexicons: Lexicons,
        *,
        headline_words: int = 15,
        body_words: int = 12,
        appended_overlap: float = 0.12,
        appended_min_words: int = 40,
        credit_words: int = 6,
        appended_min_headlines: int = 2,
    ) -> None:
        if not 0.0 <= appended_overlap <= 1.0:
            raise ValueError(f"appended_overlap must lie in [0, 1], got {appended_overlap}")
        self.headline_words = headline_words
        self.body_words = body_words
        self.appended_overlap = appended_overlap
        self.appended_min_words = appended_min_words
        self.credit_words = credit_words
        self.appended_min_headlines = appended_min_headlines
        self._needles: dict[str, tuple[str, ...]] = {}
        self._rules = self._compile(lexicons["boilerplate"])

    def _compile(self, entries: Iterable[Entry]) -> dict[str, tuple[re.Pattern, dict[str, Entry]]]:
        groups: dict[str, list[Entry]] = {}
        for e in entries:
            groups.setdefault(e["position"], []).append(e)
        rules = {}
        for position, group in groups.items():
            alts, lookup = [], {}
            for e in sorted(group, key=lambda e: len(e.norm["form"]), reverse=True):
                form = e.norm["form"]
                pat = _form_pattern(form)
                one_word = " " not in form.strip()
                if position == "line_start":
                    pat = pat + (rf"(?!{_LETTER})" if one_word and re.search(r"\w$", form) else "")
                elif position == "line_end":
                    pat = rf"(?<!{_LETTER})" + pat
                elif position == "line_contains":
                    pat = rf"(?<!{_LETTER})" + pat + rf"(?!{_LETTER})"
                alts.append(pat)
                lookup[re.sub(r"\s+", "", form)] = e
            body = "(" + "|".join(alts) + ")"
            if position == "line_start":
                regex = re.compile(rf"^{_BULLETS}{body}")
            elif position == "line_exact":
                regex = re.compile(rf"^{_BULLETS}{body}{_TRAIL}$")
            elif position == "line_end":
                regex = re.compile(rf"{body}{_TRAIL}$")
            else:
                regex = re.compile(body)
            rules[position] = (regex, lookup)
            if position in ("line_end", "line_contains"):
                # every match contains the longest word of its form literally: a cheap test first
                self._needles[position] = tuple({max(re.findall(r"\w+", e.norm["form"]) or [""], key=len)
                                                 for e in group})
        return rules

    def _match(self, text: str) -> Entry | None:
        for position in ("line_exact", "line_start", "line_end", "line_contains"):
            rule = self._rules.get(position)
            if rule is None:
                continue
            regex, lookup = rule
            segment = text[-160:] if position == "line_end" else text
            needles = self._needles.get(position)
            if needles is not None and not any(n in segment for n in needles):
                continue
            m = regex.search(segment)
            if m:
                return lookup.get(re.sub(r"\s+", "", m.group(1)))
        return None

    @staticmethod
    def _lines(text: str) -> list[_Line]:
        out = []
        pos = 0
        for raw in text.split("\n"):
            stripped = raw.strip()
            if stripped:
                a = pos + (len(raw) - len(raw.lstrip()))
                out.append(_Line(a, a + len(stripped), stripped))
            pos += len(raw) + 1
        return out

    def _headline_like(self, line: _Line) -> bool:
        return line.words <= self.headline_words and not _TERMINAL.search(line.text)

    def _is_body(self, line: _Line) -> bool:
        return line.words >= self.body_words or (line.words >= 6 and bool(_TERMINAL.search(line.text)))

    def find(self, nt: NormalisedText) -> Cleaning:
        """Detect what to remove from one document; see :class:`Cleaning`."""
        lines = self._lines(nt.text)
        verdict: list[tuple[str, str] | None] = [None] * len(lines)
        seen: set[str] = set()
        body_seen = False
        i = 0
        while i < len(lines):
            line = lines[i]
            entry = self._match(line.text)
            if entry is not None:
                kind, marker, scope = entry["class"], entry["form"], entry["scope"]
                if scope == "story_end":
                    # a short credit line after story text ends the story
                    scope = "rest" if line.words <= self.credit_words else "line"
                if scope == "rest" and not body_seen:
                    scope = "line"
                verdict[i] = (kind, marker)
                if scope == "rest":
                    # everything after the story's end is appended content;
                    # lines that a rule recognises still say what they are
                    after = ("appended_content", f"after {kind} '{marker}'")
                    for j in range(i + 1, len(lines)):
                        hit = self._match(lines[j].text)
                        verdict[j] = (hit["class"], hit["form"]) if hit is not None else after
                    break
                if scope == "block":
                    j = i + 1
                    while j < len(lines) and self._headline_like(lines[j]) and self._match(lines[j].text) is None:
                        verdict[j] = (kind, marker)
                        j += 1
                    i = j
                    continue
            else:
                key = " ".join(line.text.split())
                if key in seen and line.words >= 3:
                    verdict[i] = ("duplicate_line", "repeats an earlier line")
                else:
                    seen.add(key)
                    body_seen = body_seen or self._is_body(line)
            i += 1
        self._appended(lines, verdict)
        return self._result(nt, lines, verdict)

    def _appended(self, lines: list[_Line], verdict: list) -> None:
        """Mark an unrelated article appended after the story."""
        kept = [i for i, v in enumerate(verdict) if v is None]
        for pos, i in enumerate(kept):
            if not self._headline_like(lines[i]):
                continue
            before = [lines[k] for k in kept[:pos]]
            if not any(self._is_body(b) for b in before):
                continue
            # the headline run, then the body that follows it
            run_end = pos
            while run_end < len(kept) and self._headline_like(lines[kept[run_end]]):
                run_end += 1
            after = [lines[k] for k in kept[run_end:]]
            if not self.appended_min_headlines <= run_end - pos <= 3 or not any(self._is_body(a) for a in after):
                continue
            after_words = [w for a in after for w in _WORD.findall(a.text)]
            if len(after_words) < self.appended_min_words:
                continue
            vocab = {w for b in before for w in _WORD.findall(b.text)}
            overlap = sum(w in vocab for w in after_words) / len(after_words)
            if overlap < self.appended_overlap:
                for k in kept[pos:]:
                    verdict[k] = ("appended_article", f"content-word overlap {overlap:.2f} with the story")
                return

    @staticmethod
    def _result(nt: NormalisedText, lines: list[_Line], verdict: list) -> Cleaning:
        kept: list[tuple[int, int]] = []
        removed: list[Removed] = []
        run: list[int] = []

        def flush() -> None:
            if not run:
                return
            kind, marker = verdict[run[0]]
            a, b = nt.to_original(lines[run[0]].start, lines[run[-1]].end)
            removed.append(Removed(a, b, kind, marker, nt.original[a:b]))
            run.clear()

        for i, line in enumerate(lines):
            if verdict[i] is None:
                flush()
                if kept and kept[-1][1] == line.start - 1:
                    kept[-1] = (kept[-1][0], line.end)
                else:
                    kept.append((line.start, line.end))
            else:
                if run and verdict[run[0]] != verdict[i]:
                    flush()
                run.append(i)
        flush()
        return Cleaning(tuple(kept), tuple(removed))
