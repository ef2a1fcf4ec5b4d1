"""The ``attributions`` command."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import List, Optional

import typer

from stance.cli import app
from stance.cli.text import EncodingOpt, FormatOpt, LexiconsOpt, PathsArg, Tally
from stance.corpus import read_corpus
from stance.lexicon import load_lexicons
from stance.pipeline import Pipeline
from stance.report import Format, RecordWriter, rows


@app.command()
def attributions(
    paths: List[str] = PathsArg,
    fmt: Format = FormatOpt,
    encoding: Optional[str] = EncodingOpt,
    assertions: bool = typer.Option(
        False, "--assertions",
        help="Also list the sentences the writer asserts in its own voice (cue_class 'unattributed')."),
    lexicons: Optional[Path] = LexiconsOpt,
) -> None:
    """List every attribution: who is reported as saying what, through which cue.

    One row per cue with its lemma, class (factive, report, according,
    distancing, denial, estimate), coarse stance (endorse, neutral, distance,
    deny), negation, hedges, speaker, party and content. Offsets point into
    the original text. Table format shows the main columns; csv and jsonl
    carry all of them.
    """
    pipeline = Pipeline(load_lexicons(lexicons))
    columns = rows.ATTRIBUTION_TABLE_COLUMNS if fmt in (Format.table, Format.markdown) else rows.ATTRIBUTION_COLUMNS
    writer = RecordWriter(sys.stdout, fmt, columns, wrap={"content": 40, "speaker": 24, "cue": 14})
    tally = Tally()
    n_assert = 0
    for item in pipeline.run_attributions(read_corpus(paths, encoding=encoding)):
        if not tally.see(item):
            continue
        out = [(a.start, rows.attribution_row(a)) for a in item.attributions]
        if assertions:
            out += [(a.start, rows.assertion_row(a)) for a in item.assertions]
        n_assert += len(item.assertions)
        for _, row in sorted(out, key=lambda x: x[0]):
            writer.write(row)
    writer.close()
    tally.summary(f"; {writer.count - (n_assert if assertions else 0)} attributions, {n_assert} unattributed assertions")
