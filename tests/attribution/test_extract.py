"""Golden sentences and properties of the lexicon-based attribution extractor."""

import pytest
from hypothesis import given, strategies as st

from stance.records import Document
from stance.testing import decorate


def run(pipeline, text):
    return pipeline.attributions(Document(id="t", source="test", text=text)).attributions


def one(pipeline, text):
    found = run(pipeline, text)
    assert len(found) == 1, [(a.cue, a.lemma) for a in found]
    return found[0]


# (sentence, cue as written, stance, party, negated, hedged)
GOLDEN = [
    ("وأكدت وزارة الدفاع الأمريكية أن كوريا الشمالية أرسلت نحو 10 آلاف جندي.", "وأكدت", "endorse", "US", False, True),
    ("بوتين قال إن المعاهدة دفاعية.", "قال", "neutral", "RU", False, False),
    ("وزعمت وكالة الأنباء المركزية الكورية أن التدريبات استفزازية.", "وزعمت", "distance", "KP", False, False),
    ("ونفى الكرملين إرسال أي قوات إلى المنطقة.", "ونفى", "deny", "RU", False, False),
    ("ولم تنف وزارة الخارجية الروسية وجود الجنود.", "تنف", "deny", "RU", True, False),
    ("ولم يؤكد البنتاغون عدد الجنود الكوريين الشماليين.", "يؤكد", "endorse", "US", True, False),
    ("بحسب وزارة الدفاع البريطانية، فإن الخسائر كبيرة.", "بحسب", "neutral", "GB", False, False),
    ("وقدّرت الاستخبارات الكورية الجنوبية عدد الجنود بنحو 12 ألفا.", "وقدّرت", "neutral", "KR", False, True),
    ("يدعي زيلينسكي أن الجنود يقاتلون في كورسك.", "يدعي", "distance", "UA", False, False),
    ("علاوة على ذلك، يتدعي وزير الدفاع الأمريكي أن حوالي 3000 جندي وصلوا.", "يتدعي", "distance", "US", False, True),
    ("وقال المرصد السوري لحقوق الإنسان إن قوات النظام قد تستأنف القصف.", "وقال", "neutral", "SOHR", False, True),
]


@pytest.mark.parametrize("text, cue, stance, party, negated, hedged", GOLDEN)
def test_golden_sentences(pipeline, text, cue, stance, party, negated, hedged):
    a = one(pipeline, text)
    assert text[a.start:a.end] == a.cue
    assert cue in a.cue
    assert (a.stance, a.party, a.negated, a.hedged) == (stance, party, negated, hedged)


@pytest.mark.parametrize(
    "text",
    [
        "التقى الزعيم الكوري الشمالي بوفد روسي في بيونغ يانغ.",  # زعيم is a leader, not زعم
        "نشرت الصحيفة مقالا عن الذكرى السنوية للحرب.",  # مقال، ذكرى
        "رفعت الجماهير أعلام البلدين في الملعب.",  # أعلام
        "حصل الباحث على جائزة أكاديمية رفيعة.",  # أكاديمي
        "تقع المدينة بين النهرين.",  # بين is not بيّن
        "ويتعاون البلدان حسبما يسمح به ميثاق الأمم المتحدة.",  # حسبما + a non-reporting verb
    ],
)
def test_sentences_that_must_yield_nothing(pipeline, text):
    assert run(pipeline, text) == ()


def test_chain_takes_the_original_speakers_party(pipeline):
    a = one(pipeline, "نقلت رويترز عن مسؤول أمريكي قوله إن الجنود وصلوا.")
    assert (a.lemma, a.party, a.speaker_rule) == ("نقل", "US", "chain")


def test_continuation_inherits_the_previous_speaker(pipeline):
    found = run(pipeline, "وقال المتحدث باسم الكرملين إن المعاهدة نافذة.\nوأضاف أن موسكو لن تتراجع.")
    assert [a.party for a in found] == ["RU", "RU"]
    assert found[1].speaker_rule == "inherited"


def test_participle_takes_the_sentence_subject(pipeline):
    found = run(pipeline, "والتقى وزير الدفاع الروسي بنظيره الكوري الشمالي، مؤكدا على تعزيز العلاقات.")
    assert [(a.lemma, a.party) for a in found] == [("أكد", "RU")]


