"""Framing: how outlets name conflict events and which roles they give the parties.

:class:`FramingExtractor` finds the framing terms of ``lexicons/frames.tsv``
(الحرب التي تشنها روسيا، العملية العسكرية الروسية، النظام السوري ...) and attaches
each to a party; :mod:`stance.framing.profile` turns the records into per
source × party profiles with a valence index and bootstrap intervals, and into
naming tables.
"""

from stance.framing.extract import EVENTS, FRAMES, ROLES, DocumentFraming, FrameMatcher, FramingExtractor
from stance.framing.profile import NamingTable, Profile, naming_table, profiles

__all__ = ["EVENTS", "FRAMES", "ROLES", "DocumentFraming", "FrameMatcher", "FramingExtractor",
           "NamingTable", "Profile", "naming_table", "profiles"]
