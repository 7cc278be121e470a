"""Who is who and who said what in shapes issue 8's seventh round met on reports written
before the rules (tests/data/reports/statements7-*).

Each case is a short Persian text of its own, not a line of the report sets: one person's
role worded once with the province or county («… آذربایجان غربی», «فرماندار شهرستان
میاندوآب») and once with the report's «استان» / «این استان» / a bare county name; two named
places keep two people apart. A colon then a quotation after a verb that is not one of
saying («بحث دیگری را پیش کشید: «…»»), «حجت‌الاسلام والمسلمین» in two words, a given name
joined of two («علی‌اصغر»), two openers before the speaker («به گزارش …، در آغاز این نشست X
گفت»), a role opening a sentence after a short phrase («در پایان نشست، معاون … پاسخ داد.
به گفته او …»), a role ending before «گزارش», and «ریاست مجمع را X بر عهده داشت».
Answering: who spoke first, last, or about Y (a council session of its own, through the
service with the hashing encoder), «X چه پیشنهادی داد؟», an English «auditor», and the chair
of an assembly («رئیس مجمع»). Found on the check report written after those: a role doing
something then a full name speaking («… گزارشی ارائه کرد. به گفته حمید اکبری …»), and a role
asked for matched on its head and place alone («رئیس هلال‌احمر خوی» is not «رئیس شبکه
بهداشت و درمان خوی»).
"""

from __future__ import annotations

import pytest

from bot.answering.intents import detect_intent
from bot.answering.person_lookup import role_match
from bot.answering.service import AnsweringService
from bot.settings import Settings
from embeddings.structure import analyze
from embeddings.structure.places import document_places, with_place_token
from tests.fake_encoder import HashingEncoder


def _people(sentences: list[str]) -> dict[str, list[str]]:
    """{person label: roles} of the sentences' structure."""
    structure = analyze(sentences)
    return {p.label: p.roles for p in structure.people}


def _speakers(sentences: list[str]) -> dict[int, str]:
    structure = analyze(sentences)
    return {a.sentence: structure.people[a.person].label for a in structure.attributions}


def test_a_role_with_the_province_and_with_the_province_word_is_one_person():
    sentences = [
        "نشست شورای آموزش و پرورش استان آذربایجان غربی در ارومیه برگزار شد.",
        "مدیرکل آموزش و پرورش آذربایجان غربی گفت: ۱۲۰ مدرسه تازه امسال افتتاح می‌شود.",
        "سپس مدیرکل نوسازی مدارس این استان گفت: ۴۰ مدرسه خشتی تخریب شده است.",
        "حمید عباسی، مدیرکل آموزش و پرورش استان، افزود: کمبود معلم ریاضی جدی است.",
    ]
    people = _people(sentences)
    assert people["حمید عباسی"][0] == "مدیرکل آموزش و پرورش آذربایجان غربی"
    said = _speakers(sentences)
    assert said[1] == said[3] == "حمید عباسی"
    # another head («مدیرکل نوسازی مدارس») stays another person
    assert said[2] != "حمید عباسی"


def test_a_county_governor_worded_with_and_without_the_county_word():
    sentences = [
        "فرماندار شهرستان میاندوآب از آغاز برداشت چغندرقند خبر داد.",
        "وی گفت: ۳۰۰ هزار تن چغندر تحویل کارخانه می‌شود.",
        "مهندس علی نیکزاد، فرماندار میاندوآب، تأکید کرد: پول کشاورزان تا یک ماه پرداخت شود.",
    ]
    said = _speakers(sentences)
    assert said == {0: "علی نیکزاد", 1: "علی نیکزاد", 2: "علی نیکزاد"}


def test_two_named_counties_keep_two_governors():
    sentences = [
        "فرماندار شهرستان بناب گفت: آب سد لیلان‌چای کم شده است.",
        "فرماندار شهرستان ملکان نیز گفت: ۲۰ روستا با تانکر آبرسانی می‌شوند.",
        "رضا کاظمی، فرماندار بناب، افزود: کشت دوم ممنوع است.",
    ]
    said = _speakers(sentences)
    assert said[0] == said[2] == "رضا کاظمی"
    assert said[1] != "رضا کاظمی"


