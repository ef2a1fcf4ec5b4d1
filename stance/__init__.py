"""stance: compare how Arabic news outlets attribute claims, frame parties and agree.

The data flow, one stage per subpackage::

    corpus (Document) -> text (normalise, boilerplate, segment, tokenise)
    -> pipeline (per-document results) -> report (table, markdown, csv, jsonl) -> cli
"""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("stance")
except PackageNotFoundError:  # running from a source tree that is not installed
    __version__ = "0.0.0+unknown"

__all__ = ["__version__"]
