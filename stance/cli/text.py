"""Commands of the text layer: ``sentences`` and ``clean``."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Iterator, List, Optional

import typer

from stance.cli import app
from stance.corpus import read_corpus
from stance.lexicon import load_lexicons
from stance.pipeline import Pipeline, TextAnalysis
from stance.records import Rejected
from stance.report import Format, RecordWriter, rows

PathsArg = typer.Argument(..., metavar="PATH", help="Corpus inputs: directory, .jsonl, .csv, .tsv, .txt, or '-' for stdin.")
FormatOpt = typer.Option(Format.table, "--format", "-f", case_sensitive=False, help="Output format.")
EncodingOpt = typer.Option(None, "--encoding", help="Input encoding (default: detect UTF-8, UTF-16 or Windows-1256).")
LexiconsOpt = typer.Option(None, "--lexicons", help="A lexicon folder with meta.json to use instead of the bundled one.")


def analyse(paths: list[str], encoding: str | None, lexicons: Path | None,
            keep_boilerplate: bool = False) -> Iterator[TextAnalysis | Rejected]:
    """Read the corpus and run the text layer, reporting rejections on stderr."""
    pipeline = Pipeline(load_lexicons(lexicons), keep_boilerplate=keep_boilerplate)
    return pipeline.run(read_corpus(paths, encoding=encoding))


class Tally:
    """Counts for the closing summary line; lists each rejected document on stderr."""

    def __init__(self) -> None:
        self.analysed = 0
        self.rejected = 0
        self.removed = 0

    def see(self, item) -> bool:
        if isinstance(item, Rejected):
            self.rejected += 1
            typer.echo(f"stance: rejected {item.id} ({item.origin}): {item.reason}", err=True)
            return False
        self.analysed += 1
        self.removed += len(item.removed)
        return True

    def see_summary(self, item) -> bool:
        """Count a comparison summary (or list a rejected document); like :meth:`see`."""
        if isinstance(item, Rejected):
            return self.see(item)
        self.analysed += 1
        return True

    def summary(self, extra: str = "") -> None:
        total = self.analysed + self.rejected
        typer.echo(
            f"stance: {total} document{'s' if total != 1 else ''} read: {self.analysed} analysed, "
            f"{self.rejected} rejected{extra}",
            err=True,
        )


@app.command()
def sentences(
    paths: List[str] = PathsArg,
    fmt: Format = FormatOpt,
    encoding: Optional[str] = EncodingOpt,
    keep_boilerplate: bool = typer.Option(False, "--keep-boilerplate", help="Do not remove boilerplate and appended content."),
    lexicons: Optional[Path] = LexiconsOpt,
) -> None:
    """Split documents into sentences (offsets point into the original text).

    Boilerplate and appended content are left out; 'stance clean' lists what
    was removed, and --keep-boilerplate keeps it.
    """
    tally = Tally()
    writer = RecordWriter(sys.stdout, fmt, rows.SENTENCE_COLUMNS, wrap={"text": 70})
    for item in analyse(paths, encoding, lexicons, keep_boilerplate):
        if tally.see(item):
            for s in item.sentences:
                writer.write(rows.sentence_row(item.document, s))
    writer.close()
    tally.summary(f"; {writer.count} sentences; {tally.removed} boilerplate spans removed"
                  + (" (see 'stance clean')" if tally.removed else ""))


@app.command()
def clean(
    paths: List[str] = PathsArg,
    fmt: Format = FormatOpt,
    encoding: Optional[str] = EncodingOpt,
    lexicons: Optional[Path] = LexiconsOpt,
) -> None:
    """List the boilerplate and appended content removed from each document.

    One row per removed span: its kind (source_credit, read_also, tags,
    related_list, app_promo, caption, appended_article, ...), the lexicon form
    or rule that fired, and its offsets in the original text.
    """
    tally = Tally()
    writer = RecordWriter(sys.stdout, fmt, rows.REMOVED_COLUMNS, wrap={"text": 60, "marker": 24})
    for item in analyse(paths, encoding, lexicons):
        if tally.see(item):
            for r in item.removed:
                writer.write(rows.removed_row(item.document, r))
    writer.close()
    tally.summary(f"; {tally.removed} spans removed")
