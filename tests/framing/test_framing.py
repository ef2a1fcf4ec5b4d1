"""Framing: matching, attachment rules, profiles, naming tables, and the seeds read by hand."""

import math

import pytest
from hypothesis import given, settings, strategies as st

from stance.corpus import read_corpus
from stance.framing import naming_table, profiles
from stance.framing.profile import valence_interval
from stance.records import Document, Framing
from stance.testing import decorate
from tests.conftest import SEEDS


def run(pipeline, text):
    return pipeline.framing(Document(id="t", source="s", text=text)).framings


def summary(found):
    return [(f.term, f.party, f.role, f.rule) for f in found]


@pytest.mark.parametrize(
    "text, term, party, role, rule",
    [
        ("وتستمر الحرب التي تشنها روسيا في أوكرانيا منذ عامين.", "الحرب التي تشنها روسيا", "RU", "aggressor", "slot"),
        ("وقصف النظام السوري ريف إدلب الجنوبي.", "النظام السوري", "SY", "illegitimate_actor", "term"),
        ("وتحدث التقرير عن العمليات العسكرية الروسية في سوريا.", "العمليات العسكرية الروسية", "RU", "neutral", "slot"),
        ("وتحدث التقرير عن العملية العسكرية الروسية في أوكرانيا.", "العملية العسكرية الروسية في أوكرانيا", "RU",
         "legitimate_authority", "term"),
        ("وقالت موسكو إن الحرب تتواصل، على خلفية غزوها أوكرانيا.", "غزوها", "RU", "aggressor", "possessive"),
    ],
)
def test_golden_framing_terms(pipeline, text, term, party, role, rule):
    found = [f for f in run(pipeline, text) if f.term == term]
    assert summary(found) == [(term, party, role, rule)]
    f = found[0]
    assert text[f.start:f.end] == term and -2 <= f.valence <= 2


def test_an_event_name_without_agent_attaches_to_no_party(pipeline):
    found = [f for f in run(pipeline, "وتتفاقم الأزمة الأوكرانية منذ أشهر.") if f.term == "الأزمة الأوكرانية"]
    assert [(f.referent, f.party, f.rule) for f in found] == [("UKRAINE_WAR", None, "none")]


def test_the_object_of_an_invasion_is_its_victim(pipeline):
    agent = [f for f in run(pipeline, "منذ غزو روسيا لأوكرانيا ارتفعت الأسعار.") if f.term.startswith("غزو")]
    victim = [f for f in run(pipeline, "منذ غزو العراق عام 2003 تغيرت المنطقة.") if f.term.startswith("غزو")]
    assert [(f.party, f.role) for f in agent] == [("RU", "aggressor")]
    assert [(f.party, f.role) for f in victim] == [("IQ", "victim")]


def test_quoted_terms_are_flagged_and_left_out_of_profiles(pipeline):
    text = 'وقال المتحدث إن "النظام السوري يقصف المدنيين".\nوقصفت الحكومة السورية ريف حلب.'
    found = run(pipeline, text)
    assert [(f.term, f.quoted) for f in found if f.party == "SY"] == [("النظام السوري", True), ("الحكومة السورية", False)]
    own = profiles(found)
    assert [(p.party, p.n) for p in own if p.party == "SY"] == [("SY", 1)]
    assert [(p.party, p.n) for p in profiles(found, quoted=True) if p.party == "SY"] == [("SY", 2)]


SENTENCES = st.sampled_from([
    "وتستمر الحرب التي تشنها روسيا في أوكرانيا منذ عامين.",
    "وقصف النظام السوري ريف إدلب الجنوبي.",
    "وتتفاقم الأزمة الأوكرانية منذ أشهر.",
])


@settings(max_examples=40, deadline=None)
@given(text=SENTENCES, data=st.data())
def test_diacritics_and_tatweel_never_change_the_terms(pipeline, text, data):
    noisy = data.draw(decorate(text))
    plain = [(f.pattern, f.party, f.role) for f in run(pipeline, text)]
    assert [(f.pattern, f.party, f.role) for f in run(pipeline, noisy)] == plain


