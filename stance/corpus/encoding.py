"""Text encodings of corpus inputs: detection and validation of a given name.

Arabic news reaches analysts as UTF-8 (with or without a byte order mark),
UTF-16 (exported from Windows tools, sometimes without a BOM) or the legacy
Windows-1256 code page.  :func:`detect_encoding` tells them apart from a
sample of bytes; an encoding given by the user is checked with
:func:`check_encoding` before any input is read.

Examples
--------
>>> detect_encoding("قال المتحدث".encode("utf-8"))
'utf-8'
>>> detect_encoding("قال المتحدث".encode("utf-16"))
'utf-16'
>>> detect_encoding("قال المتحدث".encode("cp1256"))
'cp1256'
"""

from __future__ import annotations

import codecs
import unicodedata

from stance.errors import EncodingError, OptionError

__all__ = ["detect_encoding", "check_encoding", "SAMPLE_SIZE"]

#: How many bytes at the start of an input are used to detect its encoding.
SAMPLE_SIZE = 64 * 1024

_BOMS_UTF16 = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
# In UTF-16 text of Arabic and ASCII characters, the high byte of nearly every
# code unit is 0x00 (ASCII: spaces, digits, newlines) or 0x06 (the Arabic block).
_UTF16_HIGH_BYTES = frozenset({0x00, 0x06})
_WHITESPACE_CONTROLS = frozenset("\t\n\r\f\v")
# Share of control characters above which a decoding is not plausible text.
_MAX_CONTROL_SHARE_UTF = 0.05
_MAX_CONTROL_SHARE_CP1256 = 0.01


def detect_encoding(sample: bytes, *, where: str = "input", complete: bool = False) -> str:
    """Name the encoding of ``sample``: UTF-8, UTF-16 or Windows-1256.

    The rules, in order:

    1. A byte order mark decides: ``EF BB BF`` gives ``'utf-8-sig'``,
       ``FF FE`` or ``FE FF`` gives ``'utf-16'`` (the codec reads the BOM).
    2. UTF-16 without a BOM, recognised by its pattern of high bytes: in one
       byte position (odd for little-endian, even for big-endian) at least
       70% of the bytes are ``0x00`` (ASCII) or ``0x06`` (Arabic block), in
       the other position at most 10% are, and the sample decodes strictly as
       UTF-16 with few control characters.  Gives ``'utf-16-le'`` or
       ``'utf-16-be'``.  This runs before the UTF-8 test because such bytes
       are often valid UTF-8 as well (full of NUL and control characters).
    3. Strict UTF-8, ignoring an incomplete multi-byte sequence at the very
       end (the sample may cut a character in two) unless ``complete``, with
       at most 5% control characters other than whitespace.  An empty sample
       is ``'utf-8'``.
    4. Windows-1256 when the decoded sample is plausible Arabic text: at most
       1% control characters, at least one Arabic letter, and either at least
       half of the letters are Arabic or at most 10% of the words holding an
       Arabic letter also hold a Latin one (a Latin-1 file read as
       Windows-1256 shows Arabic letters inside Latin words).

    Windows-1256 text with two Arabic letters in a row is never valid UTF-8
    (both bytes are 0xC1 or above), so rule 3 cannot take it; only a tiny
    sample such as ``'آ،'`` (bytes ``C2 A1``, UTF-8 for ``'¡'``) is ambiguous,
    and it reads as UTF-8.

    Parameters
    ----------
    sample : bytes
        The first bytes of the input (:data:`SAMPLE_SIZE` is enough).
    where : str, optional
        Name of the input, used in the error message.
    complete : bool, optional
        True when ``sample`` is the whole input, so that a character cut at
        its end is an error rather than the edge of the sample.

    Returns
    -------
    str
        A Python codec name: ``'utf-8-sig'``, ``'utf-16'``, ``'utf-16-le'``,
        ``'utf-16-be'``, ``'utf-8'`` or ``'cp1256'``.

    Raises
    ------
    EncodingError
        If none of the rules applies.
    """
    if sample.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if sample.startswith(_BOMS_UTF16):
        return "utf-16"
    if not sample:
        return "utf-8"
    utf16 = _utf16_without_bom(sample, complete)
    if utf16 is not None:
        return utf16
    text = _decode_prefix(sample, "utf-8", complete)
    if text is not None and _control_share(text) <= _MAX_CONTROL_SHARE_UTF:
        return "utf-8"
    if _plausible_arabic(sample.decode("cp1256")):
        return "cp1256"
    raise EncodingError(
        f"{where}: cannot detect the text encoding (not UTF-8, UTF-16 or Windows-1256); "
        "pass --encoding NAME"
    )


