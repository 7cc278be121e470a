"""«X درباره Y چه گفت؟» where Y asks for an attribute («قیمت خرما»، «حقوق معلمان») that the
report never gives: the statement about Y's other words («خرما») is not the answer, so pasokh
declines and shows it as the nearest thing X said. Found on a report written to try the bot
(heads-bushehr-date-exports) and on two earlier ones; the paraphrases the topics reports hold
(«برف‌روبی» for «پاکسازی برف») and money worded otherwise («اعتبار» for «هزینه») still answer.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.answering.statement_topics import head_unheld, report_presence
from embeddings.text_normalizer import PersianTextNormalizer
from tests.conftest import services_per_report

REPORTS = Path(__file__).resolve().parent / "data/reports"
BUSHEHR = REPORTS / "heads-bushehr-date-exports.txt"
GILAN = REPORTS / "structure-gilan-rice-council.txt"
LORESTAN = REPORTS / "probe11-lorestan-education-council.txt"


@pytest.fixture(scope="module")
def services(tmp_path_factory):
    """One real-model service per report, each over a corpus of that report alone."""
    return services_per_report(tmp_path_factory, (BUSHEHR, GILAN, LORESTAN))


def _words(text: str):
    normalizer = PersianTextNormalizer()
    return normalizer.question_words(normalizer.normalize(text))


def _head_unheld(topic: str, report: list[set[str]], spoken: set[str]) -> bool:
    words = _words(topic)
    return head_unheld(words, report_presence(words, report), spoken)


def test_the_head_of_y_decides_only_when_it_asks_for_an_attribute():
    report = [{"قیمت", "برنج", "کشت"}, {"آب", "سد"}]
    assert not _head_unheld("کشت برنج", report, {"برنج"})
    # a price the report never gives
    assert _head_unheld("ظرفیت سد", report, {"سد"})
    # «پاکسازی» is no attribute: a statement may word it otherwise («برف‌روبی»)
    assert not _head_unheld("پاکسازی برف", [{"برف‌روبی"}], {"برف‌روبی"})
    # money: held by any word of money in what X said, not by another speaker's price
    assert _head_unheld("قیمت برنج", report, {"برنج"})
    assert not _head_unheld("هزینه مرمت", [{"اعتبار", "مرمت"}], {"اعتبار", "مرمت"})
    assert not _head_unheld("نرخ کرایه", [{"کرایه", "گران"}], {"کرایه", "گران"})
    # one word alone is Y itself, not a head and what it is said of
    assert not _head_unheld("قیمت", report, set())


@pytest.mark.parametrize(
    ("report", "question", "head", "nearest"),
    [
        (BUSHEHR, "دشتی درباره قیمت خرما چه گفت؟", "قیمت", "۱۱۰ هزار تن خرما"),
        (BUSHEHR, "دشتی درباره هزینه سم‌پاشی چه گفت؟", "هزینه", "سم‌پاشی هوایی"),
        (BUSHEHR, "رئیس اتاق بازرگانی درباره تعرفه صادرات چه گفت؟", "تعرفه", None),
        (GILAN, "طاهرخانی درباره قیمت برنج چه گفت؟", "قیمت", "یک نوبت کشت برنج"),
        (LORESTAN, "استاندار درباره حقوق معلمان چه گفت؟", "حقوق", None),
    ],
)
def test_an_attribute_the_report_never_gives_is_declined_with_what_x_said(
    services, report, question, head, nearest
):
    answer = services[report].ask(question)
    assert answer.abstained and answer.kind == "statements", answer.text
    assert f"از «{head}» سخنی نیامده است؛ نزدیک‌ترین سخن او:" in answer.note
    if nearest:
        assert nearest in answer.note


@pytest.mark.parametrize(
    ("report", "question", "expected"),
    [
        (BUSHEHR, "دشتی درباره میزان برداشت خرما چه گفت؟", "۱۱۰ هزار تن"),
        (BUSHEHR, "رئیس اتاق بازرگانی درباره شرایط وام چه گفت؟", "وام کم‌بهره"),
        (BUSHEHR, "دشتی درباره آفت نخلستان‌ها چه گفت؟", "کرم گلوگاه"),
        (GILAN, "رستگار درباره هزینه جنگل‌ها چه گفت؟", "بودجه حفاظت از جنگل‌ها"),
    ],
)
def test_a_framing_word_or_money_worded_otherwise_still_answers(
    services, report, question, expected
):
    answer = services[report].ask(question)
    assert not answer.abstained and expected in answer.text
