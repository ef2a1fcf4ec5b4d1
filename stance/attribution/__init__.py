"""Attribution: who is reported as saying what, through which cue, with which credence.

:class:`AttributionExtractor` finds every attribution cue of a document (from
``lexicons/cues.tsv`` and ``cue_forms.tsv``), its speaker and party
(``parties.tsv``, ``party_aliases.tsv``), its content, negation and hedges,
and the sentences the writer asserts in its own voice.
"""

from stance.attribution.extract import AttributionExtractor, DocumentAttributions
from stance.attribution.matcher import CueMatcher, PartyMatcher

__all__ = ["AttributionExtractor", "DocumentAttributions", "CueMatcher", "PartyMatcher"]
