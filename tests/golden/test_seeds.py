"""Golden test on the five seed articles: sentences and removed boilerplate.

The expected files were written by reading the articles (``tests/golden/*.tsv``:
one row per sentence, one row per removed span); the assertions below also
state the main findings in words, so a change to the files is visible.
"""

import csv
from pathlib import Path

import pytest

from stance.corpus import read_corpus

from conftest import SEEDS

HERE = Path(__file__).parent


def rows(name):
    with open(HERE / name, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f, delimiter="\t", quoting=csv.QUOTE_NONE))


@pytest.fixture(scope="module")
def results(pipeline):
    return {d.id: pipeline.text(d) for d in read_corpus([SEEDS])}


def test_sentences_match_the_golden_split(results):
    expected = {}
    for r in rows("seeds_sentences.tsv"):
        expected.setdefault(r["doc_id"], []).append(r["text"])
    assert {k: [s.text for s in v.sentences] for k, v in results.items()} == expected


def test_removed_spans_match_the_golden_list(results):
    expected = [(r["doc_id"], r["kind"], int(r["start"]), int(r["end"])) for r in rows("seeds_removed.tsv")]
    got = [(k, x.kind, x.start, x.end) for k, v in results.items() for x in v.removed]
    assert got == expected
    for r in rows("seeds_removed.tsv"):
        text = results[r["doc_id"]].document.text
        assert " ".join(text[int(r["start"]):int(r["end"])].split()[:5]) == r["first_words"]


def test_what_a_reader_sees_in_the_seeds(results):
    r = {k[:3]: v for k, v in results.items()}
    # 000 ends with its agency credit, which is not a sentence of the story
    assert r["000"].sentences[-1].text.startswith("وأضاف “أننا نشعر بقلق")
    # 001 keeps its two headlines and section headings, loses the app promotion
    assert r["001"].sentences[0].text.startswith("موسكو وبيونج يانج.. شراكة")
    assert r["001"].sentences[-1].text.endswith("إلى مناطق جديدة.")
    # 002: the story ends at "المصدر: الأسبوع"; tags, the embedded article and the similar list go
    assert r["002"].sentences[-1].text.endswith("تشويه سمعة أمته.")
    assert [x.kind for x in r["002"].removed] == ["source_credit", "tags", "read_also", "appended_content",
                                                   "related_list", "appended_content"]
    # a quotation of two sentences stays one sentence with its verb
    assert any(s.text.startswith('و يتابع: "هذه المعاهدة مفتوحة') and s.text.endswith('بوضوح".') for s in r["002"].sentences)
    # 003: the repeated caption and the appended article about Iran go; the story ends with غزوها أوكرانيا
    assert [x.kind for x in r["003"].removed] == ["caption", "appended_article"]
    assert r["003"].sentences[0].text.startswith("دخلت اتفاقية الدفاع")
    assert r["003"].sentences[-1].text.endswith("على خلفية غزوها أوكرانيا.")
    assert not any("إيران" in s.text for s in r["003"].sentences)
    # 004: the glued "read also" link goes; the glued full stop before وكان splits two sentences
    assert [x.kind for x in r["004"].removed] == ["read_also"]
    assert any(s.text.startswith("وكان بوتين صرح") for s in r["004"].sentences)
