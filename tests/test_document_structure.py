"""Structure read from whole reports: headline, people and roles, who said what, decisions.

The reports under tests/data/reports/ were written for these tests, each of another shape: a
chair named only by role and a speaker named only by surname (Ardabil city council), two
people with the same role word and a «وی» that changes speaker (Zanjan health briefing), a
chair named in the lead, a role introduced before its name and a decisions list (Marand water
council), a «به گفته» source, a two-word role and a person as kicker (Tabriz book fair,
written after the rules as a check); plus the meeting report in corpus/.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from embeddings.chunker import ChunkingSettings, sentence_spans
from embeddings.documents import Document, repair_hard_wraps
from embeddings.structure import DocumentStructure, analyze

REPO = Path(__file__).resolve().parents[1]
REPORTS = REPO / "tests" / "data" / "reports"
MEETING = REPO / "corpus" / "east-azerbaijan-karabakh-trade-meeting.txt"
COUNCIL = REPORTS / "structure-ardabil-city-council.txt"
HEALTH = REPORTS / "structure-zanjan-health-briefing.txt"
WATER = REPORTS / "structure-marand-water-council.txt"
FAIR = REPORTS / "structure-tabriz-book-fair.txt"


def read(path: Path) -> tuple[list[str], DocumentStructure]:
    """The report's sentences (as the index cuts them) and its structure."""
    text = repair_hard_wraps(path.read_text("utf-8"))
    spans = sentence_spans(Document(path.name, text, ""), ChunkingSettings())
    sentences = [text[s:e] for s, e in spans]
    return sentences, analyze(sentences)


def speakers(sentences: list[str], structure: DocumentStructure) -> dict[str, str]:
    """{first words of each attributed sentence: its speaker's label}."""
    return {
        " ".join(sentences[a.sentence].split()[:3]): structure.people[a.person].label
        for a in structure.attributions
    }


def person(structure: DocumentStructure, name: str):
    return next(p for p in structure.people if p.name == name)


def test_meeting_report_people_roles_and_chair():
    sentences, structure = read(MEETING)
    governor = person(structure, "محمدرضا پورمحمدی")
    assert governor.titles == ["دکتر"] and governor.given == "محمدرضا"
    # the chair «به ریاست استاندار …» is the first speaker named after the lead; «رئیس ستاد»
    # stands between two of his statements
    assert governor.roles == [
        "استاندار آذربایجان شرقی",
        "رئیس ستاد توسعه تجارت با جمهوری آذربایجان",
    ]
    deputy = person(structure, "علی جهانگیری")
    assert deputy.roles == [
        "معاون هماهنگی امور اقتصادی استاندار آذربایجان شرقی",
        "دبیر ستاد توسعه تجارت با جمهوری آذربایجان",
    ]
    group = [p for p in structure.people if p.group]
    assert len(group) == 1 and group[0].roles[0].startswith("نماینده سازمان توسعه تجارت")
    assert sentences[structure.kicker] == "استاندار آذربایجان شرقی:"
    assert sentences[structure.headline].startswith("بازسازی قرهباغ")
    assert "به ریاست استاندار" in sentences[structure.lead]


def test_meeting_report_attributions_follow_pronouns():
    sentences, structure = read(MEETING)
    said = speakers(sentences, structure)
    assert said["وی خاطرنشان کرد:"] == "محمدرضا پورمحمدی"
    assert said["رئیس ستاد توسعه"] == "محمدرضا پورمحمدی"
    assert said["استاندار آذربایجان شرقی"] == "محمدرضا پورمحمدی"
    assert said["معاون هماهنگی امور"] == "علی جهانگیری"
    assert said["وی همچنین حضور"] == "علی جهانگیری"
    assert len(structure.attributions) == 13
    quoted = structure.attribution_of(next(a.sentence for a in structure.attributions))
    text = sentences[quoted.sentence]
    assert text[quoted.quote[0] :].startswith("حضور قدرتمند در کشور")


def test_meeting_report_points_raised_are_items():
    _, structure = read(MEETING)
    [raised] = structure.decisions
    assert raised.kind == "proposal" and len(raised.items) == 5
    assert raised.items[0] == "برگزاری مستمر جلسات ستاد"
    assert raised.items[-2:] == ["توسعه خطوط ریلی و جاده ای", "افزایش همکاری اتاق های بازرگانی"]


