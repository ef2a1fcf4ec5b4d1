"""Readers for each input form, and :func:`read_corpus` that streams them all.

Every reader yields records one by one and never holds more than one document
(or one JSONL line, or one CSV row) in memory, so a corpus larger than memory
can be read.  Problems with one document become :class:`~stance.records.Rejected`
records; problems with a whole input raise :class:`~stance.errors.InputError`.
"""

from __future__ import annotations

import csv
import itertools
import json
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Literal, TextIO

from stance.corpus.encoding import check_encoding
from stance.corpus.metadata import (
    FIELDS,
    build_document,
    describe_type,
    raise_csv_field_limit,
    read_metadata,
)
from stance.corpus.streams import decoded_chunks, lines, open_binary, stream_chunks
from stance.errors import EncodingError, InputError, OptionError
from stance.records import Document, Rejected

__all__ = ["read_corpus"]

InputKind = Literal["directory", "unifiedfc", "txt", "jsonl", "csv", "tsv", "stdin"]
Record = Document | Rejected

_SUFFIXES: dict[str, InputKind] = {
    ".txt": "txt",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".csv": "csv",
    ".tsv": "tsv",
}
_EXPECTED = (
    "expected a directory of .txt files, a .jsonl/.ndjson, .csv/.tsv or .txt file, "
    "or '-' for standard input"
)
_STDIN = "<stdin>"


@dataclass(frozen=True, slots=True)
class _Input:
    """One checked input: its kind, the name as given, and its path (None for stdin)."""

    kind: InputKind
    name: str
    path: Path | None


def read_corpus(
    paths: Iterable[str | os.PathLike],
    *,
    encoding: str | None = None,
    stdin: TextIO | BinaryIO | None = None,
) -> Iterator[Document | Rejected]:
    """Stream the documents of one or more inputs.

    Each input is one of:

    * a directory: every ``*.txt`` file in it and its subdirectories, in the
      order of their relative paths, is one document.  The id is the relative
      path without ``.txt`` (``'/'``-separated); the source is the name of the
      file's directory.  An optional ``metadata.csv`` directly in the
      directory gives ``source``, ``date``, ``title``, ``url`` and ``story``
      per id (see :func:`stance.corpus.metadata.read_metadata`).  Other files
      (``.jsonl``, ``.csv`` ...) in a directory are not read: pass them as
      inputs of their own.
    * a ``.jsonl`` or ``.ndjson`` file: one JSON object per line with the
      fields ``id``, ``source``, ``text``, ``date``, ``title``, ``url`` and
      ``story`` (others are ignored); blank lines are skipped.
    * a ``.csv`` or ``.tsv`` file with a header row naming the same fields
      (``text`` required; other columns ignored).  Fields may be quoted with
      ``"`` in both (as Python's :mod:`csv` and spreadsheet programs write them),
      so a quoted field may span lines.
    * a ``.txt`` file: one document, id the file stem, source the name of its
      directory.
    * ``'-'``: standard input, read as JSONL when its first non-blank character
      is ``{``, else as one plain-text document with id and source ``stdin``.

    Without an id, a JSONL line or CSV row gets ``<file stem>:<line>``;
    without a source, the domain of its url
    (:func:`~stance.corpus.metadata.source_from_url`), else ``'unknown'``.

    Parameters
    ----------
    paths : iterable of str or os.PathLike
        The inputs, read in the order given.
    encoding : str, optional
        The encoding of every input, any name :mod:`codecs` knows.  By default
        it is detected per input from its first 64 KiB
        (:func:`~stance.corpus.encoding.detect_encoding`).
    stdin : text or binary stream, optional
        The stream read for ``'-'``; by default ``sys.stdin.buffer``.  A text
        stream is taken as already decoded.

    Returns
    -------
    Iterator[Document | Rejected]
        Every input document, in input order, either as a Document or as a
        Rejected record saying why it cannot be analysed (empty text, invalid
        JSON, a bad field, or a duplicate id: the second and later documents
        with an id already seen in this run are rejected).

    Raises
    ------
    OptionError
        At once, for an unknown encoding, no paths, ``paths`` given as a single
        string, or ``'-'`` given more than once.
    InputError
        At once for a path that does not exist or has an unsupported type;
        while iterating, for an input that cannot be read as a whole (an empty
        directory, a CSV file without a ``text`` column, an invalid
        ``metadata.csv``).
    EncodingError
        While iterating, for an input whose encoding cannot be detected or
        whose bytes do not decode.

    Examples
    --------
    >>> import io
    >>> docs = list(read_corpus(["-"], stdin=io.BytesIO("قال المتحدث".encode())))
    >>> docs[0].id, docs[0].source, docs[0].text
    ('stdin', 'stdin', 'قال المتحدث')
    """
    inputs = _check_inputs(paths)
    codec = None if encoding is None else check_encoding(encoding)
    if stdin is not None and not callable(getattr(stdin, "read", None)):
        raise OptionError(
            f"stdin must be a readable stream, got {type(stdin).__name__}; "
            "pass a binary stream such as io.BytesIO(data)"
        )
    return _read(inputs, codec, stdin)


