"""Saving and loading trained models behind a checked manifest.

A saved model is a folder with two files:

* ``model.joblib``: the fitted model (a pickle, written by joblib);
* ``manifest.json``: what the model is and what it was made from: the format
  and feature versions, the stance, lexicon and library versions, the sha256
  of ``model.joblib``, a digest and description of the training data, the
  label set and the evaluation metrics.

:func:`load_model` reads and checks the manifest **before** anything is
unpickled: the kind, format and feature versions must be the ones this
version of stance reads, scikit-learn must have the same major.minor version
and NumPy the same major version as at training time, the lexicon version must
match when the caller gives one, and the sha256 of ``model.joblib`` must equal
the manifest's.  Any failure raises :class:`~stance.errors.ModelError` with
one line that says what is wrong, where, and what to do.

The hash protects against corrupted, truncated, swapped or edited model files;
it is not a signature: someone who can rewrite both files can make a pickle
that runs code when loaded.  Load only models you made or got from a source you
trust (the model bundled with stance, or your own ``stance train``).
"""

from __future__ import annotations

import hashlib
import json
import platform
from importlib import resources
from pathlib import Path
from typing import Any, Mapping

import joblib
import numpy
import scipy
import sklearn

from stance import __version__
from stance.errors import ModelError
from stance.models.attribution import FEATURES_VERSION, LABELS, AttributionStanceModel

__all__ = ["FORMAT_VERSION", "MODEL_FILE", "MANIFEST_FILE", "save_model", "load_model", "read_manifest",
           "default_model_dir"]

FORMAT_VERSION = 1
MODEL_FILE = "model.joblib"
MANIFEST_FILE = "manifest.json"
_FORMAT = "stance-model"
_KINDS = {"attribution-stance": AttributionStanceModel}
_RETRAIN = "retrain it with 'stance train attribution-stance'"


def default_model_dir(kind: str = "attribution-stance") -> Path:
    """Where the model bundled with stance is (``stance/_models/<kind>``)."""
    return Path(str(resources.files("stance") / "_models" / kind))


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def _libraries() -> dict[str, str]:
    return {"python": platform.python_version(), "numpy": numpy.__version__, "scipy": scipy.__version__,
            "scikit-learn": sklearn.__version__, "joblib": joblib.__version__}


