"""Readers of public datasets that stance is evaluated on; the data stay where the user keeps them."""

from stance.datasets.unifiedfc import Claim, UnifiedFC, read_unifiedfc

__all__ = ["Claim", "UnifiedFC", "read_unifiedfc"]
