"""Spoken wordings of structured questions, as people type them in a chat.

«جهانگیری چیکاره‌ست؟» asks what «جهانگیری چه سمتی دارد؟» asks; read as an ordinary question
its «چیکاره‌ست» counted as a word the documents never mention, and it was declined.
"""

from __future__ import annotations

import pytest

from bot.answering.intents import detect_intent


@pytest.mark.parametrize(
    "question",
    [
        "جهانگیری چیکاره‌ست؟",
        "جهانگیری چیکارست؟",
        "جهانگیری چیکاره است؟",
        "جهانگیری چه کاره است؟",
        "جهانگیری چکاره بود؟",
        "جهانگیری چه‌کاره‌ست",
    ],
)
def test_what_is_x_s_job_in_spoken_words_asks_for_the_role(normalizer, question):
    intent = detect_intent(normalizer.normalize(question))
    assert (intent.kind, intent.detail, intent.target) == ("person", "role", "جهانگیری")


def test_a_job_asked_about_a_thing_is_no_role_question(normalizer):
    assert detect_intent(normalizer.normalize("کارخانه چه کاری انجام می‌دهد؟")) is None


@pytest.mark.parametrize(
    ("question", "said"),
    [
        ("کی گفت باید از بخش خصوصی حمایت کنیم؟", "باید از بخش خصوصی حمایت کنیم"),
        ("چه کسی گفته که جلسات باید مستمر باشد؟", "جلسات باید مستمر باشد"),
        ("چه کسی در جلسه گفت صادرات مهم است؟", "صادرات مهم است"),
    ],
)
def test_who_said_x_asks_who_spoke_about_x(normalizer, question, said):
    intent = detect_intent(normalizer.normalize(question))
    assert (intent.kind, intent.detail, intent.topic) == ("person", "about", said)


def test_who_said_alone_is_no_question_about_something(normalizer):
    assert detect_intent(normalizer.normalize("چه کسی گفت؟")) is None
