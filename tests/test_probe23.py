"""Five more reports written by helpers blind to the code (probe23-*: a provincial
administrative council, a TV interview transcript, the judiciary spokesman's press conference,
an education council, a national team's press conference), asked after the probe22 fixes, and
what they still broke:

- «… بود که زوران ولیکوویچ، سرمربی …، …»: a name after «که» and before a role in apposition;
  «سرمربی», «کاپیتان», «مترجم» are roles; «ساعاتی پس از این شکست، …» is a time, not a name;
- «مدیرکل منابع طبیعی و آبخیزداری، …» spoken after «مهندس جواد نیک‌پور، مدیرکل منابع طبیعی و
  آبخیزداری استان کرمان»: one office, one holder (but «مدیرعامل شرکت آب منطقه‌ای» is not
  «مدیرعامل شرکت آب و فاضلاب روستایی»);
- «ساعاتی پس از این شکست، دکتر …، رئیس …، …»: an opening phrase of up to five words;
- «هیئت رئیسه … تصمیم گرفت …» and «… مکلف شد …» decide; a question («چه تصمیمی گرفته
  شد؟») and a decision named in passing («… مصوبه اخیر دولت …») announce nothing;
- «درباره سرمربی چه تصمیمی …» is about the item that names him.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.answering.intents import detect_intent
from embeddings.structure import analyze
from tests.conftest import services_per_report
from tests.report_structure import read_report, roles_by_label, speaker_of

REPORTS = Path(__file__).resolve().parent / "data/reports"
COUNCIL = REPORTS / "probe23-kerman-admin-council.txt"
INTERVIEW = REPORTS / "probe23-tv-interview-housing-minister.txt"
VOLLEYBALL = REPORTS / "probe23-volleyball-coach-presser.txt"
DROUGHT = REPORTS / "probe20-ilam-drought-council.txt"


def test_the_press_conference_people_and_who_speaks():
    sentences, structure = read_report(VOLLEYBALL)
    people = roles_by_label(structure)
    assert people["زوران ولیکوویچ"][0].startswith("سرمربی صرب تیم ملی والیبال")
    assert people["علیرضا نوروزی‌فر"] == ["کاپیتان تیم ملی"]
    assert people["امیرحسین طاهرخانی"] == ["مترجم تیم"]
    assert "ساعاتی" not in people
    assert speaker_of(sentences, structure, "سرمربی تیم ملی در ادامه") == "زوران ولیکوویچ"
    assert speaker_of(sentences, structure, "ساعاتی پس از این شکست") == "حمیدرضا سلطانی‌مقدم"
    (decided, *_) = structure.decisions
    assert decided.items[0].startswith("هرگونه تصمیم‌گیری درباره ادامه همکاری با ولیکوویچ")


def test_one_office_one_holder():
    sentences, structure = read_report(COUNCIL)
    people = roles_by_label(structure)
    assert len(people) == 5 and all(p.name for p in structure.people)
    assert speaker_of(sentences, structure, "مدیرکل منابع طبیعی و آبخیزداری، مالچ") == "جواد نیک‌پور"
    # two companies whose names open alike keep two heads
    _, drought = read_report(DROUGHT)
    assert "مدیرعامل شرکت آب منطقه‌ای ایلام" in roles_by_label(drought)


def test_what_announces_a_decision_and_what_only_names_one():
    structure = analyze(
        [
            "جلسه هیئت رئیسه فدراسیون دیروز برگزار شد.",
            "هیئت رئیسه فدراسیون تصمیم گرفت تمرینات تیم ملی از شنبه آغاز شود.",
            "مجری پرسید: دقیقاً چه تصمیمی گرفته شد؟",
            "وزیر به پرسش‌هایی درباره مصوبه اخیر دولت پاسخ داد.",
            "مصوبات این جلسه عبارت بودند از: ۱- خرید تانکر؛ ۲- حفر چاه.",
        ]
    )
    assert [(d.sentence, d.items[0]) for d in structure.decisions] == [
        (1, "تمرینات تیم ملی از شنبه آغاز شود"),
        (4, "۱- خرید تانکر"),
    ]
    # a headline's «… تصمیم گرفت» and the lead run into it decide nothing
    headline = analyze(["شورای شهر درباره کم‌آبی تصمیم گرفت جلسه شورا دیروز برگزار شد."])
    assert headline.decisions == []


def test_spoken_what_to_do_asks_for_decisions():
    assert detect_intent("قرار شد بانک ها چکار کنن؟").kind == "decisions"


@pytest.fixture(scope="module")
def services(tmp_path_factory):
    """Real-model services, one report each."""
    return services_per_report(tmp_path_factory, (VOLLEYBALL, INTERVIEW))


@pytest.mark.parametrize(
    ("report", "question", "expected"),
    [
        (VOLLEYBALL, "اسم کوچک سرمربی تیم ملی چیه؟", "زوران"),
        (VOLLEYBALL, "هیئت رئیسه فدراسیون درباره سرمربی چه تصمیمی گرفت؟", "ولیکوویچ"),
        (INTERVIEW, "قرار شد وزارت راه ظرف سه ماه چکار کنه؟", "آیین‌نامه سامانه ملی اجاره"),
    ],
)
def test_the_blind_questions_now_answered(services, report, question, expected):
    answer = services[report].ask(question)
    assert not answer.abstained and expected in answer.text, (answer.text, answer.note)