def test_prepositional_and_verb_cue_make_one_attribution(pipeline):
    a = one(pipeline, "دخلت الاتفاقية حيز التنفيذ، على ما ذكرت وكالة الأنباء الكورية الشمالية.")
    assert a.party == "KP" and a.content.startswith("دخلت الاتفاقية")


def test_content_is_the_quotation(pipeline):
    a = one(pipeline, 'وأضاف المتحدث باسم الكرملين: "هذه المعاهدة مفتوحة".')
    assert a.content == "هذه المعاهدة مفتوحة"


def test_unattributed_assertions_are_counted(pipeline):
    res = pipeline.attributions(Document(id="t", source="s", text="وأرسلت كوريا الشمالية آلاف الجنود إلى روسيا.\nعنوان بلا نقطة هنا"))
    assert res.attributions == () and [a.parties for a in res.assertions] == [("KP", "RU")]


SENTENCE = st.sampled_from([g[0] for g in GOLDEN])


def signature(pipeline, text):
    return [(a.lemma, a.stance, a.party, a.negated, a.hedged) for a in run(pipeline, text)]


@given(SENTENCE, st.data())
def test_diacritics_tatweel_and_bidi_marks_never_change_the_result(pipeline, text, data):
    noisy = data.draw(decorate(text))
    assert signature(pipeline, noisy) == signature(pipeline, text)


@given(SENTENCE, st.sampled_from([("أ", "ا"), ("إ", "ا"), ("ى", "ي"), ("ة", "ه")]))
def test_hamza_alef_and_ending_variants_never_change_the_result(pipeline, text, swap):
    assert signature(pipeline, text.replace(*swap)) == signature(pipeline, text)


@given(SENTENCE)
def test_a_prefixed_waw_never_changes_the_cue(pipeline, text):
    first, rest = text.split(" ", 1)
    if first.startswith("و") or first.startswith(("بحسب", "علاوة")):
        return
    assert [s[:2] for s in signature(pipeline, "و" + first + " " + rest)] == [s[:2] for s in signature(pipeline, text)]


@pytest.mark.parametrize("said, claimed", [("قال", "زعم"), ("وقالت", "وزعمت"), ("يقول", "يزعم"), ("تقول", "تزعم")])
def test_replacing_said_with_claimed_turns_neutral_into_distance(pipeline, said, claimed):
    text = f"{said} المتحدث باسم الخارجية الإيرانية إن العقوبات غير قانونية."
    before, after = one(pipeline, text), one(pipeline, text.replace(said, claimed, 1))
    assert (before.stance, after.stance) == ("neutral", "distance")
    assert before.party == after.party == "IR"


@pytest.mark.parametrize(
    "text, lemma",
    [
        ("وعبرت وزارة الخارجية التركية عن قلقها من التصعيد.", "عبر"),
        ("وتنص المادة الرابعة من الاتفاقية على أن الطرفين يتعاونان.", "نص"),
    ],
)
def test_context_forms_fire_with_their_following_word(pipeline, text, lemma):
    assert one(pipeline, text).lemma == lemma


@pytest.mark.parametrize("text", ["وعبرت القوات الحدود ليلا باتجاه المدينة.", "ونقل الجيش المعدات إلى الجبهة."])
def test_context_forms_stay_silent_without_it(pipeline, text):
    assert run(pipeline, text) == ()


def test_a_definite_description_takes_the_previous_speakers_party(pipeline):
    found = run(pipeline, "وقال نائب وزير الخارجية الروسي إن المعاهدة مفتوحة.\nوأضاف الدبلوماسي أن موسكو تسعى إلى السلام.")
    assert [(a.speaker, a.party) for a in found][1] == ("الدبلوماسي", "RU")


def test_a_bare_name_takes_the_party_named_before_its_earlier_mention(pipeline):
    text = ("التقى رئيس المجلس الروسي للمحاربين القدامى أندريه شين بالوفد.\n"
            "وأضاف شين أن الزيارة تأتي في إطار الاتفاقية.")
    found = run(pipeline, text)
    assert [(a.speaker, a.party) for a in found] == [("شين", "RU")]