def _read(
    inputs: list[_Input], codec: str | None, stdin: TextIO | BinaryIO | None
) -> Iterator[Record]:
    seen: dict[str, str] = {}
    for item in inputs:
        for record in _READERS[item.kind](item, codec, stdin):
            if isinstance(record, Document):
                first = seen.get(record.id)
                if first is not None:
                    yield Rejected(
                        record.id,
                        record.origin,
                        f"duplicate id {record.id!r} (first seen at {first})",
                    )
                    continue
                seen[record.id] = record.origin
            yield record


def _check_inputs(paths: Iterable[str | os.PathLike]) -> list[_Input]:
    if isinstance(paths, (str, bytes, os.PathLike)):
        raise OptionError(
            f"paths must be a list of paths, got the single path {os.fsdecode(paths)!r}; "
            f"pass [{os.fsdecode(paths)!r}]"
        )
    inputs: list[_Input] = []
    for path in paths:
        try:
            name = os.fsdecode(path)
        except TypeError:
            raise OptionError(
                f"paths must hold str or os.PathLike values, got {type(path).__name__}; "
                "pass file or directory paths, or '-' for standard input"
            ) from None
        inputs.append(_check_input(name))
    if not inputs:
        raise OptionError("no input paths given; pass at least one path, or '-' for standard input")
    stdin_count = sum(item.kind == "stdin" for item in inputs)
    if stdin_count > 1:
        raise OptionError(f"'-' (standard input) is given {stdin_count} times; give it once")
    return inputs


def _check_input(name: str) -> _Input:
    if name == "-":
        return _Input("stdin", name, None)
    path = Path(name)
    if not os.path.exists(path):
        raise InputError(
            f"{name}: no such file or directory; check the path, or pass '-' for standard input"
        )
    if path.is_dir():
        if (path / "train_test_splits.txt").is_file() and (path / "dataset").is_dir():
            return _Input("unifiedfc", name, path)
        return _Input("directory", name, path)
    suffix = path.suffix.lower()
    kind = _SUFFIXES.get(suffix)
    if kind is None:
        what = f"'{path.suffix}'" if path.suffix else "(no file suffix)"
        raise InputError(f"{name}: unsupported input type {what}; {_EXPECTED}")
    return _Input(kind, name, path)


# --- directories and .txt files ---------------------------------------------------


def _read_directory(item: _Input, codec: str | None, stdin: object) -> Iterator[Record]:
    assert item.path is not None
    files = _txt_files(item.path)
    if not files:
        raise InputError(
            f"{item.name}: no .txt files in this directory; {_empty_directory_hint(item.path)}"
        )
    metadata: dict[str, dict[str, str | None]] = {}
    if (item.path / "metadata.csv").is_file():
        metadata = read_metadata(item.path, files.keys(), encoding=codec)
    for doc_id, path in files.items():
        try:
            text = _read_text_file(path, codec)
        except EncodingError as err:
            # one undecodable file is one rejected document, not the end of the run
            yield Rejected(doc_id, str(path), str(err).removeprefix(f"{path}: "))
            continue
        record = {**metadata.get(doc_id, {}), "id": doc_id, "text": text}
        yield build_document(
            record, fallback_id=doc_id, origin=str(path), default_source=_directory_name(path)
        )


