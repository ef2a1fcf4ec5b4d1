"""The one place where records become output rows (dicts with fixed keys).

Each ``*_COLUMNS`` tuple is a public contract: scripts read these keys.
"""

from __future__ import annotations

from typing import Any

from stance.records import Document, Rejected, Removed, Sentence

__all__ = [
    "SENTENCE_COLUMNS",
    "REMOVED_COLUMNS",
    "REJECTED_COLUMNS",
    "sentence_row",
    "removed_row",
    "rejected_row",
]

SENTENCE_COLUMNS = ("doc_id", "source", "sentence", "start", "end", "text")
REMOVED_COLUMNS = ("doc_id", "source", "kind", "marker", "start", "end", "text")
REJECTED_COLUMNS = ("id", "origin", "reason")


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
