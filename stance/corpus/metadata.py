"""Document metadata: field rules shared by every input form, and ``metadata.csv``.

The fields of a document are ``id``, ``source``, ``text``, ``date``,
``title``, ``url`` and ``story``.  The same rules apply whether they come from
a JSONL object, a CSV row or a directory's ``metadata.csv``:

* values are stripped of surrounding whitespace; an empty value counts as absent
  (``text`` is the exception: it is kept exactly as read);
* ``date`` is ISO: ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``;
* without a ``source``, the domain of ``url`` is the source
  (:func:`source_from_url`), and without either the input's own default.

Examples
--------
>>> source_from_url("https://www.Aljazeera.net/news/2024/1/1/x")
'aljazeera.net'
>>> source_from_url("http://iq.shafaqna.com/AR")
'iq.shafaqna.com'
>>> source_from_url("not a url") is None
True
"""

from __future__ import annotations

import csv
import datetime
import re
from collections.abc import Collection, Mapping
from pathlib import Path
from urllib.parse import urlsplit

from stance.corpus.streams import decoded_chunks, lines, open_binary
from stance.errors import InputError
from stance.records import Document, Rejected

__all__ = [
    "FIELDS",
    "METADATA_COLUMNS",
    "source_from_url",
    "is_iso_date",
    "build_document",
    "read_metadata",
    "raise_csv_field_limit",
    "describe_type",
]

#: Fields read from JSONL objects and CSV rows; other keys are ignored.
FIELDS = ("id", "source", "text", "date", "title", "url", "story")
#: Columns allowed in a directory's ``metadata.csv`` (``id`` required).
METADATA_COLUMNS = ("id", "source", "date", "title", "url", "story")

_OPTIONAL = ("source", "date", "title", "url", "story")
_ISO_DATE = re.compile(r"([0-9]{4})(?:-([0-9]{2})(?:-([0-9]{2}))?)?")
_HOST = re.compile(r"[^\s/?#@]+")
_DATE_HINT = "expected YYYY, YYYY-MM or YYYY-MM-DD"


def source_from_url(url: str) -> str | None:
    """The outlet a url points to: its host, lower-cased, without a leading ``www.``.

    Parameters
    ----------
    url : str
        An absolute url (``https://...``), a scheme-relative one (``//host/...``)
        or one starting with ``www.``.

    Returns
    -------
    str or None
        The domain, or None when ``url`` names no host (a relative path, plain
        words, ``mailto:`` ...).
    """
    url = url.strip()
    if url.lower().startswith("www."):
        url = "//" + url
    try:
        host = urlsplit(url).hostname
    except ValueError:
        return None
    if not host:
        return None
    host = host.rstrip(".")
    host = host.removeprefix("www.")
    if not host or not _HOST.fullmatch(host):
        return None
    return host


def is_iso_date(value: str) -> bool:
    """Whether ``value`` is a valid ISO date ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``.

    An ISO 8601 date-time (``2024-03-05T10:00Z``, ``2024-03-05 10:00:00+03:00``),
    as scraped feeds carry, is accepted too when its date part is valid.
    """
    if len(value) > 10 and value[10] in "T " and _is_iso_datetime(value):
        value = value[:10]
    match = _ISO_DATE.fullmatch(value)
    if match is None:
        return False
    year, month, day = (int(part) if part else 1 for part in match.groups())
    try:
        datetime.date(year, month, day)
    except ValueError:
        return False
    return True


def _is_iso_datetime(value: str) -> bool:
    try:
        datetime.datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return False
    return True


def build_document(
    record: Mapping[str, object], *, fallback_id: str, origin: str, default_source: str = "unknown"
) -> Document | Rejected:
    """Apply the field rules to one input record.

    Parameters
    ----------
    record : Mapping[str, object]
        Field values as read (JSON values or CSV strings); unknown keys are ignored.
    fallback_id : str
        The id when the record has none (``<file stem>:<line>`` for JSONL/CSV).
    origin : str
        Where the record was read, for the resulting record.
    default_source : str, optional
        The source when the record has neither ``source`` nor a ``url`` with a host.

    Returns
    -------
    Document or Rejected
        A Rejected record says which field is wrong and why.
    """
    id_value, problem = _scalar(record.get("id"), "id")
    doc_id = id_value or fallback_id
    if problem:
        return Rejected(doc_id, origin, problem)
    text = record.get("text")
    if text is None:
        return Rejected(doc_id, origin, "no 'text' field")
    if not isinstance(text, str):
        return Rejected(doc_id, origin, f"'text' is {describe_type(text)}; expected a string")
    text = text.removeprefix("\ufeff")
    if not text.strip():
        return Rejected(doc_id, origin, "empty text")
    values: dict[str, str | None] = {}
    for name in _OPTIONAL:
        values[name], problem = _scalar(record.get(name), name)
        if problem:
            return Rejected(doc_id, origin, problem)
    date = values["date"]
    if date is not None and not is_iso_date(date):
        return Rejected(doc_id, origin, f"date {date!r} is not an ISO date; {_DATE_HINT}")
    url = values["url"]
    source = values["source"] or (url and source_from_url(url)) or default_source
    return Document(
        id=doc_id,
        source=source,
        text=text,
        date=date,
        title=values["title"],
        url=url,
        story=values["story"],
        origin=origin,
    )


