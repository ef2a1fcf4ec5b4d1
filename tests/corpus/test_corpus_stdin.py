"""Reading standard input ('-'): plain text or JSONL."""

from __future__ import annotations

import io
import itertools
import json

import pytest

from stance.corpus import read_corpus
from stance.errors import InputError, OptionError
from stance.records import Document, Rejected

TREATY = "قال المتحدث إن الاتفاق دخل حيز التنفيذ."
TROOPS = "نفت الوزارة وجود قوات أجنبية على أراضيها."


def test_plain_text():
    stdin = io.BytesIO(f"{TREATY}\n{TROOPS}\n".encode("utf-8"))
    assert list(read_corpus(["-"], stdin=stdin)) == [
        Document("stdin", "stdin", f"{TREATY}\n{TROOPS}\n", origin="<stdin>")
    ]


def test_jsonl_after_blank_lines():
    lines = [{"id": "s1", "text": TREATY}, {"text": TROOPS, "url": "http://iq.shafaqna.com/AR"}]
    data = (
        "\n  \n" + "".join(json.dumps(line, ensure_ascii=False) + "\n" for line in lines) + "oops\n"
    )
    records = list(read_corpus(["-"], stdin=io.BytesIO(data.encode("utf-8"))))
    assert records[0] == Document("s1", "unknown", TREATY, origin="<stdin>:3")
    assert (records[1].id, records[1].source) == ("stdin:4", "iq.shafaqna.com")
    assert isinstance(records[2], Rejected)
    assert (records[2].id, records[2].origin) == ("stdin:5", "<stdin>:5")
    assert records[2].reason.startswith("invalid JSON")


def test_text_stream_is_taken_as_decoded():
    (doc,) = read_corpus(["-"], stdin=io.StringIO(TREATY))
    assert doc.text == TREATY


def test_encoding_with_text_stream_is_an_option_error():
    with pytest.raises(OptionError, match="already text"):
        list(read_corpus(["-"], encoding="cp1256", stdin=io.StringIO(TREATY)))


def test_empty_stdin_is_rejected():
    assert list(read_corpus(["-"], stdin=io.BytesIO(b""))) == [
        Rejected("stdin", "<stdin>", "empty text")
    ]


def test_stdin_with_cp1256_bytes():
    (doc,) = read_corpus(["-"], stdin=io.BytesIO(TREATY.encode("cp1256")))
    assert doc.text == TREATY


class EndlessJsonl(io.RawIOBase):
    """A binary stream of JSONL lines that never ends."""

    def __init__(self):
        self._lines = (
            json.dumps({"id": f"e{n}", "text": TREATY}, ensure_ascii=False).encode() + b"\n"
            for n in itertools.count()
        )
        self._buffer = b""
        self.bytes_read = 0

    def readable(self):
        return True

    def readinto(self, target):
        while len(self._buffer) < len(target):
            self._buffer += next(self._lines)
        size = len(target)
        target[:size], self._buffer = self._buffer[:size], self._buffer[size:]
        self.bytes_read += size
        return size


def test_endless_stdin_is_streamed():
    stdin = EndlessJsonl()
    docs = list(itertools.islice(read_corpus(["-"], stdin=stdin), 3000))
    assert [d.id for d in docs[:3]] == ["e0", "e1", "e2"]
    assert docs[-1].id == "e2999"
    assert stdin.bytes_read < 1_000_000  # read a bounded amount ahead, not "everything"


def test_default_stdin_is_sys_stdin_buffer(monkeypatch):
    fake = io.TextIOWrapper(io.BytesIO(TREATY.encode("utf-16")), encoding="latin-1")
    monkeypatch.setattr("sys.stdin", fake)
    (doc,) = read_corpus(["-"])
    assert doc.text == TREATY  # read as bytes and detected, not with the wrapper's encoding


def test_missing_sys_stdin_is_an_input_error(monkeypatch):
    monkeypatch.setattr("sys.stdin", None)
    with pytest.raises(InputError, match="standard input is not available"):
        list(read_corpus(["-"]))
