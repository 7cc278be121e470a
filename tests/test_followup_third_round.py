"""Follow-up kinds of issue 9's third round, on a press release, a council vote and a radio
interview written for it (no model): «اون یکی» alone, a person's words asked «چی بود؟», a list
kept across «دومی» and «و سومی؟», «چه X‌ی» as a question phrase, a verb the previous answer
holds, an ellipsis after a summary, and a question that found nothing asked again with its
conversation's words."""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from bot.answering.conversation import Exchange
from bot.answering.followup import FollowupResolver
from bot.answering.service import AnsweringService
from bot.answering.types import Answer
from bot.settings import Settings
from tests.fake_encoder import HashingEncoder

REPORTS = Path(__file__).resolve().parent / "data" / "reports"
WHEAT = "conversation-wheat-purchase-press-release.txt"
COUNCIL = "conversation-bushehr-council-vote.txt"
RADIO = "conversation-radio-interview-firefighting.txt"
DECISIONS = (
    "۱. توزیع ۴۰۰ هزار تن بذر گواهی‌شده میان کشاورزان\n"
    "۲. پرداخت وام کم‌بهره به کشاورزان برای خرید کمباین\n"
    "۳. بیمه همه مزارع گندم دیم کشور"
)


@pytest.fixture(scope="module")
def resolver(tmp_path_factory, normalizer) -> FollowupResolver:
    root = tmp_path_factory.mktemp("third-round")
    corpus = root / "corpus"
    corpus.mkdir()
    for name in (WHEAT, COUNCIL, RADIO):
        shutil.copy(REPORTS / name, corpus / name)
    settings = Settings(corpus_dir=corpus, data_dir=root / "data")
    service = AnsweringService(settings, encoder=HashingEncoder(), normalizer=normalizer)
    service.load()
    return FollowupResolver(service)


def answered(
    resolver: FollowupResolver,
    question: str,
    answer: str,
    source: str,
    previous: Exchange | None = None,
) -> Exchange:
    """The exchange after `question` got `answer` (resolved with `previous` first)."""
    resolution = resolver.resolve(question, previous)
    reply = Answer(question=question, text=answer, abstained=False)
    return replace(resolver.exchange(question, resolution, reply, previous, 0.0), source=source)


def test_that_one_alone_asking_what_was_said_is_the_other_person_who_spoke(resolver) -> None:
    who = answered(resolver, "معاون امور زراعت وزارت جهاد کشاورزی کیست؟", "حمید رضایی‌فر", WHEAT)
    # «معاون امور زراعت درباره …» speaking unnamed is the same deputy, not a second person
    assert resolver.resolve("اون یکی چی گفت؟", who).searched == "کامران یزدانی چی گفت؟"
    # with two other people who spoke, «اون یکی» names no one: nor is its «اون» a pronoun
    fares = answered(resolver, "حسن دهقانی چه گفت؟", "۴۰ اتوبوس فرسوده", COUNCIL)
    assert resolver.resolve("اون یکی چی گفت؟", fares).reason == ""
    # «آن یکی» asking no verb of saying is no person
    assert resolver.resolve("آن یکی کی تمام می‌شود؟", who).reason != "other-person"


def test_a_persons_words_asked_what_they_were_are_what_they_said(resolver) -> None:
    said = answered(resolver, "یزدانی چه گفت؟", "۹۵۰ مرکز خرید آماده شده است.", WHEAT)
    searched = resolver.resolve("حرفاش درباره سیلوها چی بود؟", said).searched
    assert searched.endswith("یزدانی درباره سیلوها چه گفت؟")
    # a view («نظرش») is not words said: it stays the person's view
    assert "نظر" in resolver.resolve("نظرش درباره سیلوها چه بود؟", said).searched


def test_the_list_stays_the_conversations_after_a_line_of_it(resolver) -> None:
    decided = answered(resolver, "برای سال زراعی آینده چه تصمیم‌هایی گرفته شد؟", DECISIONS, WHEAT)
    second = resolver.resolve("دومی یعنی چه؟", decided)
    assert second.searched.startswith("پرداخت وام کم‌بهره")
    line = answered(resolver, "دومی یعنی چه؟", "پرداخت وام کم‌بهره برای خرید کمباین", WHEAT, decided)
    third = resolver.resolve("و سومی؟", line)
    assert (third.searched, third.reason) == ("بیمه همه مزارع گندم دیم کشور؟", "list")


