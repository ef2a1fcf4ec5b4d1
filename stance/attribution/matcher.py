"""Lexicon matchers over normalised tokens: attribution cues, parties, hedges, negators.

Clitic forms are expanded ahead of time (``وأكدت``, ``فأكدت``, ``سيؤكد``,
``بحسب``, ``للجيش الروسي``) so that matching is one dictionary look-up per
token, never a per-token clitic-stripping loop.  Matching is on whole tokens:
``زعيم`` never contains the cue ``زعم``.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Iterable, NamedTuple, Sequence

from stance.errors import LexiconError
from stance.lexicon import Lexicons
from stance.records import Sentence, Token
from stance.text.normalise import Normaliser
from stance.text.tokenise import Tokeniser

__all__ = ["Cue", "CueMatcher", "Mention", "PartyMatcher", "PhraseSet", "SentenceWords", "clitic_chains",
           "prepare_sentences", "spellings"]

_VERB_TYPES = {"past", "present", "passive_past", "passive_present"}
_FUTURE_TYPES = {"present", "passive_present"}
_THEN_WINDOW = 16
# two-letter words that stand alone (normalised): never pieces of a split word
_FUNCTION_WORDS = frozenset("في من ما لا ان عن هو هي قد لم لن كل او اذ يا ال ذا مع به له لي بل ثم".split())


@dataclass(frozen=True, slots=True)
class Cue:
    """What a cue form means: its lemma and the lemma's class, stance and properties."""

    lemma: str
    cue_class: str
    stance: str
    pos: str
    form_type: str
    continues: bool
    relays: bool
    then: frozenset[str] | None = None  # a cue only when one of these words follows in the clause
    person: str = "-"  # grammatical person of a verb form: "1", "2", "3"; "-" for other forms
    statement: bool = False  # a cue only when it governs a statement (رفض الاتهامات, not رفض التعليق)
    future: bool = False  # written with the future prefix: سيعلن reports no content yet
    possessive: bool = False  # a verbal noun with a pronoun suffix: تصريحاته (his statements)
    takes_person: bool = False  # a person or party can be its direct object: اتهمت روسيا أوكرانيا
    unless: frozenset[str] | None = None  # no cue when the next word is one of these: الادعاء العام
    unless_prefixes: tuple[str, ...] = ()  # ... or begins with one of these: تابع لـ (affiliated to)


def clitic_chains(tokeniser: Tokeniser, *, article: bool, preposition: bool, future: bool) -> list[tuple[str, ...]]:
    """The proclitic chains a form may take: with or without ال, prepositions, the future س."""
    out = []
    for chain in tokeniser.proclitic_chains():
        if "ال" in chain and not article:
            continue
        if any(c in ("ب", "ل", "ك") for c in chain) and not preposition:
            continue
        if "س" in chain and not future:
            continue
        out.append(chain)
    return out


def spellings(tokeniser: Tokeniser, first: str, chains: Iterable[tuple[str, ...]],
            *, add_article: bool = True) -> list[tuple[tuple[str, ...], str]]:
    """Spellings of ``first`` behind each proclitic chain, with the chain (empty = bare).

    ``add_article=False`` never puts ال before a word written without it: a
    proper name (قطر) must not match a common noun (القطر, "the drop").
    """
    out = []
    for chain in chains:
        if "ال" in chain and not add_article and not first.startswith("ال"):
            continue
        if first.startswith("ال") and len(first) > 3:
            if "ال" in chain:
                continue
            if chain:
                out.append((chain, tokeniser.attach(chain + ("ال",), first[2:])))
            else:
                out.append(((), first))
        else:
            out.append((chain, tokeniser.attach(chain, first)))
    return out


