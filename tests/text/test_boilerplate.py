"""Boilerplate rules on texts written for the purpose, with the bundled lexicon."""

import pytest

from stance.text.boilerplate import BoilerplateRemover


@pytest.fixture(scope="module")
def remover(lexicons):
    return BoilerplateRemover(lexicons)


BODY = ("قال المتحدث باسم الوزارة إن الاتفاق دخل حيز التنفيذ بعد تبادل وثائق المصادقة بين البلدين.\n"
        "وأضاف أن الجانبين سيعقدان اجتماعا آخر الشهر المقبل لبحث تفاصيل التعاون العسكري والاقتصادي.\n")


def removed(remover, lexicons, text):
    c = remover.find(lexicons.normaliser.normalise(text))
    return [(r.kind, r.text) for r in c.removed], c


def test_nothing_removed_from_a_clean_story(remover, lexicons):
    got, c = removed(remover, lexicons, BODY)
    assert got == [] and len(c.kept) >= 1


def test_credit_ends_the_story_and_what_follows_is_reported_by_kind(remover, lexicons):
    text = BODY + "المصدر : وكالات\nكلمات دلالية: روسيا كوريا\nقصة أخرى طويلة لا علاقة لها بالموضوع هنا.\n"
    got, _ = removed(remover, lexicons, text)
    kinds = [k for k, _ in got]
    assert kinds[0] == "source_credit" and "tags" in kinds
    assert got[-1] == ("appended_content", "قصة أخرى طويلة لا علاقة لها بالموضوع هنا.")


def test_a_credit_before_any_story_text_removes_only_its_line(remover, lexicons):
    got, c = removed(remover, lexicons, "المصدر: وكالات\n" + BODY)
    assert got == [("source_credit", "المصدر: وكالات")]
    assert len(c.kept) == 1


def test_glued_read_also_link_is_removed_with_its_headline(remover, lexicons):
    text = BODY + "اقرأ أيضابوتين يزور كوريا الشمالية هذا الأسبوع\n" + BODY.replace("قال", "ذكر").replace("وأضاف", "وتابع")
    got, _ = removed(remover, lexicons, text)
    assert got == [("read_also", "اقرأ أيضابوتين يزور كوريا الشمالية هذا الأسبوع")]


def test_one_word_markers_need_a_word_boundary(remover, lexicons):
    # "أرشيفية" ends captions; "الأرشيفية" inside a story sentence is not a caption
    got, _ = removed(remover, lexicons, BODY + "ونشرت الوكالة صورا من المواد الأرشيفية في تقريرها عن الزيارة.\n")
    assert got == []


def test_caption_and_duplicate_lines(remover, lexicons):
    text = "الاتفاقية تكرس التقارب بين البلدين. أرشيفية\n" + BODY + BODY.splitlines()[0] + "\n"
    got, _ = removed(remover, lexicons, text)
    assert got[0] == ("caption", "الاتفاقية تكرس التقارب بين البلدين. أرشيفية")
    assert got[1][0] == "duplicate_line"


def test_block_scope_takes_the_headlines_after_the_marker(remover, lexicons):
    text = BODY + "مقالات مشابهة\n• عنوان أول عن الموضوع\n• عنوان ثان عن الموضوع\n"
    got, _ = removed(remover, lexicons, text)
    assert got == [("related_list", "مقالات مشابهة\n• عنوان أول عن الموضوع\n• عنوان ثان عن الموضوع")]


def test_unrelated_appended_article_is_found_by_vocabulary(remover, lexicons):
    other = ("أعلام إيرانية في العاصمة طهران\n"
             "إيران تنفي احتجاز سجناء\n"
             "نفت طهران اليوم احتجاز مواطنين أجانب بهدف تحقيق مكاسب دبلوماسية وقالت إن المحاكم مستقلة تماما.\n"
             "وأشارت منظمات حقوقية دولية إلى ازدياد حالات الاعتقال التعسفي لمزدوجي الجنسية خلال السنوات الأخيرة.\n"
             "وتطالب عواصم أوروبية عديدة بالإفراج الفوري عن رعاياها المحتجزين في سجون مختلفة منذ فترات طويلة.\n")
    got, _ = removed(remover, lexicons, BODY * 2 + other)
    # the repeated story lines form one removed run, then the appended article
    assert [k for k, _ in got] == ["duplicate_line", "appended_article"]
    assert got[-1][1].startswith("أعلام إيرانية")
    # a single short line is a heading or a fragment, never the start of another article
    single = other.split("\n", 1)[1]
    got, _ = removed(remover, lexicons, BODY * 2 + single)
    assert [k for k, _ in got] == ["duplicate_line"]


def test_section_headings_on_the_same_topic_are_kept(remover, lexicons):
    text = BODY + "تفاصيل الاتفاق بين البلدين\n" + BODY.replace("قال", "أوضح").replace("وأضاف", "وتابع")
    got, _ = removed(remover, lexicons, text)
    assert got == []
