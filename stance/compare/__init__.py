"""Comparison across sources: reliability (Krippendorff's alpha) and, later, profiles and tests."""

from stance.compare.reliability import LEVELS, alpha

__all__ = ["LEVELS", "alpha"]