def test_the_place_token_of_a_role_wording():
    places = document_places(["شهرستان مرند در شمال استان است."])
    assert with_place_token(["فرماندار", "شهرستان", "مرند"], places) == [
        "فرماندار",
        "@place:مرند",
    ]
    assert with_place_token(["فرماندار", "مرند"], places) == ["فرماندار", "@place:مرند"]
    assert with_place_token(["مدیرکل", "ورزش", "این", "استان"], places)[-1] == "@place"
    # a bare place word is no role wording to shorten
    assert with_place_token(["استان"], places) == ["استان"]


def test_a_colon_and_a_quotation_after_any_verb_quote_the_subject():
    sentences = [
        "حجت‌الاسلام والمسلمین مهدی سلطانی، نماینده ورامین، بحث دیگری را پیش کشید: «سهمیه "
        "آب کشاورزان ورامین نصف شده است.»",
        "رئیس هیئت‌مدیره، علی‌اصغر مرادی، سخنران بعدی بود: «بدهی ما به بانک‌ها ۳۰۰ میلیارد ریال است.»",
    ]
    structure = analyze(sentences)
    said = {a.sentence: structure.people[a.person] for a in structure.attributions}
    assert said[0].name == "مهدی سلطانی"
    assert said[0].titles == ["حجت‌الاسلام", "والمسلمین"]
    assert said[1].name == "علی‌اصغر مرادی" and said[1].roles == ["رئیس هیئت‌مدیره"]
    start, end = structure.attributions[1].quote
    assert sentences[1][start:end].startswith("«بدهی ما")


def test_two_openers_before_the_speaker_and_a_role_after_a_short_phrase():
    said = _speakers(
        [
            "به گزارش خبرنگار ما، در آغاز این نشست مریم حسینی، رئیس کمیسیون بهداشت، گفت: "
            "کمبود دارو در بیمارستان‌ها جدی است.",
            "در پایان نشست، معاون وزیر بهداشت به پرسش‌های نمایندگان پاسخ داد.",
            "به گفته او واردات انسولین از ماه آینده دو برابر می‌شود.",
        ]
    )
    assert said[0] == "مریم حسینی"
    assert said[2] == "معاون وزیر بهداشت"


def test_a_role_ends_before_report_and_a_chair_named_after_ra():
    sentences = [
        "مجمع عمومی شرکت فولاد کویر روز شنبه برگزار شد. ",
        "ریاست مجمع را دکتر ناصر امینی، نماینده سهامدار عمده، بر عهده داشت.",
        "سپس بازرس قانونی شرکت گزارش خود را خواند.",
        "لیلا شریفی، بازرس قانونی شرکت، گفت: صورت‌های مالی مقبول است.",
    ]
    structure = analyze(sentences)
    assert structure.chair == 1
    people = {p.label: p.roles for p in structure.people}
    assert people["لیلا شریفی"] == ["بازرس قانونی شرکت"]


@pytest.mark.parametrize(
    ("question", "detail", "topic"),
    [
        ("اولین سخنران که بود؟", "first", ""),
        ("نخستین سخنران نشست کیست؟", "first", ""),
        ("چه کسی اول صحبت کرد؟", "first", ""),
        ("سخنران آخر جلسه کی بود؟", "last", ""),
        ("آخرین سخنران چه کسی بود؟", "last", ""),
        ("چه کسی درباره گاز همراه صحبت کرد؟", "about", "گاز همراه"),
        ("کی در مورد بودجه حرف زد؟", "about", "بودجه"),
        ("چه کسی به قاچاق سوخت اشاره کرد؟", "about", "قاچاق سوخت"),
    ],
)
def test_who_spoke_first_last_or_about_something(normalizer, question, detail, topic):
    intent = detect_intent(normalizer.normalize(question))
    assert (intent.kind, intent.detail, intent.topic) == ("person", detail, topic)


@pytest.mark.parametrize(
    ("question", "kind", "target"),
    [
        ("فتحی چه پیشنهادی داد؟", "statements", "فتحی"),
        ("What did the auditor say about taxes?", "statements", "حسابرس"),
        ("رئیس مجمع که بود؟", "person", ""),
        ("حرفای نوروزی چی بود؟", "statements", "نوروزی"),
        ("صحبتای فرماندار چی بود؟", "statements", "فرماندار"),
    ],
)
def test_a_proposal_an_auditor_and_the_chair_of_an_assembly(normalizer, question, kind, target):
    intent = detect_intent(normalizer.normalize(question))
    assert (intent.kind, intent.target) == (kind, target)


