"""«کی اینو گفت؟» after an answer asks who said it: rewritten as «چه کسی گفت <the answer>؟»
and answered with the speaker of that statement (tests/data/conversations-who-said.jsonl,
written on three of our reports, the real model end to end)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from bot.answering.conversation import ask_in_context
from bot.answering.followup import FollowupResolver
from bot.answering.followup_who_said import who_said_it
from bot.evaluation import answer_key
from tests.conftest import real_model_service

REPO = Path(__file__).resolve().parents[1]
CONVERSATIONS = REPO / "tests" / "data" / "conversations-who-said.jsonl"


@pytest.mark.parametrize(
    "question",
    ["کی اینو گفت؟", "چه کسی این را گفت؟", "این حرف رو کی زد؟", "گوینده‌اش کیست؟", "Who said that?"],
)
def test_asking_who_said_it_spells_out_the_answer(question, normalizer):
    answer = "امسال ۱۱۰ هزار تن خرما برداشت شد. دشتی افزود: …"
    asked = who_said_it(normalizer.normalize(question), answer)
    assert asked == "چه کسی گفت امسال ۱۱۰ هزار تن خرما برداشت شد؟"


def test_of_two_sentences_the_one_that_answered_is_asked(normalizer):
    # the answer is the best sentence and its neighbour, perhaps another speaker's
    answer = "رئیس اتاق گفت بازار عراق باز شد. دشتی افزود: امسال ۱۱۰ هزار تن خرما برداشت شد."
    asked = who_said_it("کی اینو گفت؟", answer, "امسال چقدر خرما برداشت شد؟")
    assert asked == "چه کسی گفت دشتی افزود: امسال ۱۱۰ هزار تن خرما برداشت شد؟"


def test_an_interviews_question_line_is_not_what_was_said(normalizer):
    # found on an interview written after the rule: the «س:» line shares most words with the
    # question it answered, and the rewrite asked who said the journalist's question
    answer = "س: امسال چه مقدار گندم خریداری می‌شود؟\nج: پیش‌بینی ما خرید ۳۲۰ هزار تن گندم است."
    asked = who_said_it("کی اینو گفت؟", answer, "امسال چه مقدار گندم خریداری می‌شود؟")
    assert asked == "چه کسی گفت پیش‌بینی ما خرید ۳۲۰ هزار تن گندم است؟"


def test_other_questions_and_no_answer_are_left_alone(normalizer):
    left = (
        "کی افتتاح میشه؟",
        "چه کسی گفت بازار عراق باز شد؟",
        "این را کی خرید؟",
        "کی اینو اعلام کرد؟",
    )
    for question in left:
        assert who_said_it(normalizer.normalize(question), "امسال …") is None
    assert who_said_it("کی اینو گفت؟", "") is None  # the previous question was declined


def _conversations() -> list[dict]:
    return [json.loads(line) for line in CONVERSATIONS.read_text("utf-8").splitlines() if line]


@pytest.fixture(scope="module")
def services(tmp_path_factory):
    """One real-model service and resolver per report the conversations are about."""
    found = {}
    for document in sorted({c["document"] for c in _conversations()}):
        corpus = tmp_path_factory.mktemp("corpus")
        shutil.copy(REPO / document, corpus)
        service = real_model_service(corpus, tmp_path_factory.mktemp("data"))
        found[document] = (service, FollowupResolver(service))
    return found


@pytest.mark.parametrize("number", range(len(_conversations())))
def test_who_said_the_answer_is_its_speaker(services, number, normalizer):
    conversation = _conversations()[number]
    service, resolver = services[conversation["document"]]
    first, then = conversation["turns"]
    answer, exchange = ask_in_context(service, resolver, first["question"], None)
    assert any(g in answer.text for g in first["answers"]), answer.text
    who, _ = ask_in_context(service, resolver, then["question"], exchange)
    assert who.resolved_question and who.resolved_question.startswith("چه کسی گفت ")
    assert not who.abstained
    assert any(
        answer_key(g, normalizer) in answer_key(who.text, normalizer) for g in then["answers"]
    )