def save_model(model: AttributionStanceModel, directory: str | Path, *, lexicon_version: str,
               training_data: Mapping[str, Any], metrics: Mapping[str, Any] | None = None,
               kind: str = "attribution-stance") -> Path:
    """Write ``model.joblib`` and ``manifest.json`` into ``directory`` (created if needed).

    Parameters
    ----------
    model : AttributionStanceModel
        A fitted model.
    directory : path
    lexicon_version : str
        The version of the lexicons the training candidates were found with.
    training_data : mapping
        What the model learned from; must hold ``sha256`` (a digest of the
        training data), and may hold anything JSON can carry (description,
        counts, options).
    metrics : mapping, optional
        Evaluation results to record (JSON-serialisable).
    kind : str, default "attribution-stance"

    Returns
    -------
    Path
        The manifest's path.

    Raises
    ------
    ModelError
        For an unfitted model, a model of another kind, training data without
        a digest, or a folder that cannot be written.
    """
    expected = _KINDS.get(kind)
    if expected is None:
        raise ModelError(f"unknown model kind {kind!r}; known: {', '.join(_KINDS)}")
    if not isinstance(model, expected) or not hasattr(model, "classifier_"):
        raise ModelError(f"save_model needs a fitted {expected.__name__}, got {type(model).__name__}; "
                         "call fit() first")
    digest = str(training_data.get("sha256", ""))
    if len(digest) != 64:
        raise ModelError("training_data must hold 'sha256', the 64-character hex digest of the training data")
    directory = Path(directory)
    try:
        directory.mkdir(parents=True, exist_ok=True)
        path = directory / MODEL_FILE
        joblib.dump(model, path, compress=3)
        manifest = {
            "format": _FORMAT,
            "format_version": FORMAT_VERSION,
            "kind": kind,
            "features_version": FEATURES_VERSION,
            "stance_version": __version__,
            "lexicon_version": lexicon_version,
            "model_file": MODEL_FILE,
            "model_sha256": _sha256(path),
            "model_bytes": path.stat().st_size,
            "labels": [str(c) for c in model.classes_],
            "training_data": dict(training_data),
            "libraries": _libraries(),
            "metrics": dict(metrics or {}),
        }
        out = directory / MANIFEST_FILE
        out.write_text(json.dumps(manifest, ensure_ascii=False, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    except OSError as e:
        raise ModelError(f"{directory}: cannot write the model ({e.strerror}); choose a writable folder") from None
    return out


def read_manifest(directory: str | Path) -> dict[str, Any]:
    """Read and check the manifest of a saved model (nothing is unpickled).

    Raises
    ------
    ModelError
        When the folder or its manifest is missing or malformed, or the model
        is of a format or feature version this stance cannot read.
    """
    directory = Path(directory)
    path = directory / MANIFEST_FILE
    if not directory.is_dir():
        raise ModelError(f"{directory}: no such model folder; pass a folder written by 'stance train'")
    try:
        manifest = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ModelError(f"{path}: no manifest; pass a folder written by 'stance train' (a model file "
                         "without its manifest is never loaded)") from None
    except (OSError, ValueError) as e:
        raise ModelError(f"{path}: unreadable manifest ({e}); {_RETRAIN}") from None
    required = ("format", "format_version", "kind", "features_version", "lexicon_version", "model_file",
                "model_sha256", "libraries", "training_data")
    missing = [k for k in required if not isinstance(manifest, dict) or k not in manifest]
    if missing:
        raise ModelError(f"{path}: manifest lacks {', '.join(missing)}; {_RETRAIN}")
    if manifest["format"] != _FORMAT or manifest["format_version"] != FORMAT_VERSION:
        raise ModelError(f"{path}: model format {manifest['format']} {manifest['format_version']}, this stance "
                         f"reads {_FORMAT} {FORMAT_VERSION}; {_RETRAIN}")
    if manifest["features_version"] != FEATURES_VERSION:
        raise ModelError(f"{path}: model made for features version {manifest['features_version']}, this stance "
                         f"computes version {FEATURES_VERSION}; {_RETRAIN}")
    return manifest


def _major_minor(version: str, parts: int) -> tuple[str, ...]:
    return tuple(str(version).split(".")[:parts])


def load_model(directory: str | Path, *, kind: str = "attribution-stance",
               lexicon_version: str | None = None) -> AttributionStanceModel:
    """Verify a saved model's manifest and file, then load it.

    Parameters
    ----------
    directory : path
        A folder written by :func:`save_model`.
    kind : str, default "attribution-stance"
    lexicon_version : str, optional
        The version of the lexicons the model will be used with; refused when
        it differs from the training lexicons.

    Raises
    ------
    ModelError
        Before unpickling, when the manifest is missing or malformed, the kind,
        format, feature, lexicon or library versions are incompatible, or the
        model file's sha256 differs from the manifest's.
    """
    if kind not in _KINDS:
        raise ModelError(f"unknown model kind {kind!r}; known: {', '.join(_KINDS)}")
    directory = Path(directory)
    manifest = read_manifest(directory)
    where = directory / MANIFEST_FILE
    if manifest["kind"] != kind:
        raise ModelError(f"{where}: a {manifest['kind']} model, expected {kind}; pass a {kind} model folder")
    if lexicon_version is not None and manifest["lexicon_version"] != lexicon_version:
        raise ModelError(f"{where}: model trained with lexicons {manifest['lexicon_version']}, the loaded lexicons "
                         f"are {lexicon_version}; use the matching lexicons or {_RETRAIN} on these lexicons")
    libs = manifest["libraries"] if isinstance(manifest["libraries"], dict) else {}
    for name, have, parts in (("scikit-learn", sklearn.__version__, 2), ("numpy", numpy.__version__, 1)):
        made = str(libs.get(name, "unknown"))
        if _major_minor(made, parts) != _major_minor(have, parts):
            raise ModelError(f"{where}: model saved with {name} {made}, this is {name} {have}; install {name} "
                             f"{'.'.join(_major_minor(made, parts))}.x or {_RETRAIN}")
    name = manifest["model_file"]
    if not isinstance(name, str) or Path(name).name != name:
        raise ModelError(f"{where}: model_file must be a file name inside the folder, got {name!r}; {_RETRAIN}")
    path = directory / name
    if not path.is_file():
        raise ModelError(f"{path}: model file missing; restore it or {_RETRAIN}")
    digest = _sha256(path)
    if digest != manifest["model_sha256"]:
        raise ModelError(f"{path}: sha256 {digest[:12]}... differs from the manifest's "
                         f"{str(manifest['model_sha256'])[:12]}...; the file was changed or corrupted, "
                         f"so it is not loaded; restore it or {_RETRAIN}")
    try:
        model = joblib.load(path)
    except Exception as e:  # a verified file that still fails to unpickle: report, never a traceback
        raise ModelError(f"{path}: cannot load the model ({type(e).__name__}: {e}); {_RETRAIN}") from None
    expected = _KINDS[kind]
    if not isinstance(model, expected):
        raise ModelError(f"{path}: holds a {type(model).__name__}, expected {expected.__name__}; {_RETRAIN}")
    unknown = sorted(set(map(str, model.classes_)) - set(LABELS))
    if unknown:
        raise ModelError(f"{path}: model predicts unknown labels {unknown}; {_RETRAIN}")
    return model