def _read_unifiedfc(item: _Input, codec: str | None, stdin: object) -> Iterator[Record]:
    """A UnifiedFC folder: every article of every claim; source = the url's domain, story = the claim id."""
    assert item.path is not None
    for path in sorted((item.path / "dataset").glob("*.json")):
        try:
            claim = json.loads(_read_text_file(path, codec))
            articles = list(zip(claim["article"], claim["url"]))
        except EncodingError as err:
            yield Rejected(path.stem, str(path), str(err).removeprefix(f"{path}: "))
            continue
        except (ValueError, KeyError, TypeError) as err:
            yield Rejected(path.stem, str(path), f"not a UnifiedFC claim file ({err})")
            continue
        for n, (text, url) in enumerate(articles):
            yield unifiedfc_article(path, n, text, url)


def unifiedfc_article(path: Path, n: int, text: object, url: object) -> Record:
    """Article ``n`` of the UnifiedFC claim file ``path``: id ``unifiedfc:CLAIM:n``, story = the claim id.

    The one place that turns a UnifiedFC article into a document, for this reader and for
    :func:`stance.datasets.read_unifiedfc`.
    """
    doc_id = f"unifiedfc:{path.stem}:{n}"
    return build_document({"id": doc_id, "text": text, "url": url, "story": path.stem}, fallback_id=doc_id,
                          origin=f"{path}#{n}")


def _read_txt(item: _Input, codec: str | None, stdin: object) -> Iterator[Record]:
    assert item.path is not None
    record = {"id": item.path.stem, "text": _read_text_file(item.path, codec)}
    yield build_document(
        record,
        fallback_id=item.path.stem,
        origin=item.name,
        default_source=_directory_name(item.path),
    )


def _txt_files(root: Path) -> dict[str, Path]:
    """The ``.txt`` files under ``root`` by id, sorted by relative path."""
    found: list[tuple[str, Path]] = []
    for folder, subfolders, names in os.walk(root, onerror=_walk_error):
        subfolders.sort()
        for name in names:
            path = Path(folder) / name
            if name.lower().endswith(".txt") and path.is_file():
                found.append((path.relative_to(root).as_posix(), path))
    found.sort()
    return {relative[: -len(".txt")]: path for relative, path in found}


def _walk_error(err: OSError) -> None:
    raise InputError(
        f"{err.filename}: cannot list this directory ({err.strerror or err}); "
        "check its permissions"
    )


def _empty_directory_hint(root: Path) -> str:
    others = sorted(
        path.name
        for path in root.iterdir()
        if path.suffix.lower() in _SUFFIXES and path.name != "metadata.csv"
    )
    hint = "expected one .txt file per document (and an optional metadata.csv)"
    if others:
        listed = ", ".join(others[:3]) + (" ..." if len(others) > 3 else "")
        hint += f"; files such as {listed} are only read when given as inputs themselves"
    return hint


def _directory_name(path: Path) -> str:
    return Path(os.path.abspath(path.parent)).name or "unknown"


def _read_text_file(path: Path, codec: str | None) -> str:
    with open_binary(path, str(path)) as raw:
        return "".join(decoded_chunks(raw, where=str(path), encoding=codec))


# --- JSONL --------------------------------------------------------------------------


def _read_jsonl(item: _Input, codec: str | None, stdin: object) -> Iterator[Record]:
    assert item.path is not None
    with open_binary(item.path, item.name) as raw:
        chunks = decoded_chunks(raw, where=item.name, encoding=codec)
        yield from _jsonl_records(lines(chunks), where=item.name, stem=item.path.stem)


