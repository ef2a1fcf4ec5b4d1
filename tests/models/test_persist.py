"""Saving and loading models: the manifest is checked before anything is unpickled."""

import json
from itertools import product

import joblib
import pytest

from stance import __version__
from stance.errors import ModelError
from stance.models import (
    AttributionStanceClassifier,
    AttributionStanceModel,
    cue_contexts,
    default_model_dir,
    load_model,
    read_manifest,
    save_model,
)
from stance.models.data import GOLD_FILES
from stance.records import Document

SENTENCES = [(f"وقال {s} إن {c}.", "neutral") for s, c in product(["الوزير", "المتحدث", "السفير"],
                                                                    ["الهجوم فشل", "الاتفاق صامد", "القوات انسحبت"])]
SENTENCES += [(f"ويظهر في {m} {t}.", "none") for m, t in product(["الصورة", "المقطع"], ["جنود", "دبابة", "دخان"])]
SENTENCES += [(f"وأكد {s} أن {c}.", "endorse") for s, c in product(["الوزير", "السفير"], ["الهجوم فشل", "الاتفاق صامد"])]
TRAINING = {"sha256": "ab" * 32, "description": "synthetic sentences of the test suite"}


@pytest.fixture(scope="module")
def data(pipeline):
    out = []
    for k, (text, label) in enumerate(SENTENCES):
        res = pipeline.attributions(Document(id=f"s{k}", source="t", text=text))
        out.append((cue_contexts(res)[0], label))
    return [c for c, _ in out], [y for _, y in out]


@pytest.fixture(scope="module")
def model(data):
    return AttributionStanceModel(classifier=AttributionStanceClassifier(min_df=1, cv=2)).fit(*data)


@pytest.fixture()
def saved(model, tmp_path, lexicons):
    save_model(model, tmp_path / "m", lexicon_version=lexicons.version, training_data=TRAINING,
               metrics={"note": "test"})
    return tmp_path / "m"


def _edit_manifest(directory, **changes):
    path = directory / "manifest.json"
    manifest = json.loads(path.read_text(encoding="utf-8"))
    for key, value in changes.items():
        if "." in key:
            outer, inner = key.split(".")
            manifest[outer][inner] = value
        else:
            manifest[key] = value
    path.write_text(json.dumps(manifest), encoding="utf-8")


@pytest.fixture()
def no_unpickling(monkeypatch):
    """Fail the test if joblib.load is reached: refusals must happen before unpickling."""
    def refuse(*args, **kwargs):
        raise AssertionError("joblib.load was called on a model that should have been refused")

    monkeypatch.setattr(joblib, "load", refuse)


def test_roundtrip_gives_the_same_predictions(saved, model, data, lexicons):
    loaded = load_model(saved, lexicon_version=lexicons.version)
    contexts = data[0]
    assert loaded.predict(contexts, "model") == model.predict(contexts, "model")
    assert (loaded.predict_proba(contexts) == model.predict_proba(contexts)).all()
    manifest = read_manifest(saved)
    assert manifest["kind"] == "attribution-stance" and manifest["stance_version"] == __version__
    assert manifest["lexicon_version"] == lexicons.version
    assert manifest["training_data"] == TRAINING and manifest["metrics"] == {"note": "test"}
    assert set(manifest["libraries"]) == {"python", "numpy", "scipy", "scikit-learn", "joblib"}
    assert manifest["labels"] == sorted(["endorse", "neutral", "none"])


def test_saving_is_deterministic(model, tmp_path, lexicons):
    for name in ("a", "b"):
        save_model(model, tmp_path / name, lexicon_version=lexicons.version, training_data=TRAINING)
    for f in ("model.joblib", "manifest.json"):
        assert (tmp_path / "a" / f).read_bytes() == (tmp_path / "b" / f).read_bytes()


def test_a_tampered_model_file_is_refused_before_unpickling(saved, no_unpickling):
    blob = bytearray((saved / "model.joblib").read_bytes())
    blob[len(blob) // 2] ^= 0xFF
    (saved / "model.joblib").write_bytes(bytes(blob))
    with pytest.raises(ModelError, match=r"sha256 .* differs from the manifest's .* not loaded"):
        load_model(saved)


def test_a_model_without_manifest_is_refused(saved, no_unpickling):
    (saved / "manifest.json").unlink()
    with pytest.raises(ModelError, match="no manifest"):
        load_model(saved)


@pytest.mark.parametrize("changes, fragment", [
    ({"libraries.scikit-learn": "0.24.2"}, "scikit-learn 0.24.2, this is scikit-learn"),
    ({"libraries.numpy": "1.26.4"}, "numpy 1.26.4"),
    ({"features_version": "0"}, "features version 0"),
    ({"format_version": 99}, "model format"),
    ({"kind": "claim-stance"}, "a claim-stance model, expected attribution-stance"),
    ({"model_file": "../elsewhere.joblib"}, "model_file must be a file name"),
])
def test_an_incompatible_model_is_refused_before_unpickling(saved, no_unpickling, changes, fragment):
    _edit_manifest(saved, **changes)
    with pytest.raises(ModelError, match=fragment):
        load_model(saved)


def test_a_model_for_other_lexicons_is_refused(saved, no_unpickling):
    with pytest.raises(ModelError, match="trained with lexicons .* the loaded lexicons are 9.9.9"):
        load_model(saved, lexicon_version="9.9.9")


def test_errors_name_the_folder_and_the_next_step(tmp_path):
    with pytest.raises(ModelError) as e:
        load_model(tmp_path / "nowhere")
    message = str(e.value)
    assert "nowhere" in message and "stance train" in message and "\n" not in message


def test_save_refuses_an_unfitted_model_and_training_data_without_digest(model, tmp_path):
    with pytest.raises(ModelError, match="fitted"):
        save_model(AttributionStanceModel(), tmp_path / "x", lexicon_version="0", training_data=TRAINING)
    with pytest.raises(ModelError, match="sha256"):
        save_model(model, tmp_path / "x", lexicon_version="0", training_data={"description": "?"})


def test_the_bundled_model_is_verified_small_and_documented(lexicons):
    directory = default_model_dir()
    manifest = read_manifest(directory)
    assert (directory / "model.joblib").stat().st_size < 3 * 2 ** 20
    assert manifest["lexicon_version"] == lexicons.version
    gold = manifest["training_data"]["gold"]
    assert gold["files"] == list(GOLD_FILES) and gold["candidates"] > 500
    assert set(manifest["metrics"]["cv"]["methods"]) == {"lexicon", "model", "hybrid"}
    model = load_model(directory, lexicon_version=lexicons.version)
    assert set(model.classes_) == {"endorse", "neutral", "distance", "deny", "none"}