def read_metadata(
    directory: Path, file_ids: Collection[str], *, encoding: str | None
) -> dict[str, dict[str, str | None]]:
    """Read ``directory/metadata.csv`` and check it against the documents there.

    Parameters
    ----------
    directory : Path
        The directory given as input.
    file_ids : Collection[str]
        Ids of its ``.txt`` files (relative paths without suffix, '/'-separated).
    encoding : str or None
        A checked codec name, or None to detect it.

    Returns
    -------
    dict
        For each id with a row, the row's values (``source``, ``date``, ``title``,
        ``url``, ``story``; None when empty or absent).  An id may be written
        with or without its ``.txt`` suffix.

    Raises
    ------
    InputError
        For an empty file, unknown or missing columns, a malformed row, an empty
        or duplicate id, a date that is not ISO, or an id without a ``.txt``
        file; the message starts with ``path:line``.
    """
    where = str(directory / "metadata.csv")
    raise_csv_field_limit()
    rows: dict[str, dict[str, str | None]] = {}
    first_line: dict[str, int] = {}
    with open_binary(directory / "metadata.csv", where) as raw:
        reader = csv.reader(lines(decoded_chunks(raw, where=where, encoding=encoding)))
        header = _next_row(reader, where)
        if header is None:
            raise InputError(
                f"{where}: the file is empty; expected a header row with the columns "
                f"{', '.join(METADATA_COLUMNS)} (id required)"
            )
        columns = [name.strip() for name in header]
        _check_columns(columns, where)
        while True:
            line = reader.line_num + 1
            row = _next_row(reader, where)
            if row is None:
                break
            if not row or not any(cell.strip() for cell in row):
                continue
            if len(row) != len(columns):
                raise InputError(
                    f"{where}:{line}: {len(row)} fields but the header has {len(columns)}; "
                    "quote values that contain commas and give every column"
                )
            values = {name: (cell.strip() or None) for name, cell in zip(columns, row)}
            doc_id = values.pop("id")
            if doc_id is None:
                raise InputError(
                    f"{where}:{line}: empty id; give the name of a .txt file in every row"
                )
            if doc_id.lower().endswith(".txt"):
                doc_id = doc_id[: -len(".txt")]
            if doc_id in first_line:
                raise InputError(
                    f"{where}:{line}: duplicate id {doc_id!r} "
                    f"(first at line {first_line[doc_id]}); keep one row per file"
                )
            date = values.get("date")
            if date is not None and not is_iso_date(date):
                raise InputError(f"{where}:{line}: date {date!r} is not an ISO date; {_DATE_HINT}")
            if doc_id not in file_ids:
                raise InputError(
                    f"{where}:{line}: id {doc_id!r} has no file {doc_id}.txt in {directory}; "
                    "remove the row or add the file"
                )
            first_line[doc_id] = line
            rows[doc_id] = values
    return rows


def raise_csv_field_limit() -> None:
    """Let the :mod:`csv` module read fields as long as whole articles."""
    limit = 2**31 - 1
    if csv.field_size_limit() < limit:
        csv.field_size_limit(limit)


def _next_row(reader, where: str) -> list[str] | None:
    try:
        return next(reader)
    except StopIteration:
        return None
    except csv.Error as err:
        raise InputError(
            f"{where}:{reader.line_num}: malformed CSV ({err}); fix the quoting"
        ) from None


def _check_columns(columns: list[str], where: str) -> None:
    allowed = ", ".join(METADATA_COLUMNS)
    unknown = [name for name in columns if name not in METADATA_COLUMNS]
    if unknown:
        names = ", ".join(repr(name) for name in unknown)
        raise InputError(
            f"{where}:1: unknown column{'s' if len(unknown) > 1 else ''} {names}; "
            f"allowed columns are {allowed} (id required); rename or remove "
            f"{'them' if len(unknown) > 1 else 'it'}"
        )
    repeated = sorted({name for name in columns if columns.count(name) > 1})
    if repeated:
        raise InputError(
            f"{where}:1: column {', '.join(map(repr, repeated))} appears more than once; keep one"
        )
    if "id" not in columns:
        raise InputError(
            f"{where}:1: no 'id' column (found {', '.join(columns)}); add an 'id' column "
            "giving each row's .txt file name"
        )


def _scalar(value: object, name: str) -> tuple[str | None, str | None]:
    """(value as a stripped string or None, problem or None) for a metadata field."""
    if value is None:
        return None, None
    if isinstance(value, str):
        return value.strip() or None, None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return str(value), None
    return None, f"{name!r} is {describe_type(value)}; expected a string or a number"


def describe_type(value: object) -> str:
    """How an error message names the JSON type of ``value`` ('a list', 'a number' ...)."""
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, (int, float)):
        return "a number"
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, list):
        return "a list"
    return f"a {type(value).__name__}"