def test_chair_named_only_by_role_stays_unnamed_and_surnames_stay_surnames():
    sentences, structure = read(COUNCIL)
    chair = structure.people[0]
    assert chair.name == "" and chair.roles == ["رئیس شورای اسلامی شهر اردبیل"]
    said = speakers(sentences, structure)
    assert said["رئیس شورای اسلامی"] == said["وی افزود: ساماندهی"] == chair.label
    # a surname alone, with a role in apposition, and a surname with no role at all
    norouzi = person(structure, "نوروزی")
    assert norouzi.given == "" and norouzi.roles == ["عضو کمیسیون عمران شورا"]
    assert person(structure, "کاظمی").roles == []
    # the mayor speaks by role only and is never given the next speaker's name
    mayor = next(p for p in structure.people if p.roles == ["شهردار اردبیل"])
    assert mayor.name == ""
    assert said["وی با اشاره"] == "شهردار اردبیل"


def test_decisions_announced_by_muqarrar_shod_and_tasvib():
    _, structure = read(COUNCIL)
    items = [item for d in structure.decisions for item in d.items]
    assert [d.kind for d in structure.decisions] == ["decision"] * 3
    assert items[0] == "شهرداری طرح ساماندهی دستفروشان را ظرف یک ماه به شورا ارائه کند"
    assert "با ۷ رأی موافق به تصویب رسید" in items[2]


def test_two_people_with_the_same_role_word_and_vey_changing_speaker():
    sentences, structure = read(HEALTH)
    assert structure.kicker is None and sentences[structure.headline].startswith("کاهش ۳۰")
    health = person(structure, "مریم صالحی")
    treatment = person(structure, "حمید کریمی")
    assert health.roles == ["معاون بهداشت دانشگاه علوم پزشکی زنجان"]
    assert treatment.roles == ["معاون درمان دانشگاه علوم پزشکی زنجان"]
    said = speakers(sentences, structure)
    assert said["وی افزود: پوشش"] == "مریم صالحی"
    assert said["وی با بیان"] == "حمید کریمی"  # «وی» now refers to the second speaker
    assert said["معاون بهداشت دانشگاه"] == "مریم صالحی"
    assert said["معاون درمان دانشگاه"] == "حمید کریمی"
    [proposal] = structure.decisions
    assert proposal.kind == "proposal" and "ویزیت سالمندان" in proposal.items[0]


def test_role_introduced_before_its_name_and_a_decisions_list():
    sentences, structure = read(WATER)
    governor = person(structure, "مهدی موسوی")
    assert governor.titles == ["سید"] and "فرماندار شهرستان مرند" in governor.roles
    manager = person(structure, "رضا قاسمی")
    assert manager.roles == ["مدیر امور آب شهرستان مرند"] and manager.titles == ["مهندس"]
    said = speakers(sentences, structure)
    assert said["فرماندار مرند در"] == "مهدی موسوی"  # «در ادامه سخنان خود»
    assert said["او همچنین گفت:"] == "رضا قاسمی"
    listed = structure.decisions[-1].items
    assert len(listed) == 4 and listed[0].startswith("ممنوعیت آبیاری فضای سبز")


def test_said_by_and_a_two_word_role_and_a_person_kicker():
    sentences, structure = read(FAIR)
    cleric = person(structure, "حسن عاملی")
    assert cleric.titles == ["حجت‌الاسلام", "سید"] and cleric.roles == ["امام جمعه اردبیل"]
    said = speakers(sentences, structure)
    assert said["به گفته مدیرکل"] == "مدیرکل فرهنگ و ارشاد اسلامی آذربایجان شرقی"
    assert said["او افزود: کتابخوانی"] == "حسن عاملی"
    assert said["وی در پاسخ"] == said["باقری پیشنهاد کرد"] == "محمد باقری"


@pytest.mark.parametrize("path", [MEETING, COUNCIL, HEALTH, WATER, FAIR], ids=lambda p: p.stem)
def test_every_name_is_written_in_the_text(path: Path):
    sentences, structure = read(path)
    text = " ".join(sentences)
    for someone in structure.people:
        for part in (someone.name, someone.surname, someone.given, *someone.roles):
            assert part in text
    assert structure == DocumentStructure.from_dict(structure.to_dict())


@pytest.mark.parametrize(
    "sentences",
    [
        [],
        ["گزارشی بدون نشانه گذاری که هیچ جمله ای را نمی بندد", "و خط دومی که باز هم بی نقطه است"],
        ["هوای تبریز امروز آفتابی است.", "دمای هوا به ۲۰ درجه می‌رسد."],
        ["...", "؟؟", "«»"],
        ["وی گفت: این جمله گوینده‌ای ندارد که پیش از آن آمده باشد."],
    ],
)
def test_text_without_people_or_punctuation_gets_an_empty_structure(sentences):
    structure = analyze(sentences)
    assert structure.people == [] and structure.attributions == []
    assert structure.decisions == []