def _jsonl_records(line_iter: Iterable[str], *, where: str, stem: str) -> Iterator[Record]:
    for number, line in enumerate(line_iter, start=1):
        if not line.strip():
            continue
        origin, fallback_id = f"{where}:{number}", f"{stem}:{number}"
        try:
            value = json.loads(line)
        except json.JSONDecodeError as err:
            yield Rejected(fallback_id, origin, f"invalid JSON ({err.msg} at column {err.colno})")
            continue
        except RecursionError:
            yield Rejected(fallback_id, origin, "invalid JSON (nested too deeply)")
            continue
        if not isinstance(value, dict):
            yield Rejected(
                fallback_id, origin, f"expected a JSON object, got {describe_type(value)}"
            )
            continue
        yield build_document(value, fallback_id=fallback_id, origin=origin)


# --- CSV and TSV --------------------------------------------------------------------


def _read_csv(item: _Input, codec: str | None, stdin: object) -> Iterator[Record]:
    assert item.path is not None
    raise_csv_field_limit()
    delimiter = "\t" if item.kind == "tsv" else ","
    stem = item.path.stem
    with open_binary(item.path, item.name) as raw:
        chunks = decoded_chunks(raw, where=item.name, encoding=codec)
        reader = csv.reader(lines(chunks), delimiter=delimiter)
        columns = _csv_header(reader, item.name)
        id_index = columns.index("id") if "id" in columns else None
        while True:
            line = reader.line_num + 1
            origin, fallback_id = f"{item.name}:{line}", f"{stem}:{line}"
            try:
                row = next(reader)
            except StopIteration:
                return
            except csv.Error as err:
                yield Rejected(fallback_id, origin, f"malformed {item.kind.upper()} row ({err})")
                continue
            if not row:
                continue
            if len(row) != len(columns):
                row_id = (
                    row[id_index].strip() if id_index is not None and id_index < len(row) else ""
                )
                yield Rejected(
                    row_id or fallback_id,
                    origin,
                    f"{len(row)} fields but the header has {len(columns)}",
                )
                continue
            yield build_document(dict(zip(columns, row)), fallback_id=fallback_id, origin=origin)


def _csv_header(reader, where: str) -> list[str]:
    try:
        header = next(reader)
    except StopIteration:
        raise InputError(
            f"{where}: the file is empty; expected a header row with a 'text' column"
        ) from None
    except csv.Error as err:
        raise InputError(f"{where}:1: malformed header row ({err}); fix the quoting") from None
    columns = [name.strip() for name in header]
    if "text" not in columns:
        found = ", ".join(repr(name) for name in columns)
        raise InputError(
            f"{where}:1: no 'text' column (found {found}); expected a header row with a 'text' "
            f"column and any of {', '.join(name for name in FIELDS if name != 'text')}"
        )
    repeated = sorted({name for name in columns if name in FIELDS and columns.count(name) > 1})
    if repeated:
        raise InputError(
            f"{where}:1: column {', '.join(map(repr, repeated))} appears more than once; keep one"
        )
    return columns


# --- standard input -----------------------------------------------------------------


def _read_stdin(
    item: _Input, codec: str | None, stdin: TextIO | BinaryIO | None
) -> Iterator[Record]:
    stream = stdin if stdin is not None else _system_stdin()
    chunks = stream_chunks(stream, where=_STDIN, encoding=codec)
    head: list[str] = []
    is_jsonl = False
    for chunk in chunks:
        head.append(chunk)
        stripped = chunk.lstrip()
        if stripped:
            is_jsonl = stripped.startswith("{")
            break
    text = itertools.chain(head, chunks)
    if is_jsonl:
        yield from _jsonl_records(lines(text), where=_STDIN, stem="stdin")
    else:
        record = {"id": "stdin", "source": "stdin", "text": "".join(text)}
        yield build_document(record, fallback_id="stdin", origin=_STDIN)


def _system_stdin() -> BinaryIO:
    stream = getattr(sys.stdin, "buffer", None)
    if stream is None:
        raise InputError("-: standard input is not available; pass file paths instead of '-'")
    return stream


_READERS: dict[
    InputKind, Callable[[_Input, str | None, TextIO | BinaryIO | None], Iterator[Record]]
] = {
    "directory": _read_directory,
    "unifiedfc": _read_unifiedfc,
    "txt": _read_txt,
    "jsonl": _read_jsonl,
    "csv": _read_csv,
    "tsv": _read_csv,
    "stdin": _read_stdin,
}
