"""Lexicons: loading and validating the data files of ``lexicons/``.

Every word list of stance is a TSV file described in ``lexicons/meta.json``;
:func:`load_lexicons` reads them all through one validator and returns an
immutable :class:`Lexicons` object that the pipeline stages receive explicitly.
"""

from stance.lexicon.load import Entry, Lexicons, Table, default_lexicon_dir, load_lexicons

__all__ = ["Entry", "Lexicons", "Table", "default_lexicon_dir", "load_lexicons"]
