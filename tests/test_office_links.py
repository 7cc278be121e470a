"""A role-only speaker named the next sentence with a shorter form of the same office («مدیرکل
میراث فرهنگی، گردشگری و صنایع دستی کردستان … گفت» then «به گفته سمیرا رحیمی، مدیرکل میراث
فرهنگی استان، …») is one person; a name inside a place's name («سالن شهید کاوه استانداری»)
is nobody. Found on structure-kurdistan-tourism-council, written to try the bot."""

from __future__ import annotations

from pathlib import Path

from embeddings.structure import analyze
from tests.report_structure import read_report

KURDISTAN = Path(__file__).resolve().parent / "data/reports/structure-kurdistan-tourism-council.txt"


def _people(structure) -> dict[str, list[str]]:
    return {p.label: p.roles for p in structure.people}


def test_the_office_named_again_with_a_name_is_that_person():
    _, structure = read_report(KURDISTAN)
    people = _people(structure)
    assert people["سمیرا رحیمی"] == [
        "مدیرکل میراث فرهنگی، گردشگری و صنایع دستی کردستان",
        "مدیرکل میراث فرهنگی استان",
    ]
    assert len(structure.people) == 3  # امینی، رحیمی، مرادی: no «کاوه استانداری»


def test_only_the_same_office_held_by_nobody_else_links():
    lead = "شورای بهزیستی استان فارس دیروز تشکیل جلسه داد."
    said = "مدیرکل منابع طبیعی و آبخیزداری استان فارس گفت: ۳۰۰ هکتار جنگل‌کاری شد."
    named = "به گفته مریم کاظمی، مدیرکل منابع طبیعی استان، ۲۰ نهالستان تازه افتتاح می‌شود."
    linked = analyze([lead, said, named])
    assert _people(linked)["مریم کاظمی"][0] == "مدیرکل منابع طبیعی و آبخیزداری استان فارس"
    assert len(linked.people) == 1  # the role-only speaker is she
    # another office: «مدیرکل منابع انسانی» is not «مدیرکل منابع طبیعی»
    other = "به گفته مریم کاظمی، مدیرکل منابع انسانی استان، ۲۰ نیروی تازه جذب شد."
    people = _people(analyze([lead, said, other]))
    assert people["مریم کاظمی"] == ["مدیرکل منابع انسانی استان"]


def test_a_name_inside_a_place_is_nobody():
    text = [
        "جلسه شورای ترافیک در سالن شهید کاوه استانداری برگزار شد.",
        "مراسم در خیابان شهید علی بهشتی برگزار شد و رضا کریمی، شهردار، گفت: ترافیک کم شد.",
    ]
    assert list(_people(analyze(text))) == ["رضا کریمی"]
