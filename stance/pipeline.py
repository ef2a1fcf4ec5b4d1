"""Per-document analysis: a pure function from a Document to its results.

Cross-document work (comparison, reliability) only ever sees the records this
produces, so running it in a process pool or on Dask gives the same results.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Iterator

from stance.attribution import AttributionExtractor, DocumentAttributions
from stance.attribution.matcher import prepare_sentences
from stance.framing import DocumentFraming, FramingExtractor
from stance.lexicon import Lexicons, load_lexicons
from stance.records import Assertion, Attribution, Document, Framing, Rejected, Removed, Sentence
from stance.text.boilerplate import BoilerplateRemover
from stance.text.segment import segment
from stance.text.tokenise import Tokeniser

__all__ = ["TextAnalysis", "DocumentAnalysis", "Pipeline"]


@dataclass(frozen=True)
class TextAnalysis:
    """The text layer's result for one document.

    Attributes
    ----------
    document : Document
    sentences : tuple of Sentence
        The story's sentences (boilerplate excluded unless kept).
    removed : tuple of Removed
        Boilerplate and appended content taken out, with the rule that fired.
    """

    document: Document
    sentences: tuple[Sentence, ...]
    removed: tuple[Removed, ...]


@dataclass(frozen=True)
class DocumentAnalysis:
    """Everything the per-document stages find in one document, from one pass of the text layer.

    Attributes
    ----------
    document : Document
    sentences : tuple of Sentence
    removed : tuple of Removed
    attributions : tuple of Attribution
    assertions : tuple of Assertion
        Sentences the writer asserts in its own voice.
    framings : tuple of Framing
    mentions : tuple of (sentence, start, end, party)
        Every party mention, with offsets into the original text.
    """

    document: Document
    sentences: tuple[Sentence, ...]
    removed: tuple[Removed, ...]
    attributions: tuple[Attribution, ...]
    assertions: tuple[Assertion, ...]
    framings: tuple[Framing, ...]
    mentions: tuple[tuple[int, int, int, str], ...] = ()


class Pipeline:
    """Normalise, clean and segment documents with one set of lexicons.

    Parameters
    ----------
    lexicons : Lexicons, optional
        Defaults to the bundled lexicons (:func:`stance.lexicon.load_lexicons`).
    keep_boilerplate : bool, default False
        Segment the whole text; nothing is removed (and nothing reported).
    """

    def __init__(self, lexicons: Lexicons | None = None, *, keep_boilerplate: bool = False) -> None:
        self.lexicons = lexicons if lexicons is not None else load_lexicons()
        self.normaliser = self.lexicons.normaliser
        self.keep_boilerplate = keep_boilerplate
        self.remover = BoilerplateRemover(self.lexicons)
        self.tokeniser = Tokeniser(self.lexicons)
        self._extractor: AttributionExtractor | None = None
        self._framer: FramingExtractor | None = None

    @property
    def extractor(self) -> AttributionExtractor:
        """The attribution extractor, built on first use (it needs the cue and party lexicons)."""
        if self._extractor is None:
            self._extractor = AttributionExtractor(self.lexicons, self.tokeniser)
        return self._extractor

    @property
    def framer(self) -> FramingExtractor:
        """The framing extractor, built on first use (it needs the frame and party lexicons)."""
        if self._framer is None:
            self._framer = FramingExtractor(self.lexicons, self.tokeniser, self.extractor.parties)
        return self._framer

    def text(self, document: Document) -> TextAnalysis:
        """Run the text layer on one document."""
        nt = self.normaliser.normalise(document.text)
        if self.keep_boilerplate:
            return TextAnalysis(document, tuple(segment(nt)), ())
        cleaning = self.remover.find(nt)
        return TextAnalysis(document, tuple(segment(nt, cleaning.kept)), cleaning.removed)

    def attributions(self, document: Document) -> DocumentAttributions:
        """Run the text layer and the attribution extractor on one document."""
        t = self.text(document)
        return self.extractor.extract(document, t.sentences, t.removed)

    def framing(self, document: Document) -> DocumentFraming:
        """Run the text layer and the framing extractor on one document."""
        t = self.text(document)
        return self.framer.extract(document, t.sentences, t.removed)

    def analyse(self, document: Document) -> DocumentAnalysis:
        """Run the text layer once, then the attribution and framing extractors on its sentences."""
        t = self.text(document)
        prepared = prepare_sentences(self.normaliser, self.tokeniser, self.extractor.parties, t.sentences)
        a = self.extractor.extract(document, t.sentences, t.removed, prepared)
        f = self.framer.extract(document, t.sentences, t.removed, prepared)
        mentions = tuple((s.index, s.start + p.tokens[m.start].start, s.start + p.tokens[m.end - 1].end, m.party)
                         for s, p in zip(t.sentences, prepared) for m in p.mentions)
        return DocumentAnalysis(document, t.sentences, t.removed, a.attributions, a.assertions, f.framings,
                                mentions)

    def run(self, items: Iterable[Document | Rejected]) -> Iterator[TextAnalysis | Rejected]:
        """Analyse a stream of documents; rejected inputs pass through unchanged."""
        for item in items:
            yield item if isinstance(item, Rejected) else self.text(item)

    def run_attributions(self, items: Iterable[Document | Rejected]) -> Iterator[DocumentAttributions | Rejected]:
        """Extract attributions from a stream of documents; rejected inputs pass through."""
        for item in items:
            yield item if isinstance(item, Rejected) else self.attributions(item)

    def run_framing(self, items: Iterable[Document | Rejected]) -> Iterator[DocumentFraming | Rejected]:
        """Extract framing terms from a stream of documents; rejected inputs pass through."""
        for item in items:
            yield item if isinstance(item, Rejected) else self.framing(item)

    def run_analysis(self, items: Iterable[Document | Rejected]) -> Iterator[DocumentAnalysis | Rejected]:
        """Analyse a stream of documents (attributions and framing); rejected inputs pass through."""
        for item in items:
            yield item if isinstance(item, Rejected) else self.analyse(item)
