"""Models (optional): scikit-learn estimators that refine or replace lexicon decisions.

The attribution-stance model decides the coarse stance of each cue the lexicon
extractor finds, or that it is no attribution (``none``):

* :mod:`stance.models.attribution`: contexts, featuriser, the estimator, the
  hybrid, and :func:`apply` to run a model over one document's records;
* :mod:`stance.models.data`: gold and silver training candidates;
* :mod:`stance.models.evaluate`: cross-validated comparison with bootstrap intervals;
* :mod:`stance.models.train`: training as ``stance train`` does it;
* :mod:`stance.models.persist`: saving and loading behind a checked manifest.

The names below are imported on first use, so that ``import stance.models``
(and the command line) does not load scikit-learn until a model is needed.
"""

from __future__ import annotations

import enum
from importlib import import_module
from typing import Any

__all__ = [
    "LABELS",
    "AttributionStanceClassifier",
    "AttributionStanceModel",
    "CueContext",
    "CueFeaturizer",
    "Method",
    "apply",
    "cue_contexts",
    "default_model_dir",
    "load_model",
    "read_manifest",
    "save_model",
]


class Method(str, enum.Enum):
    """How attribution stance is decided: ``lexicon``, ``model`` or ``hybrid``."""

    lexicon = "lexicon"
    model = "model"
    hybrid = "hybrid"


_LAZY = {
    "LABELS": "attribution", "AttributionStanceClassifier": "attribution", "AttributionStanceModel": "attribution",
    "CueContext": "attribution", "CueFeaturizer": "attribution", "apply": "attribution",
    "cue_contexts": "attribution", "default_model_dir": "persist", "load_model": "persist",
    "read_manifest": "persist", "save_model": "persist",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'stance.models' has no attribute {name!r}")
    value = getattr(import_module(f"stance.models.{module}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
