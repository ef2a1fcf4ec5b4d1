"""The comparator's TF-IDF gives scikit-learn's values (it is written out only to start faster)."""

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from sklearn.feature_extraction.text import TfidfVectorizer

from stance.compare.vectors import Tfidf, ngrams, presence

words = st.lists(st.sampled_from(["روسيا", "كوريا", "جنود", "ارسال", "معاهده", "قال", "نفى"]), max_size=12)


@settings(max_examples=60)
@given(st.lists(words, min_size=1, max_size=8))
def test_tfidf_equals_scikit_learn(docs):
    texts = [" ".join(d) for d in docs]
    ours = Tfidf().fit_transform([list(ngrams(d, 1, 2)) for d in docs])
    try:
        ref = TfidfVectorizer(token_pattern=r"\S+", ngram_range=(1, 2), sublinear_tf=True).fit(texts)
    except ValueError:  # every document empty
        assert ours.nnz == 0
        return
    theirs = ref.transform(texts)
    ours_sim = (ours @ ours.T).toarray()
    np.testing.assert_allclose(ours_sim, (theirs @ theirs.T).toarray(), atol=1e-12)


def test_transform_ignores_unseen_features_and_presence_is_binary():
    model = Tfidf().fit([["a", "b"], ["b", "c"]])
    x = model.transform([["a", "z", "z"]])
    assert x.nnz == 1 and np.isclose(x.data[0], 1.0)
    p = presence([["a", "a", "b"], ["b"]]).toarray()
    assert p.shape == (2, 2) and set(p.ravel()) == {0.0, 1.0}
    assert p.sum(axis=1).tolist() == [2.0, 1.0] and (p[0] >= p[1]).all()
    assert list(ngrams(["a", "b", "c"], 2, 3)) == [("a", "b"), ("b", "c"), ("a", "b", "c")]
    assert list(ngrams(["a", "b"], 1, 2)) == ["a", "b", ("a", "b")]