@pytest.mark.parametrize(
    "text",
    [
        "ونحن نقول إن الحرب لن تنتهي قريبا.",  # first person outside a quotation: the writer's voice
        "وفي هذا السياق نذكر أن المدينة شهدت معارك عنيفة.",
        "ورفض الجيش الروسي التعليق على التقرير.",  # declined to comment: no statement rejected
        "وجاء هذا التصريح بعد يومين من الهجوم.",  # the act named, no source reported
    ],
)
def test_sentences_that_report_no_source(pipeline, text):
    assert run(pipeline, text) == ()


def test_first_person_inside_a_quotation_is_the_speakers(pipeline):
    found = run(pipeline, 'وقال وزير الخارجية الروسي: "نحن نؤكد أن المعاهدة دفاعية".')
    assert [a.lemma for a in found] == ["قال", "أكد"]


def test_rejecting_a_claim_is_a_denial(pipeline):
    found = run(pipeline, "ورفضت وزارة الخارجية الكورية الشمالية الاتهامات الأمريكية.")
    assert [(a.lemma, a.stance, a.party) for a in found] == [("رفض", "deny", "KP")]
    a = one(pipeline, 'ورفض المتحدث باسم الجيش الإسرائيلي: "هذا غير صحيح".')
    assert (a.stance, a.party) == ("deny", "IL")


def test_added_saying_is_one_attribution(pipeline):
    found = run(pipeline, 'وقال وزير الدفاع الأمريكي إن الجنود وصلوا.\nوأضاف قائلا "الجنود في كورسك".')
    assert [(a.lemma, a.cue, a.party) for a in found][1] == ("أضاف", "وأضاف قائلا", "US")
    a = one(pipeline, 'وأضاف وزير الدفاع الأمريكي قائلا "الجنود في كورسك".')
    assert (a.lemma, a.party) == ("أضاف", "US")


def test_a_prepositional_phrase_is_never_the_speaker(pipeline):
    found = run(pipeline, "وقالت الولايات المتحدة إنها عبرت للصين عن قلقها من نشر الجنود.")
    assert [a.party for a in found] == ["US", "US"]


def test_adverbs_after_the_verb_are_skipped(pipeline):
    a = one(pipeline, "وأعلنت اليوم وزارة الدفاع التركية أن العملية انتهت.")
    assert a.party == "TR"
    a = one(pipeline, "وقال أيضا وزير الخارجية الإيراني إن المفاوضات مستمرة.")
    assert a.party == "IR"


def test_an_apposition_gives_a_bare_name_its_party(pipeline):
    a = one(pipeline, "وقال جون كيربي، المتحدث باسم البيت الأبيض، إن الجنود وصلوا.")
    assert a.party == "US"
    a = one(pipeline, "وقالت مصادر في الرئاسة التركية إن الاتصال تناول الوضع في سوريا.")
    assert a.party == "TR"


def test_context_reaches_the_end_of_the_clause(pipeline):
    a = one(pipeline, "وعبر المتحدث باسم وزارة الخارجية الأمريكية في تصريحاته أكثر من مرة عن قلق واشنطن.")
    assert (a.lemma, a.party) == ("عبر", "US")
    assert run(pipeline, "وعبرت القوات الأمريكية النهر عن طريق جسر عائم.") == ()


@pytest.mark.parametrize(
    "text, expected",
    [
        ("وتعتبر موسكو أن المعاهدة دفاعية.", [("اعتبر", "RU")]),
        ("وتعتبر المدينة من أكبر المدن السورية.", []),  # passive: is considered
        ("واعترضت تركيا على مشاركة الوحدات الكردية في المفاوضات.", [("اعترض", "TR")]),
        ("واعترضت الدفاعات الجوية السعودية صاروخا باليستيا.", []),  # intercepted
    ],
)
def test_ambiguous_forms_need_their_complement(pipeline, text, expected):
    assert [(a.lemma, a.party) for a in run(pipeline, text)] == expected


