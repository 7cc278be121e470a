"""Follow-ups that point back without naming: a left-out subject, colloquial «اون», clitics,
«the other deputy», a line of a list; on four reports written for them (no model)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from bot.answering.conversation import Exchange
from bot.answering.followup import FollowupResolver
from bot.answering.service import AnsweringService
from bot.answering.types import Answer, Speaker
from bot.settings import Settings
from tests.fake_encoder import HashingEncoder

REPO = Path(__file__).resolve().parents[1]
KINDS = REPO / "tests" / "data" / "conversations-kinds.jsonl"
REPORTS = "tests/data/reports"
FLOOD = "followup-gilan-flood-crisis-meeting.txt"
SCHOOLS = "followup-education-press-conference.txt"
COUNCIL = "followup-yazd-city-council.txt"
INTERVIEW = "followup-kashan-rosewater-interview.txt"


@pytest.fixture(scope="module")
def resolver(tmp_path_factory, normalizer) -> FollowupResolver:
    root = tmp_path_factory.mktemp("references")
    corpus = root / "corpus"
    corpus.mkdir()
    for name in (FLOOD, SCHOOLS, COUNCIL, INTERVIEW):
        shutil.copy(REPO / REPORTS / name, corpus / name)
    settings = Settings(corpus_dir=corpus, data_dir=root / "data")
    service = AnsweringService(settings, encoder=HashingEncoder(), normalizer=normalizer)
    service.load()
    return FollowupResolver(service)


def after(
    resolver: FollowupResolver, question: str, answer: str, source: str, speaker: str = ""
) -> Exchange:
    reply = Answer(
        question=question,
        text=answer,
        abstained=False,
        speaker=Speaker(speaker, ()) if speaker else None,
    )
    exchange = resolver.exchange(question, resolver.unchanged(question), reply, None, 0.0)
    return Exchange(**{**exchange.__dict__, "source": source})


def test_a_verb_of_saying_with_no_subject_asks_about_the_previous_person(resolver) -> None:
    previous = after(resolver, "نوروزی چه گفت؟", "امسال ۲۲ هزار معلم تازه …", SCHOOLS)
    resolution = resolver.resolve("درباره شهریه چی گفت؟", previous)
    assert resolution.searched == "حمید نوروزی درباره شهریه چی گفت؟"
    assert resolver.resolve("دیگه چی گفت؟", previous).searched == "حمید نوروزی چی گفت؟"
    # asking who said something has no subject to fill
    assert not resolver.resolve("چه کسی گفت کلاس‌ها مجازی می‌شود؟", previous).rewritten


def test_colloquial_oon_before_a_verb_of_saying_is_the_person(resolver) -> None:
    previous = after(
        resolver, "جلسه شورای شهر یزد به ریاست چه کسی برگزار شد؟", "محمدرضا فلاح‌زاده", COUNCIL
    )
    assert resolver.resolve("اون چی گفت؟", previous).searched == "محمدرضا فلاح‌زاده چی گفت؟"


def test_a_clitic_on_words_is_the_persons_on_a_thing_the_things(resolver) -> None:
    said = after(resolver, "طاهری چه گفت؟", "آب آشامیدنی …", FLOOD, speaker="مریم طاهری")
    words = resolver.resolve("حرفاش درباره کلر چی بود؟", said)
    assert words.reason == "pronoun" and "مریم طاهری درباره کلر" in words.searched
    flood = after(resolver, "سیلاب گیلان به چند واحد مسکونی خسارت زد؟", "۳۴۰ واحد", FLOOD)
    damage = resolver.resolve("خسارتش چقدر برآورد شده؟", flood)
    assert damage.rewritten and damage.searched.startswith("خسارت ")
    assert "کریمی" not in damage.searched and "سیلاب" in damage.searched
    # «افزایش» ends like a clitic but is a word of its own
    assert not resolver.reader.read("افزایش شهریه چقدر است؟").clitics


def test_the_other_deputy_is_the_other_person_sharing_the_role(resolver) -> None:
    karimi = after(resolver, "معاون عمرانی استاندار گیلان کیست؟", "حسن کریمی", FLOOD)
    other = resolver.resolve("معاون دیگر چه گفت؟", karimi)
    assert (other.searched, other.reason) == ("مریم طاهری چه گفت؟", "other-person")
    taheri = after(resolver, "طاهری چه گفت؟", "…", FLOOD, speaker="مریم طاهری")
    assert resolver.resolve("اون یکی معاون چی گفت؟", taheri).searched == "حسن کریمی چی گفت؟"


def test_an_ordinal_is_that_line_of_the_previous_list(resolver) -> None:
    decisions = "مصوبات جلسه:\n۱. افزایش نرخ کرایه تاکسی\n۲. واگذاری نگهداری بوستان‌ها"
    previous = after(resolver, "شورای شهر یزد چه مصوباتی داشت؟", decisions, COUNCIL)
    resolution = resolver.resolve("چه کسی با اولی مخالفت کرد؟", previous)
    assert resolution.searched == "چه کسی با افزایش نرخ کرایه تاکسی مخالفت کرد؟"
    assert "بوستان" in resolver.resolve("مورد دوم از کی اجرا می‌شود؟", previous).searched


def test_ellipsis_keeps_the_counted_noun_and_a_verb_of_its_own(resolver) -> None:
    flood = after(resolver, "سیلاب گیلان به چند واحد مسکونی خسارت زد؟", "۳۴۰ واحد", FLOOD)
    where = resolver.resolve("کجا؟", flood).searched
    assert where == "سیلاب گیلان کجا به واحد مسکونی خسارت زد؟"
    parking = after(
        resolver, "پارکینگ طبقاتی میدان امیرچخماق چند خودرو ظرفیت دارد؟", "۶۰۰", COUNCIL
    )
    when = resolver.resolve("کی تمام می‌شود؟", parking).searched
    assert when == "پارکینگ طبقاتی میدان امیرچخماق کی تمام می‌شود؟"


def test_the_kinds_set_has_twenty_follow_ups_of_every_kind() -> None:
    followups = []
    for line in KINDS.read_text("utf-8").splitlines():
        conversation = json.loads(line)
        assert (REPO / conversation["document"]).is_file()
        followups += [t for t in conversation["turns"] if "twin" in t]
    kinds = {t["kind"] for t in followups}
    assert len(followups) >= 20 and all(t["twin"].strip() for t in followups)
    assert {
        "pronoun", "clitic", "ellipsis", "why", "when", "and", "new-subject",
        "after-decline", "after-list", "other-speaker", "colloquial",
    } <= kinds  # fmt: skip


def test_a_short_question_with_a_verb_and_no_subject_after_who_is_about_that_person(
    resolver,
) -> None:
    previous = after(resolver, "نایب‌رئیس شورای شهر یزد کیست؟", "زهرا شیرازی", COUNCIL)
    resolution = resolver.resolve("با چی مخالفت کرد؟", previous)
    assert (resolution.searched, resolution.reason) == ("زهرا شیرازی با چی مخالفت کرد؟", "subject")
    # a question with its own subject (a copula) or words from elsewhere is not about them
    assert not resolver.resolve("جمعیت چین چقدر است؟", previous).rewritten
    assert not resolver.resolve("پایتخت فرانسه را کی ساخت؟", previous).rewritten
    # a fact the person only figures in is not about them: «کی تمام می‌شود؟» is not theirs
    parking = after(resolver, "شهردار یزد کی پارکینگ را افتتاح می‌کند؟", "شهریور", COUNCIL)
    assert "جمالی‌نژاد" not in resolver.resolve("کی تمام می‌شود؟", parking).searched


def test_whom_a_statements_question_asks_about_is_kept_even_unknown_to_the_structure(
    resolver,
) -> None:
    previous = after(resolver, "امیری چه گفت؟", "خبرنگار: بودجه فیلم چقدر بود؟", INTERVIEW)
    assert previous.person == "امیری"
    # «their words about X, what were they?» is searched as what they said about X
    assert resolver.resolve("حرفاش درباره قیمت چی بود؟", previous).searched == (
        "امیری درباره قیمت چه گفت؟"
    )


def test_a_words_clitic_with_nobody_to_belong_to_is_not_made_a_things(resolver) -> None:
    previous = after(resolver, "بودجه فیلم چقدر بود؟", "حدود ۱۲ میلیارد تومان", INTERVIEW)
    previous = Exchange(**{**previous.__dict__, "person": None})
    assert "حرف بودجه" not in resolver.resolve("حرفاش درباره بازیگرا چی بود؟", previous).searched


def test_and_with_no_question_of_its_own_asks_the_previous_one_whatever_its_length(
    resolver,
) -> None:
    previous = after(resolver, "سیلاب گیلان چند واحد مسکونی را خراب کرد؟", "۳۴۰ واحد", FLOOD)
    resolution = resolver.resolve("و برآورد اولیه خسارت‌های سیلاب؟", previous)
    assert resolution.reason == "and" and resolution.searched.startswith("برآورد اولیه خسارت")


def test_role_words_include_those_the_reports_give(resolver) -> None:
    # «مدیرکل» is in no list here; the flood report's structure gives «مدیرکل هواشناسی گیلان»
    assert "مدیرکل" in resolver.reader.roles


def test_the_other_one_with_nobody_to_name_is_asked_as_it_is(resolver) -> None:
    # the flood report has one «مدیرکل»: there is no other to name
    weather = after(resolver, "مدیرکل هواشناسی گیلان چه گفت؟", "بارش‌های سنگین …", FLOOD)
    assert not resolver.resolve("اون یکی مدیرکل چی گفت؟", weather).rewritten


def test_reading_follow_ups_imports_no_more_of_hazm_than_the_normalizer() -> None:
    """The clitic dictionary and verb test use hazm's Lemmatizer without hazm's __init__."""
    import subprocess
    import sys

    script = """