# A council session of its own (not one of the report sets): three speakers, one of them
# named only by surname later, and the order of speaking not said in words.
SESSION = """شورای شهر اهر درباره آسفالت معابر و پسماند تصمیم گرفت

جلسه علنی شورای اسلامی شهر اهر عصر یکشنبه برگزار شد.

در آغاز جلسه، شهردار اهر گفت: ۴۰ کیلومتر از معابر شهر امسال آسفالت می‌شود.

وی افزود: قرارداد خرید قیر با پالایشگاه تبریز بسته شده است.

سپس لیلا محمدی، عضو شورا، گفت: پسماند شهر هنوز در دره‌ای کنار رودخانه دفن می‌شود.

رحیم‌زاده، رئیس کمیسیون عمران شورا، در پایان گفت: بودجه آسفالت باید از محل فروش اموال تأمین شود.
"""


@pytest.fixture()
def session(tmp_path, normalizer) -> AnsweringService:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "ahar-council.txt").write_text(SESSION, "utf-8")
    settings = Settings(corpus_dir=corpus, data_dir=tmp_path / "data")
    service = AnsweringService(settings, encoder=HashingEncoder(), normalizer=normalizer)
    service.load()
    return service


def test_the_first_and_last_speakers_and_who_spoke_about_something(session):
    first = session.ask("اولین سخنران که بود؟")
    assert first.kind == "person" and first.text.startswith("شهردار اهر: ")
    last = session.ask("آخرین سخنران چه کسی بود؟")
    assert last.kind == "person" and last.text.startswith("رحیم‌زاده، رئیس کمیسیون عمران شورا")
    about = session.ask("چه کسی درباره پسماند صحبت کرد؟")
    # the speaker once, then the words quoted (the sentence would name her again)
    assert about.kind == "person"
    assert about.text == "لیلا محمدی، عضو شورا: پسماند شهر هنوز در دره‌ای کنار رودخانه دفن می‌شود."
    assert about.speaker is not None and about.speaker.name == "لیلا محمدی"
    # words the report never uses: nobody spoke about it, and the answer says so (the hashing
    # encoder's "meaning" is shared words, «و» too: test_statement_topics10 asks with «و»)
    nobody = session.ask("چه کسی درباره واکسن آنفلوانزا صحبت کرد؟")
    assert nobody.abstained and "کسی درباره" in nobody.note


def test_a_role_done_something_then_a_full_name_speaking_is_that_name():
    said = _speakers(
        [
            "سپس مدیرکل راه و شهرسازی این استان گزارشی از پروژه‌ها ارائه کرد.",
            "به گفته کاوه شریفی، کمربندی جنوبی تا پایان سال به بهره‌برداری می‌رسد.",
        ]
    )
    assert said == {1: "کاوه شریفی"}
    people = _people(
        [
            "سپس مدیرکل راه و شهرسازی این استان گزارشی از پروژه‌ها ارائه کرد.",
            "به گفته کاوه شریفی، کمربندی جنوبی تا پایان سال به بهره‌برداری می‌رسد.",
        ]
    )
    assert people["کاوه شریفی"] == ["مدیرکل راه و شهرسازی این استان"]


def test_a_role_asked_for_needs_what_its_head_heads_not_only_the_place():
    # the head and the county alone are another official's role
    assert role_match("رئیس هلال‌احمر خوی", "رئیس شبکه بهداشت و درمان خوی") == 0.0
    assert role_match("رئیس هلال‌احمر خوی", "رئیس جمعیت هلال‌احمر این شهرستان") > 0.6
    # a word naming the kind of body may be left out
    assert role_match("رئیس سازمان جهاد کشاورزی", "رئیس جهاد کشاورزی استان") > 0.6


def test_a_role_ends_before_last_speaker_and_is_the_name_that_speaks_next():
    people = _people(
        [
            "رئیس اتاق بازرگانی اردبیل آخرین سخنران جلسه بود.",
            "کامران نوری در سخنان خود گفت: صادرات به روسیه کم شده است.",
        ]
    )
    assert people == {"کامران نوری": ["رئیس اتاق بازرگانی اردبیل"]}