@pytest.mark.parametrize(
    "text, expected",
    [
        ("وقال الجيش الروسي إنه سيعلن النتائج غدا.", ["قال"]),  # the future act reports no content
        ("ولفت وزير الخارجية التركي إلى أن المحادثات مستمرة.", ["لفت"]),
        ("ويحاول التنظيم لفت الأنظار عن خسائره.", []),  # drew attention: no report
    ],
)
def test_future_acts_and_idioms_are_not_attributions(pipeline, text, expected):
    assert [a.lemma for a in run(pipeline, text)] == expected


def test_a_name_in_quotation_marks_can_be_the_speaker(pipeline):
    a = one(pipeline, 'وأوضح " المرصد السوري لحقوق الإنسان " , أن القصف استمر.')
    assert a.party == "SOHR"
    a = one(pipeline, 'وقال " نحن مستعدون للتفاوض " .')  # a quotation is the content
    assert a.speaker is None and a.content == "نحن مستعدون للتفاوض"


def test_a_relay_after_an_adverb_takes_the_original_speaker(pipeline):
    a = one(pipeline, "وكانت وكالة الإعلام الروسية نقلت اليوم عن وزارة الخارجية التركية أن الاجتماع تأجل.")
    assert (a.speaker_rule, a.party) == ("chain", "TR")


@pytest.mark.parametrize(
    "text, lemma, party",
    [
        ("وطلبت وزارة الخارجية الروسية من واشنطن تقديم أدلة.", "طلب", "RU"),
        ("وخلصت الأمم المتحدة إلى أن الهجوم كيميائي.", "خلص", "UN"),
    ],
)
def test_cues_written_with_their_complement(pipeline, text, lemma, party):
    a = one(pipeline, text)
    assert (a.lemma, a.party) == (lemma, party)


def test_a_word_split_where_a_shadda_was_is_glued(pipeline):
    found = run(pipeline, "وأكد الجيش التركي أن العملية مستمرة , مضيف ا أن الهدف تأمين الحدود.")
    assert [(a.lemma, a.cue) for a in found] == [("أكد", "وأكد"), ("أضاف", "مضيف ا")]
    assert run(pipeline, "وقعت الحادثة في وضح النهار أمام المارة في السوق.") == ()


def test_a_verbal_noun_with_a_pronoun_suffix_takes_the_previous_speaker(pipeline):
    found = run(pipeline, "وقال وزير الخارجية الإيراني إن المحادثات مستمرة.\nوأثارت تصريحاته غضب المعارضة.")
    assert [(a.lemma, a.party, a.speaker_rule) for a in found][1] == ("صرح", "IR", "inherited")


def test_a_verb_with_an_object_pronoun_is_a_cue(pipeline):
    a = one(pipeline, "ونفاها الكرملين جملة وتفصيلا.")
    assert (a.lemma, a.party) == ("نفى", "RU")


def test_a_nisba_adjective_before_the_verb_is_not_its_subject(pipeline):
    a = one(pipeline, "وحول القضية السورية قال وزير الخارجية الروسي إن الحل سياسي.")
    assert a.party == "RU"


def test_a_name_spelled_like_a_preposition_starts_a_speaker(pipeline):
    a = one(pipeline, "وقال علي خامنئي إن المفاوضات لن تجري.")
    assert (a.speaker, a.party) == ("علي خامنئي", "IR")


@pytest.mark.parametrize("text", ["وتتعاون الدولتان وفقا للمادة 51 من ميثاق الأمم المتحدة.",
                                  "وصدر الحكم بالسجن ست سنوات وفق القانون الجديد."])
def test_according_to_a_rule_is_no_attribution(pipeline, text):
    assert run(pipeline, text) == ()


def test_according_to_a_source_still_is(pipeline):
    assert one(pipeline, "وفقا لوزارة الدفاع التركية، فإن العملية انتهت.").party == "TR"


def test_a_name_may_span_quotation_marks(pipeline):
    a = one(pipeline, 'وكشفت جريدة " واشنطن بوست " الأميركية أن الرحلة استغرقت 13 يوما.')
    assert a.party == "WAPO"
    a = one(pipeline, 'وأعلن تنظيم " الدولة الإسلامية " أنه دمر سيارتين.')
    assert a.party == "ISIS"