import sys
from bot.answering.followup_references import References
from embeddings.text_normalizer import PersianTextNormalizer
references = References(PersianTextNormalizer())
assert references.is_verb("می‌شود") and not references.is_verb("خسارت")
assert references.clitic_stem("خسارتش", known=lambda stem: False) == "خسارت"
print(sorted(m for m in sys.modules if m.split(".")[0] in ("scipy", "sklearn")))
"""
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=REPO, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout.strip() == "[]"


def test_a_declined_follow_up_keeps_the_conversations_report_for_the_next(resolver) -> None:
    """«چه چیزی را خواستار شد؟» declined still belongs to the flood report: «اون یکی معاون»
    next is the other deputy of that report, not a question asked from nowhere."""
    taheri = after(resolver, "طاهری چه گفت؟", "…", FLOOD, speaker="مریم طاهری")
    asked = "چه چیزی را خواستار شد؟"
    resolution = resolver.resolve(asked, taheri)
    declined = Answer(question=resolution.searched, text="", abstained=True)
    exchange = resolver.exchange(asked, resolution, declined, taheri, 1.0)
    assert exchange.source == FLOOD and exchange.person == taheri.person
    assert resolver.resolve("اون یکی معاون چی گفت؟", exchange).searched == "حسن کریمی چی گفت؟"
