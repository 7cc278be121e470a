"""«چه کسی درباره Y صحبت کرد؟» and «X درباره Y چه گفت؟» with Y worded otherwise (issue 8, tenth
round).

Who spoke about Y: the speakers whose statements hold most of Y's words, or, when none does
(one common word of Y, Y worded otherwise, Y in English), whose statements stand out for Y
embedded as a query; nobody's is declined. «X درباره Y چه گفت؟»: one common word of Y in
another speaker's statement no longer declines, and every statement of X that stands out for
Y is listed. The report here is written for these tests, not a line of the eval sets.
"""

from __future__ import annotations

import pytest

from bot.answering.english_intents import detect_english_intent
from bot.answering.speaker_intents import speaker_question
from bot.answering.speaker_topics import statements_on
from embeddings.structure.model import Attribution
from tests.conftest import real_model_service

PARAGRAPHS = (
    "شورای شهر سنندج بودجه حمل و نقل عمومی را بررسی کرد",
    "سنندج - ایرنا - جلسه شورای اسلامی شهر سنندج عصر دوشنبه به ریاست رئیس شورا برگزار شد.",
    "رئیس شورای اسلامی شهر سنندج در این جلسه گفت: ۴۰ دستگاه اتوبوس شهری نو تا پایان سال به "
    "ناوگان اضافه می‌شود.",
    "سپس امید فتاحی، شهردار سنندج، گفت: امسال دوازده هزار نهال در کمربند جنگلی آبیدر کاشته "
    "شد. فتاحی افزود: پاداش پایان خدمت کارگران بازنشسته شهرداری هنوز پرداخت نشده است.",
    "در ادامه، مرادی، عضو کمیسیون خدمات شهری شورا، گفت: در بارش‌های اخیر آب در زیرگذر میدان "
    "آزادی بالا آمد و چند خودرو در آن گیر کردند. وی افزود: شورا باید به طرح لایروبی کانال‌ها "
    "چراغ سبز نشان دهد.",
)
REPORT = "\n\n".join(PARAGRAPHS) + "\n"


@pytest.fixture(scope="module")
def service(tmp_path_factory):
    corpus = tmp_path_factory.mktemp("corpus")
    (corpus / "sanandaj-council.txt").write_text(REPORT, encoding="utf-8")
    return real_model_service(corpus, tmp_path_factory.mktemp("data"))


def test_who_questions_in_other_wordings_are_read():
    assert speaker_question("درباره بودجه چه کسی توضیح داد") == ("about", "بودجه")
    assert speaker_question("کی در مورد اتوبوس حرف زد") == ("about", "اتوبوس")
    intent = detect_english_intent("Who talked about the bus fleet?")
    assert (intent.kind, intent.detail, intent.topic) == ("person", "about", "bus fleet")
    assert detect_english_intent("Who mentioned tree planting?").topic == "tree planting"


def test_one_common_word_of_y_is_not_y_in_a_statements_words():
    """«شهری» is in both statements and «زباله» in neither: without vectors any shared word
    counts (both speakers); «اتوبوس شهری» is most of its weight in one statement only."""
    said = [Attribution(1, 0, "name"), Attribution(2, 1, "name")]
    terms = {1: {"اتوبوس", "شهری"}, 2: {"نهال", "شهری"}}
    found = statements_on(said, "زباله شهری", terms.__getitem__, lambda w: [w], 3)
    assert found.how == "words" and len(found.chosen) == 2
    held = statements_on(said, "اتوبوس شهری", terms.__getitem__, lambda w: [w], 3)
    assert [a.person for a in held.chosen] == [0]


def test_who_spoke_about_a_paraphrase_names_the_speaker(service):
    answer = service.ask("چه کسی درباره درختکاری صحبت کرد؟")
    assert answer.kind == "person" and not answer.abstained
    assert "فتاحی" in answer.text and "شهردار سنندج" in answer.text
    assert "مرادی" not in answer.text


def test_who_spoke_about_y_in_english(service):
    answer = service.ask("Who talked about flooding in the underpass?")
    assert not answer.abstained and "مرادی" in answer.text


def test_who_spoke_about_y_in_its_words_lists_the_statement(service):
    answer = service.ask("کی در مورد اتوبوس شهری حرف زد؟")
    assert not answer.abstained
    assert answer.text.startswith("رئیس شورای اسلامی شهر سنندج") and "۴۰ دستگاه" in answer.text


@pytest.mark.parametrize(
    "question",
    [
        "چه کسی درباره قیمت مسکن صحبت کرد؟",
        "چه کسی درباره واکسن آنفلوانزا و داروخانه‌ها صحبت کرد؟",
    ],
)
def test_nobody_spoke_about_y_is_declined(service, question):
    answer = service.ask(question)
    assert answer.abstained and answer.kind == "person"


def test_a_common_word_in_another_speakers_words_does_not_decline(service):
    """«سبز» is only in another speaker's «چراغ سبز», «فضای» nowhere: that is not the
    report having Y in someone else's words, and the mayor's planting statement stands out."""
    answer = service.ask("شهردار درباره فضای سبز چه گفت؟")
    assert not answer.abstained and "نهال" in answer.text


def test_an_english_topic_nothing_stands_out_for_is_left_to_retrieval(service):
    """Nothing standing out for an English Y is no proof nobody spoke of it: no note says so."""
    answer = service.ask("Who talked about the airport?")
    assert answer.kind != "person" and "کسی درباره" not in answer.note