def test_a_short_description_takes_the_party_of_the_full_name_it_shortens(pipeline):
    text = ("وقال المرصد السوري لحقوق الإنسان إن الغارات استمرت.\n"
            "وقالت وزارة الدفاع الروسية إن طائراتها لم تقصف المدينة.\n"
            "ويؤكد المرصد أنه يعتمد على شبكة من المصادر.")
    found = run(pipeline, text)
    assert [(a.speaker, a.party) for a in found][-1] == ("المرصد", "SOHR")
    # with no full name sharing its head, the previous speaker's party as before
    found = run(pipeline, "وقال نائب وزير الخارجية الروسي إن المعاهدة مفتوحة.\nوأضاف الدبلوماسي أن موسكو تسعى إلى السلام.")
    assert found[1].party == "RU"


def test_the_subject_between_kana_and_the_verb(pipeline):
    a = one(pipeline, "وكانت وزارة الدفاع الروسية قد أعلنت أن القوات انسحبت.")
    assert (a.speaker, a.party, a.speaker_rule) == ("وزارة الدفاع الروسية", "RU", "before_cue")
    a = one(pipeline, "وكان الناطق باسم الجيش قد قال إن القوات انسحبت.")
    assert a.speaker == "الناطق باسم الجيش"


def test_ali_is_a_name_where_the_document_writes_ala_with_alef_maksura(pipeline):
    a = one(pipeline, "وقال علي الحسيني المتحدث باسم الحشد الشعبي إن المهلة انقضت، والقوات على أهبة الاستعداد.")
    assert a.speaker.startswith("علي الحسيني") and a.party == "PMF"


def test_a_party_after_a_saying_verb_is_its_subject(pipeline):
    # a headline run into the sentence ends with a party right before the verb
    a = one(pipeline, "صاروخ الحوثي يحمل بصمات إيران قالت السفيرة الأمريكية إن الصاروخ إيراني.")
    assert a.party == "US"
    # a verb whose object can be a party keeps the subject before it
    found = run(pipeline, "موسكو تحذر واشنطن من أن العقوبات ستفشل.")
    assert [(a.lemma, a.party) for a in found] == [("حذر", "RU")]


def test_a_name_starting_with_ba_after_a_verbal_noun_is_its_speaker(pipeline):
    found = run(pipeline, "وجاءت تصريحات بن سلمان أن المملكة لن تتراجع بعد ساعات.")
    assert [(a.cue, a.party) for a in found] == [("تصريحات", "SA")]


def test_a_verb_with_an_object_pronoun_is_active(pipeline):
    # يعتبر is a cue only before أن (it also spells the passive), but يعتبرها is active
    found = run(pipeline, "روسيا تعتبرها منطقة آمنة.")
    assert [(a.cue, a.party) for a in found] == [("تعتبرها", "RU")]
    assert run(pipeline, "وتعتبر المنطقة آمنة.") == ()


@pytest.mark.parametrize("text", ["وذكرت الوكالة أن لافروف تحدث هاتفيا مع تيلرسون يوم التاسع من الشهر.",
                                  "فيما لم تحدث بها أي أضرار مادية أو خسائر بشرية."])
def test_talking_without_a_topic_is_no_attribution(pipeline, text):
    assert "تحدث" not in {a.lemma for a in run(pipeline, text)}


def test_talking_about_a_topic_is_one_even_after_latin_words(pipeline):
    found = run(pipeline, "وقال ناشط إن الخلايا نائمة. حين تحدث لموقع ARA News عن وجود خلايا نائمة في المدن.")
    assert [a.lemma for a in found] == ["قال", "تحدث"]


@pytest.mark.parametrize("text", ["ووجهت الشرطة الاتهام لشاب يدعى أحمد حسن في اعتداء لندن.",
                                  'واستهدف الكنيسة انتحاري بحزام ناسف يدعى " أبو البراء المصري " .'])
def test_the_passive_is_called_before_a_name_is_no_claim(pipeline, text):
    assert run(pipeline, text) == ()


@pytest.mark.parametrize("text", ["محور الممانعة الذي يدعي الإسلام تحالف مع الروس.",
                                  "ويقف رجل يدعي أنه يحمل حزاما ناسفا أمام المبنى."])
