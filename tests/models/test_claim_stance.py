"""Claim-level stance: prepared pairs, features, the estimator contract, the evaluation record and the CLI."""

import json

import numpy as np
import pytest
from typer.testing import CliRunner

from stance.cli import app
from stance.errors import LexiconError, OptionError
from stance.models.claim_stance import (
    LABELS,
    BaselineClaimStance,
    ClaimArticlePair,
    ClaimStanceClassifier,
    ClaimStanceEvaluation,
    ClaimStanceScores,
    FoldScores,
    _Featuriser,
    prepare_pair,
    read_claim_cues,
)
from stance.records import Document
from tests.conftest import EXTERNAL

CLAIM = "وفاة الفنان السوري دريد لحام في دمشق"
RUMOUR = ("انتشر خبر وفاة الفنان السوري دريد لحام على مواقع التواصل.\n"
          "وقالت مصادر مقربة إن الخبر شائعة لا صحة لها وإن الفنان بصحة جيدة.")
AGREE = ("توفي اليوم الفنان السوري دريد لحام في دمشق عن عمر ناهز 83 عاما.\n"
         "وكان الفنان الراحل من أبرز نجوم الكوميديا في العالم العربي.")
DENY = "ونفت نقابة الفنانين وفاة الفنان السوري دريد لحام في دمشق."
UNRELATED = ("ارتفعت أسعار النفط في الأسواق العالمية يوم الاثنين.\n"
             "وقال محللون إن الطلب على الخام تحسن بعد بيانات اقتصادية قوية.")


def _pair(pipeline, text, n=0, claim=CLAIM, claim_id="c1"):
    return prepare_pair(claim_id, claim, Document(id=f"{claim_id}:{n}", source="test", text=text), pipeline)


def _features(pairs):
    f = _Featuriser(read_claim_cues(), 1000).fit(pairs)
    X, names, _ = f.transform(pairs)
    return {n: X[:, j] for j, n in enumerate(names)}


# -- the cue list ---------------------------------------------------------------------------------------------


def test_the_bundled_cue_list_loads_with_normalised_forms(pipeline):
    cues = read_claim_cues(pipeline=pipeline)
    assert set(cues) == {"refutation", "unverified", "rumour_report", "confirmation"}
    assert pipeline.normaliser("شائعة") in cues["refutation"]
    assert "عار عن الصحه" in cues["refutation"]
    assert all(f == pipeline.normaliser(f) for forms in cues.values() for f in forms)


def test_a_bad_cue_list_reports_every_problem_with_its_line(tmp_path):
    path = tmp_path / "cues.tsv"
    path.write_text("form\tclass\tgloss\tevidence\nشائعة\trefutation\trumour\tx\n"
                    "كاذب\tlie\tfalse\tx\nشائعة\trefutation\trumour\tx\n", encoding="utf-8")
    with pytest.raises(LexiconError) as e:
        read_claim_cues(path)
    assert any(p.startswith(f"{path}:3: unknown class 'lie'") for p in e.value.problems)
    assert any(p.startswith(f"{path}:4: duplicate of line 2") for p in e.value.problems)


def test_a_cue_list_without_its_header_is_refused(tmp_path):
    path = tmp_path / "cues.tsv"
    path.write_text("شائعة\trefutation\trumour\tx\n", encoding="utf-8")
    with pytest.raises(LexiconError, match=":1: header is"):
        read_claim_cues(path)


# -- prepared pairs and features ------------------------------------------------------------------------------


def test_a_prepared_pair_carries_sentences_attributions_and_parties(pipeline):
    p = _pair(pipeline, DENY)
    assert p.claim_id == "c1" and p.claim == pipeline.normaliser(CLAIM)
    assert len(p.sentences) == 1
    assert any(stance == "deny" for _, stance, _, _ in p.attributions)
    assert "SY" in p.claim_parties


