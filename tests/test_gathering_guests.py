"""«چه کسانی در جلسه حضور داشتند؟»: the guests a report's lead names with «با حضور …».

People ask who attended as often as who chaired; the lead says it in one phrase («… به ریاست
استاندار و با حضور معاونان … به صورت ویدئوکنفرانس برگزار شد»). The phrase runs until the
place, the manner, the topic or the verb of holding; a report whose lead names no guests gets
an honest decline, and «رئیس جلسه چه کسی بود؟» still asks for the chair.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.answering.intents import detect_intent
from bot.answering.service import AnsweringService
from bot.settings import Settings
from embeddings.structure.setting import guests_phrase
from tests.fake_encoder import HashingEncoder

REPO = Path(__file__).resolve().parents[1]
ZANJAN = REPO / "tests/data/reports/structure-zanjan-drug-shortage-council.txt"


@pytest.mark.parametrize(
    "question",
    [
        "کیا تو جلسه بودن؟",
        "چه کسانی در جلسه حضور داشتند؟",
        "چه کسانی حضور داشتند؟",
        "حاضران جلسه چه کسانی بودند؟",
        "در این نشست چه کسانی شرکت کردند؟",
        "شرکت‌کنندگان نشست کیا بودن؟",
        "Who attended the meeting?",
        "Who was at the meeting?",
        "Who was present at the meeting?",
        "Who took part?",
    ],
)
def test_who_attended_is_read_in_its_wordings(normalizer, question):
    intent = detect_intent(normalizer.normalize(question))
    assert (intent.kind, intent.detail) == ("headline", "guests")


@pytest.mark.parametrize(
    ("question", "detail"),
    [("رئیس جلسه چه کسی بود؟", "chair"), ("چه کسی ریاست جلسه را بر عهده داشت؟", "chair")],
)
def test_who_chaired_is_not_who_attended(normalizer, question, detail):
    assert detect_intent(normalizer.normalize(question)).detail == detail


@pytest.mark.parametrize(
    ("lead", "guests"),
    [
        (
            "نشست شورای سلامت استان عصر دیروز به ریاست معاون استاندار و با حضور رئیس دانشگاه "
            "علوم پزشکی، مدیرکل بیمه سلامت و نمایندگان داروخانه‌ها در سالن جلسات استانداری "
            "برگزار شد.",
            "رئیس دانشگاه علوم پزشکی، مدیرکل بیمه سلامت و نمایندگان داروخانه‌ها",
        ),
        (
            "جلسه ستاد ظهر امروز به ریاست استاندار و با حضور معاونان هماهنگی استانداری‌های گیلان "
            "و زنجان به صورت ویدئوکنفرانس برگزار شد.",
            "معاونان هماهنگی استانداری‌های گیلان و زنجان",
        ),
        (
            "مجمع عمومی شرکت روز پنجشنبه با حضور ۷۸ درصد سهامداران تشکیل شد.",
            "۷۸ درصد سهامداران",
        ),
        (
            # a guest's own «در» («… در مجلس») is not the place
            "نشست کارگروه بندر دیروز با حضور مدیرعامل سازمان بنادر، نماینده مردم بوشهر در مجلس و "
            "فعالان حمل و نقل دریایی در ساختمان اداره کل بنادر تشکیل شد.",
            "مدیرعامل سازمان بنادر، نماینده مردم بوشهر در مجلس و فعالان حمل و نقل دریایی",
        ),
        (
            # a «در» inside a quoted title before the guests is no place either
            "همایش «صیادی پایدار در خلیج فارس» صبح دوشنبه با حضور مدیران استانی و استادان "
            "دانشگاه در سالن همایش‌های استانداری هرمزگان برگزار شد.",
            "مدیران استانی و استادان دانشگاه",
        ),
        ("شورای شهر عصر دیروز جلسه‌ای با محوریت بودجه برگزار کرد.", None),
    ],
)
def test_the_guests_phrase_of_a_lead(lead, guests):
    assert guests_phrase(lead) == guests


def _service(root: Path, normalizer, name: str, text: str) -> AnsweringService:
    corpus = root / "corpus"
    corpus.mkdir()
    (corpus / name).write_text(text, encoding="utf-8")
    settings = Settings(corpus_dir=corpus, data_dir=root / "data")
    service = AnsweringService(settings, encoder=HashingEncoder(), normalizer=normalizer)
    service.load()
    return service


def test_who_attended_is_answered_from_the_lead(tmp_path, normalizer):
    service = _service(tmp_path, normalizer, ZANJAN.name, ZANJAN.read_text("utf-8"))
    answer = service.ask("کیا تو جلسه بودن؟")
    assert answer.kind == "headline" and not answer.abstained
    assert answer.text.splitlines()[0] == (
        "رئیس دانشگاه علوم پزشکی، مدیرکل بیمه سلامت و نمایندگان داروخانه‌ها"
    )


def test_a_lead_naming_no_guests_is_an_honest_decline(tmp_path, normalizer):
    accident = (
        "واژگونی اتوبوس در محور شیراز\n\n"
        "شیراز - ایرنا - یک دستگاه اتوبوس بامداد امروز در محور شیراز - اصفهان واژگون شد.\n"
        "به گفته سخنگوی اورژانس، ۱۲ نفر مصدوم شدند.\n"
    )
    answer = _service(tmp_path, normalizer, "accident.txt", accident).ask("چه کسانی حضور داشتند؟")
    assert answer.abstained
    assert answer.note == "متن نگفته است چه کسانی در این جلسه یا رویداد حضور داشتند."


@pytest.mark.parametrize(
    ("question", "detail"),
    [
        ("مجمع کجا برگزار شد؟", "place"),
        ("مجمع عمومی کی برگزار شد؟", "time"),
        ("کنگره در کجا برگزار شد؟", "place"),
        ("چه کسانی در مجمع حضور داشتند؟", "guests"),
    ],
)
def test_an_assembly_or_a_congress_is_a_gathering_too(normalizer, question, detail):
    # «مجمع کجا برگزار شد؟» of a shareholders' assembly got the whole lead, not its place
    intent = detect_intent(normalizer.normalize(question))
    assert (intent.kind, intent.detail) == ("headline", detail)