def test_claiming_is_still_distancing(pipeline, text):
    assert [a.stance for a in run(pipeline, text)] == ["distance"]


def test_the_statement_a_verb_was_made_in_is_part_of_it_across_a_quoted_name(pipeline):
    found = run(pipeline, 'وأعلنت منظمة " أطباء بلا حدود " في 31 آب / أغسطس في بيان أن قنبلة انفجرت عند مدخل المستشفى.')
    assert [a.lemma for a in found] == ["أعلن"]


def test_a_participle_names_its_statement_too(pipeline):
    found = run(pipeline, "وقالت الفصائل إن الحصار مستمر، مشيرة في بيان لها إلى أن وحدات الجيش تقدمت.")
    assert "بيان" not in {a.lemma for a in found}


def test_refusing_inside_a_quotation_is_not_denying(pipeline):
    found = run(pipeline, 'قال في الجواب : " إن الخليفة أسير فهو يرفض تطبيق أوامره ويرفض الاستسلام " .')
    assert [a.lemma for a in found] == ["قال"]


@pytest.mark.parametrize("text, party", [
    ('وذكر بيان الرئاسة أن الرئيسين تحادثا، وفقا ل - " الأناضول " ، حول الاتصال الهاتفي.', "TR"),
    ('وأوضح الإعلام الحربي ل - " حزب الله " أن أنباء ترددت عن وجود البغدادي في المدينة.', "HEZBOLLAH"),
])
def test_a_joined_lam_written_with_a_hyphen_keeps_the_speaker(pipeline, text, party):
    assert party in {a.party for a in run(pipeline, text)}


@pytest.mark.parametrize("text", ["وقال قائد فصيل تابع للجيش الحر إن المعارك توقفت.",
                                  "وقال مدير مستشفى تابع ل - الهلال الأحمر إن الجرحى بالعشرات."])
def test_affiliated_to_is_no_continuation(pipeline, text):
    assert [a.lemma for a in run(pipeline, text)] == ["قال"]


def test_went_on_still_continues(pipeline):
    found = run(pipeline, "وقال الوزير الروسي إن الهدنة صامدة. وتابع أن المفاوضات مستمرة.")
    assert [(a.lemma, a.party) for a in found] == [("قال", "RU"), ("تابع", "RU")]


@pytest.mark.parametrize("text", ["الإمارات توقع صفقات عسكرية في معرض دبي للطيران.",
                                  "وزيرة الخارجية توقع اتفاقية تعاون مع نظيرها."])
def test_signing_is_not_expecting(pipeline, text):
    assert run(pipeline, text) == ()


def test_expecting_still_is(pipeline):
    assert [a.lemma for a in run(pipeline, "وتوقع المحلل أن تنتهي المعارك قريبا.")] == ["توقع"]


@pytest.mark.parametrize("text", ["وجاء إعلان الادعاء العام الألماني بعد التحقيقات.",
                                  "واتخذ الوالدان صفة الادعاء بالحق المدني في القضية.",
                                  "جاء القرار بعد أسابيع من الادعاء على الإعلامي أمام المحكمة."])
def test_the_prosecution_is_no_claim(pipeline, text):
    assert "ادعى" not in {a.lemma for a in run(pipeline, text)}


def test_a_claim_named_by_its_noun_still_distances(pipeline):
    assert [a.stance for a in run(pipeline, "وقالت بيونغ يانغ إن هذا الادعاء لا أساس له.")] == ["neutral", "distance"]


@pytest.mark.parametrize("text", ["وقال متحدث باسم المنظمة، يدعى عبد الرحمن، إن الحصيلة ارتفعت.",
                                  "وهدد المتكلم باسم التنظيم الذي يدعى أبو صهيب بشن هجمات.",
                                  "وألقت الشرطة القبض على فتاة تدعى ليندا في الموصل."])
def test_is_called_written_with_alef_maksura_is_no_claim(pipeline, text):
    assert "ادعى" not in {a.lemma for a in run(pipeline, text)}


@pytest.mark.parametrize("text", ["وأقر البرلمان التعديل في حزيران الماضي.",
                                  "وردد المتظاهرون شعارات مناوئة للحكومة.",
                                  "وتقول الشرطة إنها أوقفت رجلا للاشتباه بصلته بالهجوم."])
