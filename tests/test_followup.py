"""Follow-up detection and rewriting on real reports (the index's statistics, no model)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from bot.answering.conversation import Exchange, ask_in_context
from bot.answering.followup import FollowupResolver
from bot.answering.service import AnsweringService
from bot.answering.types import Answer
from bot.settings import Settings
from tests.fake_encoder import HashingEncoder

REPO = Path(__file__).resolve().parents[1]
CONVERSATIONS = REPO / "tests" / "data" / "conversations.jsonl"
REPORTS = (
    "corpus/east-azerbaijan-karabakh-trade-meeting.txt",
    "tests/data/reports/conversation-isfahan-water-council.txt",
    "tests/data/reports/conversation-shiraz-museum-interview.txt",
)


@pytest.fixture(scope="module")
def resolver(tmp_path_factory, normalizer) -> FollowupResolver:
    """A resolver over the meeting report and the two conversation reports."""
    root = tmp_path_factory.mktemp("followup")
    corpus = root / "corpus"
    corpus.mkdir()
    for report in REPORTS:
        shutil.copy(REPO / report, corpus / Path(report).name)
    settings = Settings(corpus_dir=corpus, data_dir=root / "data")
    service = AnsweringService(settings, encoder=HashingEncoder(), normalizer=normalizer)
    service.load()
    return FollowupResolver(service)


def after(resolver: FollowupResolver, question: str, answer: str = "") -> Exchange:
    """The exchange a question and its answer leave behind."""
    reply = Answer(question=question, text=answer, abstained=not answer)
    return resolver.exchange(question, resolver.unchanged(question), reply, None, 0.0)


def test_pronoun_becomes_the_person_the_previous_question_named(resolver) -> None:
    previous = after(resolver, "معاون عمرانی استاندار اصفهان کیست؟", "مهندس حمید کاظمی")
    assert previous.person == "حمید کاظمی"
    resolution = resolver.resolve("او حجم ذخیره سد زاینده‌رود را چقدر اعلام کرد؟", previous)
    assert resolution.rewritten and resolution.reason == "pronoun"
    assert resolution.searched.startswith("حمید کاظمی حجم ذخیره سد")


def test_pronoun_after_a_who_question_is_the_person_of_the_answer(resolver) -> None:
    previous = after(
        resolver,
        "چه کسی گفت رقم صادراتی ایران به جمهوری آذربایجان قابل قبول نیست؟",
        "علی جهانگیری با بیان اینکه رقم و حجم صادراتی ایران … قابل قبول نیست",
    )
    searched = resolver.resolve("به گفته ایشان هدف از مشارکت چیست؟", previous).searched
    assert searched == "به گفته علی جهانگیری هدف از مشارکت چیست؟"


def test_a_surname_alone_is_known_from_the_documents(resolver) -> None:
    previous = after(resolver, "صالحی علت افت آب را چه دانست؟")
    assert previous.person == "مریم صالحی"
    searched = resolver.resolve("و وی درباره سد کوهرنگ چه گفت؟", previous).searched
    assert searched == "مریم صالحی درباره سد کوهرنگ چه گفت؟"


def test_ellipsis_takes_the_place_of_the_previous_question_phrase(resolver) -> None:
    previous = after(resolver, "جلسه ستاد توسعه تجارت چه روزی برگزار شد؟", "شنبه")
    for fragment, expected in (
        ("به چه صورت؟", "جلسه ستاد توسعه تجارت به چه صورت برگزار شد؟"),
        ("کجا؟", "جلسه ستاد توسعه تجارت کجا برگزار شد؟"),
        ("چرا؟", "جلسه ستاد توسعه تجارت چرا برگزار شد؟"),
        ("به ریاست چه کسی؟", "جلسه ستاد توسعه تجارت به ریاست چه کسی برگزار شد؟"),
    ):
        resolution = resolver.resolve(fragment, previous)
        assert (resolution.searched, resolution.reason) == (expected, "ellipsis")


def test_and_asks_the_previous_question_of_someone_else_or_of_something_else(resolver) -> None:
    previous = after(resolver, "جهانگیری درباره صادرات چه گفت؟")
    assert resolver.resolve("و پورمحمدی؟", previous).searched == "پورمحمدی درباره صادرات چه گفت؟"
    assert (
        resolver.resolve("و درباره کرونا؟", previous).searched
        == "علی جهانگیری درباره کرونا چه گفت؟"
    )


def test_what_about_someone_asks_the_previous_question_of_them(resolver) -> None:
    # «X چی؟» / «X چطور؟» / «در مورد X چی؟»: colloquial «and X?», not a fragment of Y
    previous = after(resolver, "جهانگیری درباره صادرات چه گفت؟")
    for follow_up in ("پورمحمدی چی؟", "پورمحمدی چطور؟", "در مورد پورمحمدی چی؟"):
        resolution = resolver.resolve(follow_up, previous)
        assert resolution.searched == "پورمحمدی درباره صادرات چه گفت؟", follow_up
    # a role of two heads is replaced whole («معاون استاندار», not «معاون» alone)
    previous = after(resolver, "معاون استاندار درباره صادرات چه گفت؟", "علی جهانگیری: …")
    searched = resolver.resolve("پورمحمدی چطور؟", previous).searched
    assert searched == "پورمحمدی درباره صادرات چه گفت؟"
    # with a verb of its own it is a question of its own
    assert resolver.resolve("پورمحمدی چی گفت؟", previous).searched == "پورمحمدی چی گفت؟"


def test_demonstrative_gets_the_previous_questions_key_words(resolver) -> None:
    previous = after(resolver, "بودجه امسال موزه پارس چقدر است؟", "12 میلیارد ریال")
    resolution = resolver.resolve("نیمی از آن صرف چه می‌شود؟", previous)
    assert resolution.reason == "expansion"
    assert "آن" not in resolution.searched.split() and "بودجه" in resolution.searched


@pytest.mark.parametrize(
    "question",
    [
        "پورمحمدی درباره اشغالگری چه گفت؟",  # names its own subject
        "دانش‌آموزان شیراز چه روزی می‌توانند رایگان از موزه بازدید کنند؟",
        "پایتخت فرانسه کجاست؟",  # off-topic: two words the documents don't know
        "و کاظمی برای نوسازی شبکه آبرسانی شهر اصفهان چه اعتباری اعلام کرد؟",
        "در این جلسه چه کسی درباره بازسازی قره باغ سخن گفت؟",  # «این» before a noun
    ],
)
def test_a_question_with_its_own_subject_is_left_alone(resolver, question: str) -> None:
    previous = after(resolver, "استاندار آذربایجان شرقی چه گفت؟", "دکتر محمدرضا پورمحمدی گفت")
    assert not resolver.resolve(question, previous).rewritten


def test_without_context_nothing_is_rewritten(resolver) -> None:
    assert resolver.resolve("او چه گفت؟", None) == resolver.unchanged("او چه گفت؟")


def test_follow_up_with_no_usable_context_is_answered_as_asked(resolver) -> None:
    # the previous exchange names nobody and has no question phrase to fill
    previous = Exchange(question="سلام", searched="سلام", answer="")
    answer, exchange = ask_in_context(resolver.service, resolver, "او کیست؟", previous)
    assert answer.resolved_question is None and exchange.searched == "او کیست؟"


def test_the_conversation_set_is_rewritten_as_marked() -> None:
    """Each follow-up's kind and whether it must be rewritten are in the data file."""
    followups = []
    for line in CONVERSATIONS.read_text("utf-8").splitlines():
        conversation = json.loads(line)
        assert (REPO / conversation["document"]).is_file()
        followups += [t for t in conversation["turns"] if "twin" in t]
    kinds = {t["kind"] for t in followups}
    assert len(followups) >= 15
    assert {"pronoun", "ellipsis", "and", "why", "new-subject", "demonstrative"} <= kinds
    assert all(t["answers"] and t["twin"].strip() for t in followups)


def test_conversation_set_rewrites(resolver) -> None:
    """Replaying each conversation with gold answers, follow-ups are rewritten as marked."""
    for line in CONVERSATIONS.read_text("utf-8").splitlines():
        previous = None
        for turn in json.loads(line)["turns"]:
            resolution = resolver.resolve(turn["question"], previous)
            assert resolution.rewritten == turn.get("rewritten", "twin" in turn), turn
            reply = Answer(turn["question"], turn["answers"][0], False)
            previous = resolver.exchange(turn["question"], resolution, reply, previous, 0.0)
