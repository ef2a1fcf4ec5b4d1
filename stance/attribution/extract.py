"""The lexicon-based attribution extractor.

For each sentence of a cleaned document it finds the cues, then for each cue:

1. **negation**: a negator right before the cue (لم يؤكد، لا يقول، غير مؤكد،
   عدم تأكيد، دون أن يؤكد; ما only before a past verb);
2. **speaker**, tried in this order: the noun phrase right after the cue up to a
   boundary word, punctuation or another cue (verb first, and prepositional
   cues such as بحسب); for relaying cues (نقل، روى، أورد) followed by عن, the
   noun phrase after عن (the original speaker of a chain); a subject before the
   cue in the same clause when it names a party (subject first); for
   participles (مؤكدا), the speaker of the previous cue in the sentence or the
   first party the sentence names; otherwise the speaker of the previous
   attribution within three sentences (وأضاف أن، وتابع:);
3. **party**: the first party the speaker names;
4. **content**: the quotation, or what follows أن/إن or a colon; for a
   prepositional cue, the rest of the sentence;
5. **hedges**: estimate cues, approximators and modals in the content.

A prepositional cue directly followed by a verb cue (بحسب ما أعلن، على ما
ذكرت) is one attribution with the verb's class. Sentences without any cue
that read as statements are the writer's own **unattributed assertions**.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Sequence

from stance.attribution.matcher import (_QUOTES, Cue, CueMatcher, Mention, PartyMatcher, PhraseSet, SentenceWords,
                                       prepare_sentences)
from stance.lexicon import Lexicons
from stance.records import Assertion, Attribution, Document, Removed, Sentence, Token
from stance.text.normalise import Normaliser
from stance.text.tokenise import Tokeniser, quoted

__all__ = ["AttributionExtractor", "DocumentAttributions"]

_CLAUSE_PUNCT = {"،", ",", "؛", ";", ":", ".", "!", "?", "؟", '"', "(", ")", "«", "»", "-"}
_SPEAKER_MAX = 10
_INHERIT_WINDOW = 3
_OBJECT_OPENERS = frozenset({"جميع", "كافه", "اي", "ايه", "ايا"})  # normalised: كافة، أية
_COORDINATORS = ("فيما", "بينما", "كما", "كذلك")  # with و/ف attached as for negators and boundaries
_COREF_WINDOW = 10  # sentences a short definite description looks back for its full name
_IMPERFECT_PREFIXES = ("ي", "ت", "ن", "ا")
_NOUN_TYPES = {"masdar", "masdar_plural", "noun"}
_VERB_TYPES = {"past", "present", "passive_past", "passive_present"}
_OPENERS = {'"', ":"}
_QUOTE_MARKS = frozenset({'"', "«", "“"})
# يُدعى، تُدعى (is called) share their letters with يدعي، تدعي (claims) once alef maksura is folded
_CALLED = frozenset({"يدعي", "تدعي", "ويدعي", "وتدعي"})
# what a claim's subject can be right before يدعي: a relative or personal pronoun (الذي يدعي، وهو يدعي)
_CLAIMANTS = frozenset({"الذي", "التي", "الذين", "اللذان", "اللتان", "من", "ما", "هو", "هي", "هم", "وهو", "وهي",
                        "وهم", "فهو", "فهي", "فهم", "كان", "كانت", "لا", "ولا"})
_KANA = frozenset({"كان", "كانت", "وكان", "وكانت", "فكان", "فكانت", "كانوا", "وكانوا"})


@dataclass(frozen=True)
class DocumentAttributions:
    """Everything the attribution stage finds in one document."""

    document: Document
    sentences: tuple[Sentence, ...]
    removed: tuple[Removed, ...]
    attributions: tuple[Attribution, ...]
    assertions: tuple[Assertion, ...]


@dataclass
class _Found:
    i: int  # first token of the cue
    j: int  # one past its last token
    cue: Cue
    according_head: bool = False  # بحسب ما أعلن: a prepositional cue merged with its verb

    @property
    def noun(self) -> bool:
        return self.cue.form_type in _NOUN_TYPES

    @property
    def participle(self) -> bool:
        return self.cue.form_type.startswith("participle")


@dataclass
class _View:
    """One sentence as the extractor sees it, computed once: tokens, words, party mentions, cues."""

    toks: list[Token]
    words: list[str]  # normalised word tokens, "" for the others
    mentions: list[Mention]
    found: list[_Found]
    maksura: bool = False  # the document writes the preposition على with alef maksura: علي is the name Ali

    @property
    def subjects(self) -> list[Mention]:
        """Mentions that can be a subject: not inside a prepositional phrase (للصين، بسورية)."""
        return [m for m in self.mentions if not m.governed]


class AttributionExtractor:
    """Extracts :class:`~stance.records.Attribution` records from segmented documents.

    Parameters
    ----------
    lexicons : Lexicons
        Needs the tables ``cues``, ``cue_forms``, ``hedges``, ``negators``, ``norms``,
        ``boundaries``, ``parties`` and ``party_aliases``.
    tokeniser : Tokeniser, optional
    """

    def __init__(self, lexicons: Lexicons, tokeniser: Tokeniser | None = None) -> None:
        self.lexicons = lexicons
        self.normaliser: Normaliser = lexicons.normaliser
        self.tokeniser = tokeniser or Tokeniser(lexicons)
        self.cues = CueMatcher(lexicons, self.tokeniser)
        self.parties = PartyMatcher(lexicons, self.tokeniser)
        conj = [c for c in self.tokeniser.proclitic_chains() if all(x in ("و", "ف") for x in c)]
        self._negators: dict[str, str] = {}
        for e in lexicons["negators"]:
            for chain in conj:
                self._negators.setdefault(self.tokeniser.attach(chain, e.norm["form"]), e.norm["form"])
        self._hedges = PhraseSet()
        for e in lexicons["hedges"]:
            toks = tuple(e.norm["form"].split())
            for rank, chain in enumerate(conj):
                self._hedges.add((self.tokeniser.attach(chain, toks[0]),) + toks[1:], e["condition"], rank)
        self._norms = frozenset(e.norm["form"] for e in lexicons["norms"])
        say = self.normaliser("قال")
        self._say = next((e["lemma"] for e in lexicons["cues"] if e.norm["lemma"] == say), None)
        self._coordinators = frozenset(self.tokeniser.attach(chain, self.normaliser(w))
                                       for w in _COORDINATORS for chain in conj)
        self._boundary: dict[str, str] = {}
        for e in lexicons["boundaries"]:
            for chain in conj:
                self._boundary.setdefault(self.tokeniser.attach(chain, e.norm["form"]), e["class"])

    # -- per document ---------------------------------------------------------------

    def extract(self, document: Document, sentences: Sequence[Sentence], removed: Sequence[Removed] = (),
                prepared: Sequence[SentenceWords] | None = None) -> DocumentAttributions:
        """Find the attributions and unattributed assertions of one document.

        ``prepared`` is the sentences' :func:`~stance.attribution.matcher.prepare_sentences`
        result when the caller already has it (the framing extractor shares it).
        """
        attributions: list[Attribution] = []
        assertions: list[Assertion] = []
        history: list[_View] = []
        maksura = "على" in document.text
        if prepared is None:
            prepared = prepare_sentences(self.normaliser, self.tokeniser, self.parties, sentences)
        for s, (toks, words, mentions) in zip(sentences, prepared):
            view = _View(toks, words, mentions, self._find_cues(toks, words), maksura)
            history.append(view)
            if not view.found:
                a = self._assertion(document, s, view)
                if a is not None:
                    assertions.append(a)
                continue
            for f in view.found:
                a = self._attribution(document, s, view, f, attributions)
                if (a.speaker_rule == "agentless" and f.cue.form_type == "masdar"
                        and a.cue_class in ("report", "factive") and not a.negated):
                    continue  # جاء هذا التصريح، لا يمكن القول: the act named, no source reported
                if a.party is None and a.speaker_start is not None:
                    a = self._resolve_party(a, view, history, attributions, s.start)
                attributions.append(a)
        return DocumentAttributions(document, tuple(sentences), tuple(removed), tuple(attributions), tuple(assertions))

    # -- cues -------------------------------------------------------------------------

    def _find_cues(self, toks: list[Token], words: list[str]) -> list[_Found]:
        found: list[_Found] = []
        punct = [t.kind == "punct" for t in toks]
        i = 0
        while i < len(toks):
            m = self.cues.match(words, i, punct) if words[i] else None
            if m is None:
                i += 1
                continue
            n, cue = m
            prev = found[-1] if found else None
            if prev is not None and prev.j == i and prev.cue.cue_class == "according" and cue.pos != "preposition":
                # بحسب ما أعلن، على ما ذكرت: one attribution carried by the verb
                found[-1] = _Found(prev.i, i + n, cue, according_head=True)
            elif (prev is not None and cue.form_type.startswith("participle") and cue.lemma == self._say
                  and prev.cue.form_type in _VERB_TYPES
                  and not any(t.kind == "punct" or self._opens(t) for t in toks[prev.j:i])):
                # وأضاف قائلا، ورد الوزير قائلا: one act of speech, the verb's
                if prev.j == i:
                    found[-1] = _Found(prev.i, i + n, prev.cue, prev.according_head)
            elif cue.person == "1" and not quoted(toks, i):
                pass  # نقول، نذكر، نحذر outside a quotation: the writer's own voice
            elif cue.future:
                pass  # سيعلن، ستؤكد: an act still to come reports no content
            else:
                found.append(_Found(i, i + n, cue))
            i += n
        # حسبما، بحسب ما، وفق ما need a reporting verb: حسبما يسمح به القانون is no attribution
        found = [f for f in found if f.according_head or f.cue.cue_class != "according" or not words[f.j - 1].endswith("ما")]
        found = [f for f in found if not f.cue.statement or self._governs_statement(toks, f, found)]
        found = [f for f in found if not self._names_a_rule(words, f) and not self._called(toks, words, f)]
        return [f for f in found if not (f.noun and self._part_of_verb_cue(toks, f, found))]

    def _names_a_rule(self, words: list[str], f: _Found) -> bool:
        """وفق المادة، وفقا للقانون، بحسب الدستور: a prepositional cue before a rule names no source."""
        if f.cue.cue_class != "according" or f.according_head or f.j >= len(words):
            return False
        w, nxt = words[f.j], words[f.j + 1] if f.j + 1 < len(words) else ""
        forms = {w, w[1:] if w.startswith("ل") else w, "ال" + w[2:] if w.startswith("لل") else w}
        return any(x in self._norms or f"{x} {nxt}" in self._norms for x in forms)

    def _called(self, toks: list[Token], words: list[str], f: _Found) -> bool:
        """شاب يدعى أحمد حسن، بحزام ناسف يدعى " أبو البراء ": the passive يُدعى before a name claims nothing.

        Read so whenever it is written with a final ى (يدعى، وتدعى; the active is يدعي). Otherwise
        read so after a noun, when a name follows (a quotation, or a word that is neither definite,
        nor a complementiser, nor an accusative adverb such as كذبا), no pronoun that could be the
        claimant precedes, and no complementiser or colon follows within six tokens.
        """
        if "".join(words[f.i:f.j]) not in _CALLED:
            return False
        if toks[f.j - 1].text.endswith("ى"):
            return True  # written يدعى: the passive (is called, is invited), as in all 158 of folds 1-4
        if f.j >= len(toks) or f.i == 0 or not words[f.i - 1]:
            return False  # يدعي زيلينسكي أن: verb first, a claim; the name-giving passive follows a noun
        if words[f.i - 1] in _CLAIMANTS or any(self._opens(t) and t.norm not in _QUOTES
                                               for t in toks[f.j:f.j + 6]):
            return False  # الذي يدعي، شخص يدعي فلان أنه: a claim
        nxt = toks[f.j]
        if nxt.norm in _QUOTE_MARKS:
            return True
        w = words[f.j]
        return bool(w) and not (w.startswith(("ال", "بال", "لل")) or self._opens(nxt) or w.endswith("ا"))

    def _governs_statement(self, toks: list[Token], f: _Found, found: list[_Found]) -> bool:
        """Whether a complementiser, colon or quotation, or a plural or distancing cue noun, follows in the clause."""
        for k in range(f.j, min(len(toks), f.j + 8)):
            t = toks[k]
            if t.norm in _QUOTES:  # an opening quotation, not the closing mark of one the cue stands in
                if sum(u.norm in _QUOTES for u in toks[:k]) % 2 == 0:
                    return True
                continue
            if t.norm in _OPENERS or self._boundary.get(t.norm) == "complementizer":
                return True
            if t.kind == "punct":
                return False
            g = next((g for g in found if g.i == k), None)
            if g is not None and (g.cue.form_type == "masdar_plural" or (g.noun and g.cue.cue_class == "distancing")):
                return True
        return False

    def _part_of_verb_cue(self, toks: list[Token], f: _Found, found: list[_Found]) -> bool:
        """A verbal noun inside a verb cue's own attribution: أعلن ... في تصريحات، بيانا تقول فيه."""
        medium = f.i > 0 and toks[f.i - 1].norm == "في"  # أعلن ... في بيان، عبر ... في تصريحاته
        for v in found:
            if v is f or v.noun or (v.participle and not medium):  # مشيرة في بيان لها
                continue
            if v.j <= f.i and (f.i - v.j <= 6 or medium) and not self._clause_ends(toks[v.j:f.i], medium):
                return True
            if f.j <= v.i and v.i - f.j <= 2:
                return True
        return False

    def _clause_ends(self, between: list[Token], medium: bool) -> bool:
        """Whether a full stop, a content opener or (for a medium) a quotation left open lies in ``between``.

        Before في بيان a quoted name closed again is no opener: وأعلنت منظمة " أطباء بلا حدود " في بيان.
        """
        if medium:
            quotes = sum(t.norm in _QUOTES for t in between)
            return quotes % 2 == 1 or any(t.norm not in _QUOTES and self._opens(t) or t.norm in (".", "؛", ";")
                                          for t in between)
        return any(self._opens(t) or t.norm in (".", "؛", ";") for t in between)

    def _opens(self, t: Token) -> bool:
        return t.norm in _OPENERS or self._boundary.get(t.norm) == "complementizer"

    def _negated(self, toks: list[Token], f: _Found) -> bool:
        def word(k: int) -> str:
            return toks[k].norm if 0 <= k < len(toks) and toks[k].kind == "word" else ""

        before = self._negators.get(word(f.i - 1))
        if before == "ما":
            return f.cue.form_type == "past" and word(f.i - 2) not in ("علي", "حسب", "بحسب", "وفق", "كما")
        if before:
            return True
        # دون أن يؤكد، بدون أن يعلن
        return word(f.i - 1) == "ان" and self._negators.get(word(f.i - 2)) in ("دون", "بدون")

    # -- speaker ----------------------------------------------------------------------

    def _np_after(self, toks: list[Token], k: int, stop: set[int],
                  names: frozenset[int] = frozenset()) -> tuple[int, int]:
        """A noun phrase starting at token ``k``: up to a boundary word, punctuation or cue.

        A boundary word that starts a party's name does not end it (علي خامنئي: على and
        the name Ali are one spelling once alef maksura is folded).
        """
        j = k
        while j < len(toks) and j - k < _SPEAKER_MAX:
            t = toks[j]
            if t.norm == "-" and j > k and toks[j - 1].norm == "ل":
                j += 1  # الإعلام الحربي ل - " حزب الله ": the joined لـ written ل -
                continue
            if t.norm in ('"', "«") and j not in stop:
                end = self._quoted_name(toks, j, named=j + 1 in names)
                if end is not None:  # وأوضح " الإعلام الحربي "، أن؛ المتحدث باسم " ولايات القوقاز " أن
                    j = end
                    continue
            if j in stop or t.kind == "punct" or (t.kind == "word" and t.norm in self._boundary and j not in names):
                break
            if j > k and (t.norm in _OBJECT_OPENERS or (
                    len(t.norm) >= 5 and t.norm.endswith(("ها", "هم", "هما")) and j not in names
                    and toks[j - 1].norm.startswith("ال"))):
                # ودعت القوات جميع الدول، ولم تذكر اللجنة أي تفاصيل، وأعلنت القوات سيطرتها:
                # the object after the subject (a noun with a pronoun suffix after a definite word)
                break
            j += 1
        return k, j

    def _quoted_name(self, toks: list[Token], j: int, named: bool = False) -> int | None:
        """The end of a short name in quotation marks at ``j`` (one to four words, then a comma,
        parenthesis, boundary word or complementiser, or anything when a party's name starts inside
        them: جريدة " واشنطن بوست " الأميركية), else None: a quotation is content."""
        close = "»" if toks[j].norm == "«" else '"'
        for k in range(j + 1, min(len(toks), j + 6)):
            t = toks[k]
            if t.norm == close:
                if k == j + 1 or k + 1 >= len(toks):
                    return None
                after = toks[k + 1]
                ok = named or after.norm in ("،", ",", "(") or (after.kind == "word" and after.norm in self._boundary)
                return k + 1 if ok else None
            if t.kind != "word":
                return None
        return None

    def _party(self, view: _View, a: int, b: int) -> str | None:
        """The first party named inside tokens [a, b)."""
        inside = [m for m in view.mentions if a <= m[0] and m[1] <= b] or self.parties.mentions(view.words, a, b)
        return inside[0][2] if inside else None

    def _attribution(self, doc: Document, s: Sentence, view: _View, f: _Found,
                     done: list[Attribution]) -> Attribution:
        cue, toks, found = f.cue, view.toks, view.found
        stop = {k for g in found for k in range(g.i, g.j)}
        sp, rule = self._speaker(view, f, stop)
        speaker = party = None
        if sp is None and rule == "none":
            previous = self._previous_speaker(doc, s, f, done)
            if previous is not None:
                speaker, party, rule = previous
        sp_start = sp_end = None
        if sp is not None:
            sp_start, sp_end = s.start + toks[sp[0]].start, s.start + toks[sp[1] - 1].end
            speaker = doc.text[sp_start:sp_end]
            party = self._party(view, *sp)
        content = self._content(toks, f, sp)
        c_start = c_end = None
        content_text = None
        if content is not None:
            c_start, c_end = s.start + toks[content[0]].start, s.start + toks[content[1] - 1].end
            content_text = doc.text[c_start:c_end]
        hedges = self._hedges_in(view, *content) if content else []
        if cue.cue_class == "estimate":
            hedges = [doc.text[s.start + toks[f.i].start:s.start + toks[f.j - 1].end]] + hedges
        start, end = s.start + toks[f.i].start, s.start + toks[f.j - 1].end
        return Attribution(
            doc_id=doc.id, source=doc.source, sentence=s.index, start=start, end=end,
            cue=doc.text[start:end], lemma=cue.lemma, cue_class=cue.cue_class, stance=cue.stance,  # type: ignore[arg-type]
            negated=self._negated(toks, f), hedged=bool(hedges), hedges=tuple(hedges),
            speaker=speaker, party=party, content=content_text, speaker_rule=rule,
            speaker_start=sp_start, speaker_end=sp_end, content_start=c_start, content_end=c_end,
        )

    def _speaker(self, view: _View, f: _Found, stop: set[int]) -> tuple[tuple[int, int] | None, str]:
        """The speaker's token span and the rule that found it; (None, "none") to inherit."""
        cue, toks, words, mentions = f.cue, view.toks, view.words, view.mentions
        subjects = view.subjects
        names = frozenset(m.start for m in subjects)
        if cue.cue_class == "according" or f.according_head:
            a = f.j
            while a < len(toks) and toks[a].norm == "-" and toks[a - 1].norm == "ل":
                a += 1  # وفقا ل - " رويترز ": scraped text writes the joined لـ as ل -
            a, b = self._np_after(toks, a, stop, names)
            if b <= a:
                return None, "agentless"
            if cue.relays and b < len(toks) and toks[b].norm == "عن":  # وفق ما نقلت فرانس برس عن الوكالة
                c, d = self._np_after(toks, b + 1, stop, names)
                if d > c:
                    return self._extend(view, c, d, stop), "chain"
            return self._extend(view, a, b, stop), "preposition"
        if words[f.i] == "ما":  # ما يسمى، ما وصفه: the speaker is the sentence's subject
            return self._subject(toks, f, subjects)
        if f.participle:  # مؤكدا: the speaker of the sentence's own cue, else the first party it names
            if any(g.j <= f.i and not g.participle for g in view.found):
                return None, "none"
            before = [m for m in subjects if m.end <= f.i]
            if before:
                return self._np_around(toks, before[0], mentions), "sentence_subject"
            return None, "none"
        if f.noun and cue.possessive:  # تصريحاته: the pronoun's referent, the previous speaker
            return None, "none"
        if f.noun:
            a, b = self._np_after(toks, f.j, stop, names)
            inside = [m for m in mentions if a <= m.start < min(b, a + 4)]
            # a glued ب/ل is a preposition unless a party's name starts with it (تصريحات بن سلمان)
            if inside and not (toks[a].norm.startswith(("ب", "ل"))
                               and not any(m.start == a and not m.governed for m in inside)):
                return (a, self._cut_at_party(a, b, mentions)), "after_cue"
            return None, "agentless"
        # the noun phrase after the verb (verb first), past adverbs of time: أعلنت اليوم وزارة
        a = f.j
        while a < len(toks) and self._boundary.get(words[a]) in ("time", "adverb"):
            a += 1
        if view.maksura and a + 1 < len(toks) and toks[a].text == "علي" and words[a + 1]:
            a, b = a, self._np_after(toks, a + 1, stop, names)[1]  # وقال علي الحسيني
        else:
            a, b = self._np_after(toks, a, stop, names)
        if b > a and words[a][:1] in ("ب", "ل") and not any(m.start == a for m in subjects):
            b = a  # تفيد بوجود، دعا لوقف، عبرت للصين: a complement, not the subject
        if cue.relays and b == a and a < len(toks) and toks[a].norm == "عن":  # وكالة ... نقلت اليوم عن الوزارة
            c, d = self._np_after(toks, a + 1, stop, names)
            if d > c:
                return self._extend(view, c, d, stop), "chain"
        # subject right before the verb: بوتين قال، روسيا لا تستبعد، زيلينسكي، الذي ادعى
        k = f.i - 1
        while k >= 0 and (self._negators.get(words[k]) or words[k] == "قد" or toks[k].norm in ('"', "«", "»")):
            k -= 1
        if k >= 0 and self._boundary.get(words[k]) == "relative":
            before = [m for m in subjects if m.end <= k]
            if before:
                return self._np_around(toks, before[-1], mentions), "before_cue"
        aux = self._after_kana(toks, words, k, stop)
        if aux is not None:  # وكانت وزارة الدفاع (قد) أعلنت: the subject between كان and the verb
            return aux, "before_cue"
        # not a dateline's agency credit: المناطق - رويترز دعا الرئيس الفرنسي
        ending = [m for m in subjects if m.end == k + 1 and not (m.start > 0 and toks[m.start - 1].norm == "-")]
        if ending and b > a and ending[0].kind == "nisba" and ending[0].start > 0 and words[ending[0].start - 1].startswith("ال"):
            ending = []  # حول القضية السورية قال الرئيس: an adjective of some noun, and the verb has its own subject
        if ending and b > a and not cue.takes_person and any(a <= m.start < min(b, a + 3) for m in subjects):
            ending = []  # إيران قالت السفيرة الأمريكية، سبوتنيك قالت وزارة الدفاع: verb first, its subject after it
        if ending:
            return self._np_around(toks, ending[0], mentions), "before_cue"
        if b > a:
            if cue.relays and b < len(toks) and toks[b].norm == "عن":
                c, d = self._np_after(toks, b + 1, stop, names)
                if d > c:
                    return self._extend(view, c, d, stop), "chain"
            return self._extend(view, a, b, stop), "after_cue"
        k = f.i - 1
        while k >= 0 and toks[k].norm not in _CLAUSE_PUNCT - {'"', "«", "»"} and self._boundary.get(words[k]) != "complementizer":
            k -= 1
        clause = [m for m in subjects if k < m.start and m.end <= f.i]
        if clause and f.i - (k + 1) <= _SPEAKER_MAX:
            return self._np_around(toks, clause[0], mentions), "before_cue"
        if cue.form_type in ("passive_past", "passive_present"):
            return None, "agentless"
        return self._subject(toks, f, subjects)

    def _after_kana(self, toks: list[Token], words: list[str], k: int, stop: set[int]) -> tuple[int, int] | None:
        """The noun phrase between a form of كان and the verb whose last word is ``toks[k]``.

        وكانت القوات النظامية أعلنت، وكان الرئيس الأمريكي قد قال: كان and its subject
        come first, the reporting verb after. None when no كان opens the clause within
        ``_SPEAKER_MAX`` words, or punctuation, a cue or a boundary word intervenes.
        """
        j = k
        while j >= 0 and k - j < _SPEAKER_MAX:
            w = words[j]
            if w in _KANA:
                return (j + 1, k + 1) if j < k else None
            if not w or j in stop or w in self._boundary:
                return None
            j -= 1
        return None

    def _extend(self, view: _View, a: int, b: int, stop: set[int]) -> tuple[int, int]:
        """A speaker phrase [a, b) cut after its party, or extended to the party its apposition names.

        ``جعفر الحسيني، المتحدث باسم كتائب حزب الله`` and ``مصادر في الرئاسة
        التركية`` name their party after a comma or after في; a speaker that
        names none takes that apposition's party when one follows within a few
        words, before any other punctuation, cue or complementiser.
        """
        mentions, toks = view.mentions, view.toks
        if any(a <= m.start < b for m in mentions):
            return a, self._cut_at_party(a, b, mentions)
        n = len(toks)
        if b >= n or (toks[b].norm not in ("،", ",") and view.words[b] not in ("في", "من")):
            return a, b
        reach = b + 1
        if toks[b].norm in ("،", ","):
            while reach < n and reach - b <= 7 and reach not in stop and toks[reach].kind == "word" \
                    and self._boundary.get(view.words[reach]) != "complementizer":
                reach += 1
        else:
            reach = min(n, b + 4)  # في + the party's own words: مصادر في الرئاسة التركية
        hit = next((m for m in view.subjects if b < m.start < reach), None)
        if hit is None:
            return a, b
        return a, self._cut_at_party(hit.start, n, mentions)

    def _subject(self, toks: list[Token], f: _Found,
                 subjects: list[Mention]) -> tuple[tuple[int, int] | None, str]:
        """The sentence's subject: a party named in its first words, before the cue."""
        first = [m for m in subjects if m.start <= 2 and m.end <= f.i]
        if first:
            return self._np_around(toks, first[0], subjects), "sentence_subject"
        return None, "none"

    def _resolve_party(self, a: Attribution, view: _View, history: list[_View],
                       done: list[Attribution], offset: int) -> Attribution:
        """Give a speaker named without a party the party the document gave it before.

        A bare definite description (الدبلوماسي، الوزيرة، المتحدث) refers to the
        speaker of the previous attribution (within three sentences); a bare
        name (شين، رودينكو) takes the party named just before its last earlier
        mention in the document.
        """
        sp_words = [w for w in self.normaliser(a.speaker or "").split() if w]
        if not sp_words:
            return a
        party = None
        if len(sp_words) <= 2 and sp_words[0].startswith("ال"):
            party = self._same_head(sp_words[0], a, history, offset)
            if party is None:
                prior = [x for x in done if x.party and a.sentence - x.sentence <= _INHERIT_WINDOW]
                party = prior[-1].party if prior else None
        else:
            names = [w for w in sp_words if len(w) >= 3 and not w.startswith("ال")]
            spoke = [x for x in done if x.party and x.speaker and set(names) & set(self.normaliser(x.speaker).split())]
            if spoke:
                return replace(a, party=spoke[-1].party)
            for earlier in reversed(history[:-1]):
                hits = [k for k, w in enumerate(earlier.words) if w in names]
                if hits:
                    k = hits[-1]
                    near = [m for m in earlier.mentions if m[1] <= k and k - m[1] <= 10]
                    party = near[-1][2] if near else None
                    break
        return replace(a, party=party) if party else a

    def _same_head(self, head: str, a: Attribution, history: list[_View], offset: int) -> str | None:
        """The party of the latest earlier mention whose name starts with the speaker's head noun.

        A short definite description names its referent by the head of the full
        name used before: المرصد after المرصد السوري لحقوق الإنسان، التنظيم after
        تنظيم الدولة، الوزارة after وزارة الدفاع الأمريكية، الحركة after حركة حماس.
        Looks back over the current sentence (before the cue) and the
        ``_COREF_WINDOW`` sentences before it.
        """
        stem = head[2:]
        if len(stem) < 3:
            return None
        for back, view in enumerate(reversed(history[-1 - _COREF_WINDOW:])):
            candidates = view.mentions
            if back == 0:  # in the current sentence, only names before the speaker
                candidates = [m for m in candidates if offset + view.toks[m.end - 1].end <= a.speaker_start]
            for m in reversed(candidates):
                if m.end - m.start < 2 and m.kind != "short_name":
                    continue  # a bare name or nisba (الروسي) has no head noun to share
                w = view.words[m.start]
                if w.endswith(stem) and len(w) - len(stem) <= 3:
                    return m.party
        return None

    def _previous_speaker(self, doc: Document, s: Sentence, f: _Found,
                          done: list[Attribution]) -> tuple[str, str | None, str] | None:
        """The speaker of the attribution before this one (same sentence for participles).

        An attribution reported inside another one's content (واعتبر لافروف أن
        الاتفاقات لا تفترض ...، وتابعت: "ندعو إيران ...") is not the story's
        speaker: وأضاف in the next sentence continues the reporting speaker.
        """
        for k in range(len(done) - 1, -1, -1):
            x = done[k]
            if x.doc_id != doc.id or not x.speaker:
                continue
            if f.participle and x.sentence != s.index:
                continue
            if self._embedded(x, done, k, doc.text):
                continue
            if s.index - x.sentence <= _INHERIT_WINDOW:
                return x.speaker, x.party, "inherited"
            break
        return None

    def _embedded(self, x: Attribution, done: list[Attribution], k: int, text: str) -> bool:
        """Whether ``x = done[k]`` is reported inside the content of an earlier attribution of its sentence.

        A cue that opens a coordinate clause (واعتبر، فيما طالبت، وكذلك استنكرت)
        starts a new report even where the earlier content span runs over it.
        """
        cue = self.normaliser(x.cue)
        if cue[:1] in ("و", "ف") and not self.normaliser(x.lemma).startswith(cue[:1]):
            return False
        previous = text[max(0, x.start - 12):x.start].split()
        if previous and self.normaliser(previous[-1]) in self._coordinators:
            return False
        for i in range(k - 1, -1, -1):
            y = done[i]
            if y.sentence != x.sentence or y.doc_id != x.doc_id:
                return False
            if y.speaker and y.content_start is not None and y.content_start <= x.start < y.content_end:
                return True
        return False

    @staticmethod
    def _cut_at_party(a: int, b: int, mentions: list[Mention]) -> int:
        """End a speaker after its first party mention and the mentions of the same party next to it."""
        inside = [m for m in mentions if a <= m[0] < b]
        if not inside:
            return b
        end, party = inside[0][1], inside[0][2]
        for m in inside[1:]:
            if m[2] == party and m[0] - end <= 1:
                end = m[1]
            else:
                break
        return max(end, a + 1)

    def _np_around(self, toks: list[Token], mention: Mention,
                   mentions: list[Mention]) -> tuple[int, int]:
        """The speaker phrase of a party mention: the mention and same-party mentions next to it."""
        return mention[0], self._cut_at_party(mention[0], len(toks), mentions)

    # -- content and hedges -----------------------------------------------------------------

    def _content(self, toks: list[Token], f: _Found, sp: tuple[int, int] | None) -> tuple[int, int] | None:
        n = len(toks)
        k = max(f.j, sp[1] if sp else f.j)
        if f.cue.cue_class == "according" or f.according_head:
            if f.i <= 1 or (sp is not None and sp[0] > f.i and all(t.kind == "punct" for t in toks[:f.i])):
                # at the start: بحسب وزارة الدفاع، فإن ...
                while k < n and (toks[k].kind == "punct" or toks[k].norm in ("فان", "ان")):
                    k += 1
                return (k, n) if k < n else None
            e = f.i
            while e > 0 and toks[e - 1].kind == "punct":
                e -= 1
            return (0, e) if e > 0 else None
        if toks[f.i].norm == "ما" and sp is None:  # ما يسمى X: the content is the name that follows
            a, b = self._np_after(toks, f.j, set())
            return (a, b) if b > a else None
        # find the complementiser, colon or quotation that opens the content
        j = k
        while j < n and j - k <= 6:
            t = toks[j]
            if t.norm in ('"', ":") or self._boundary.get(t.norm) == "complementizer":
                break
            j += 1
        else:
            j = n
        if j >= n:
            return (k, n) if k < n else None
        if toks[j].norm == '"':
            close = next((x for x in range(j + 1, n) if toks[x].norm == '"'), n)
            return (j + 1, close) if close > j + 1 else None
        start = j + 1
        if toks[j].norm == ":" and start < n and toks[start].norm == '"':
            close = next((x for x in range(start + 1, n) if toks[x].norm == '"'), n)
            return (start + 1, close) if close > start + 1 else None
        if self._boundary.get(toks[j].norm) == "complementizer" and len(toks[j].norm) > 3:
            start = j  # أنها، إنه: the pronoun is part of the content
        end = n
        while end > start and toks[end - 1].kind == "punct":
            end -= 1
        return (start, end) if end > start else None

    def _hedges_in(self, view: _View, a: int, b: int) -> list[str]:
        toks, words = view.toks, view.words
        out = []
        k = a
        while k < b:
            m = self._hedges.match(words, k, b) if words[k] else None
            if m is None:
                k += 1
                continue
            n, condition = m
            if condition == "next_imperfect":
                nxt = words[k + n] if k + n < len(words) else ""
                if not (len(nxt) >= 3 and nxt.startswith(_IMPERFECT_PREFIXES)):
                    k += n
                    continue
            out.append(toks[k].text if n == 1 else " ".join(t.text for t in toks[k:k + n]))
            k += n
        return out

    # -- unattributed assertions ------------------------------------------------------------

    def _assertion(self, doc: Document, s: Sentence, view: _View) -> Assertion | None:
        words = view.words
        if sum(1 for w in words if w) < 5:
            return None
        last = s.norm.rstrip('")»] ')
        if not last.endswith((".", "!")) or "؟" in s.norm or "?" in s.norm:
            return None  # headlines, headings and questions assert nothing
        parties = tuple(dict.fromkeys(m.party for m in view.mentions))
        return Assertion(doc.id, doc.source, s.index, s.start, s.end, s.text, parties)
