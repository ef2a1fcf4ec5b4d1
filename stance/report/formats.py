"""Writers for the output formats every command shares."""

from __future__ import annotations

import csv
import enum
import json
from typing import IO, Any, Mapping, Sequence

from tabulate import tabulate

__all__ = ["Format", "RecordWriter"]


class Format(str, enum.Enum):
    """Output formats of record-producing commands."""

    table = "table"
    markdown = "markdown"
    csv = "csv"
    jsonl = "jsonl"


def _cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return "; ".join(str(v) for v in value)
    if isinstance(value, bool):
        return "yes" if value else "no"
    return value


class RecordWriter:
    """Write rows (mappings with the same keys) in one format.

    jsonl and csv are streamed row by row, so a corpus larger than memory can
    be written; table and markdown are rendered at :meth:`close`.

    Parameters
    ----------
    stream : text stream
    fmt : Format
    columns : sequence of str
        The keys, in output order.
    wrap : mapping of column to width, optional
        Wrap long cells of these columns in table format.
    """

    def __init__(self, stream: IO[str], fmt: Format, columns: Sequence[str],
                 wrap: Mapping[str, int] | None = None) -> None:
        self.stream = stream
        self.fmt = Format(fmt)
        self.columns = tuple(columns)
        self.wrap = dict(wrap or {})
        self.count = 0
        self._buffer: list[list[Any]] = []
        self._csv = None
        if self.fmt is Format.csv:
            self._csv = csv.writer(stream, lineterminator="\n")
            self._csv.writerow(self.columns)

    def write(self, row: Mapping[str, Any]) -> None:
        """Add one row."""
        self.count += 1
        if self.fmt is Format.jsonl:
            self.stream.write(json.dumps({c: row[c] for c in self.columns}, ensure_ascii=False) + "\n")
        elif self._csv is not None:
            self._csv.writerow([_csv_cell(row[c]) for c in self.columns])
        else:
            self._buffer.append([_cell(row[c]) for c in self.columns])

    def close(self) -> None:
        """Render buffered formats and flush."""
        if self.fmt in (Format.table, Format.markdown):
            if self._buffer:
                widths = [self.wrap.get(c) for c in self.columns] if self.fmt is Format.table else None
                style = "simple" if self.fmt is Format.table else "github"
                self.stream.write(
                    tabulate(self._buffer, headers=list(self.columns), tablefmt=style,
                             maxcolwidths=widths, disable_numparse=True) + "\n"
                )
            else:
                self.stream.write("(no rows)\n")
        self.stream.flush()


def _csv_cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return json.dumps(list(value), ensure_ascii=False)
    if isinstance(value, bool):
        return "true" if value else "false"
    return value
