"""Three reports written by helpers who saw neither the code nor our other test data (probe20-*:
a drought council in Ilam, a municipality press conference in Mashhad, a university board of
trustees in Kermanshah), and what they broke:

- a speaker whose given name is not on our list, with the role written right after the name and
  no comma («کیومرث حیدری فرماندار شهرستان ایوان نیز … اظهار کرد»), was nobody;
- «X درباره Y چه گفت؟» answered with a statement that shared only a common part of a compound
  («آب» of «نرخ آب‌بها»), a bare figure («۳» of «خط ۳ مترو»), or nothing of Y at all while a
  decisions list held Y («رستمی درباره شهریه …»): X said nothing about Y there;
- «حجم ذخیره سد سیمره» (a dam the report never names) and «آزمون استخدامی کی برگزار می‌شود؟»
  (a report that says it will be held, not when) were answered with an unrelated figure.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.answering.decisive_words import decisive_missing, untimed
from bot.answering.time_expressions import asks_when, holds_time
from bot.answering.topic_words import TopicWords
from embeddings.structure import analyze
from embeddings.text_normalizer import PersianTextNormalizer
from tests.conftest import services_per_report
from tests.report_structure import read_report

REPORTS = Path(__file__).resolve().parent / "data/reports"
ILAM = REPORTS / "probe20-ilam-drought-council.txt"
MASHHAD = REPORTS / "probe20-mashhad-zaer-presser.txt"
KERMANSHAH = REPORTS / "probe20-kums-trustees.txt"


@pytest.fixture(scope="module")
def normalizer() -> PersianTextNormalizer:
    return PersianTextNormalizer()


@pytest.fixture(scope="module")
def services(tmp_path_factory):
    """One real-model service per report, each over a corpus of that report alone."""
    return services_per_report(tmp_path_factory, (ILAM, MASHHAD, KERMANSHAH))


def test_a_rarer_given_name_with_its_role_right_after_is_a_speaker():
    sentences, structure = read_report(ILAM)
    people = {p.name: p.roles for p in structure.people}
    assert people["کیومرث حیدری"] == ["فرماندار شهرستان ایوان"]
    number = next(n for n, s in enumerate(sentences) if "کیومرث حیدری" in s)
    speaker = structure.speaker_of(number)
    assert speaker is not None and speaker.name == "کیومرث حیدری"


def test_two_words_before_a_role_are_no_name_without_a_verb_of_saying():
    # a headline: «نشست خبری» is no person, though a role follows it
    structure = analyze(["نشست خبری سخنگوی پلیس راهور درباره طرح نوروزی", "این طرح اجرا شد."])
    assert all(p.name != "نشست خبری" for p in structure.people)
    # after «در» the words before the role don't open the clause
    said = analyze(["در نشست خبری سخنگوی پلیس راهور گفت: طرح اجرا می‌شود."])
    assert all(p.name != "نشست خبری" for p in said.people)


def _matched(normalizer, topic: str, sentence: str) -> set[int]:
    words = TopicWords(normalizer.normalize(topic), normalizer.terms_of_word)
    terms = set(normalizer.lexical_tokens(sentence))
    return words.matched(terms)


def test_y_is_held_by_its_words_not_by_a_part_or_a_figure(normalizer):
    water = "سهم هر نفر از آب شرب به کمتر از ۴۰ لیتر در روز رسیده است."
    assert _matched(normalizer, "نرخ آب‌بها", water) == set()
    assert _matched(normalizer, "نرخ آب‌بها", "نرخ آب‌بها امسال تغییری نمی‌کند.") == {0, 1}
    budget = "سهم مشهد از اعتبارات ملی ویژه زیارت امسال تنها ۳ هزار میلیارد ریال است."
    assert _matched(normalizer, "خط ۳ مترو", budget) == set()
    # the word before the figure speaks for both: «طول این خط» is line 3's
    assert _matched(normalizer, "خط ۳", "طول این خط ۲۸ کیلومتر است.") == {0}
    # a plural is one word, not a compound
    assert _matched(normalizer, "واگن‌ها", "۳۶ دستگاه واگن جدید خریداری شده است.") == {0}


@pytest.mark.parametrize(
    ("report", "question"),
    [
        (ILAM, "نظر مرادی درباره نرخ آب‌بها چیست؟"),
        (MASHHAD, "نظر فاطمه صدری درباره خط ۳ مترو چیه؟"),
        (KERMANSHAH, "رستمی درباره شهریه دانشجویان چه گفت؟"),
    ],
)
def test_what_x_did_not_speak_about_is_declined(services, report, question):
    answer = services[report].ask(question)
    assert answer.kind == "statements"
    assert answer.abstained and "چیزی نگفته است" in answer.note, answer.text


@pytest.mark.parametrize(
    ("report", "question", "expected"),
    [
        # what X did speak about
        (MASHHAD, "نوروزی درباره خط ۳ چه گفت؟", "۸۳ درصد"),
        (ILAM, "مرادی درباره طرح آبرسانی موسیان چه گفت؟", "۵۵ درصد"),
        (ILAM, "حیدری چه گفت؟", "۲۳ روستای"),
        (KERMANSHAH, "نظر رستمی درباره بیمارستان اسلام‌آباد غرب چیست؟", "۳۲۰ تختخوابی"),
        # the place and the time the report does give
        (KERMANSHAH, "جلسه کی برگزار شد؟", "۲۲ اسفند"),
        (ILAM, "حجم ذخیره سد ایلام چقدر است؟", "۳۸ درصد"),
    ],
)
def test_what_the_report_says_is_answered(services, report, question, expected):
    answer = services[report].ask(question)
    assert not answer.abstained and expected in answer.text, answer.note


def test_a_name_after_a_kind_of_place_is_decisive(normalizer):
    def decisive(question: str, missing: str) -> list[str]:
        normalized = normalizer.normalize(question)
        words = normalizer.question_words(normalized)
        indices = [i for i, w in enumerate(words) if w.text == missing]
        return decisive_missing(normalized, words, indices, set())

    assert decisive("حجم ذخیره سد سیمره چقدر است؟", "سیمره") == ["سیمره"]
    assert decisive("چند روستای شهرستان مهران تانکر دارند؟", "مهران") == ["مهران"]
    # an adjective in «ی» says what kind, and may be worded otherwise in the report
    assert decisive("چند روستای مرزی تانکر دارند؟", "مرزی") == []
    assert decisive("روستاهای محروم چند تانکر دارند؟", "محروم") == []
    assert decisive("کدام استان بیشترین چشمه را دارد؟", "بیشترین") == []
    assert decisive("شاهرود در کدام استان واقع است؟", "واقع") == []
    # only the word right after it: «دریاچه» is no kind of «استفاده»
    assert decisive("از دریاچه چه استفاده‌ای می‌شود؟", "استفاده‌ای") == []


def test_when_is_answered_by_a_date_not_by_a_number():
    assert asks_when("آزمون استخدامی پرستارها کی برگزار می‌شود؟")
    assert asks_when("دانشکده از چه سالی دانشجو می‌پذیرد؟")
    assert not asks_when("کی گفت حقوق‌ها زیاد می‌شود؟")  # «کی» asks who
    assert not asks_when("کی اینو پرداخت کرد؟")
    # a when-question about anything but an event is answered by a condition as often
    assert not asks_when("چه زمانی مردمک چشم گشاد می‌شود؟")
    assert not asks_when("چند نفر استخدام می‌شوند؟")
    for text in (
        "اردوی تیم از ۲۰ دی برپا می‌شود.",
        "نشست صبح چهارشنبه برگزار شد.",
        "بودجه سال ۱۴۰۴ تصویب شد.",
        "افزایش ظرفیت در سال تحصیلی آینده اجرا می‌شود.",
        "این طرح تا پایان سال تمام می‌شود.",
        "محموله مردادماه می‌رسد.",
    ):
        assert holds_time(text), text
    assert not holds_time("جذب ۱۲۰ عضو هیئت علمی و ۳۵۰ نیروی پرستاری از طریق آزمون استخدامی.")
    assert untimed("آزمون کی برگزار می‌شود؟", ["جذب ۳۵۰ نیرو از طریق آزمون."]) == ["زمان"]
    assert untimed("آزمون کی برگزار می‌شود؟", ["آزمون ۲۰ دی برگزار می‌شود."]) == []


@pytest.mark.parametrize(
    ("report", "question", "note"),
    [
        (ILAM, "حجم ذخیره سد سیمره الان چقدره؟", "«سیمره»"),
        (KERMANSHAH, "آزمون استخدامی پرستارها کی برگزار می‌شود؟", "به زمان اشاره نشده است"),
        # declined for the time; the note names the words the report lacks first
        (MASHHAD, "خط ۳ مترو مشهد کی افتتاح میشه؟", "«افتتاح»"),
    ],
)
def test_a_place_or_a_time_the_report_lacks_is_declined(services, report, question, note):
    answer = services[report].ask(question)
    assert answer.abstained and note in answer.note, answer.text


def test_a_wrapped_numbered_list_of_approvals_is_read_whole():
    _, structure = read_report(KERMANSHAH)
    approvals = next(d for d in structure.decisions if len(d.items) > 1)
    assert len(approvals.items) == 5
    assert approvals.items[0].endswith("نسبت به سال گذشته ۳۱ درصد افزایش دارد")
    # a quotation that names a proposal is one item, not cut at its commas
    proposal = next(d for d in structure.decisions if d.kind == "proposal")
    assert len(proposal.items) == 1 and "تأسیس دانشکده علوم توانبخشی" in proposal.items[0]
    # the cue before the colon lists: «پیشنهادهای زیر مطرح شد: A، B و C»; odd text is no error
    listed = analyze(["پیشنهادهای زیر مطرح شد: کاهش تعرفه، افزایش وام و ساخت انبار."])
    assert listed.decisions[0].items == ["کاهش تعرفه", "افزایش وام", "ساخت انبار"]
    assert len(analyze(["از جمله می‌توان به ، اشاره کرد."]).decisions) == 1


@pytest.mark.parametrize(
    ("question", "expected", "absent"),
    [
        ("درباره شهریه چه تصمیمی گرفتند؟", "۱۵ درصدی شهریه", "بودجه سال ۱۴۰۴"),
        ("چه مصوباتی داشت؟", "کمک‌هزینه مسکن", None),
    ],
)
def test_the_approvals_are_answered_item_by_item(services, question, expected, absent):
    answer = services[KERMANSHAH].ask(question)
    assert answer.kind == "decisions" and expected in answer.text, answer.text
    assert absent is None or absent not in answer.text


@pytest.mark.parametrize(
    ("report", "question", "expected"),
    [
        (KERMANSHAH, "جلسه کجا برگزار شد؟", "سالن شورای سازمان مرکزی دانشگاه"),
        # the lead says «در نشست خبری امروز»; the next sentence has the date and the venue
        (MASHHAD, "نشست کجا برگزار شد؟", "سالن همایش‌های ساختمان مرکزی شهرداری"),
        (MASHHAD, "نشست خبری کی برگزار شد؟", "۲۰ خرداد"),
    ],
)
def test_where_and_when_the_gathering_was_held(services, report, question, expected):
    answer = services[report].ask(question)
    assert not answer.abstained and answer.text.splitlines()[0].endswith(expected), answer.text
