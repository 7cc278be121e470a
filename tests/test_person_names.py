"""Recognising sentences that name a person, and answering «نام …» questions with the name."""

from __future__ import annotations

import pytest

from bot.answering.person_names import names_person
from bot.answering.question_types import question_type


@pytest.mark.parametrize(
    "sentence",
    [
        "دکتر محمدرضا پورمحمدی در این جلسه گفت: حضور قدرتمند در کشور آذربایجان مهم است.",
        "علی جهانگیری با بیان اینکه رقم صادرات قابل قبول نیست، اظهار داشت: …",
        "به گفته حجت‌الاسلام رئیسی، این طرح اجرا می‌شود.",
        "فاطمه محمدی نخستین زن این رشته بود.",
        "خانم كريمي مدير مدرسه است.",  # Arabic ي/ك as typed on some keyboards
    ],
)
def test_sentences_that_name_someone(sentence: str) -> None:
    assert names_person(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "معاون هماهنگی امور اقتصادی استاندار آذربایجان شرقی نیز در این جلسه گفت: …",
        "علی رغم تحریم‌ها، صادرات افزایش یافت.",
        "با حسن نیت طرفین، قرارداد امضا شد.",
        "امید است این همکاری ادامه یابد.",
        "بازسازی قره‌باغ فرصتی مهم است.",
        "",
    ],
)
def test_sentences_that_name_no_one(sentence: str) -> None:
    assert not names_person(sentence)


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("نام استاندار آذربایجان شرقی چیست؟", "person_name"),
        ("نام معاون هماهنگی امور اقتصادی استاندار چیست؟", "person_name"),
        ("اسم رئیس ستاد چیست؟", "person_name"),
        ("معاون اقتصادی استاندار چه نام دارد؟", "person_name"),
        ("دبیر ستاد توسعه تجارت نامش چیست؟", "person_name"),
        ("جلسه به ریاست چه کسی برگزار شد؟", "person"),
        ("نام استان میزبان چیست؟", None),
        ("نام پایتخت آذربایجان چیست؟", None),
    ],
)
def test_name_questions_ask_for_a_name_only_when_a_role_is_named(question, kind) -> None:
    assert question_type(question) == kind


def _long_report(tmp_path):
    """A role sentence and the named sentence after it: together over 400 characters."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    role = (
        "معاون هماهنگی امور اقتصادی استاندار و دبیر ستاد توسعه تجارت نیز در این جلسه گفت: "
        + "مسئولیت ملی واگذار شده به استان آغازگر توسعه ارتباطات اقتصادی با کشورهای همسایه است " * 3
        + "."
    )
    named = (
        "علی جهانگیری با بیان اینکه حجم صادرات ایران به این کشور قابل قبول نیست، اظهار داشت: "
        + "هدف از مشارکت در بازسازی، افزایش میزان صادرات به این کشور است."
    )
    other = "نماینده سازمان توسعه تجارت نیز به برگزاری مستمر جلسات ستاد اشاره کرد."
    (corpus / "report.txt").write_text(f"{role}\n\n{named}\n\n{other}\n", encoding="utf-8")
    assert len(role) + len(named) > 400
    return corpus


def test_asked_for_a_name_the_answer_is_the_sentence_that_gives_it(
    tmp_path, normalizer, monkeypatch
):
    from bot.answering.service import AnsweringService
    from bot.settings import Settings
    from tests.fake_encoder import HashingEncoder

    # Declining is calibrated for the real model; this is about which sentence answers.
    monkeypatch.setattr(AnsweringService, "_confident", lambda self, ranked, extracted: True)
    settings = Settings(corpus_dir=_long_report(tmp_path), data_dir=tmp_path / "data")
    service = AnsweringService(settings, encoder=HashingEncoder(), normalizer=normalizer)
    service.load()
    asked_name = service.ask("نام معاون هماهنگی امور اقتصادی استاندار چیست؟")
    assert "علی جهانگیری" in asked_name.text and len(asked_name.text) <= 400
    assert asked_name.kind == "person" and asked_name.speaker.name == "علی جهانگیری"
    # Asked what the role said: both statements, the role's and the name's, one a line.
    asked_topic = service.ask("معاون هماهنگی امور اقتصادی استاندار چه گفت؟")
    assert asked_topic.kind == "statements" and asked_topic.speaker.name == "علی جهانگیری"
    first, second = asked_topic.text.split("\n")
    assert first.startswith("مسئولیت ملی") and second.startswith("هدف از مشارکت")
