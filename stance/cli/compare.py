"""The ``compare`` command: the main job."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import List, Optional

import typer

from stance.cli import app
from stance.cli.attribution import MethodOpt, ModelOpt
from stance.cli.text import EncodingOpt, LexiconsOpt, PathsArg, Tally
from stance.corpus import read_corpus
from stance.models import Method
from stance.report.comparison import CompareFormat, write_comparison

from stance.compare.options import CompareOptions

# The comparison's numeric libraries (scipy.stats, scipy.cluster) are imported when the command
# runs, not when the CLI starts: every other command would pay for them.


@app.command()
def compare(
    paths: List[str] = PathsArg,
    fmt: CompareFormat = typer.Option(CompareFormat.table, "--format", "-f", case_sensitive=False,
                                      help="Output format."),
    encoding: Optional[str] = EncodingOpt,
    min_documents: int = typer.Option(1, "--min-documents", min=1,
                                      help="Leave out sources with fewer analysed documents."),
    count_syndicated: bool = typer.Option(
        False, "--count-syndicated",
        help="Count copy shared between sources (syndicated agency stories) as independent claims of each."),
    similarity: float = typer.Option(CompareOptions.similarity, "--similarity",
                                     help="Claim alignment threshold: average similarity in (0, 1]."),
    resamples: int = typer.Option(CompareOptions.n_resamples, "--resamples",
                                  help="Bootstrap resamples for the confidence intervals."),
    permutations: int = typer.Option(CompareOptions.permutations, "--permutations",
                                     help="Resamples of each pairwise permutation test."),
    min_attributions: int = typer.Option(
        CompareOptions.min_attributions, "--min-attributions",
        help="Leave sources with fewer attributions out of the pairwise permutation tests."),
    seed: int = typer.Option(0, "--seed", help="Seed of the bootstrap and permutation tests."),
    jobs: int = typer.Option(1, "--jobs", "-j", help="Worker processes for the analysis (0: every core)."),
    method: Method = MethodOpt,
    model_dir: Optional[Path] = ModelOpt,
    lexicons: Optional[Path] = LexiconsOpt,
) -> None:
    """Compare sources: credence, aligned claims, reliability, divergence, syndication, numbers.

    Builds on the attribution and framing records of every document: the credence
    matrix (source x party, with bootstrap CIs) and each source's cue classes; the
    claims different sources state about the same story, aligned, with each
    source's figures for the same quantity; the source x source reliability matrix
    (Krippendorff's alpha over the aligned claims, syndicated copy counted once);
    Jensen-Shannon divergence, a chi-square test and pairwise permutation tests of
    the cue-class profiles; and the copy sources share. Documents are grouped into
    stories by their 'story' field, else automatically. --method model or
    hybrid lets the trained attribution-stance model decide the stance of each
    cue (as in 'stance attributions').
    """
    from stance.compare.comparison import compare as run_compare
    from stance.engine import summarise_corpus

    options = CompareOptions(min_documents=min_documents, count_syndicated=count_syndicated, similarity=similarity,
                             n_resamples=resamples, permutations=permutations, min_attributions=min_attributions,
                             seed=seed)
    tally = Tally()
    summaries = []
    for item in summarise_corpus(read_corpus(paths, encoding=encoding), lexicons=lexicons, jobs=jobs,
                                 method=method.value, model_dir=model_dir):
        tally.see_summary(item)
        summaries.append(item)
    result = run_compare(summaries, options)
    write_comparison(result.to_dict(), sys.stdout, fmt)
    tally.summary(f"; {len(result.sources)} sources, {len(result.claims)} aligned claims")
