"""Choosing inputs, whole-input errors, streaming, and url sources."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import stance.corpus
from stance.corpus import read_corpus, source_from_url
from stance.errors import InputError, OptionError
from stance.records import Document

TREATY = "قال المتحدث إن الاتفاق دخل حيز التنفيذ."


def test_public_api():
    assert stance.corpus.__all__ == ["read_corpus", "detect_encoding", "source_from_url"]


def test_nonexistent_path_is_an_input_error_at_once(tmp_path):
    missing = tmp_path / "nope.jsonl"
    with pytest.raises(InputError, match=r"nope\.jsonl: no such file or directory; check the path"):
        read_corpus([missing])


@pytest.mark.parametrize("name", ["report.pdf", "README"])
def test_unsupported_suffix_is_an_input_error(tmp_path, name):
    path = tmp_path / name
    path.write_bytes(b"%PDF")
    with pytest.raises(InputError) as info:
        read_corpus([path])
    assert str(info.value).startswith(f"{path}: unsupported input type")
    assert "expected a directory of .txt files, a .jsonl/.ndjson, .csv/.tsv or .txt file" in str(
        info.value
    )


def test_suffixes_are_case_insensitive(tmp_path):
    path = tmp_path / "UPPER.JSONL"
    path.write_text(json.dumps({"text": TREATY}) + "\n", encoding="utf-8")
    assert [d.id for d in read_corpus([path])] == ["UPPER:1"]


def test_a_later_bad_path_fails_before_reading_the_first(tmp_path):
    good = tmp_path / "good.txt"
    good.write_text(TREATY, encoding="utf-8")
    with pytest.raises(InputError):
        read_corpus([good, tmp_path / "missing"])


@pytest.mark.parametrize(
    ("paths", "message"),
    [
        ("corpus.jsonl", "got the single path 'corpus.jsonl'"),
        ([], "no input paths given"),
        (["-", "-"], "'-' (standard input) is given 2 times"),
        ([3], "paths must hold str or os.PathLike values, got int"),
    ],
)
def test_bad_paths_argument(paths, message):
    with pytest.raises(OptionError) as info:
        read_corpus(paths)
    assert message in str(info.value)


def test_jsonl_is_read_lazily(tmp_path, monkeypatch):
    path = tmp_path / "big.jsonl"
    line = json.dumps({"text": TREATY}, ensure_ascii=False).encode("utf-8") + b"\n"
    # 20,000 good lines, then bytes that are not UTF-8: an eager reader would fail first.
    path.write_bytes(line * 20_000 + b"\xff\xfe\xfd\n")
    records = read_corpus([path])
    first = next(records)
    assert first == Document("big:1", "unknown", TREATY, origin=f"{path}:1")
    count = 1
    with pytest.raises(InputError):
        for _ in records:
            count += 1
    assert count == 20_000


def test_jsonl_reads_in_bounded_chunks(tmp_path, monkeypatch):
    path = tmp_path / "big.jsonl"
    line = json.dumps({"text": TREATY}, ensure_ascii=False).encode("utf-8") + b"\n"
    path.write_bytes(line * 20_000)
    sizes: list[int] = []
    real_open = open

    class Spy:
        def __init__(self, handle):
            self._handle = handle

        def read(self, size=-1):
            sizes.append(size)
            return self._handle.read(size)

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self._handle.close()

    def spy_open(file, mode="r", *args, **kwargs):
        handle = real_open(file, mode, *args, **kwargs)
        return Spy(handle) if Path(file) == path else handle

    monkeypatch.setattr("builtins.open", spy_open)
    records = read_corpus([path])
    next(records)
    assert sizes and all(0 < size <= 64 * 1024 for size in sizes)
    assert sum(sizes) < path.stat().st_size / 4
    assert sum(1 for _ in records) == 19_999


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://www.Aljazeera.net/news/2024/12/4/x", "aljazeera.net"),
        ("http://iq.shafaqna.com/AR", "iq.shafaqna.com"),
        ("https://user@WWW.Example.com:8080/a?b#c", "example.com"),
        ("//www.bbc.com/arabic", "bbc.com"),
        ("www.alaraby.co.uk/politics", "alaraby.co.uk"),
        ("https://aawsat.com.", "aawsat.com"),
        ("news/2024/article.html", None),
        ("الجزيرة", None),
        ("mailto:desk@example.com", None),
        ("", None),
        ("http://[broken", None),
    ],
)
def test_source_from_url(url, expected):
    assert source_from_url(url) == expected


def test_unreadable_file_is_an_input_error(tmp_path, monkeypatch):
    path = tmp_path / "locked.jsonl"
    path.write_text(json.dumps({"text": TREATY}) + "\n", encoding="utf-8")
    real_open = open

    def refusing_open(file, *args, **kwargs):
        if Path(file) == path:
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr("builtins.open", refusing_open)
    with pytest.raises(InputError, match=r"locked\.jsonl: cannot be opened \(Permission denied\)"):
        list(read_corpus([path]))
