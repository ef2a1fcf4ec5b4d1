"""The ``attributions`` command."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any, Callable, List, Optional

import typer

from stance.cli import app
from stance.cli.text import EncodingOpt, FormatOpt, LexiconsOpt, PathsArg, Tally
from stance.corpus import read_corpus
from stance.errors import OptionError
from stance.lexicon import load_lexicons
from stance.models import Method
from stance.pipeline import Pipeline
from stance.report import Format, RecordWriter, rows

MethodOpt = typer.Option(
    Method.lexicon, "--method", "-m", case_sensitive=False,
    help="lexicon: every cue the lexicon finds, with the lexicon's stance; model: a trained model decides the "
         "stance of each cue, or drops it as no attribution; hybrid: the lexicon's stance, and the model drops "
         "the cues it finds are no attribution (never those of lemmas the lexicon gets right in training).")
ModelOpt = typer.Option(
    None, "--model", help="A model folder written by 'stance train attribution-stance' (default: the bundled "
                          "model); only with --method model or hybrid.")


def _refiner(method: Method, model_dir: Path | None, lexicon_version: str) -> Callable[[Any], Any]:
    """What to do with each document's attributions: nothing (lexicon), or apply the model."""
    if method is Method.lexicon:
        if model_dir is not None:
            raise OptionError("--model has no effect with --method lexicon; add --method model or --method hybrid")
        return lambda item: item
    from stance.models import apply, default_model_dir, load_model  # scikit-learn is loaded only when needed

    model = load_model(model_dir if model_dir is not None else default_model_dir(), lexicon_version=lexicon_version)
    return lambda item: apply(model, item, method)


@app.command()
def attributions(
    paths: List[str] = PathsArg,
    fmt: Format = FormatOpt,
    encoding: Optional[str] = EncodingOpt,
    assertions: bool = typer.Option(
        False, "--assertions",
        help="Also list the sentences the writer asserts in its own voice (cue_class 'unattributed')."),
    method: Method = MethodOpt,
    model_dir: Optional[Path] = ModelOpt,
    lexicons: Optional[Path] = LexiconsOpt,
) -> None:
    """List every attribution: who is reported as saying what, through which cue.

    One row per cue with its lemma, class (factive, report, according,
    distancing, denial, estimate), coarse stance (endorse, neutral, distance,
    deny), negation, hedges, speaker, party and content. Offsets point into
    the original text. Table format shows the main columns; csv and jsonl
    carry all of them. With --method model a trained model decides each
    cue's stance (lemma and class stay the lexicon's) and drops the cues it
    finds are no attribution; --method hybrid keeps the lexicon's stance and
    only drops cues.
    """
    pipeline = Pipeline(load_lexicons(lexicons))
    refine = _refiner(method, model_dir, pipeline.lexicons.version)
    columns = rows.ATTRIBUTION_TABLE_COLUMNS if fmt in (Format.table, Format.markdown) else rows.ATTRIBUTION_COLUMNS
    writer = RecordWriter(sys.stdout, fmt, columns, wrap={"content": 40, "speaker": 24, "cue": 14})
    tally = Tally()
    n_assert = 0
    for item in pipeline.run_attributions(read_corpus(paths, encoding=encoding)):
        if not tally.see(item):
            continue
        item = refine(item)
        out = [(a.start, rows.attribution_row(a)) for a in item.attributions]
        if assertions:
            out += [(a.start, rows.assertion_row(a)) for a in item.assertions]
        n_assert += len(item.assertions)
        for _, row in sorted(out, key=lambda x: x[0]):
            writer.write(row)
    writer.close()
    tally.summary(f"; {writer.count - (n_assert if assertions else 0)} attributions, {n_assert} unattributed assertions")