def _suffixed(written: str, norm: str, cue: Cue) -> list[tuple[str, Cue]]:
    """A form with a third-person pronoun suffix: the object of a verb (يصفها، اعتبرهم) or the
    possessor of a verbal noun (تصريحاته، استبعاده: the speaker, to be resolved).

    Verbs take only ها/هم/هما: + ه would spell words ending in ة after folding (تابعه = تابعة),
    and the past + ت + ه spells names and nouns (روته، خشيته). A verb with an object pronoun is
    active, so a form that is a cue only before أن (يعتبر, which also spells the passive يُعتبر)
    needs no أن once suffixed (يعتبرها، تعتبرهم).
    """
    if cue.form_type in ("masdar", "masdar_plural"):
        stem = norm[:-1] + "ت" if written.endswith("ة") else norm  # تهمة + ه = تهمته
        return [(stem + e, replace(cue, possessive=True)) for e in ("ه", "ها", "هم", "هما")]
    if cue.form_type in ("past", "present") and cue.person == "3":
        if cue.form_type == "past" and norm.endswith("ت"):  # خشيت + هم = خشيتهم, a noun (their fear)
            return []
        if norm.endswith("وا"):  # قالوا + ها = قالوها
            stem = norm[:-1]
        elif written.endswith("ى"):  # نفى + ها = نفاها
            stem = norm[:-1] + "ا"
        else:
            stem = norm
        return [(stem + e, replace(cue, then=None, unless=None, unless_prefixes=())) for e in ("ها", "هم", "هما")]
    return []


class PhraseSet:
    """Multi-token phrases keyed by their first token, matched longest first."""

    def __init__(self) -> None:
        self._entries: dict[str, dict[tuple[str, ...], tuple[object, int]]] = {}
        self._sorted: dict[str, list[tuple[tuple[str, ...], object, int]]] | None = None
        self.max_len = 1

    def add(self, tokens: tuple[str, ...], value: object, rank: int) -> None:
        """Add a phrase; among phrases of equal tokens the lowest ``rank`` wins (the first on ties)."""
        bucket = self._entries.setdefault(tokens[0], {})
        old = bucket.get(tokens)
        if old is None or rank < old[1]:
            bucket[tokens] = (value, rank)
        self._sorted = None
        self.max_len = max(self.max_len, len(tokens))

    @property
    def _by_first(self) -> dict[str, list[tuple[tuple[str, ...], object, int]]]:
        if self._sorted is None:  # longest first, then lowest rank; built once after the last add
            self._sorted = {first: sorted(((t, v, r) for t, (v, r) in bucket.items()),
                                          key=lambda item: (-len(item[0]), item[2]))
                            if len(bucket) > 1 else [(t, v, r) for t, (v, r) in bucket.items()]
                            for first, bucket in self._entries.items()}
        return self._sorted

    @property
    def first(self) -> dict[str, list]:
        """The phrases by first token (a word not in it starts no phrase)."""
        return self._by_first

    def match(self, words: Sequence[str], i: int, end: int | None = None) -> tuple[int, object] | None:
        """The longest phrase starting at ``words[i]`` and ending by ``end``: (number of tokens, value)."""
        bucket = (self._sorted if self._sorted is not None else self._by_first).get(words[i])
        if not bucket:
            return None
        end = len(words) if end is None else end
        for tokens, value, _ in bucket:
            n = len(tokens)
            if i + n > end:
                continue
            if n == 1:
                return 1, value
            if words[i + 1] != tokens[1] and (n > 2 or len(tokens[1]) > 1):
                continue  # the second word differs (and is not a glued one-letter preposition)
            if tuple(words[i:i + n]) == tokens:
                return n, value
            # a final one-letter preposition glued to the next word: وفقا ل + وزارة = وفقا لوزارة
            if (len(tokens[-1]) == 1
                    and tuple(words[i:i + n - 1]) == tokens[:-1]
                    and words[i + n - 1].startswith(tokens[-1]) and len(words[i + n - 1]) > 2):
                return n - 1, value
        return None


