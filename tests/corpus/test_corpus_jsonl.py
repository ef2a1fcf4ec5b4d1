"""Reading JSONL files: one JSON object per line."""

from __future__ import annotations

import json

from stance.corpus import read_corpus
from stance.records import Document, Rejected

TREATY = "قال المتحدث إن الاتفاق دخل حيز التنفيذ."
TROOPS = "نفت الوزارة وجود قوات أجنبية على أراضيها."


def write_jsonl(path, *items):
    """Write each item as a line: dicts as JSON, strings as they are."""
    text = "".join(
        (item if isinstance(item, str) else json.dumps(item, ensure_ascii=False)) + "\n"
        for item in items
    )
    path.write_text(text, encoding="utf-8")
    return path


def test_all_fields(tmp_path):
    path = write_jsonl(
        tmp_path / "news.jsonl",
        {
            "id": "n1",
            "source": "alquds.co.uk",
            "text": TREATY,
            "date": "2024-12-04",
            "title": "الاتفاق",
            "url": "https://www.alquds.co.uk/x",
            "story": "treaty",
            "lang": "ar",  # unknown fields are ignored
        },
    )
    (doc,) = read_corpus([path])
    assert doc == Document(
        id="n1",
        source="alquds.co.uk",
        text=TREATY,
        date="2024-12-04",
        title="الاتفاق",
        url="https://www.alquds.co.uk/x",
        story="treaty",
        origin=f"{path}:1",
    )


def test_missing_id_and_source_rules(tmp_path):
    path = write_jsonl(
        tmp_path / "feed.jsonl",
        {"text": TREATY, "url": "https://www.Aljazeera.net/news/2024/12/4/x"},
        "",
        {"text": TROOPS},
        {"id": 42, "text": TREATY + " ", "url": "news/relative/path"},
    )
    docs = list(read_corpus([path]))
    assert [(d.id, d.source, d.origin) for d in docs] == [
        ("feed:1", "aljazeera.net", f"{path}:1"),
        ("feed:3", "unknown", f"{path}:3"),  # blank line 2 skipped but counted
        ("42", "unknown", f"{path}:4"),  # non-string id; url without a host
    ]
    assert docs[2].text == TREATY + " "  # text is kept exactly


def test_invalid_lines_are_rejected_and_reading_continues(tmp_path):
    path = write_jsonl(
        tmp_path / "mixed.ndjson",
        {"id": "ok1", "text": TREATY},
        '{"id": "broken" "text": "x"}',
        "[1, 2]",
        {"id": "notext", "title": "بلا نص"},
        {"id": "number", "text": 7},
        {"id": "blank", "text": " \n "},
        {"id": "baddate", "text": TROOPS, "date": "4/12/2024"},
        {"id": ["a"], "text": TROOPS},
        {"id": "ok2", "text": TROOPS},
    )
    records = list(read_corpus([path]))
    assert records[1] == Rejected(
        "mixed:2", f"{path}:2", "invalid JSON (Expecting ',' delimiter at column 17)"
    )
    assert records[2:8] == [
        Rejected("mixed:3", f"{path}:3", "expected a JSON object, got a list"),
        Rejected("notext", f"{path}:4", "no 'text' field"),
        Rejected("number", f"{path}:5", "'text' is a number; expected a string"),
        Rejected("blank", f"{path}:6", "empty text"),
        Rejected(
            "baddate",
            f"{path}:7",
            "date '4/12/2024' is not an ISO date; expected YYYY, YYYY-MM or YYYY-MM-DD",
        ),
        Rejected("mixed:8", f"{path}:8", "'id' is a list; expected a string or a number"),
    ]
    assert [r.id for r in records if isinstance(r, Document)] == ["ok1", "ok2"]
    assert len(records) == 9  # every line accounted for


def test_duplicate_ids_within_and_across_inputs(tmp_path):
    first = write_jsonl(
        tmp_path / "one.jsonl", {"id": "x", "text": TREATY}, {"id": "x", "text": TROOPS}
    )
    second = write_jsonl(
        tmp_path / "two.jsonl", {"id": "x", "text": TROOPS}, {"id": "y", "text": TROOPS}
    )
    records = list(read_corpus([first, second]))
    assert records[0] == Document("x", "unknown", TREATY, origin=f"{first}:1")
    assert records[1] == Rejected("x", f"{first}:2", f"duplicate id 'x' (first seen at {first}:1)")
    assert records[2] == Rejected("x", f"{second}:1", f"duplicate id 'x' (first seen at {first}:1)")
    assert records[3].id == "y" and isinstance(records[3], Document)


def test_rejected_document_does_not_reserve_its_id(tmp_path):
    path = write_jsonl(tmp_path / "r.jsonl", {"id": "x", "text": ""}, {"id": "x", "text": TREATY})
    first, second = read_corpus([path])
    assert first == Rejected("x", f"{path}:1", "empty text")
    assert isinstance(second, Document)


def test_crlf_lines_and_empty_file(tmp_path):
    path = tmp_path / "win.jsonl"
    path.write_bytes(('{"id": "w", "text": "%s"}\r\n' % TREATY).encode("utf-8"))
    empty = tmp_path / "empty.jsonl"
    empty.write_bytes(b"")
    (doc,) = read_corpus([path, empty])
    assert doc.text == TREATY