def check_encoding(name: str) -> str:
    """Validate an encoding name given by the user and return its canonical form.

    Parameters
    ----------
    name : str
        Any name Python's :mod:`codecs` knows (``'UTF8'``, ``'windows-1256'``...).

    Returns
    -------
    str
        The canonical codec name (``'utf-8'``, ``'cp1256'``...).

    Raises
    ------
    OptionError
        If ``name`` is not a text encoding known to Python.
    """
    try:
        info = codecs.lookup(name)
    except (LookupError, TypeError):
        info = None
    if info is None or not getattr(info, "_is_text_encoding", True):
        raise OptionError(
            f"unknown text encoding {name!r}; expected a Python codec name such as "
            "'utf-8', 'utf-16' or 'cp1256', or no encoding to detect it"
        )
    return info.name


def _decode_prefix(sample: bytes, codec: str, complete: bool) -> str | None:
    """Decode ``sample`` strictly, unless ``complete`` ignoring an incomplete
    sequence at its end; None on error."""
    decoder = codecs.getincrementaldecoder(codec)(errors="strict")
    try:
        return decoder.decode(sample, final=complete)
    except UnicodeDecodeError:
        return None


def _utf16_without_bom(sample: bytes, complete: bool) -> str | None:
    """``'utf-16-le'``/``'utf-16-be'`` when the bytes show UTF-16's high-byte pattern."""
    even, odd = sample[0::2], sample[1::2]
    if not odd:
        return None
    even_share = sum(even.count(byte) for byte in _UTF16_HIGH_BYTES) / len(even)
    odd_share = sum(odd.count(byte) for byte in _UTF16_HIGH_BYTES) / len(odd)
    if odd_share >= 0.7 and even_share <= 0.1:
        codec = "utf-16-le"
    elif even_share >= 0.7 and odd_share <= 0.1:
        codec = "utf-16-be"
    else:
        return None
    text = _decode_prefix(sample, codec, complete)
    if text is None or _control_share(text) > _MAX_CONTROL_SHARE_UTF:
        return None
    return codec


def _control_share(text: str) -> float:
    """Share of control characters (C0, DEL, C1; whitespace excepted) in ``text``."""
    if not text:
        return 0.0
    controls = sum(
        1 for ch in text if unicodedata.category(ch) == "Cc" and ch not in _WHITESPACE_CONTROLS
    )
    return controls / len(text)


def _is_arabic_letter(ch: str) -> bool:
    code = ord(ch)
    in_block = (
        0x0600 <= code <= 0x06FF
        or 0x0750 <= code <= 0x077F
        or 0x08A0 <= code <= 0x08FF
        or 0xFB50 <= code <= 0xFDFF
        or 0xFE70 <= code <= 0xFEFF
    )
    return in_block and ch.isalpha()


def _plausible_arabic(text: str) -> bool:
    """Whether ``text`` (a Windows-1256 decoding) reads as Arabic rather than noise."""
    if _control_share(text) > _MAX_CONTROL_SHARE_CP1256:
        return False
    letters = [ch for ch in text if ch.isalpha()]
    arabic = sum(_is_arabic_letter(ch) for ch in letters)
    if arabic == 0:
        return False
    if arabic * 2 >= len(letters):
        return True
    arabic_words = mixed_words = 0
    for word in "".join(ch if ch.isalpha() else " " for ch in text).split():
        if any(_is_arabic_letter(ch) for ch in word):
            arabic_words += 1
            if any(not _is_arabic_letter(ch) for ch in word):
                mixed_words += 1
    return mixed_words <= 0.1 * arabic_words