class CueMatcher:
    """Finds attribution cues among normalised word tokens."""

    def __init__(self, lexicons: Lexicons, tokeniser: Tokeniser) -> None:
        lemmas = {}
        for e in lexicons["cues"]:
            lemmas[e.norm["lemma"]] = e
        self._phrases = PhraseSet()
        problems = []
        for f in lexicons["cue_forms"]:
            lemma = f.norm["lemma"]
            if lemma not in lemmas:
                problems.append(f"{f.where}: lemma {f['lemma']!r} is not in cues.tsv")
                continue
            e = lemmas[lemma]
            context = f.values.get("context", "none")
            kind, _, listed = context.partition(":")
            if context != "none" and not (kind in ("then", "unless") and all(listed.split("|"))
                                          and (kind == "unless" or "*" not in listed)):
                problems.append(f"{f.where}: context {context!r} is not 'none', 'then:WORD' "
                                "(or 'then:WORD|WORD|...') or 'unless:WORD|PREFIX*|...'")
                continue
            then = unless = None
            prefixes: tuple[str, ...] = ()
            if kind == "then":  # each word, or the word with a pronoun suffix: عن، عنه
                words = [lexicons.normaliser(w) for w in listed.split("|")]
                then = frozenset(words + [w + e for w in words for e in tokeniser.enclitics])
            elif kind == "unless":  # the next word exactly, or (WORD*) any word it begins
                items = listed.split("|")
                unless = frozenset(lexicons.normaliser(w) for w in items if not w.endswith("*"))
                prefixes = tuple(lexicons.normaliser(w[:-1]) for w in items if w.endswith("*"))
            cue = Cue(e["lemma"], e["class"], e["stance"], e["pos"], f["form_type"],
                      e["continues"] == "yes", e.values.get("relays", "no") == "yes", then,
                      f.values.get("person", "-"), e.values.get("complement", "any") == "statement",
                      takes_person=e.values.get("complement", "any") == "person",
                      unless=unless, unless_prefixes=prefixes)
            tokens = tuple(f.norm["form"].split())
            verb = f["form_type"] in _VERB_TYPES
            chains = clitic_chains(tokeniser, article=not verb and len(tokens) == 1,
                             preposition=not verb, future=f["form_type"] in _FUTURE_TYPES)
            firsts = [(tokens[0], cue)]
            if len(tokens) == 1:
                firsts += [(w, c) for w, c in _suffixed(f["form"], tokens[0], cue)]
            for first, base in firsts:
                for chain, spelled in spellings(tokeniser, first, chains):
                    value = replace(base, future=True) if "س" in chain else base
                    self._phrases.add((spelled,) + tokens[1:], value, len(chain) + (first != tokens[0]))
        if problems:
            raise LexiconError(problems)
        self._first = self._phrases.first

    def match(self, words: Sequence[str], i: int,
              punct: Sequence[bool] | None = None) -> tuple[int, Cue] | None:
        """The cue starting at ``words[i]``, if any: (number of tokens, Cue).

        Scraped text sometimes splits a word where a shadda or tanween was
        dropped (مضيف ا، وح ذ ر، ي عتبر): when the word is not a cue, two or three
        tokens of which all but one have at most two letters are tried glued.
        ``punct`` marks the punctuation tokens, which end the clause a ``then:`` word
        is looked for in; without it every non-word ("" in ``words``) ends it.
        """
        w = words[i]
        if w not in self._first and (i + 1 >= len(words) or (len(w) > 2 and len(words[i + 1]) > 2)):
            return None  # the common case: no cue starts here and there is nothing to glue
        m = self._phrases.match(words, i)
        if m is None:
            m = self._glued(words, i)
        if m is None:
            return None
        n, cue = m
        if cue.then and not self._then_follows(words, i + n, cue.then, punct):
            return None
        if (cue.unless is not None or cue.unless_prefixes) and i + n < len(words):
            nxt = words[i + n]
            if nxt in (cue.unless or ()) or (nxt and nxt.startswith(cue.unless_prefixes)):
                return None
        return m  # type: ignore[return-value]

    def _glued(self, words: Sequence[str], i: int) -> tuple[int, object] | None:
        if i + 1 >= len(words) or (len(words[i]) > 2 and len(words[i + 1]) > 2) or words[i] in _FUNCTION_WORDS:
            return None  # the common cases: two whole words, or a function word (never a piece)
        for k in (2, 3):
            parts = words[i:i + k]
            if len(parts) < k or not all(parts) or sum(len(p) > 2 for p in parts) > 1:
                continue
            if any(p in _FUNCTION_WORDS for p in parts):  # في وضح النهار is no فيوضح
                continue
            m = self._phrases.match(["".join(parts)], 0)
            if m is not None and m[0] == 1:
                return k, m[1]
        return None

    @staticmethod
    def _then_follows(words: Sequence[str], k: int, then: frozenset[str],
                      punct: Sequence[bool] | None = None) -> bool:
        """Whether a word of ``then`` follows within the clause (16 tokens, up to punctuation).

        A number or a Latin word does not end the clause: تحدث لموقع ARA News عن.

        ``عن طريق`` (by way of) is no complement: عبرت القوات عن طريق البحر.
        """
        for j in range(k, min(len(words), k + _THEN_WINDOW)):
            w = words[j]
            if (punct[j] if punct is not None else not w):  # punctuation ends the clause
                return False
            if w in then and (j + 1 >= len(words) or words[j + 1] != "طريق"):
                return True
        return False


