"""Five more reports written by helpers blind to the code (probe25-*: a city council passing a
budget, a medical university's press release, an agriculture director-general interviewed in
prose, a federation electing its president, a lake restoration headquarters), asked after the
probe24 fixes, and what they still broke:

- «در پایان، مصوب شد: A؛ B؛ C» decides A, B and C; «… موظف شد …» decides; a kicker's «در
  جلسه … مطرح شد» proposes nothing; «پیشنهاد کرد A انجام شود و گفت: «…»» proposes A, not the
  quotation;
- «پیش از آغاز رأی‌گیری، حسین طاهرخانی، دبیر سابق فدراسیون و یکی از چهار نامزد …، … انصراف
  داد. او … گفت»: a phrase of time before the name, a role that ends before «و یکی از», and
  who «او» is next; «رئیس جدید فدراسیون … گفت» then the one the headline made president;
- «استاد جراحی دانشگاه», «این استاد جراحی» are a trade, not a name;
- «استاندار آذربایجان شرقی» is not «استاندار آذربایجان غربی»; «the outgoing president» is
  «رئیس قبلی»; «درباره برنامه‌هاش» asks for whatever X said; Y's words may stand one
  statement apart in X's.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.answering.intents import detect_intent
from bot.answering.person_lookup import role_match
from bot.answering.report_setting import names_another_body
from embeddings.structure import analyze
from tests.conftest import services_per_report
from tests.report_structure import read_report, roles_by_label, speaker_of

REPORTS = Path(__file__).resolve().parent / "data/reports"
COUNCIL = REPORTS / "probe25-city-council-budget-debate.txt"
SURGERY = REPORTS / "probe25-medical-university-surgery.txt"
ELECTION = REPORTS / "probe25-federation-president-election.txt"
LAKE = REPORTS / "probe25-lake-restoration-hq.txt"


def test_decided_after_a_colon_in_clauses_and_a_proposal_before_a_quotation():
    _, lake = read_report(LAKE)
    decided = [d for d in lake.decisions if d.kind == "decision"]
    assert len(decided) == 1 and len(decided[0].items) == 5
    assert decided[0].items[0] == "آبگیری آزمایشی تونل انتقال آب زاب تا پایان اسفند امسال آغاز شود"
    (proposed,) = [d for d in lake.decisions if d.kind == "proposal"]
    assert proposed.items == ["پایش ماهانه وضعیت دریاچه با داده‌های ماهواره‌ای انجام شود"]
    _, council = read_report(COUNCIL)
    assert all(d.sentence != 0 for d in council.decisions)  # the kicker's «مطرح شد»
    assert any("موظف شد" in d.items[0] for d in council.decisions)


def test_a_phrase_of_time_before_a_candidate_and_the_new_president():
    sentences, structure = read_report(ELECTION)
    people = roles_by_label(structure)
    assert people["حسین طاهرخانی"] == ["دبیر سابق فدراسیون"]
    assert speaker_of(sentences, structure, "او در توضیح این تصمیم گفت") == "حسین طاهرخانی"
    assert "رئیس جدید فدراسیون" in people["کامران ابوالقاسمی"]
    assert speaker_of(sentences, structure, "رئیس جدید فدراسیون پس از") == "کامران ابوالقاسمی"


def test_a_professor_of_a_field_is_no_name():
    _, structure = read_report(SURGERY)
    assert "جراحی" not in {p.surname for p in structure.people}
    named = analyze(["استاد شهریار نوری در این مراسم گفت: موسیقی زبان مشترک است."])
    assert [p.name for p in named.people] == ["شهریار نوری"]


def test_another_direction_is_another_place():
    assert role_match("استاندار آذربایجان شرقی", "استاندار آذربایجان غربی") == 0.0
    assert role_match("استاندار آذربایجان غربی", "استاندار آذربایجان غربی") > 1.0
    assert names_another_body("استاندار آذربایجان شرقی", ["استاندار آذربایجان غربی"])


@pytest.mark.parametrize(
    ("question", "target", "topic"),
    [
        ("What did the outgoing president say?", "رئیس قبلی", ""),
        ("Who is the new mayor?", "شهردار جدید", ""),
        ("ابوالقاسمی بعد از انتخابش درباره برنامه‌هاش چه گفت؟", "ابوالقاسمی", ""),
        ("وزیر درباره برنامه‌های مسکن چه گفت؟", "وزیر", "برنامه‌های مسکن"),
    ],
)
def test_former_and_new_holders_and_ones_own_plans(question, target, topic):
    intent = detect_intent(question)
    assert (intent.target, intent.topic) == (target, topic)


@pytest.fixture(scope="module")
def services(tmp_path_factory):
    """Real-model services, one report each."""
    return services_per_report(tmp_path_factory, (ELECTION, LAKE))


@pytest.mark.parametrize(
    ("report", "question", "expected"),
    [
        (ELECTION, "رئیس جدید فدراسیون قایقرانی کیه؟", "ابوالقاسمی"),
        (ELECTION, "طاهرخانی موقع انصراف چی گفت؟", "آرا شکسته نشود"),
        (ELECTION, "What did the outgoing president say about the number of athletes?", "۱۱ هزار"),
        (ELECTION, "ابوالقاسمی بعد از انتخابش درباره برنامه‌هاش چه گفت؟", "استعدادیابی"),
        (LAKE, "مصوبات جلسه چی بود؟", "کارگروه پایش ماهانه"),
        (LAKE, "معاون عمرانی استاندار درباره تونل زاب چه توضیحی داد؟", "۹۲ درصد پیشرفت"),
    ],
)
def test_the_blind_questions_now_answered(services, report, question, expected):
    answer = services[report].ask(question)
    assert not answer.abstained and expected in answer.text, (answer.text, answer.note)


def test_a_governor_of_another_province_is_declined(services):
    answer = services[LAKE].ask("نام استاندار آذربایجان شرقی که در جلسه حضور داشت چیست؟")
    assert answer.abstained and "استاندار آذربایجان شرقی" in answer.note
