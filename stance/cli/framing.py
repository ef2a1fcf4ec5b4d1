"""The ``framing`` command."""

from __future__ import annotations

import enum
import sys
from pathlib import Path
from typing import List, Optional

import typer

from stance.cli import app
from stance.cli.text import EncodingOpt, FormatOpt, LexiconsOpt, PathsArg, Tally
from stance.corpus import read_corpus
from stance.framing import naming_table, profiles
from stance.lexicon import load_lexicons
from stance.pipeline import Pipeline
from stance.report import Format, RecordWriter, rows


class Report(str, enum.Enum):
    """What ``stance framing`` prints."""

    records = "records"
    profile = "profile"
    naming = "naming"


@app.command()
def framing(
    paths: List[str] = PathsArg,
    fmt: Format = FormatOpt,
    report: Report = typer.Option(
        Report.records, "--report", "-r", case_sensitive=False,
        help="records: one row per framing term; profile: per source x party counts by frame and role and a "
             "valence index with a 95% bootstrap interval; naming: which names each source uses for each referent."),
    include_quoted: bool = typer.Option(
        False, "--include-quoted",
        help="Count terms inside quotation marks in profiles and naming tables (records always list them)."),
    encoding: Optional[str] = EncodingOpt,
    lexicons: Optional[Path] = LexiconsOpt,
) -> None:
    """List how each outlet names conflict events and frames the parties.

    Every framing term of lexicons/frames.tsv (الحرب التي تشنها روسيا، العملية
    العسكرية الروسية، النظام السوري ...) with its frame, the role it gives a
    party, that party, a valence from -2 to +2 and the rule that attached it
    (term, slot, nisba, possessive, proximity). Offsets point into the
    original text.
    """
    pipeline = Pipeline(load_lexicons(lexicons))
    structured = fmt is Format.jsonl
    tally = Tally()
    found = []
    if report is Report.records:
        columns = rows.FRAMING_TABLE_COLUMNS if fmt in (Format.table, Format.markdown) else rows.FRAMING_COLUMNS
        writer = RecordWriter(sys.stdout, fmt, columns, wrap={"term": 30})
    for item in pipeline.run_framing(read_corpus(paths, encoding=encoding)):
        if not tally.see(item):
            continue
        if report is Report.records:
            for f in item.framings:
                writer.write(rows.framing_row(f))
        else:
            found.extend(item.framings)
    if report is Report.profile:
        writer = RecordWriter(sys.stdout, fmt, rows.PROFILE_COLUMNS, wrap={"frames": 40, "roles": 40})
        for p in profiles(found, quoted=include_quoted):
            writer.write(rows.profile_row(p, structured))
    elif report is Report.naming:
        writer = RecordWriter(sys.stdout, fmt, rows.NAMING_COLUMNS, wrap={"terms": 50})
        for t in naming_table(found, quoted=include_quoted):
            for row in rows.naming_rows(t, structured):
                writer.write(row)
    writer.close()
    tally.summary(f"; {writer.count} {report.value} rows")
