"""The lexicon-based framing extractor.

For each sentence of a cleaned document it finds the framing terms of
``lexicons/frames.tsv`` (longest first, left to right, without overlaps), then
attaches each to a party, trying in order:

1. ``term``: the entry names the party itself (النظام السوري → SY);
2. ``slot``: the party mentioned in the entry's ``{party}`` slot (الحرب التي
   تشنها روسيا، العملية العسكرية الروسية); an aggressor slot right after an
   indefinite verbal noun is its object, the victim (غزو العراق), unless ل or
   على follows (غزو روسيا لأوكرانيا);
3. ``possessive``: a pronoun suffix on a head that takes a party (غزوها) refers
   to the last party named before it in the sentence that is not after a
   preposition, else to the last one the previous sentence names;
4. ``nisba``: a party named right after the term (الغزو + الروسي);
5. ``proximity``: the nearest party mention in the sentence, within three words,
   that is not the object of a preposition (في سوريا names a place);
6. ``context``: a label of an unnamed group (المسلحين، الإرهابيين، التنظيم) takes
   the armed non-state party named last in the sentence or the two before, and
   a label of a government's forces (القوات الحكومية) the state named last.

Names of events with a neutral role and no party of their own (الأزمة
الأوكرانية، الصراع) attach to none. An entry whose referent is ``-`` names the party
it attaches to, or, for the name of an event, the event the document's other
framing terms name most often.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace
from typing import Sequence

from stance.attribution.matcher import (Mention, PartyMatcher, SentenceWords, clitic_chains, prepare_sentences,
                                       spellings)
from stance.errors import LexiconError
from stance.lexicon import Lexicons
from stance.records import Document, Framing, Removed, Sentence
from stance.text.normalise import Normaliser
from stance.text.tokenise import Tokeniser, quoted

__all__ = ["FrameEntry", "FrameMatcher", "FramingExtractor", "DocumentFraming", "EVENTS", "ROLES", "FRAMES"]

SLOT = "{party}"
EVENTS = ("UKRAINE_WAR", "SYRIA_WAR", "GAZA_WAR", "YEMEN_WAR", "SUDAN_WAR", "LIBYA_WAR", "IRAQ_WAR", "LEBANON_WAR")
ROLES = ("aggressor", "victim", "legitimate_authority", "illegitimate_actor", "threat", "ally", "neutral")
FRAMES = ("conflict_naming", "legitimacy", "threat", "victimhood", "responsibility", "terrorism", "humanitarian",
          "alliance")
_PROXIMITY = 3
_POSSESSIVE = ("ه", "ها", "هم", "هما")
_PREPOSITIONS = frozenset("في من الي علي عن مع ضد داخل خارج بين".split())


@dataclass(frozen=True, slots=True)
class FrameEntry:
    """A row of ``frames.tsv``: the pattern split around its slot, and its labels."""

    pattern: str
    prefix: tuple[str, ...]
    suffix: tuple[str, ...]
    slot: bool
    referent: str
    name: str
    frame: str
    role: str
    party: str  # a party id, "{party}" or "-"
    valence: float
    possessive: bool = False  # matched as the head with a pronoun suffix (غزوها)


@dataclass(frozen=True)
class DocumentFraming:
    """Everything the framing stage finds in one document."""

    document: Document
    sentences: tuple[Sentence, ...]
    removed: tuple[Removed, ...]
    framings: tuple[Framing, ...]


@dataclass(frozen=True, slots=True)
class _Match:
    i: int
    j: int
    entry: FrameEntry
    mention: Mention | None


class FrameMatcher:
    """Finds the framing terms of ``frames.tsv`` among normalised word tokens."""

    def __init__(self, lexicons: Lexicons, tokeniser: Tokeniser) -> None:
        parties = {e["id"] for e in lexicons["parties"]}
        problems = []
        chains = clitic_chains(tokeniser, article=True, preposition=True, future=False)
        self._fixed: dict[tuple[str, ...], FrameEntry] = {}
        self._by_prefix: dict[tuple[str, ...], list[FrameEntry]] = {}
        self._slot_first: dict[tuple[str, ...], list[FrameEntry]] = {}
        self.max_len = 1
        for e in lexicons["frames"]:
            for col in ("referent", "party"):
                v = e[col]
                if v not in parties and v not in ("-", SLOT) and not (col == "referent" and v in EVENTS):
                    problems.append(f"{e.where}: {col} {v!r} is neither a party id, an event id nor '-'")
            tokens = tuple(e.norm["term"].split())
            slot = SLOT in tokens
            if e["party"] == SLOT and not slot:
                problems.append(f"{e.where}: party is {SLOT} but the term has no slot")
            k = tokens.index(SLOT) if slot else len(tokens)
            entry = FrameEntry(e["term"], tokens[:k], tokens[k + 1:] if slot else (), slot, e["referent"],
                               e["name"], e["frame"], e["role"], e["party"], float(e["valence"]))
            self.max_len = max(self.max_len, len(tokens))
            if not slot:
                for _, spelled in spellings(tokeniser, tokens[0], chains):
                    self._fixed.setdefault((spelled,) + tokens[1:], entry)
            elif entry.prefix:
                for _, spelled in spellings(tokeniser, entry.prefix[0], chains):
                    self._by_prefix.setdefault((spelled,) + entry.prefix[1:], []).append(entry)
                head = entry.prefix[0]
                if len(entry.prefix) == 1 and not entry.suffix and not head.startswith("ال"):  # غزو {party}: غزوها
                    stem = head[:-1] + "ت" if e["term"].split()[0].endswith("ة") else head  # حرب، هيمنة → هيمنتها
                    for pron in _POSSESSIVE:
                        for _, spelled in spellings(tokeniser, stem + pron, chains):
                            self._fixed.setdefault((spelled,), replace(entry, possessive=True))
            elif entry.suffix:
                self._slot_first.setdefault(entry.suffix, []).append(entry)
            else:
                problems.append(f"{e.where}: a term must have words besides its slot")
        if problems:
            raise LexiconError(problems)
        self._first = frozenset(k[0] for k in self._fixed) | frozenset(k[0] for k in self._by_prefix)

    def find(self, words: Sequence[str], mentions: Sequence[Mention]) -> list[_Match]:
        """Non-overlapping framing terms, longest first at each position, left to right."""
        starting = {m.start: m for m in mentions}
        out: list[_Match] = []
        i = 0
        n = len(words)
        while i < n:
            w = words[i]
            best = self._at(words, i, starting) if w and (w in self._first or i in starting) else None
            if best is None:
                i += 1
                continue
            out.append(best)
            i = best.j
        return out

    def _at(self, words: Sequence[str], i: int, starting: dict[int, Mention]) -> _Match | None:
        n = len(words)
        cands: list[_Match] = []
        for length in range(min(self.max_len, n - i), 0, -1):
            key = tuple(words[i:i + length])
            e = self._fixed.get(key)
            if e is not None:
                cands.append(_Match(i, i + length, e, None))
            for e in self._by_prefix.get(key, ()):
                m = starting.get(i + length)
                if m is None or m.joined:  # النظام والمعارضة: a second party, not the slot
                    continue
                end = m.end + len(e.suffix)
                if tuple(words[m.end:end]) == e.suffix:
                    cands.append(_Match(i, end, e, m))
        m = starting.get(i)
        if m is not None:
            for suffix, entries in self._slot_first.items():
                if tuple(words[m.end:m.end + len(suffix)]) == suffix:
                    cands += [_Match(i, m.end + len(suffix), e, m) for e in entries]
        if not cands:
            return None
        return max(cands, key=lambda c: (c.j - c.i, c.mention is not None))


class FramingExtractor:
    """Extracts :class:`~stance.records.Framing` records from segmented documents.

    Parameters
    ----------
    lexicons : Lexicons
        Needs ``frames``, ``parties`` and ``party_aliases``.
    tokeniser : Tokeniser, optional
    """

    def __init__(self, lexicons: Lexicons, tokeniser: Tokeniser | None = None,
                 parties: PartyMatcher | None = None) -> None:
        self.normaliser: Normaliser = lexicons.normaliser
        self.tokeniser = tokeniser or Tokeniser(lexicons)
        self.parties = parties or PartyMatcher(lexicons, self.tokeniser)
        self.frames = FrameMatcher(lexicons, self.tokeniser)
        kinds = {e["id"]: e["kind"] for e in lexicons["parties"]}
        self._armed = frozenset(k for k, v in kinds.items() if v == "non_state")
        self._states = frozenset(k for k, v in kinds.items() if v == "state")

    def extract(self, document: Document, sentences: Sequence[Sentence], removed: Sequence[Removed] = (),
                prepared: Sequence[SentenceWords] | None = None) -> DocumentFraming:
        """Find the framing terms of one document and attach them to parties.

        ``prepared``: the sentences' tokens and party mentions when the caller already has them.
        """
        found: list[Framing] = []
        named: set[int] = set()  # generic war names followed by a nisba: الحرب الكورية is not the story's war
        previous: list[Mention] = []
        recent: list[list[Mention]] = []  # the mentions of the sentences so far, for the context rule
        if prepared is None:
            prepared = prepare_sentences(self.normaliser, self.tokeniser, self.parties, sentences)
        for s, (toks, words, mentions) in zip(sentences, prepared):
            for m in self.frames.find(words, mentions):
                party, rule = self._attach(m, words, mentions, previous)
                if party is None and rule == "none":
                    party, rule = self._context(m.entry, mentions, recent)
                e = m.entry
                if rule == "slot" and self._object_slot(m, words):
                    e = replace(e, role="victim", valence=0.0)
                start, end = s.start + toks[m.i].start, s.start + toks[m.j - 1].end
                if (e.referent == "-" and e.frame == "conflict_naming" and not e.slot and not e.possessive
                        and m.j < len(words) and words[m.j].startswith("ال") and words[m.j].endswith(("ي", "يه"))):
                    named.add(len(found))  # الحرب الكورية، الحرب الأهلية: a war of its own name
                found.append(Framing(
                    doc_id=document.id, source=document.source, sentence=s.index, start=start, end=end,
                    term=document.text[start:end], pattern=e.pattern, referent=e.referent, name=e.name,
                    frame=e.frame, role=e.role, party=party, valence=e.valence, rule=rule,
                    quoted=quoted(toks, m.i)))
            if mentions:
                previous = mentions
            recent.append(mentions)
        return DocumentFraming(document, tuple(sentences), tuple(removed), tuple(_referents(found, named)))

    def _context(self, e: FrameEntry, mentions: Sequence[Mention],
                 recent: list[list[Mention]]) -> tuple[str | None, str]:
        """A label of an unnamed group takes the party the story is about.

        المسلحين، الإرهابيين، التنظيم (illegitimate actors, threats, terrorism): the
        armed group (a non-state party) named last in this sentence or the two
        before; القوات الحكومية (a legitimate authority): the state named last.
        """
        if (e.party != "-" or e.slot or e.possessive or e.frame in ("conflict_naming", "humanitarian", "alliance")
                or e.role not in ("legitimate_authority", "illegitimate_actor", "threat", "aggressor")):
            return None, "none"
        pool = self._states if e.role == "legitimate_authority" else self._armed
        for ms in [mentions, *reversed(recent[-2:])]:
            hits = [x for x in ms if x.party in pool]
            if hits:
                return hits[-1].party, "context"
        return None, "none"

    @staticmethod
    def _object_slot(m: _Match, words: Sequence[str]) -> bool:
        """Whether an aggressor slot right after an indefinite verbal noun is its object.

        غزو العراق، احتلال الكويت (the invaded); but غزو روسيا لأوكرانيا and
        عدوان إسرائيل على غزة name the agent, and a nisba (الغزو الروسي) always does.
        """
        e, x = m.entry, m.mention
        if x is None or e.role != "aggressor" or len(e.prefix) != 1 or e.suffix or x.kind == "nisba":
            return False
        if words[m.i].startswith(("ال", "وال", "فال", "بال", "لل")) or words[m.i].endswith("ا"):
            return False  # definite, or indefinite with tanween (توغلا اوكرانيا): not a construct
        nxt = words[x.end] if x.end < len(words) else ""
        return not (nxt.startswith("ل") and len(nxt) > 2 or nxt in ("علي", "ضد"))

    @staticmethod
    def _attach(m: _Match, words: Sequence[str], mentions: Sequence[Mention],
                previous: Sequence[Mention]) -> tuple[str | None, str]:
        e = m.entry
        if e.party not in ("-", SLOT):
            return e.party, "term"
        if m.mention is not None:
            return m.mention.party, "slot"
        if e.possessive:  # the last party named before it as a subject or object, not after a preposition
            before = [x for x in mentions if x.end <= m.i and not x.governed and not (x.start > 0 and words[x.start - 1] in _PREPOSITIONS)]
            before = before or [x for x in previous if not x.governed]
            return (before[-1].party, "possessive") if before else (None, "none")
        if e.frame == "conflict_naming" and e.role == "neutral":
            return None, "none"  # الأزمة الأوكرانية، الصراع: a name with no agent
        after = next((x for x in mentions if x.start == m.j), None)
        if after is not None:
            return after.party, "nisba"
        if e.role == "victim":
            return None, "none"  # يقصف المدنيين: the party next to a victim is seldom its own
        near = [(min(abs(x.start - m.j), abs(m.i - x.end)), x) for x in mentions
                if (x.end <= m.i or x.start >= m.j) and not x.governed
                and not (x.start > 0 and words[x.start - 1] in _PREPOSITIONS)]  # في سوريا is a place
        near = [(d, x) for d, x in near if d <= _PROXIMITY]
        if near:
            return min(near, key=lambda dx: dx[0])[1].party, "proximity"
        return None, "none"


def _referents(found: list[Framing], named: set[int]) -> list[Framing]:
    """Fill ``-`` referents: the attached party, or for an event name the document's main event."""
    events = Counter(f.referent for f in found if f.referent in EVENTS)
    main = events.most_common(1)[0][0] if events else "-"
    out = []
    for k, f in enumerate(found):
        if f.referent == "-" and k not in named:
            ref = main if f.frame == "conflict_naming" else (f.party or "-")
            f = replace(f, referent=ref)
        out.append(f)
    return out