def record(source, party, valence, quoted=False, name="war", referent="UKRAINE_WAR"):
    return Framing("d", source, 0, 0, 1, "x", "x", referent, name, "conflict_naming", "aggressor",
                   party, float(valence), "term", quoted)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(-2, 2), min_size=1, max_size=30))
def test_the_valence_index_is_the_mean_and_its_interval_contains_it(values):
    mean, low, high = valence_interval(values)
    assert math.isclose(mean, sum(values) / len(values))
    if len(values) < 2:
        assert low is None and high is None
    else:
        assert min(values) <= low <= mean + 1e-9 and mean - 1e-9 <= high <= max(values)


def test_profiles_and_naming_tables_group_by_source():
    recs = [record("a", "RU", -1), record("a", "RU", -2), record("b", "RU", 0, name="operation"),
            record("b", None, 0, name="crisis"), record("a", "RU", 2, quoted=True)]
    ps = {(p.source, p.party): p for p in profiles(recs)}
    assert ps[("a", "RU")].n == 2 and ps[("a", "RU")].valence == -1.5 and ps[("b", "RU")].low is None
    (table,) = naming_table(recs)
    assert table.referent == "UKRAINE_WAR"
    assert table.counts == {"a": {"war": 2}, "b": {"operation": 1, "crisis": 1}}


def test_the_seeds_name_the_ukraine_war_as_a_reader_sees_it(pipeline):
    """Read by hand: the two AFP-based stories (000, 003) call it the war Russia wages, 003 also
    its invasion; outlet 004 the Russian war in Ukraine; 002 only the conflict in Ukraine; 001 the
    conflict, and a Ukrainian incursion into Kursk, while the crisis and the holy war are words it
    quotes from Pyongyang's minister."""
    found = [f for d in read_corpus([SEEDS]) for f in pipeline.framing(d).framings]
    (war,) = [t for t in naming_table(found) if t.referent == "UKRAINE_WAR"]
    assert set(war.counts["wires-eg"]) >= {"war", "conflict"} and "war" in war.counts["wires-gulf"]
    assert "invasion" in war.counts["wires-gulf"] and war.counts["outlet-004"] == {"war": 1}
    assert war.counts["alosboa"] == {"conflict": 1}
    assert "war" not in war.counts["ajel"] and "crisis" not in war.counts["ajel"]
    agents = {(f.source, f.party) for f in found if f.referent == "UKRAINE_WAR" and f.role == "aggressor" and not f.quoted}
    assert agents >= {("wires-eg", "RU"), ("wires-gulf", "RU"), ("outlet-004", "RU"), ("ajel", "UA")}
    quoted = {f.term for f in found if f.source == "ajel" and f.quoted}
    assert {"الأزمة الأوكرانية", "الصراع الأوكراني"} <= quoted


def test_the_framing_classifier_learns_and_gives_probabilities():
    from stance.framing.model import FramingClassifier

    X = ["قصف النظام السوري المدينة", "قوات النظام تتقدم في ريف حلب", "النظام يحاصر الغوطة",
         "ارتفعت أسعار النفط اليوم", "افتتح المعرض الدولي للكتاب", "فاز الفريق بالمباراة"] * 3
    y = ["legitimacy", "legitimacy", "legitimacy", "none", "none", "none"] * 3
    clf = FramingClassifier(lexicon_weight=0).fit(X, y)
    assert list(clf.classes_) == ["legitimacy", "none"]
    assert list(clf.predict(["قوات النظام تقصف المدينة", "ارتفعت أسعار الذهب اليوم"])) == ["legitimacy", "none"]
    proba = clf.predict_proba([("قوات النظام", ["legitimacy"])])
    assert proba.shape == (1, 2) and abs(proba.sum() - 1) < 1e-9


def test_a_label_of_an_unnamed_group_takes_the_armed_group_of_the_story(pipeline):
    text = "وقصفت الطائرات مواقع تنظيم داعش شرق المدينة.\nواستهدفت الغارات تجمعا للمسلحين قرب الجسر."
    found = [f for f in run(pipeline, text) if f.term == "للمسلحين"]
    assert [(f.party, f.rule) for f in found] == [("ISIS", "context")]