def test_an_article_calling_the_claim_a_rumour_gets_the_refutation_feature(pipeline):
    pairs = [_pair(pipeline, RUMOUR, 0), _pair(pipeline, AGREE, 1), _pair(pipeline, UNRELATED, 2)]
    f = _features(pairs)
    assert f["cue_all_refutation"][0] > 0 and f["cue_near_refutation"][0] > 0
    assert f["cue_all_refutation"][1] == 0 and f["cue_all_refutation"][2] == 0
    assert f["cue_near_rumour_report"][0] > 0  # مواقع التواصل relays the rumour


def test_a_denial_near_the_claim_is_counted(pipeline):
    pairs = [_pair(pipeline, DENY, 0), _pair(pipeline, AGREE, 1)]
    f = _features(pairs)
    assert f["near_deny"][0] == 1 and f["best_deny"][0] == 1
    assert f["near_deny"][1] == 0


def test_similarity_and_claim_relative_features_rank_the_related_article_first(pipeline):
    pairs = [_pair(pipeline, AGREE, 0), _pair(pipeline, UNRELATED, 1), _pair(pipeline, RUMOUR, 2)]
    f = _features(pairs)
    assert f["claim_words"][0] > f["claim_words"][1]
    assert f["cos_best_sentence"][0] > f["cos_best_sentence"][1]
    assert f["rank_cos_best_sentence"][0] == 0 and f["rank_cos_best_sentence"][1] == 1
    assert f["z_cos_article"][0] > 0 > f["z_cos_article"][1]
    assert np.all(f["log_claim_articles"] == np.log(3))


# -- the estimator contract -----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def tiny(pipeline):
    """Four claims, each with one article of every stance."""
    claims = [CLAIM, "سيطرة قوات المعارضة على مدينة الباب في ريف حلب",
              "إغلاق معبر باب الهوى الحدودي بشكل نهائي", "انسحاب القوات الروسية من قاعدة حميميم"]
    pairs, labels = [], []
    for c, claim in enumerate(claims):
        texts = {"agree": f"{claim} بحسب ما أكدت مصادر رسمية اليوم.",
                 "disagree": f"نفت مصادر رسمية ما تداوله ناشطون عن {claim} وقالت إنها شائعة لا صحة لها.",
                 "discuss": f"زعمت صفحات موالية {claim} ولم يتسن التحقق من ذلك.",
                 "unrelated": UNRELATED}
        for n, (label, text) in enumerate(texts.items()):
            pairs.append(_pair(pipeline, text, n, claim=claim, claim_id=f"c{c}"))
            labels.append(label)
    return pairs, np.array(labels)


def test_the_classifier_fits_and_predicts_the_four_stances(tiny):
    pairs, y = tiny
    clf = ClaimStanceClassifier(char_features=500, max_iter=20)
    assert clf.fit(pairs, y) is clf
    assert list(clf.classes_) == list(LABELS)
    proba = clf.predict_proba(pairs)
    assert proba.shape == (len(pairs), 4) and np.allclose(proba.sum(axis=1), 1)
    pred = clf.predict(pairs)
    assert set(pred) <= set(LABELS) and len(pred) == len(pairs)
    assert len(clf.feature_names_) == clf.boosting_.n_features_in_
    assert clf.get_params()["char_features"] == 500


def test_the_baseline_fits_and_predicts(tiny):
    pairs, y = tiny
    base = BaselineClaimStance(char_features=500).fit(pairs, y)
    assert base.predict_proba(pairs).shape == (len(pairs), 4)
    assert list(base.feature_names_) == ["cos_article", "cos_best_sentence", "cos_top3", "claim_words",
                                         "claim_numbers", "claim_parties"]


def test_an_unfitted_classifier_says_to_call_fit(tiny):
    from sklearn.exceptions import NotFittedError

    with pytest.raises(NotFittedError, match="Call 'fit'"):
        ClaimStanceClassifier().predict(tiny[0])