def test_acts_that_govern_no_statement_are_no_cues(pipeline, text):
    assert not {"أقر", "ردد", "اشتبه"} & {a.lemma for a in run(pipeline, text)}


def test_admitting_a_statement_still_is(pipeline):
    found = run(pipeline, "وأقر وزير الدفاع الأمريكي بأن الضربة أصابت مدنيين.")
    assert [(a.lemma, a.stance, a.party) for a in found] == [("أقر", "endorse", "US")]


def test_an_announcement_with_its_author_is_a_cue(pipeline):
    found = run(pipeline, "وتقدمت القوات بعد يوم من إعلان وزير الدفاع الأمريكي أن بلاده ستغير استراتيجيتها.")
    assert [(a.cue, a.party) for a in found] == [("إعلان", "US")]


def test_an_announcement_without_its_author_is_none(pipeline):
    assert run(pipeline, "وتأجل الإعلان عن موعد الانتخابات إلى الأسبوع المقبل.") == ()


def test_a_statement_said_in_a_text_named_before(pipeline):
    found = run(pipeline, 'وأصدر الائتلاف الوطني السوري بيانا جاء فيه أن " الهدنة انهارت " .')
    assert [(a.lemma, a.party) for a in found] == [("جاء في", "SY_OPP")]


def test_a_bad_context_is_reported_with_its_line(tmp_path):
    import shutil

    from stance.errors import LexiconError
    from stance.lexicon import default_lexicon_dir, load_lexicons
    from stance.pipeline import Pipeline

    root = tmp_path / "lex"
    shutil.copytree(default_lexicon_dir(), root)
    with open(root / "cue_forms.tsv", "a", encoding="utf-8") as f:
        f.write("قالوها\tقال\tpast\t3\tunless:\tempty list\n")  # the last line: 2 past the header
        f.write("قالتها\tقال\tpast\t3\tthen:عن*\ta prefix is only for unless\n")
    lines = (root / "cue_forms.tsv").read_text(encoding="utf-8").count("\n")
    with pytest.raises(LexiconError) as err:
        Pipeline(load_lexicons(root)).attributions(Document(id="t", source="test", text="قال إنه هنا."))
    problems = "\n".join(err.value.problems)
    assert f"cue_forms.tsv:{lines - 1}: context 'unless:'" in problems
    assert f"cue_forms.tsv:{lines}: context 'then:عن*'" in problems


@pytest.mark.parametrize("text, party", [
    # the embedded تفترض / ندعو has its own (wrong-looking) subject; وأضاف continues the reporter
    ("واعتبر وزير الخارجية الروسي أن الاتفاقات لا تفترض انسحاب القوات الإيرانية من سوريا. "
     "وأضاف أن موسكو بحثت مع الأمريكيين آلية العمل.", "RU"),
    ('وقالت السفيرة الأمريكية: "ندعو إيران إلى وقف دعم الإرهاب". وأضافت أن بلادها تقف مع الشعب.', "US"),
    # a coordinate clause (فيما اعتبرت) is a new report, not an embedded one
    ("وقال وزير الخارجية التركي إن الحل سياسي، فيما اعتبرت الخارجية الروسية أن الحل عسكري. "
     "وأضافت أن موسكو لن تتراجع.", "RU"),
])
def test_a_continuation_skips_attributions_reported_inside_another(pipeline, text, party):
    last = run(pipeline, text)[-1]
    assert (last.lemma, last.speaker_rule, last.party) == ("أضاف", "inherited", party)


@pytest.mark.parametrize("text, speaker", [
    ("ودعت القوات جميع الدول إلى المشاركة في إعادة الإعمار.", "القوات"),
    ("ولم تذكر اللجنة أي تفاصيل عن الحادث.", "اللجنة"),
    ("وأعلنت قوات مكافحة الإرهاب سيطرتها على قضاء الدبس.", "قوات مكافحة الإرهاب"),
])
def test_the_object_after_the_subject_is_not_part_of_the_speaker(pipeline, text, speaker):
    assert one(pipeline, text).speaker == speaker
