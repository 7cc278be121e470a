"""«X درباره Y چه گفت؟» with Y worded otherwise or in English (issue 8, ninth round).

When none of X's statements shares a word with Y, Y embedded as a query is compared with them:
X spoke about Y when one stands out (its margin over the report's median sentence), and
otherwise the answer declines. An English «What did X say about Y?» keeps Y and is filtered
the same way. The report here is written for these tests, not a line of the eval sets.
"""

from __future__ import annotations

import numpy as np
import pytest

from bot.answering.english_intents import detect_english_intent
from bot.answering.statement_topics import near_topic, topic_margins
from bot.answering.word_presence import held_share
from tests.conftest import real_model_service

REPORT = """آبفای یزد از طرح نوسازی شبکه خبر داد

یزد - ایسنا - حسن رضایی، مدیرعامل شرکت آب و فاضلاب یزد، در نشست خبری گفت:
هدررفت آب در شبکه فرسوده شهر به ۲۲ درصد رسیده است.

رضایی افزود: ۳۰ کیلومتر لوله چدنی تا پایان سال تعویض می‌شود.

فاطمه احمدی، رئیس شورای شهر یزد، گفت: پارک‌های شهر از بهار با پساب تصفیه‌شده آبیاری می‌شوند.
"""


@pytest.fixture(scope="module")
def service(tmp_path_factory):
    corpus = tmp_path_factory.mktemp("corpus")
    (corpus / "yazd-water-network.txt").write_text(REPORT, encoding="utf-8")
    return real_model_service(corpus, tmp_path_factory.mktemp("data"))


def test_an_english_question_keeps_its_topic():
    intent = detect_english_intent("What did the deputy minister say about fertilizer?")
    assert (intent.kind, intent.topic) == ("statements", "fertilizer")
    assert intent.target.startswith("معاون")
    assert detect_english_intent("What did the mayor say?").topic == ""


def test_a_plural_of_y_is_held_by_the_statement(normalizer):
    terms = set(normalizer.lexical_tokens(normalizer.normalize("فهرست انتظار اعمال جراحی")))
    held = normalizer.question_words(normalizer.normalize("جراحی‌ها"))
    assert held_share(held, terms, lambda _: 1.0) > 0
    vaccine = normalizer.question_words(normalizer.normalize("واکسن"))
    assert held_share(vaccine, terms, lambda _: 1.0) == 0


def test_the_margin_is_over_the_reports_median_sentence():
    report = np.eye(4, dtype=np.float32)
    topic = np.array([0.9, 0.1, 0.0, 0.0], dtype=np.float32)
    margins = topic_margins(report[:2], report, topic)
    assert margins.tolist() == pytest.approx([0.85, 0.05])
    assert near_topic(margins)
    assert not near_topic(topic_margins(report[2:], report, topic))
    assert near_topic(None)


def test_a_topic_worded_otherwise_finds_its_statement(service):
    answer = service.ask("رضایی درباره اتلاف آب چی گفت؟")
    assert not answer.abstained and "۲۲ درصد" in answer.text


def test_a_topic_the_speaker_never_touched_is_declined(service):
    answer = service.ask("رضایی درباره مالیات چه گفت؟")
    assert answer.abstained and answer.text == ""


def test_an_english_topic_picks_the_statement_about_it(service):
    answer = service.ask("What did Rezaei say about replacing pipes?")
    assert "۳۰ کیلومتر" in answer.text