def test_spoken_ordinals_of_it_and_the_last_one(resolver) -> None:
    decided = answered(resolver, "برای سال زراعی آینده چه تصمیم‌هایی گرفته شد؟", DECISIONS, WHEAT)
    assert resolver.resolve("اولیش چی بود؟", decided).searched.startswith("توزیع ۴۰۰ هزار تن")
    assert resolver.resolve("آخریش چی؟", decided).searched.startswith("بیمه همه مزارع")
    assert resolver.resolve("مورد آخر چیه؟", decided).searched.startswith("بیمه همه مزارع")
    # «ش» on a word that is no ordinal is not one («دومیش» is, «پیشنهادش» is not)
    assert resolver.resolve("پیشنهادش چی بود؟", decided).reason != "list"


def test_an_indefinite_noun_after_che_is_a_question_phrase(resolver) -> None:
    decided = answered(
        resolver,
        "شورای شهر بوشهر درباره کرایه اتوبوس چه تصمیمی گرفت؟",
        "افزایش ۲۵ درصدی کرایه اتوبوس تصویب شد.",
        COUNCIL,
    )
    assert resolver.resolve("با چند رأی؟", decided).searched == (
        "شورای شهر بوشهر درباره کرایه اتوبوس با چند رای تصمیم گرفت؟"
    )


def test_a_verb_the_previous_answer_holds_takes_that_answers_subject(resolver) -> None:
    voted = answered(
        resolver,
        "افزایش کرایه اتوبوس با چند رأی تصویب شد؟",
        "با ۶ رأی موافق و ۳ رأی مخالف تصویب شد. نرخ‌های تازه از اول خرداد اجرا می‌شود.",
        COUNCIL,
    )
    searched = resolver.resolve("کی اجرا می‌شود؟", voted).searched
    assert searched.startswith("نرخ‌های تازه") and searched.endswith("کی اجرا می‌شود؟")
    # an answer without the verb leaves the previous question's subject
    other = answered(resolver, "افزایش کرایه اتوبوس با چند رأی تصویب شد؟", "۶ رأی", COUNCIL)
    assert resolver.resolve("کی اجرا می‌شود؟", other).searched.startswith("افزایش کرایه")


def test_an_ellipsis_after_a_summary_takes_the_summarys_subject(resolver) -> None:
    summary = answered(
        resolver,
        "گزارش جلسه شورای شهر بوشهر را خلاصه کن",
        "جلسه علنی شورای اسلامی شهر بوشهر صبح یکشنبه برگزار شد.",
        COUNCIL,
    )
    searched = resolver.resolve("به ریاست چه کسی؟", summary).searched
    assert "جلسه شورای شهر بوشهر" in searched and searched.endswith("به ریاست چه کسی؟")


def test_a_question_that_found_nothing_is_asked_again_only_with_known_words(resolver) -> None:
    fares = answered(
        resolver,
        "شورای شهر بوشهر درباره کرایه اتوبوس چه تصمیمی گرفت؟",
        "افزایش ۲۵ درصدی کرایه اتوبوس تصویب شد.",
        COUNCIL,
    )
    retry = resolver.after_decline("کاظمی چرا با آن مخالف بود؟", fares)
    assert retry is not None and "کرایه" in retry.searched and retry.rewritten
    # a word the documents don't know keeps an off-topic question declined
    assert resolver.after_decline("جمعیت چین چقدر است؟", fares) is None
    # so does a question naming its own subject and pointing at nothing, or asking who
    assert resolver.after_decline("مریم کاظمی چند سال عضو شورا بود؟", fares) is None
    assert resolver.after_decline("رئیس شورای شهر بوشهر کیست؟", fares) is None
    subjectless = resolver.after_decline("نرخ‌های تازه کی اجرا می‌شود؟", fares)
    assert subjectless is not None and "کرایه" in subjectless.searched
