"""Structure on text its rules were not written for: no endless loops, no empty items.

A fresh report (structure-zanjan-drug-shortage-council, written to try the bot as a new user
would) lost its whole structure: a role that holds a name-shaped pair before a comma
(«رئیس دانشگاه علوم پزشکی، مدیرکل بیمه سلامت») sent the name and role readers into each other
forever, and indexing kept the document with an empty structure. Its «مقرر شد:» before a
numbered list also gave a bare «:» as the first decision.
"""

from __future__ import annotations

import random
import shutil
from pathlib import Path

import pytest

from embeddings.structure import analyze
from embeddings.structure.mentions import names_in, roles_in
from tests.conftest import real_model_service
from tests.report_structure import read_report as read

REPORT = Path(__file__).resolve().parent / "data/reports/structure-zanjan-drug-shortage-council.txt"


def test_a_role_holding_a_name_shaped_pair_before_a_comma_is_read():
    sentence = (
        "نشست با حضور رئیس دانشگاه علوم پزشکی، مدیرکل بیمه سلامت و نمایندگان داروخانه‌ها برگزار شد."
    )
    assert [r.text for r in roles_in(sentence)] == [
        "رئیس دانشگاه علوم پزشکی",
        "مدیرکل بیمه سلامت",
        "نمایندگان داروخانه‌ها",
    ]
    assert names_in(sentence) == []


def test_the_fresh_report_has_its_people_and_decisions():
    _, structure = read(REPORT)
    people = {p.name: p.roles for p in structure.people}
    assert people == {
        "حسین رحیمی": ["معاون سیاسی، امنیتی و اجتماعی استاندار زنجان"],
        "مریم صادقی": ["رئیس دانشگاه علوم پزشکی زنجان"],
        # «مدیرکل بیمه سلامت استان نیز گفت: …» then «کریمی همچنین … خبر داد»
        "کریمی": ["مدیرکل بیمه سلامت استان"],
    }
    assert [d.items for d in structure.decisions] == [
        [
            "کارگروه ویژه پایش توزیع دارو با مسئولیت دانشگاه علوم پزشکی تشکیل شود",
            "گزارش هفتگی موجودی داروهای حیاتی به استانداری ارسال شود",
            "داروخانه‌های متخلف به تعزیرات حکومتی معرفی شوند",
        ]
    ]


def _people(text: str) -> dict[str, list[str]]:
    sentences = [s for s in text.split("\n") if s]
    return {p.name: p.roles for p in analyze(sentences).people}


def test_a_surname_that_goes_on_after_a_role_speaker_is_that_speaker():
    added = _people(
        "نشست شورای ترافیک شهر برگزار شد.\n"
        "مدیرکل راه و شهرسازی استان در این نشست گفت: تعریض جاده تا پایان سال تمام می‌شود.\n"
        "احمدی افزود: اعتبار این طرح از محل منابع ملی تأمین شده است.\n"
    )
    assert added == {"احمدی": ["مدیرکل راه و شهرسازی استان"]}
    # «نیز» is another voice: the surname is not the role speaker before it
    another = _people(
        "نشست شورای ترافیک شهر برگزار شد.\n"
        "رئیس پلیس راه استان در این نشست گفت: تصادفات جاده‌ای ده درصد کم شده است.\n"
        "نوروزی نیز با اشاره به کمبود نیرو گفت: به پنجاه مأمور دیگر نیاز داریم.\n"
    )
    assert another.get("نوروزی") == []


# Pieces of the kinds the name and role readers weigh: titles, given names, surname-shaped
# words, role heads, field words shaped like a name («علوم پزشکی»), glue, commas and quotes.
_PIECES = (
    "دکتر",
    "مهندس",
    "حسین رحیمی",
    "مریم صادقی",
    "کریمی",
    "نوروزی",
    "رئیس",
    "مدیرکل",
    "معاون",
    "استاندار",
    "نماینده",
    "دانشگاه",
    "علوم پزشکی",
    "بیمه سلامت",
    "امور اقتصادی",
    "استان زنجان",
    "و",
    "با حضور",
    "در این نشست",
    "گفت:",
    "افزود:",
    "وی",
    "همچنین",
    "نیز",
    "،",
    "«تأمین دارو در اولویت است»",
    ".",
)


def test_random_sentences_of_those_pieces_always_get_a_structure():
    rng = random.Random(7)
    for _ in range(1000):
        sentences = [
            " ".join(rng.choice(_PIECES) for _ in range(rng.randint(3, 14))).replace(" ،", "،")
            for _ in range(rng.randint(1, 4))
        ]
        analyze(sentences)  # a RecursionError here took a whole report's structure away


@pytest.fixture(scope="module")
def service(tmp_path_factory):
    corpus = tmp_path_factory.mktemp("corpus")
    shutil.copy(REPORT, corpus)
    return real_model_service(corpus, tmp_path_factory.mktemp("data"))


def _lines(service, question: str) -> list[str]:
    answer = service.ask(question)
    assert not answer.abstained and answer.kind == "statements", (question, answer.text)
    return answer.text.splitlines()


def test_x_about_y_lists_only_the_statement_holding_y(service):
    # one of the university head's two statements holds «صف» and «داروخانه»: the other, only
    # nearest the question, is not listed beside it
    assert _lines(service, "رئیس دانشگاه درباره صف داروخانه‌ها چه گفت؟") == [
        "با توزیع الکترونیکی نسخه‌ها، صف‌های طولانی مقابل داروخانه‌ها کوتاه‌تر خواهد شد."
    ]
    assert len(_lines(service, "صادقی چه گفت؟")) == 2


def test_y_said_before_the_quote_shows_the_whole_sentence(service):
    # «انسولین» is in «وی با بیان اینکه …، تصریح کرد: …», not in the quote after the colon
    (line,) = _lines(service, "دکتر صادقی درباره انسولین چه گفت؟")
    assert "سهمیه انسولین استان ۲۰ درصد افزایش یافته است" in line
    assert line.endswith("صف‌های طولانی مقابل داروخانه‌ها کوتاه‌تر خواهد شد.")
