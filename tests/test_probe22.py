"""Five more reports written by helpers blind to the code (probe22-*: a governor's meeting with
an ambassador, a government spokeswoman's press conference, a scientific conference, a city
council electing a mayor, a health report told quotation first), and what they broke:

- a governor named once, with no role, between statements given to «استاندار»;
- a foreign name with no Persian surname ending («لوان چخائیدزه سفیر گرجستان نیز … گفت»), a
  surname of no usual shape after a title and before a role («دکتر کریم عساکره، رئیس …،»);
- «"…"؛ این جمله دکتر X، پزشک …، است»: a quotation, then whose it is; «"…"، X، دهیار …
  گفت»: a name after a quotation and a comma;
- «سخنران کلیدی نخست همایش، دکتر X، … بود. این استاد دانشگاه … گفت»: who was just
  introduced speaks next;
- «شهردار منتخب اهواز … گفت» then «حیدری‌فرد افزود»: whoever adds was the one speaking;
- «مقرر کردند», «مصوب کرد که», «چهار توصیه زیر»: decisions and recommendations; «مطرح‌شده»
  (an adjective) announces nothing.

and in answering:

- spoken wordings: «X چه حرفی زد», «اسم کوچیک X», «شهردار جدید بعد از انتخابش چی گفت» (the
  text's «شهردار منتخب»), «برای Y چه تصمیمی», «توصیه‌ها»;
- «به گفته وزیر نیرو، …» inside the spokeswoman's words is what the minister said;
- «حیدری‌فرد چند رأی آورد؟»: the sentence that counts votes, not the shorter one about him;
- «درباره Y چه تصمیمی …» when no decision is about Y: declined, saying so;
- a summary leads with the headline when the lead only says a meeting was held.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.answering.intents import detect_intent
from embeddings.structure import analyze
from tests.conftest import services_per_report
from tests.report_structure import read_report, roles_by_label, speaker_of

REPORTS = Path(__file__).resolve().parent / "data/reports"
AMBASSADOR = REPORTS / "probe22-ardabil-ambassador-visit.txt"
SPOKESWOMAN = REPORTS / "probe22-government-spokeswoman-weekly.txt"
CONFERENCE = REPORTS / "probe22-shiraz-water-conference.txt"
COUNCIL = REPORTS / "probe22-ahvaz-council-mayor-vote.txt"
MEASLES = REPORTS / "probe22-zahedan-measles-campaign.txt"


def test_the_ambassador_visit_people_and_who_speaks():
    sentences, structure = read_report(AMBASSADOR)
    people = roles_by_label(structure)
    assert people["بهروز صادقیان‌پور"] == ["استاندار اردبیل"]
    assert people["لوان چخائیدزه"] == ["سفیر گرجستان"]
    assert speaker_of(sentences, structure, "وی با بیان اینکه سال گذشته") == "لوان چخائیدزه"
    assert speaker_of(sentences, structure, "استاندار با تأکید") == "بهروز صادقیان‌پور"
    assert speaker_of(sentences, structure, "چخائیدزه در پاسخ") == "لوان چخائیدزه"


def test_the_one_role_and_the_one_name_left_over_are_onespeaker_of():
    structure = analyze(
        [
            "فرماندار میانه در این جلسه گفت: آب شرب روستاها کم است.",
            "حسن رضایی، مدیرکل آب منطقه‌ای، نیز گفت: سد خالی است.",
            "مهندس کاوه شریفی در ادامه گفت: باید مصرف را کم کرد.",
            "فرماندار با تأکید بر مدیریت مصرف اظهار کرد: پرمصرف‌ها جریمه می‌شوند.",
        ]
    )
    assert roles_by_label(structure)["کاوه شریفی"] == ["فرماندار میانه"]
    # two roles left without a name: nothing says which the name is
    two = analyze(
        [
            "فرماندار میانه در این جلسه گفت: آب شرب روستاها کم است.",
            "بخشدار مرکزی نیز گفت: تانکرها کافی نیستند.",
            "حسن رضایی، مدیرکل آب منطقه‌ای، نیز گفت: سد خالی است.",
            "مهندس کاوه شریفی در ادامه گفت: باید مصرف را کم کرد.",
            "فرماندار با تأکید بر مدیریت مصرف اظهار کرد: پرمصرف‌ها جریمه می‌شوند.",
        ]
    )
    assert roles_by_label(two)["کاوه شریفی"] == []


def test_names_of_any_origin_opening_a_clause_before_a_role():
    structure = analyze(
        [
            "میخائیل اولیانوف سفیر روسیه در این دیدار گفت: همکاری ادامه دارد.",
            "در این جلسه دکتر کریم عساکره، رئیس شورای شهر، غایب بود.",
        ]
    )
    assert roles_by_label(structure) == {
        "میخائیل اولیانوف": ["سفیر روسیه"],
        "کریم عساکره": ["رئیس شورای شهر"],
    }
    # a dateline or a time before a role is no name
    dated = analyze(["تهران - تسنیم - رئیس سازمان هواشناسی گفت: باران می‌بارد."])
    assert roles_by_label(dated) == {"رئیس سازمان هواشناسی": ["رئیس سازمان هواشناسی"]}
    weeks = analyze(["هفته گذشته، معاون وزیر، در سفر به یزد گفت: آب کم است."])
    assert all(p.name == "" for p in weeks.people)


def test_quotation_first_then_whose_words_they_are():
    sentences, structure = read_report(MEASLES)
    people = roles_by_label(structure)
    assert people["فاطمه براهویی"][0].startswith("پزشک مرکز خدمات جامع سلامت")
    assert people["عبدالغفور ریگی"] == ["دهیار روستای کورین", "دهیار کورین"]
    assert speaker_of(sentences, structure, "«مادرها خودشان") == "فاطمه براهویی"
    assert speaker_of(sentences, structure, "این پزشک جوان") == "فاطمه براهویی"
    assert speaker_of(sentences, structure, "«والا اولش") == "عبدالغفور ریگی"
    assert speaker_of(sentences, structure, "دهیار کورین افزود") == "عبدالغفور ریگی"


def test_who_was_just_introduced_speaks_next():
    sentences, structure = read_report(CONFERENCE)
    assert roles_by_label(structure)["فرهاد احمدی"] == ["استاد دانشکده کشاورزی دانشگاه تربیت مدرس"]
    assert speaker_of(sentences, structure, "این استاد دانشگاه") == "فرهاد احمدی"
    (recommended,) = structure.decisions
    assert recommended.kind == "proposal" and len(recommended.items) == 4
    assert recommended.items[0].startswith("بازنگری در الگوی کشت")


def test_the_council_report_reads_the_new_mayor_and_its_decisions():
    sentences, structure = read_report(COUNCIL)
    people = roles_by_label(structure)
    assert people["رضا حیدری‌فرد"] == ["شهردار اهواز", "شهردار منتخب اهواز"]
    assert people["کریم عساکره"] == ["رئیس شورای شهر اهواز"]
    assert speaker_of(sentences, structure, "شهردار منتخب اهواز") == "رضا حیدری‌فرد"
    decided = [d.items[0][:25] for d in structure.decisions]
    assert decided == ["همچنین در این جلسه لایحه ", "شهردار جدید ظرف یک ماه بر"]


def test_decision_and_recommendation_wordings():
    structure = analyze(
        [
            "ستاد بحران مصوب کرد که مدارس دو روز تعطیل شوند.",
            "اعضا همچنین مقرر کردند گزارش هر هفته ارائه شود.",
            "وی گفت: نقدهای مطرح‌شده را می‌پذیرم.",
            "در پایان همایش، سه توصیه زیر ارائه شد:",
            "۱. آموزش کشاورزان؛",
            "۲. نصب کنتور هوشمند.",
        ]
    )
    assert [(d.kind, d.items) for d in structure.decisions] == [
        ("decision", ["مدارس دو روز تعطیل شوند"]),
        ("decision", ["گزارش هر هفته ارائه شود"]),
        ("proposal", ["آموزش کشاورزان", "نصب کنتور هوشمند"]),
    ]


@pytest.mark.parametrize(
    ("question", "kind", "target", "topic"),
    [
        ("استاندار اول دیدار چه حرفی زد؟", "statements", "استاندار", ""),
        ("سفیر درباره گردشگری چه صحبت‌هایی کرد؟", "statements", "سفیر", "گردشگری"),
        ("شهردار جدید بعد از انتخابش چی گفت؟", "statements", "شهردار جدید", ""),
        ("اسم کوچیک خانم شریفی چیه؟", "person", "خانم شریفی", ""),
        ("دولت برای قیمت نان چه تصمیمی گرفت؟", "decisions", "", "قیمت نان"),
        ("توصیه‌های بیانیه پایانی چی بود؟", "decisions", "", ""),
    ],
)
def test_spoken_wordings_of_structured_questions(question, kind, target, topic):
    intent = detect_intent(question)
    assert (intent.kind, intent.target, intent.topic) == (kind, target, topic)


@pytest.fixture(scope="module")
def services(tmp_path_factory):
    """Real-model services, one report each."""
    return services_per_report(tmp_path_factory, (AMBASSADOR, SPOKESWOMAN, COUNCIL))


@pytest.mark.parametrize(
    ("report", "question", "expected"),
    [
        (AMBASSADOR, "استاندار اردبیل کیه؟", "صادقیان‌پور"),
        (AMBASSADOR, "اسم کوچیک سفیر گرجستان چیه؟", "لوان"),
        (AMBASSADOR, "استاندار درباره پرواز مستقیم اردبیل به تفلیس چه گفت؟", "کمتر از دو ساعت"),
        (SPOKESWOMAN, "وزیر نیرو درباره سد امیرکبیر چی گفته؟", "۴۲ میلیون مترمکعب"),
        (COUNCIL, "حیدری‌فرد چند تا رأی آورد؟", "۷ رأی"),
        (COUNCIL, "شهردار جدید بعد از انتخابش چی گفت؟", "لایروبی"),
        (COUNCIL, "قرار شد شهردار جدید چه کاری انجام بده؟", "برنامه ۱۰۰ روزه"),
    ],
)
def test_the_blind_questions_now_answered(services, report, question, expected):
    answer = services[report].ask(question)
    assert not answer.abstained and expected in answer.text, (answer.text, answer.note)


@pytest.mark.parametrize(
    ("report", "question", "note"),
    [
        (COUNCIL, "اسم کوچیک خانم شریفی چیه؟", "نام کوچک"),
        (COUNCIL, "شورا درباره بودجه اصلاحی امسال چه تصمیمی گرفت؟", "تصمیمی درباره"),
        (SPOKESWOMAN, "وزیر نیرو درباره بنزین چه گفت؟", "چیزی نگفته"),
    ],
)
def test_what_the_report_does_not_say_is_declined_with_why(services, report, question, note):
    answer = services[report].ask(question)
    assert answer.abstained and note in (answer.note or ""), (answer.text, answer.note)


def test_a_summary_leads_with_the_headline_when_the_lead_only_says_a_meeting_was_held(services):
    lines = services[SPOKESWOMAN].summary().text.split("\n")
    assert (
        lines[0]
        == "تیتر: شایعه افزایش قیمت بنزین صحت ندارد/ ایمن‌سازی گرمایش ۱۲ هزار کلاس تا پایان آذر"
    )
    assert lines[1].startswith("به گزارش خبرنگار سیاسی ایرنا، نشست خبری هفتگی")
