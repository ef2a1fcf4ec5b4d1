"""The attribution-stance model: estimator contract, features, what it learns, and its use on records."""

import json
import warnings
from itertools import product

import numpy as np
import pytest
from sklearn.utils.estimator_checks import parametrize_with_checks
from threadpoolctl import threadpool_limits

from stance.errors import OptionError
from stance.models import (
    LABELS,
    AttributionStanceClassifier,
    AttributionStanceModel,
    CueContext,
    CueFeaturizer,
    apply,
    cue_contexts,
)
from stance.records import Document

from conftest import EXTERNAL, ROOT


@pytest.fixture(autouse=True, scope="module")
def _one_thread():
    """Small fits run faster on one BLAS thread than on threads competing for a shared machine."""
    with threadpool_limits(1):
        yield


# -- the scikit-learn estimator contract ----------------------------------------------------------

# Sigmoid calibration maps the probabilities back to the observed class frequencies, which undoes
# an extreme class_weight: that check measures exactly the shift that calibration removes.
_EXPECTED_FAILURES = {
    "check_class_weight_classifiers": "cross-validated calibration undoes class_weight by design "
                                      "(it refits probabilities to the observed class frequencies)",
}


@parametrize_with_checks([AttributionStanceClassifier()],
                         expected_failed_checks=lambda estimator: _EXPECTED_FAILURES)
def test_estimator_contract(estimator, check):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        check(estimator)


def test_uncalibrated_estimator_meets_class_weight_check():
    from sklearn.utils.estimator_checks import check_class_weight_classifiers

    check_class_weight_classifiers("AttributionStanceClassifier", AttributionStanceClassifier(calibration=None))


@pytest.mark.parametrize("params, fragment", [({"min_df": 0}, "min_df"), ({"C": -1}, "C="),
                                              ({"calibration": "platt"}, "calibration"), ({"norm": "l1"}, "norm")])
def test_bad_parameters_are_rejected_in_fit(params, fragment):
    X, y = np.ones((6, 3)), np.array([0, 1] * 3)
    with pytest.raises(ValueError, match=fragment):
        AttributionStanceClassifier(**params).fit(X, y)


def test_min_df_bounds_the_kept_columns():
    X = np.array([[1, 0, 2], [1, 0, 0], [0, 3, 1], [0, 1, 1]] * 2, dtype=float)
    X[0, 1] = 0
    y = np.array([0, 0, 1, 1] * 2)
    est = AttributionStanceClassifier(min_df=5, calibration=None).fit(X, y)
    assert est.support_.tolist() == [2]  # column 2 is non-zero in 6 rows, the others in 4


# -- features -------------------------------------------------------------------------------------

def _context(**kw):
    base = dict(cue="واكد", left=("في", "بيان"), right=("ان", "الهجوم"), lemma="اكد", cue_class="factive",
                stance="endorse")
    return CueContext(**{**base, **kw})


def test_featurizer_is_stateless_and_deterministic():
    f = CueFeaturizer()
    X1 = f([_context(), _context(negated=True)])
    X2 = CueFeaturizer()([_context(), _context(negated=True)])
    assert X1.shape == (2, 2 ** 20) and (X1 != X2).nnz == 0
    assert (X1[0] != X1[1]).nnz > 0  # negation is a feature


def test_featurizer_without_lexicon_ignores_the_lexicon_decision():
    f = CueFeaturizer(lexicon=False)
    assert (f([_context()]) != f([_context(stance="deny", cue_class="denial", lemma="نفي")])).nnz == 0
    assert not any(name.startswith(("S=", "K=", "L=")) for name in f.features(_context()))


def test_featurizer_rejects_a_bad_window():
    with pytest.raises(OptionError, match="window"):
        CueFeaturizer(window=0)


# -- what the model learns ------------------------------------------------------------------------

CLAIMS = ["الحكومة كانت على علم بالهجوم", "عدد القتلى تجاوز المئة", "المفاوضات ستستأنف قريبا",
          "المطار تعرض لأضرار كبيرة", "القوات انسحبت من المدينة", "الاتفاق دخل حيز التنفيذ"]
SOURCES = ["التقرير", "الوثائق", "التحقيق", "صور الأقمار الصناعية"]
SPEAKERS = ["المتحدث باسم الوزارة", "مسؤول أمريكي", "الجيش الروسي", "وزير الخارجية"]
MEDIA = ["الصورة", "المقطع", "الفيديو", "التسجيل"]
THINGS = ["جنود يسيرون في شارع مدمر", "رجل يحمل علما أبيض", "سيارات محترقة قرب المستشفى",
          "أطفال يلعبون بين الركام", "دبابة تعبر الجسر"]


