"""Who said what in reports of shapes issue 8's fifth round added, and «X درباره Y» when X
never spoke about Y.

Structure: a role named later in a relative clause («معاون … که حسین طاهری نام دارد»,
«این نماینده که علی رستمی است»), opinion without a verb of saying («به اعتقاد X،», «از نگاه
X،», «به باور X،»), speech first and its speaker after («"…"، این را X گفت»), a question
first and its answerer after («در پاسخ به …، X گفت», «… پرسیدند که X گفت»), three
wordings of one role, two people sharing a surname. End to end: the decline, and the new
wordings of the question («موضع / نظر X درباره Y», «X در مورد Y چه توضیحی داد»).
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import numpy as np
import pytest

from bot.answering.intents import detect_intent
from bot.answering.service import AnsweringService
from bot.answering.statement_topics import others_than, statements_about
from bot.settings import Settings
from embeddings.structure import analyze
from embeddings.structure.model import Attribution
from tests.fake_encoder import HashingEncoder
from tests.test_document_structure import read, speakers

REPORTS = Path(__file__).resolve().parent / "data" / "reports"
SEMNAN = REPORTS / "statements-semnan-provincial-council.txt"
POLICE = REPORTS / "statements-police-spokesman-briefing.txt"
TEHRAN = REPORTS / "statements-tehran-air-pollution-views.txt"
FARS = REPORTS / "statements-fars-two-mohammadis.txt"


def test_a_role_named_later_in_a_relative_clause_is_that_person():
    sentences, structure = read(SEMNAN)
    said = speakers(sentences, structure)
    assert said["در آغاز جلسه،"] == "حسین طاهری"  # «در آغاز جلسه،» opens the sentence
    assert said["این مقام مسئول"] == "حسین طاهری"
    assert said["معاون عمرانی استاندار"] == "حسین طاهری"
    assert said["نماینده مردم سمنان"] == "علی رستمی"
    assert said["این نماینده که"] == "علی رستمی"
    roles = {p.name: p.roles for p in structure.people}
    assert roles["حسین طاهری"] == ["معاون عمرانی استاندار"]  # «گزارشی» ends the role
    assert roles["زهرا کاظمی"] == ["مدیرکل میراث فرهنگی استان"]  # «سخن گفت» ends it too
    assert roles["علی رستمی"] == ["نماینده مردم سمنان در مجلس"]


def test_opinion_without_a_verb_of_saying_and_speech_before_its_speaker():
    sentences, structure = read(TEHRAN)
    said = speakers(sentences, structure)
    assert said["به اعتقاد دکتر"] == "فرهاد امینی"
    assert said["از نگاه امینی،"] == "فرهاد امینی"
    assert said["به باور قاسمی،"] == "رضا قاسمی"
    assert said["«توسعه مترو تنها"] == "مریم سلطانی"
    assert "همایش «هوای پاک»" not in said and "در پایان همایش،" not in said
    quoted = next(a for a in structure.attributions if sentences[a.sentence].startswith("«"))
    sentence = sentences[quoted.sentence]
    assert sentence[quoted.quote[0] : quoted.quote[1]] == (
        "«توسعه مترو تنها راه نجات تهران از آلودگی است»"
    )


def test_opinion_words_with_no_person_after_them_name_nobody():
    structure = analyze(
        [
            "به نظر می‌رسد بارش‌ها امسال کمتر باشد.",
            "از نگاه اقتصادی، این طرح سودی ندارد.",
            "به اعتقاد بسیاری، قیمت‌ها بالا می‌رود.",
        ]
    )
    assert structure.attributions == []


def test_a_question_first_then_its_answerer():
    sentences, structure = read(POLICE)
    said = speakers(sentences, structure)
    assert said["در پایان نشست،"] == "مسعود نیک‌نام"  # «… پرسیدند که سخنگوی پلیس گفت»
    assert said["سخنگوی پلیس راهور"] == "مسعود نیک‌نام"  # three wordings of one role
    assert said["به گفته وی،"] == "مسعود نیک‌نام"
    assert said["این مقام انتظامی"] == "مسعود نیک‌نام"
    assert said["به گفته رئیس"] == "لیلا صدری"
    asked = analyze(["در پاسخ به پرسش خبرنگار ایرنا درباره قیمت نان، علی کریمی گفت: ثابت است."])
    assert [p.name for p in asked.people] == ["علی کریمی"]
    assert [a.person for a in asked.attributions] == [0]


def test_two_people_sharing_a_surname_keep_their_own_statements():
    sentences, structure = read(FARS)
    said = speakers(sentences, structure)
    assert said["مدیرکل جهاد کشاورزی"] == "احمد محمدی"
    assert said["این مقام مسئول"] == "احمد محمدی"
    assert said["خانم محمدی ادامه"] == "سمیرا محمدی"
    assert said["رئیس اتحادیه گلاب‌گیران"] == "سمیرا محمدی"
    assert said["فرماندار افزود: برای"] == "فرماندار داراب"


def _terms(text: str) -> list[str]:
    """Words without a plural or «‌ای» ending: «جاده‌ها», «جاده‌ای» are «جاده»."""
    return [re.sub("(?:\u200c?ها|\u200cای)$", "", w.strip(".")) for w in text.split()]


SENTENCES = [
    "جاده چالوس یک‌طرفه می‌شود.",  # 0: the other speaker's
    "پایگاه اورژانس جاده‌ای آماده است.",  # 1
    "آمبولانس در جاده‌ها زودتر می‌رسد.",  # 2
]


@pytest.mark.parametrize(
    ("topic", "chosen"),
    [
        ("جاده چالوس", []),  # X shares «جاده» alone; the other speaker shares both words
        ("اورژانس", [1]),
        ("جاده", [1, 2]),  # both share all of Y: X spoke about it
    ],
)
def test_a_subject_someone_else_spoke_about_is_declined(topic, chosen):
    said = [Attribution(1, 0, "name", None), Attribution(2, 0, "name", None)]
    others = [Attribution(0, 1, "name", None)]
    vectors = np.array([[1.0, 0.0], [0.0, 1.0]])
    result = statements_about(
        said,
        others,
        topic,
        lambda n: set(_terms(SENTENCES[n])),
        vectors,
        np.array([1.0, 0.0]),
        _terms,
    )
    if not chosen:
        assert result == []
    else:
        assert set(chosen) <= {a.sentence for a in result}


@pytest.mark.parametrize(
    ("question", "target", "topic"),
    [
        ("موضع قاسمی درباره درآمد طرح ترافیک چه بود؟", "قاسمی", "درآمد طرح ترافیک"),
        ("نظر علی رستمی درباره انتقال آب چیست؟", "علی رستمی", "انتقال آب"),
        ("دیدگاه‌های امینی چه بود؟", "امینی", ""),
        ("نیک‌نام در مورد دوربین‌ها چه توضیحی داد؟", "نیک‌نام", "دوربین‌ها"),
        ("فرماندار چه پاسخی داد؟", "فرماندار", ""),
    ],
)
def test_opinion_and_explanation_wordings_ask_for_statements(question, target, topic):
    intent = detect_intent(question)
    assert intent is not None and intent.kind == "statements"
    assert (intent.target, intent.topic) == (target, topic)


def test_nazar_of_the_reader_is_not_a_statements_question():
    assert detect_intent("نظر شما چیست؟") is None


@pytest.fixture(scope="module")
def service(tmp_path_factory, normalizer) -> AnsweringService:
    corpus = tmp_path_factory.mktemp("corpus")
    shutil.copy(POLICE, corpus / POLICE.name)
    settings = Settings(corpus_dir=corpus, data_dir=tmp_path_factory.mktemp("data"))
    service = AnsweringService(settings, encoder=HashingEncoder(), normalizer=normalizer)
    service.load()
    return service


def test_x_about_what_another_speaker_said_is_declined_by_name(service):
    answer = service.ask("صدری درباره جاده چالوس چه گفت؟")
    assert answer.kind == "statements" and answer.abstained
    assert answer.note == "لیلا صدری در این گزارش درباره جاده چالوس چیزی نگفته است."
    assert answer.text == ""
    kept = service.ask("نیک‌نام درباره جاده چالوس چه گفت؟")
    assert not kept.abstained
    assert "جاده چالوس در شب‌های پایانی تعطیلات یک‌طرفه می‌شود." in kept.text


def test_the_new_wordings_answer_from_the_speakers_statements(service):
    answer = service.ask("نیک‌نام در مورد دوربین‌ها چه توضیحی داد؟")
    assert answer.kind == "statements" and "۳۰۰ دوربین" in answer.text
    answer = service.ask("موضع سرهنگ نیک‌نام درباره سرعت غیرمجاز چه بود؟")
    assert answer.kind == "statements" and "نخستین عامل تصادفات" in answer.text


def test_a_role_worded_again_without_its_institution_word_is_the_same_person():
    structure = analyze(
        [
            "مدیرعامل شرکت قطار شهری مشهد، مهندس کاوه بهرامی، گفت: ریل‌گذاری آغاز شده است.",
            "به عقیده مدیرعامل قطار شهری، تأخیر در پرداخت اوراق بزرگ‌ترین مانع بوده است.",
            "رئیس شورا گفت: بودجه تصویب شد.",
            "رئیس کمیسیون عمران شورا گفت: پیاده‌روها ناامن است.",
        ]
    )
    owners = [structure.people[a.person].label for a in structure.attributions]
    assert owners[:2] == ["کاوه بهرامی", "کاوه بهرامی"]
    assert owners[2] != owners[3]  # not a wording of the same role: two people


def test_no_decline_when_the_other_speaker_may_be_x_under_a_role():
    from embeddings.structure.model import DocumentStructure, Person

    structure = DocumentStructure(
        people=[
            Person(name="کاوه بهرامی", roles=["مدیرعامل شرکت قطار شهری مشهد"]),
            Person(roles=["مدیرعامل قطار"]),
            Person(name="نرگس فاطمی", roles=["رئیس کمیسیون"]),
            Person(roles=["فرماندار"]),
        ],
        attributions=[Attribution(n, n, "name", None) for n in range(4)],
    )
    assert [a.person for a in others_than(structure, 0)] == [2, 3]
    assert [a.person for a in others_than(structure, 1)] == [2, 3]
    assert [a.person for a in others_than(structure, 3)] == [0, 1, 2]  # other heads