@pytest.mark.parametrize("bad, match", [
    (dict(X=[("claim", "article")]), "expected ClaimArticlePair"),
    (dict(y=["agree", "maybe"]), "unknown stance label"),
    (dict(params={"C": 0}), "C must be a positive number"),
    (dict(params={"max_leaf_nodes": 1}), "max_leaf_nodes must be a positive integer"),
])
def test_bad_input_is_one_clear_error(tiny, bad, match):
    pairs, y = tiny
    X = bad.get("X", pairs[:2])
    labels = bad.get("y", list(y[:2]))
    with pytest.raises(OptionError, match=match):
        ClaimStanceClassifier(**bad.get("params", {})).fit(X, labels[:len(X)])


# -- the evaluation record and the command line --------------------------------------------------------------


def _scores(f1):
    per = {k: f1 for k in LABELS}
    folds = (FoldScores("Fold_1", 10, 0.5, f1, per), FoldScores("Fold_2", 12, 0.5, f1, per))
    return ClaimStanceScores(0.5, f1, per, folds, f1, tuple(tuple(0 for _ in LABELS) for _ in LABELS))


def test_to_dict_has_the_json_shape_of_the_issue():
    m, b = _scores(0.6), _scores(0.4)
    ev = ClaimStanceEvaluation(m.accuracy, m.macro_f1, m.per_class, m.per_fold, m.mean_fold_macro_f1, m.confusion,
                               b, 22, LABELS, ("Fold_1", "Fold_2"), 0)
    d = json.loads(json.dumps(ev.to_dict()))
    assert {"accuracy", "macro_f1", "per_class", "baseline", "folds", "n", "per_fold"} <= set(d)
    assert set(d["per_class"]) == set(LABELS) == set(d["baseline"]["per_class"])
    assert {"accuracy", "macro_f1", "per_class", "per_fold"} <= set(d["baseline"])
    assert d["n"] == 22 and d["folds"] == ["Fold_1", "Fold_2"]
    assert d["per_fold"][0] == {"fold": "Fold_1", "n": 10, "accuracy": 0.5, "macro_f1": 0.6,
                                "per_class": {k: 0.6 for k in LABELS}}
    assert len(d["confusion"]) == 4


runner = CliRunner()


def test_the_command_reports_a_wrong_folder_in_one_line(tmp_path):
    r = runner.invoke(app, ["evaluate", "claim-stance", str(tmp_path), "--format", "json"])
    assert r.exit_code == 2
    assert "not a UnifiedFC folder" in r.stderr and len(r.stderr.strip().splitlines()) == 1
    assert r.stdout == ""


def test_the_command_refuses_an_unknown_format(tmp_path):
    r = runner.invoke(app, ["evaluate", "claim-stance", str(tmp_path), "--format", "csv"])
    assert r.exit_code == 2 and "csv" in r.stderr


@pytest.mark.skipif(not (EXTERNAL / "unifiedfc").is_dir(), reason="external UnifiedFC data not present")
def test_real_claims_prepare_into_pairs(pipeline):
    from stance.datasets.unifiedfc import read_unifiedfc

    data = read_unifiedfc(EXTERNAL / "unifiedfc", folds=("Fold_1",))
    claim = data.claims["R-10"] if "R-10" in data.claims else next(iter(data.claims.values()))
    pairs = [prepare_pair(claim.id, claim.text, d, pipeline) for d in claim.articles[:3]]
    assert all(isinstance(p, ClaimArticlePair) and p.sentences for p in pairs)
    f = _features(pairs)
    assert np.all((f["claim_words"] >= 0) & (f["claim_words"] <= 1))


def test_the_table_format_shows_model_baseline_and_every_fold():
    from stance.cli.claim_stance import render_table

    m, b = _scores(0.6), _scores(0.4)
    ev = ClaimStanceEvaluation(m.accuracy, m.macro_f1, m.per_class, m.per_fold, m.mean_fold_macro_f1, m.confusion,
                               b, 22, LABELS, ("Fold_1", "Fold_2"), 0)
    out = render_table(ev)
    assert "claim-stance" in out and "baseline" in out and "f1_discuss" in out and "f1_disagree" in out
    assert "Fold_1" in out and "Fold_2" in out and "0.600" in out and "0.400" in out