def synthetic(claims, sources, speakers, media, things):
    """(sentence, true label): أظهر as an attribution (endorse) and as 'appears in the picture' (none)."""
    out = [(f"وأظهر {s} أن {c}.", "endorse") for s, c in product(sources, claims)]
    out += [(f"ويظهر في {m} {t}.", "none") for m, t in product(media, things)]
    out += [(f"وقال {s} إن {c}.", "neutral") for s, c in product(speakers, claims)]
    out += [(f"وزعم {s} أن {c}.", "distance") for s, c in product(speakers[:2], claims[:3])]
    out += [(f"ونفى {s} أن يكون {c}.", "deny") for s, c in product(speakers[:2], claims[:3])]
    return out


def contexts_of(pipeline, sentences):
    out = []
    for k, (text, label) in enumerate(sentences):
        res = pipeline.attributions(Document(id=f"s{k}", source="test", text=text))
        assert len(res.attributions) == 1, text
        out.append((cue_contexts(res)[0], label))
    return out


@pytest.fixture(scope="module")
def trained(pipeline):
    data = contexts_of(pipeline, synthetic(CLAIMS[:4], SOURCES[:3], SPEAKERS[:3], MEDIA[:3], THINGS[:4]))
    model = AttributionStanceModel(classifier=AttributionStanceClassifier(min_df=1, cv=3))
    return model.fit([c for c, _ in data], [y for _, y in data])


def test_model_learns_none_for_a_cue_word_in_another_sense(pipeline, trained):
    held_out = contexts_of(pipeline, [("ويظهر في اللقطات دخان يتصاعد من المصنع.", "none"),
                                      ("تظهر في الصور شاحنات تنقل المساعدات.", "none"),
                                      ("وأظهرت الأرقام أن الاتفاق دخل حيز التنفيذ.", "endorse"),
                                      ("وأظهر التحقيق أن القوات انسحبت من المدينة.", "endorse")])
    contexts = [c for c, _ in held_out]
    assert [c.stance for c in contexts] == ["endorse"] * 4  # the lexicon cannot tell them apart
    assert trained.predict(contexts, "lexicon") == ["endorse"] * 4
    assert trained.predict(contexts, "model") == [y for _, y in held_out]
    assert trained.predict(contexts, "hybrid") == [y for _, y in held_out]


def test_probabilities_are_calibrated_distributions(pipeline, trained):
    contexts = [c for c, _ in contexts_of(pipeline, [("ويظهر في اللقطات دخان يتصاعد من المصنع.", "none")])]
    p = trained.predict_proba(contexts)
    assert p.shape == (1, len(trained.classes_)) and np.allclose(p.sum(axis=1), 1)
    assert set(trained.classes_) == set(LABELS)
    assert trained.classes_[p.argmax()] == "none"


def test_hybrid_keeps_the_lexicon_stance_of_trusted_lemmas(trained):
    # قال is right in every training example: trusted, so the hybrid never drops it
    assert "قال" in trained.trust_.lemmas and trained.trust_.table["قال"][0] == trained.trust_.table["قال"][1]
    assert "اظهر" not in trained.trust_.lemmas  # wrong in half of its training examples


def test_fit_rejects_unknown_labels():
    with pytest.raises(OptionError, match="unknown labels"):
        AttributionStanceModel().fit([_context()], ["agree"])


# -- applying a model to one document's records ---------------------------------------------------

def test_apply_lexicon_returns_the_records_unchanged(pipeline):
    res = pipeline.attributions(Document(id="d", source="t", text="ويظهر في الصورة جنود. وقال الوزير إن الهجوم فشل."))
    assert apply(None, res, "lexicon") is res


def test_apply_model_drops_none_and_sets_stance(pipeline, trained):
    text = "ويظهر في اللقطات دخان يتصاعد من المصنع. وقال وزير الخارجية إن القوات انسحبت من المدينة."
    res = pipeline.attributions(Document(id="d", source="t", text=text))
    assert [a.cue for a in res.attributions] == ["ويظهر", "وقال"]
    for method in ("model", "hybrid"):
        out = apply(trained, res, method)
        assert [(a.cue, a.stance) for a in out.attributions] == [("وقال", "neutral")]
        assert out.attributions[0] == res.attributions[1]  # the kept record is unchanged
        assert out.sentences == res.sentences and out.assertions == res.assertions


