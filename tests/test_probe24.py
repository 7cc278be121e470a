"""Five more reports written by helpers blind to the code (probe24-*: an open session of
parliament, a Friday prayer sermon, a company's general assembly, a university president
meeting students, a provincial flood crisis meeting), asked after the probe23 fixes, and what
they still broke:

- a role ends before a compound verb («… به ریاست نایب رئیس مجلس آغاز شد», «… نماینده مردم
  بابل در مجلس ایراد کرد»), but «X شهردار اهواز شد» is the role and «شد», "became";
- «سومین نطق را دکتر فاطمه سلیمانی‌راد … ایراد کرد. وی … گفت»: the doer after the object is
  who «وی» is next;
- «ریاست این مجمع را X، … (a long apposition)، بر عهده داشت» names the chair; «مهدی توکلی به
  عنوان دبیر جلسه» gives a role; «سرهنگ پاسدار» is a rank, not a surname;
- «در ادامه این جلسه رئیس …، NAME، … گفت»: an opening phrase without its comma;
- the answering side of these reports comes with the next change.
"""

from __future__ import annotations

from pathlib import Path

from tests.report_structure import read_report, roles_by_label, speaker_of

REPORTS = Path(__file__).resolve().parent / "data/reports"
MAJLIS = REPORTS / "probe24-majlis-open-session.txt"
SERMON = REPORTS / "probe24-friday-prayer-sermon.txt"
ASSEMBLY = REPORTS / "probe24-company-general-assembly.txt"
STUDENTS = REPORTS / "probe24-university-student-meeting.txt"
FLOOD = REPORTS / "probe24-flood-crisis-hq.txt"
MAYOR = REPORTS / "probe22-ahvaz-council-mayor-vote.txt"


def test_a_role_ends_before_a_compound_verb_and_the_doer_after_the_object_speaks_next():
    sentences, structure = read_report(MAJLIS)
    people = roles_by_label(structure)
    assert people["فاطمه سلیمانی‌راد"] == ["نماینده مردم بابل در مجلس"]
    assert people["حمیدرضا کاظمی‌پور"] == ["نایب رئیس مجلس", "نایب رئیس اول مجلس"]
    assert not any(role.endswith("آغاز") for roles in people.values() for role in roles)
    said = "وی با اشاره به واردات برنج"
    assert speaker_of(sentences, structure, said) == "فاطمه سلیمانی‌راد"
    # «شد» after a role that is no verbal noun is "became": the role stays whole
    _, mayor = read_report(MAYOR)
    assert "شهردار اهواز" in roles_by_label(mayor)["رضا حیدری‌فرد"]


def test_a_long_chair_sentence_a_role_by_as_and_a_rank_of_two_words():
    _, assembly = read_report(ASSEMBLY)
    assert assembly.chair == 3
    assert roles_by_label(assembly)["مهدی توکلی"] == ["دبیر جلسه"]
    _, sermon = read_report(SERMON)
    people = {p.label: p for p in sermon.people}
    assert "پاسدار" not in people
    assert list(people["حمیدرضا کریمی‌پور"].titles) == ["سرهنگ", "پاسدار"]


def test_an_opening_phrase_without_its_comma():
    sentences, structure = read_report(FLOOD)
    assert speaker_of(sentences, structure, "در ادامه این جلسه رئیس جمعیت") == "حسین بیرانوند"
    assert speaker_of(sentences, structure, "وی ادامه داد: ۳۶ نفر") == "حسین بیرانوند"
