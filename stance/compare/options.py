"""The settings of a comparison, apart from the modules that compute it.

The command line reads its defaults from here without importing scipy and the
rest of the comparison, which it only needs once the command runs.
"""

from __future__ import annotations

from dataclasses import dataclass

from stance.errors import OptionError

__all__ = ["SIMILARITY", "CompareOptions"]

SIMILARITY = 0.35  # claims at or above this average similarity state the same proposition


@dataclass(frozen=True)
class CompareOptions:
    """Settings of a comparison.

    Attributes
    ----------
    min_documents : int
        Sources with fewer analysed documents are left out of every table (and listed).
    count_syndicated : bool
        Count syndicated copy as independent claims of each source that carries it.
    similarity : float
        Claim alignment threshold (see :func:`stance.compare.claims.align_claims`).
    confidence : float
        Level of the bootstrap intervals.
    n_resamples : int
        Bootstrap resamples.
    permutations : int
        Resamples of each pairwise permutation test.
    min_attributions : int
        Sources with fewer attributions are left out of the pairwise permutation tests (listed
        in ``tests.untested``): a profile of a handful of cues tests nothing.
    seed : int
    """

    min_documents: int = 1
    count_syndicated: bool = False
    similarity: float = SIMILARITY
    confidence: float = 0.95
    n_resamples: int = 2000
    permutations: int = 999
    min_attributions: int = 10
    seed: int = 0

    def __post_init__(self) -> None:
        if self.min_documents < 1:
            raise OptionError(f"--min-documents must be at least 1, got {self.min_documents}")
        if not 0 < self.similarity <= 1:
            raise OptionError(f"--similarity must be in (0, 1], got {self.similarity}")
        if not 0 < self.confidence < 1:
            raise OptionError(f"--confidence must be between 0 and 1, got {self.confidence}")
        if self.n_resamples < 100 or self.permutations < 99:
            raise OptionError("use at least 100 bootstrap resamples and 99 permutations")
        if self.min_attributions < 1:
            raise OptionError(f"--min-attributions must be at least 1, got {self.min_attributions}")