_QUOTES = frozenset({'"', "«", "»", "“", "”"})


class Mention(NamedTuple):
    """A party named in a sentence: tokens [start, end) and whether a preposition governs it."""

    start: int
    end: int
    party: str
    governed: bool = False  # للصين، بسورية: a prepositional phrase, never a subject
    kind: str = "name"  # the alias type: name, nisba, official, institution, ...
    joined: bool = False  # written with the conjunction و or ف: a coordinated phrase (والمعارضة السورية)


class PartyMatcher:
    """Finds mentions of parties (longest alias first) among normalised word tokens."""

    def __init__(self, lexicons: Lexicons, tokeniser: Tokeniser) -> None:
        parties = {e["id"] for e in lexicons["parties"]}
        self._phrases = PhraseSet()
        problems = []
        chains = clitic_chains(tokeniser, article=True, preposition=True, future=False)
        for a in lexicons["party_aliases"]:
            if a["party"] not in parties:
                problems.append(f"{a.where}: party {a['party']!r} is not in parties.tsv")
                continue
            tokens = tuple(a.norm["alias"].split())
            for chain, spelled in spellings(tokeniser, tokens[0], chains, add_article=False):
                governed = any(c in ("ب", "ل", "ك") for c in chain)
                joined = any(c in ("و", "ف") for c in chain)
                self._phrases.add((spelled,) + tokens[1:], (a["party"], governed, a["alias_type"], joined), len(chain))
        if problems:
            raise LexiconError(problems)

    def mentions(self, words: Sequence[str], start: int = 0, end: int | None = None,
                 quotes: frozenset[int] = frozenset()) -> list[Mention]:
        """Non-overlapping mentions in ``words[start:end]``, longest alias first.

        ``quotes`` are the indices of quotation-mark tokens inside a name, which a
        name may span: جريدة " واشنطن بوست "، تنظيم " الدولة الإسلامية ".
        """
        end = len(words) if end is None else end
        out = []
        i = start
        first = self._phrases.first
        while i < end:
            m = self._phrases.match(words, i, end) if words[i] in first else None
            if m is None and quotes and words[i] in first:
                m = self._across_quotes(words, i, end, quotes)
            if m:
                party, governed, kind, joined = m[1]  # type: ignore[misc]
                out.append(Mention(i, i + m[0], party, governed, kind, joined))
                i += m[0]
            else:
                i += 1
        return out  # type: ignore[return-value]

    def _across_quotes(self, words: Sequence[str], i: int, end: int,
                       quotes: frozenset[int]) -> tuple[int, object] | None:
        """A multi-word alias at ``i`` with quotation marks between its words (a quote mark after
        its last word is left outside the mention); (tokens spanned, value) or None."""
        kept = [i]
        k = i + 1
        while k < end and len(kept) < 8:
            if k in quotes:
                k += 1
                continue
            if not words[k]:
                break
            kept.append(k)
            k += 1
        if len(kept) == k - i:
            return None  # no quote mark inside: the plain match already failed
        m = self._phrases.match([words[x] for x in kept], 0)
        if m is None or m[0] < 2 or all(x + 1 == y for x, y in zip(kept[:m[0]], kept[1:m[0]])):
            return None
        return kept[m[0] - 1] + 1 - i, m[1]


class SentenceWords(NamedTuple):
    """One sentence as the extractors see it: tokens, their normalised words and the party mentions.

    ``tokens`` have offsets relative to the sentence; ``words[i]`` is ``tokens[i].norm`` for a
    word token and ``""`` otherwise. Computed once per sentence and shared by the attribution
    and framing extractors (:func:`prepare_sentences`).
    """

    tokens: list[Token]
    words: list[str]
    mentions: list[Mention]


def prepare_sentences(normaliser: Normaliser, tokeniser: Tokeniser, parties: PartyMatcher,
                      sentences: Sequence[Sentence]) -> list[SentenceWords]:
    """Tokenise the sentences of a document and find their party mentions, once."""
    out = []
    for s in sentences:
        toks = list(tokeniser.iter_tokens(normaliser.normalise(s.text)))
        words = [t.norm if t.kind == "word" else "" for t in toks]
        quotes = frozenset(k for k, t in enumerate(toks) if t.norm in _QUOTES)
        out.append(SentenceWords(toks, words, parties.mentions(words, quotes=quotes)))
    return out

