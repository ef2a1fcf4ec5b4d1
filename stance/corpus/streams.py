"""Lazy decoding of byte streams into text chunks and lines.

Inputs may be larger than memory, so they are decoded chunk by chunk with an
incremental decoder.  The decoder keeps track of byte offsets, so that a decode
error names the exact offset of the offending byte in the file.
"""

from __future__ import annotations

import codecs
import os
from collections.abc import Iterable, Iterator
from typing import BinaryIO, TextIO

from stance.corpus.encoding import SAMPLE_SIZE, detect_encoding
from stance.errors import EncodingError, InputError, OptionError

__all__ = ["CHUNK_SIZE", "open_binary", "decoded_chunks", "stream_chunks", "lines"]

#: How many bytes are read at a time after the detection sample.
CHUNK_SIZE = 64 * 1024


def open_binary(path: str | os.PathLike, where: str) -> BinaryIO:
    """Open a file for reading bytes; an :class:`InputError` names it when that fails."""
    try:
        return open(path, "rb")
    except OSError as err:
        raise InputError(
            f"{where}: cannot be opened ({err.strerror or err}); check that it is a readable file"
        ) from None


def decoded_chunks(
    raw: BinaryIO, *, where: str, encoding: str | None, head: bytes = b""
) -> Iterator[str]:
    """Decode a binary stream lazily into text chunks.

    The first :data:`~stance.corpus.encoding.SAMPLE_SIZE` bytes decide the
    encoding when ``encoding`` is None.  A byte order mark is skipped and a
    leading U+FEFF never reaches the text.

    Parameters
    ----------
    raw : BinaryIO
        The stream, positioned after ``head``.
    where : str
        Name of the input for error messages.
    encoding : str or None
        A codec name already checked by
        :func:`~stance.corpus.encoding.check_encoding`, or None to detect it.
    head : bytes, optional
        Bytes already read from the stream.

    Yields
    ------
    str
        Decoded text, in order; never an empty string.

    Raises
    ------
    EncodingError
        If the encoding cannot be detected, or bytes do not decode.
    """
    sample = _read_at_least(raw, SAMPLE_SIZE, head)
    if encoding is not None:
        name = encoding
    else:
        name = detect_encoding(sample, where=where, complete=len(sample) < SAMPLE_SIZE)
    codec, bom = _skip_bom(name, sample)
    decoder = codecs.getincrementaldecoder(codec)(errors="strict")
    offset = bom  # file offset of the first byte of ``data``
    data = sample[bom:]
    at_start = True
    while True:
        final = not data
        pending = len(decoder.getstate()[0])
        try:
            text = decoder.decode(data, final=final)
        except UnicodeDecodeError as err:
            # Hand on the text before the bad byte, so that every complete line
            # (document) before it is read, then fail.
            valid = _decode_or_empty(err.object[: err.start], codec)
            if at_start:
                valid = valid.removeprefix("\ufeff")
            if valid:
                yield valid
            position = offset - pending + err.start
            raise EncodingError(
                _decode_message(where, name, position, err, encoding is None)
            ) from None
        if at_start and text:
            text = text.removeprefix("\ufeff")
            at_start = False
        if text:
            yield text
        if final:
            return
        offset += len(data)
        data = raw.read(CHUNK_SIZE) or b""


def stream_chunks(stream: TextIO | BinaryIO, *, where: str, encoding: str | None) -> Iterator[str]:
    """Text chunks of a stream that is either binary (decoded) or text (taken as is).

    Raises
    ------
    OptionError
        If ``encoding`` is given for a text stream, which is already decoded.
    EncodingError
        As :func:`decoded_chunks`.
    """
    first = stream.read(SAMPLE_SIZE)
    if isinstance(first, str):
        if encoding is not None:
            raise OptionError(
                f"{where}: encoding {encoding!r} was given but the stream is already text; "
                "pass a binary stream (such as sys.stdin.buffer) or leave the encoding out"
            )
        if first:
            yield first.removeprefix("\ufeff")
            yield from iter(lambda: stream.read(CHUNK_SIZE), "")
        return
    yield from decoded_chunks(stream, where=where, encoding=encoding, head=bytes(first or b""))


def lines(chunks: Iterable[str]) -> Iterator[str]:
    """Split text chunks into lines, each ending with its ``'\\n'`` (except perhaps the last).

    Only ``'\\n'`` ends a line, so that ``'\\r\\n'`` and other separators stay in
    the text as the :mod:`csv` module expects (like ``open(..., newline='')``).
    """
    parts: list[str] = []
    for chunk in chunks:
        start = 0
        while True:
            end = chunk.find("\n", start)
            if end < 0:
                if start < len(chunk):
                    parts.append(chunk[start:])
                break
            parts.append(chunk[start : end + 1])
            yield "".join(parts)
            parts = []
            start = end + 1
    if parts:
        yield "".join(parts)


def _read_at_least(raw: BinaryIO, size: int, head: bytes) -> bytes:
    """``head`` plus reads from ``raw`` until ``size`` bytes or the end of the stream."""
    parts = [head]
    have = len(head)
    while have < size:
        block = raw.read(size - have)
        if not block:
            break
        parts.append(bytes(block))
        have += len(block)
    return b"".join(parts)


def _decode_or_empty(data: bytes, codec: str) -> str:
    try:
        return codecs.decode(data, codec)
    except UnicodeDecodeError:
        return ""


def _skip_bom(name: str, sample: bytes) -> tuple[str, int]:
    """The codec to decode with once a byte order mark of ``name``'s family is skipped."""
    canonical = codecs.lookup(name).name
    if canonical in ("utf-8", "utf-8-sig"):
        return "utf-8", len(codecs.BOM_UTF8) if sample.startswith(codecs.BOM_UTF8) else 0
    if canonical in ("utf-16", "utf-16-le") and sample.startswith(codecs.BOM_UTF16_LE):
        return "utf-16-le", 2
    if canonical in ("utf-16", "utf-16-be") and sample.startswith(codecs.BOM_UTF16_BE):
        return "utf-16-be", 2
    return canonical, 0


def _decode_message(
    where: str, name: str, position: int, err: UnicodeDecodeError, detected: bool
) -> str:
    bad = err.object[err.start : err.start + 1]
    what = f"byte 0x{bad[0]:02x}" if bad else "end of data"
    if detected:
        how = (
            f"is not valid {name} (the encoding detected from the first "
            f"{SAMPLE_SIZE // 1024} KiB); pass --encoding NAME"
        )
    else:
        how = f"cannot be decoded as {name} ({err.reason}); pass the right --encoding NAME"
    return f"{where}: {what} at offset {position} {how}"