def test_apply_needs_a_model_and_a_known_method(pipeline, trained):
    res = pipeline.attributions(Document(id="d", source="t", text="وقال الوزير إن الهجوم فشل."))
    with pytest.raises(OptionError, match="needs a trained model"):
        apply(None, res, "model")
    with pytest.raises(OptionError, match="lexicon, model, hybrid"):
        apply(trained, res, "vote")


# -- gold candidates (needs ../shared/external) ---------------------------------------------------

@pytest.mark.skipif(not (EXTERNAL / "unifiedfc").is_dir(), reason="../shared/external/unifiedfc not available")
def test_gold_candidates_take_the_stance_of_the_overlapping_gold_cue(tmp_path):
    from stance.models.data import load_gold

    rows = (ROOT / "data" / "gold" / "attribution" / "gold.jsonl").read_text(encoding="utf-8").splitlines()[:40]
    (tmp_path / "gold.jsonl").write_text("\n".join(rows) + "\n", encoding="utf-8")
    gold = load_gold(EXTERNAL / "unifiedfc", tmp_path, seeds=ROOT / "data" / "seeds", files=["gold.jsonl"])
    assert len(gold.sentences) == 40
    records = [json.loads(r) for r in rows]
    for s, r in zip(gold.sentences, records):
        for i in s.candidates:
            e = gold.examples[i]
            hits = [g for g in r["attributions"] if g["start"] < e.end and e.start < g["end"]]
            assert e.label == (hits[0]["stance"] if hits else "none") or len(hits) > 1
    assert {e.label for e in gold.candidates} >= {"neutral", "endorse"}
    again = load_gold(EXTERNAL / "unifiedfc", tmp_path, seeds=ROOT / "data" / "seeds", files=["gold.jsonl"])
    assert again.sha256 == gold.sha256 and again.examples == gold.examples


# -- scoring a subset of the gold sentences ----------------------------------------------------------

def _toy_cv(specs):
    """A CrossValidation over toy sentences: specs are (file, [(gold label, lexicon, model)]) per sentence."""
    from stance.models.data import Example, GoldSentence, GoldSet
    from stance.models.evaluate import CrossValidation

    sentences, examples, labels, preds = [], [], [], {"lexicon": [], "model": [], "hybrid": []}
    for s_i, (file, cands) in enumerate(specs):
        idx = []
        gold = []
        for label, lex, mod in cands:
            start = 10 * len(examples)
            idx.append(len(examples))
            examples.append(Example(_context(stance=lex), label, f"d{s_i}", s_i, start, start + 4))
            if label != "none":
                gold.append((start, start + 4, label))
            labels.append(label)
            preds["lexicon"].append(lex)
            preds["model"].append(mod)
            preds["hybrid"].append(mod)
        sentences.append(GoldSentence(f"d{s_i}", "Fold_1", file, 0, 100, tuple(gold), tuple(idx)))
    proba = np.full((len(examples), 5), 0.2)
    gs = GoldSet(tuple(sentences), tuple(examples), "x", "0")
    return CrossValidation(gs, tuple(labels), {k: tuple(v) for k, v in preds.items()}, proba, np.zeros(len(examples)))


def test_scoring_a_subset_of_sentences_equals_scoring_them_alone():
    from stance.models.evaluate import paired_difference, score

    a = [("gold.jsonl", [("neutral", "neutral", "neutral"), ("none", "neutral", "none")]),
         ("gold.jsonl", [("endorse", "endorse", "neutral")])]
    b = [("rare.jsonl", [("deny", "deny", "deny"), ("none", "distance", "distance")]),
         ("rare.jsonl", [("distance", "distance", "none")])]
    both, alone = _toy_cv(a + b), _toy_cv(a)
    mask = [s.file != "rare.jsonl" for s in both.gold.sentences]
    sub, ref, full = score(both, n_boot=50, sentences=mask), score(alone, n_boot=50), score(both, n_boot=50)
    for m in ("lexicon", "model"):
        assert sub[m].values["macro_f1"] == pytest.approx(ref[m].values["macro_f1"])
        assert sub[m].values["cue_precision"] == pytest.approx(ref[m].values["cue_precision"])
    assert sub["model"].values["macro_f1"] != pytest.approx(full["model"].values["macro_f1"])
    d_sub, _ = paired_difference(both, "model", "lexicon", n_boot=50, sentences=mask)
    d_ref, _ = paired_difference(alone, "model", "lexicon", n_boot=50)
    assert d_sub == pytest.approx(d_ref)
    with pytest.raises(OptionError):
        score(both, n_boot=10, sentences=[False] * 4)
