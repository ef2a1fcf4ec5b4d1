"""The one place where records become output rows (dicts with fixed keys).

Each ``*_COLUMNS`` tuple is a public contract: scripts read these keys.
"""

from __future__ import annotations

from typing import Any

from stance.records import Assertion, Attribution, Document, Framing, Rejected, Removed, Sentence

__all__ = [
    "SENTENCE_COLUMNS",
    "REMOVED_COLUMNS",
    "REJECTED_COLUMNS",
    "ATTRIBUTION_COLUMNS",
    "ATTRIBUTION_TABLE_COLUMNS",
    "FRAMING_COLUMNS",
    "FRAMING_TABLE_COLUMNS",
    "PROFILE_COLUMNS",
    "NAMING_COLUMNS",
    "attribution_row",
    "framing_row",
    "profile_row",
    "naming_rows",
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

FRAMING_COLUMNS = (
    "doc_id", "source", "sentence", "start", "end", "term", "frame", "role", "party", "valence", "rule",
    "referent", "name", "pattern", "quoted",
)
FRAMING_TABLE_COLUMNS = ("doc_id", "sentence", "term", "referent", "name", "frame", "role", "party", "valence", "rule")
PROFILE_COLUMNS = ("source", "party", "n", "valence", "low", "high", "frames", "roles")
NAMING_COLUMNS = ("referent", "source", "name", "count", "terms")


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


def framing_row(f: Framing) -> dict[str, Any]:
    """A framing term as an output row (the JSONL contract of ``stance framing``)."""
    return {
        "doc_id": f.doc_id, "source": f.source, "sentence": f.sentence, "start": f.start, "end": f.end,
        "term": f.term, "frame": f.frame, "role": f.role, "party": f.party, "valence": f.valence, "rule": f.rule,
        "referent": f.referent, "name": f.name, "pattern": f.pattern, "quoted": f.quoted,
    }


def _counts(d: dict[str, int], structured: bool) -> Any:
    return dict(d) if structured else ", ".join(f"{k} {v}" for k, v in d.items())


def profile_row(p: Any, structured: bool = True) -> dict[str, Any]:
    """A source x party framing profile (:class:`stance.framing.Profile`) as an output row.

    ``structured`` keeps ``frames`` and ``roles`` as mappings (jsonl); otherwise
    they are written as "frame count, ..." text (table, csv).
    """
    r = (lambda x: None if x is None else round(x, 3))
    return {"source": p.source, "party": p.party, "n": p.n, "valence": r(p.valence), "low": r(p.low),
            "high": r(p.high), "frames": _counts(p.frames, structured), "roles": _counts(p.roles, structured)}


def naming_rows(t: Any, structured: bool = True) -> list[dict[str, Any]]:
    """The rows of one naming table (:class:`stance.framing.NamingTable`): one per source and name."""
    out = []
    for source, names in t.counts.items():
        for name, count in names.items():
            terms = t.terms.get(source, {}).get(name, {})
            out.append({"referent": t.referent, "source": source, "name": name, "count": count,
                        "terms": list(terms) if structured else ", ".join(list(terms)[:3])})
    return out

