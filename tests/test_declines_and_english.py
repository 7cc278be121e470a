"""The real model on on-topic questions the reports don't answer, and on English questions."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from bot.answering.service import AnsweringService
from bot.evaluation import answer_key, read_eval_file
from bot.plain_rendering import NOT_AN_ANSWER_LABEL, render_answer_plain
from tests.conftest import real_model_service

pytestmark = pytest.mark.slow
REPO = Path(__file__).resolve().parents[1]
DATA = REPO / "tests" / "data"
MEETING = REPO / "corpus" / "east-azerbaijan-karabakh-trade-meeting.txt"
KERMAN = DATA / "reports" / "scorer-kerman-water-council.txt"
UNANSWERABLE, _ = read_eval_file(DATA / "unanswerable_questions.jsonl")
ENGLISH, _ = read_eval_file(DATA / "english_questions.jsonl")
MEETING_QUESTIONS, _ = read_eval_file(DATA / "meeting_report_questions.jsonl")


@pytest.fixture(scope="module")
def service(tmp_path_factory) -> AnsweringService:
    """The default model on the default backend (onnx, int8 questions) over the meeting
    report and the Kerman water council: the scorer is fitted for its question vectors."""
    corpus = tmp_path_factory.mktemp("corpus")
    for report in (MEETING, KERMAN):
        shutil.copy(report, corpus / report.name)
    return real_model_service(corpus, tmp_path_factory.mktemp("data"))


def _right(service, item, answer) -> bool:
    key = answer_key(answer.text, service.normalizer)
    return not answer.abstained and any(
        answer_key(g, service.normalizer) in key for g in item.answers
    )


def test_the_sets_are_as_large_as_promised():
    reports = {
        json.loads(line)["report"] for line in (DATA / "unanswerable_questions.jsonl").open()
    }
    assert len(UNANSWERABLE) >= 30 and len(reports) >= 2
    assert all(not item.answers for item in UNANSWERABLE)
    assert sum(1 for item in ENGLISH if item.twin) >= 10


# The floors below are a little under what the fitted scorer measures here (README, issue 10):
# 26 of 32 declined (the bar is 7 in 10), at most 2 of the meeting report's answerable
# questions declined. On the sentence-transformers backend, whose torch int8 copy rounds
# questions otherwise, English twins measured 7 of 10 with these weights.
def test_on_topic_questions_the_reports_do_not_answer_are_often_declined(service):
    declined = [service.ask(item.question).abstained for item in UNANSWERABLE]
    assert sum(declined) / len(declined) >= 0.75, declined


def test_answerable_questions_are_rarely_declined(service):
    answerable = [item for item in MEETING_QUESTIONS if item.answers]
    answers = {item.question: service.ask(item.question) for item in answerable}
    # «تیتر خبر چیست؟» names neither report of this corpus: asking back which one (issue 8)
    # is not a decline, as long as the meeting report is offered.
    asked_back = [a for a in answers.values() if a.choices]
    assert all(MEETING.name in a.choices for a in asked_back)
    declined = [q for q, a in answers.items() if a.abstained and not a.choices]
    assert len(declined) <= 2, declined


def test_a_declined_on_topic_question_says_what_is_near_it(service):
    answer = service.ask("جمعیت جمهوری آذربایجان چقدر است؟")
    assert answer.abstained and answer.text == ""
    assert "«جمعیت»" in answer.note and "پاسخ پرسش نیست" in answer.note
    assert answer.to_json_dict()["abstained"] is True
    assert answer.to_json_dict()["answer"] == "" and answer.to_json_dict()["note"] == answer.note
    plain = render_answer_plain(answer)
    assert "در اسناد موجود نیست" in plain and NOT_AN_ANSWER_LABEL in plain
    off_topic = service.ask("قیمت دلار امروز چند است؟")
    assert off_topic.abstained and off_topic.note == ""
    # the report has numbers, none a count of companies
    counted = service.ask("چند شرکت ایرانی در بازسازی قره باغ مشارکت دارند؟")
    assert counted.abstained and "به شمار «شرکت» اشاره نشده" in counted.note


def test_english_questions_are_answered_with_the_persian_sentence(service):
    pairs = [(item, service.ask(item.twin)) for item in ENGLISH if item.twin]
    # Compared with twins answered by sentence retrieval: a Persian twin answered from the
    # report's structure (issue 8; «نام استاندار …») has no English route to compare with.
    twins_right = [
        item for item, twin in pairs if twin.kind == "fact" and _right(service, item, twin)
    ]
    right = [
        item.question for item in twins_right if _right(service, item, service.ask(item.question))
    ]
    assert len(twins_right) >= 10
    assert len(right) >= 0.75 * len(twins_right), sorted(
        {i.question for i in twins_right} - set(right)
    )
    # two reports here have a chair: the question is asked back, then of the one chosen
    assert set(service.ask("Who chaired the meeting?").choices) == {MEETING.name, KERMAN.name}
    chaired = service.ask("Who chaired the meeting?", document=MEETING.name)
    assert "به ریاست استاندار آذربایجان شرقی" in chaired.text


def test_off_topic_english_questions_are_declined_at_least_sometimes(service):
    # Measured 2 of 5: cross-lingual cosines of off-topic and answerable questions overlap
    # (ParsiNLU train twins: medians 0.80 and 0.82), so the English gate lets most through.
    off_topic = [item.question for item in ENGLISH if not item.answers]
    declined = [q for q in off_topic if service.ask(q).abstained]
    assert len(declined) >= 2, declined
