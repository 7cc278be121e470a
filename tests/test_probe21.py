"""Two more reports written by helpers blind to the code (probe21-*: a Majlis committee's
session told by its spokesman, a provincial football board's assembly), and what the first
broke in reading who is who:

- «سیدمرتضی خاتمی‌نیا»: a given name written joined to «سید» was no name, so the spokesman
  the lead introduces by role was never named;
- «به گفته سخنگوی کمیسیون، بهروز تقوی‌نژاد، معاون … در این جلسه گفت که …»: the spokesman
  relays what the deputy minister said; the two were read as one person;
- «اردلان قاسمی‌فر، نماینده مردم گنبدکاووس و عضو کمیسیون کشاورزی، نیز …»: two roles in
  apposition vouch for an unlisted given name as one does.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.answering.intents import detect_intent
from embeddings.structure import analyze
from tests.conftest import services_per_report
from tests.report_structure import read_report

REPORTS = Path(__file__).resolve().parent / "data/reports"
COMMITTEE = REPORTS / "probe21-wheat-price-committee.txt"


def _people(structure) -> dict[str, list[str]]:
    return {p.name: p.roles for p in structure.people}


def test_the_committee_report_people_and_their_roles():
    sentences, structure = read_report(COMMITTEE)
    assert _people(structure) == {
        "سیدمرتضی خاتمی‌نیا": ["سخنگوی کمیسیون کشاورزی"],
        "بهروز تقوی‌نژاد": ["معاون امور زراعت وزیر جهاد کشاورزی"],
        "کیانوش رحمت‌پور": ["نماینده مردم بروجرد در مجلس"],
        "اردلان قاسمی‌فر": ["نماینده مردم گنبدکاووس", "عضو کمیسیون کشاورزی"],
    }

    def speaker(opening: str) -> str:
        (said,) = [a for a in structure.attributions if sentences[a.sentence].startswith(opening)]
        return structure.people[said.person].name

    assert speaker("به گفته سخنگوی کمیسیون") == "بهروز تقوی‌نژاد"
    assert speaker("او خواستار آن شد") == "اردلان قاسمی‌فر"
    assert speaker("سخنگوی کمیسیون کشاورزی درباره") == "سیدمرتضی خاتمی‌نیا"


def test_a_role_that_relays_is_not_the_name_after_it():
    relayed = analyze(
        ["به گفته سخنگوی کمیسیون، علی رضایی، معاون وزیر، در این جلسه گفت که بودجه کافی است."]
    )
    assert _people(relayed) == {"علی رضایی": ["معاون وزیر"]}
    # without a verb of saying after the name, the role is the name's («به گفته استاندار،
    # محمد رضایی، …» tells who the governor is)
    apposed = analyze(["به گفته مدیرکل میراث فرهنگی، سمیرا احمدی، گردشگران افزایش یافتند."])
    assert _people(apposed) == {"سمیرا احمدی": ["مدیرکل میراث فرهنگی"]}


def test_sayyid_joined_to_a_given_name_and_two_roles_in_apposition():
    structure = analyze(
        [
            "سیدمحمد موسوی در این نشست گفت: آب کافی است.",
            "فرزین کرمانی‌پور، نماینده مردم بم و عضو کمیسیون عمران، نیز گفت: جاده ناامن است.",
        ]
    )
    assert _people(structure) == {
        "سیدمحمد موسوی": [],
        "فرزین کرمانی‌پور": ["نماینده مردم بم", "عضو کمیسیون عمران"],
    }
    assert [a.person for a in structure.attributions] == [0, 1]


@pytest.fixture(scope="module")
def services(tmp_path_factory):
    """A real-model service over the committee report alone."""
    return services_per_report(tmp_path_factory, (COMMITTEE,))


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("سخنگوی کمیسیون کشاورزی مجلس کیست؟", "خاتمی‌نیا"),
        ("اسم سخنگوی کمیسیون چیه؟", "خاتمی‌نیا"),
        ("قاسمی‌فر چه گفت؟", "هزینه تولید"),
    ],
)
def test_the_committee_questions(services, question, expected):
    answer = services[COMMITTEE].ask(question)
    assert not answer.abstained and expected in answer.text, answer.note


def test_qarar_shod_announces_a_decision_as_moqarrar_shod_does():
    _, structure = read_report(COMMITTEE)
    assert [d.items[0][:30] for d in structure.decisions] == [
        "مطالبات گندمکاران تا پایان مرد",
        "وزارت جهاد کشاورزی گزارش هفتگی",
        "کمیسیون در جلسه‌ای با حضور رئی",
    ]
    # a plan («قرار است») is not a decision, nor what was to happen («قرار شده بود»)
    plans = analyze(["قرار است پل تا پایان سال افتتاح شود.", "قرار شده بود پل پارسال تمام شود."])
    assert plans.decisions == []
    assert detect_intent("قرار شد چه کاری انجام بشه؟").kind == "decisions"
    assert detect_intent("قرار است چه کاری انجام شود؟") is None
