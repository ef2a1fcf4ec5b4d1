"""The one place where records become output rows (dicts with fixed keys).

Each ``*_COLUMNS`` tuple is a public contract: scripts read these keys.
"""

from __future__ import annotations

from typing import Any

from stance.records import Assertion, Attribution, Document, Rejected, Removed, Sentence

__all__ = [
    "SENTENCE_COLUMNS",
    "REMOVED_COLUMNS",
    "REJECTED_COLUMNS",
    "ATTRIBUTION_COLUMNS",
    "ATTRIBUTION_TABLE_COLUMNS",
    "attribution_row",
    "assertion_row",
    "sentence_row",
    "removed_row",
    "rejected_row",
]

SENTENCE_COLUMNS = ("doc_id", "source", "sentence", "start", "end", "text")
REMOVED_COLUMNS = ("doc_id", "source", "kind", "marker", "start", "end", "text")
REJECTED_COLUMNS = ("id", "origin", "reason")
ATTRIBUTION_COLUMNS = (
    "doc_id", "source", "sentence", "start", "end", "cue", "lemma", "cue_class", "stance",
    "negated", "hedged", "hedges", "speaker", "party", "content",
    "speaker_rule", "speaker_start", "speaker_end", "content_start", "content_end",
)
ATTRIBUTION_TABLE_COLUMNS = (
    "doc_id", "sentence", "cue", "lemma", "cue_class", "stance", "negated", "hedged",
    "speaker", "party", "content",
)


def sentence_row(doc: Document, s: Sentence) -> dict[str, Any]:
    """A sentence as an output row; ``text`` is the original text at start:end."""
    return {"doc_id": doc.id, "source": doc.source, "sentence": s.index,
            "start": s.start, "end": s.end, "text": s.text}


def removed_row(doc: Document, r: Removed) -> dict[str, Any]:
    """A removed span as an output row."""
    return {"doc_id": doc.id, "source": doc.source, "kind": r.kind, "marker": r.marker,
            "start": r.start, "end": r.end, "text": r.text}


def rejected_row(r: Rejected) -> dict[str, Any]:
    """A rejected input document as an output row."""
    return {"id": r.id, "origin": r.origin, "reason": r.reason}


def attribution_row(a: Attribution) -> dict[str, Any]:
    """An attribution as an output row (the JSONL contract of ``stance attributions``)."""
    return {
        "doc_id": a.doc_id, "source": a.source, "sentence": a.sentence, "start": a.start, "end": a.end,
        "cue": a.cue, "lemma": a.lemma, "cue_class": a.cue_class, "stance": a.stance,
        "negated": a.negated, "hedged": a.hedged, "hedges": list(a.hedges),
        "speaker": a.speaker, "party": a.party, "content": a.content,
        "speaker_rule": a.speaker_rule, "speaker_start": a.speaker_start, "speaker_end": a.speaker_end,
        "content_start": a.content_start, "content_end": a.content_end,
    }


def assertion_row(a: Assertion) -> dict[str, Any]:
    """An unattributed assertion in the shape of an attribution row.

    ``cue_class`` is ``unattributed``, ``stance`` is ``endorse`` (the writer
    asserts in its own voice), the cue fields are null and ``content`` is the
    sentence; ``party`` lists the parties the sentence names, joined by ``+``.
    """
    return {
        "doc_id": a.doc_id, "source": a.source, "sentence": a.sentence, "start": a.start, "end": a.end,
        "cue": None, "lemma": None, "cue_class": "unattributed", "stance": "endorse",
        "negated": False, "hedged": False, "hedges": [], "speaker": None,
        "party": "+".join(a.parties) or None, "content": a.text,
        "speaker_rule": "none", "speaker_start": None, "speaker_end": None,
        "content_start": a.start, "content_end": a.end,
    }
