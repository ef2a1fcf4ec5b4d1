"""The UnifiedFC reader: one clear error for a wrong folder; the real corpus when it is present."""

import pytest

from stance.datasets import read_unifiedfc
from stance.errors import InputError
from tests.conftest import EXTERNAL


def test_a_folder_without_the_corpus_is_one_clear_error(tmp_path):
    with pytest.raises(InputError, match="not a UnifiedFC folder"):
        read_unifiedfc(tmp_path)


def test_an_unknown_fold_is_named(tmp_path):
    (tmp_path / "dataset").mkdir()
    (tmp_path / "train_test_splits.txt").write_text("Fold_1: R-1\n", encoding="utf-8")
    with pytest.raises(InputError, match="no fold Fold_9"):
        read_unifiedfc(tmp_path, folds=("Fold_9",))


@pytest.mark.skipif(not (EXTERNAL / "unifiedfc").is_dir(), reason="external UnifiedFC data not present")
def test_the_corpus_has_its_published_size():
    data = read_unifiedfc(EXTERNAL / "unifiedfc", folds=("Fold_1", "Fold_2", "Fold_3", "Fold_4"))
    assert len(data.claims) == sum(len(v) for v in data.folds.values())
    assert all(d.story == c.id for c in data.claims.values() for d in c.articles)
    assert {s for c in data.claims.values() for s in c.stances} <= {"agree", "disagree", "discuss", "unrelated"}


def test_the_dataset_and_the_corpus_reader_give_the_same_documents(tmp_path):
    import json

    from stance.corpus import read_corpus

    (tmp_path / "dataset").mkdir()
    (tmp_path / "train_test_splits.txt").write_text("Fold_1: R-1\n", encoding="utf-8")
    claim = {"claim": "ادعاء", "article": ["قال المتحدث إن الجيش أرسل قوات.", "نفت الوزارة ذلك."],
             "url": ["https://www.example.com/a", "http://news.example.org/b"], "stance": ["agree", "disagree"]}
    (tmp_path / "dataset" / "R-1.json").write_text(json.dumps(claim, ensure_ascii=False), encoding="utf-8")
    articles = read_unifiedfc(tmp_path).claims["R-1"].articles
    assert list(articles) == list(read_corpus([tmp_path]))
    assert [a.id for a in articles] == ["unifiedfc:R-1:0", "unifiedfc:R-1:1"] and articles[0].story == "R-1"
    claim["article"][1] = ""
    (tmp_path / "dataset" / "R-1.json").write_text(json.dumps(claim, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(InputError, match="R-1.json#1"):
        read_unifiedfc(tmp_path)
