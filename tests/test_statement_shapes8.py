"""Who said what in shapes issue 8's eighth round met on reports written before the rules
(tests/data/reports/statements8-*).

Each case is a short Persian text of its own, not a line of the report sets: an agency lead
opening with its dateline («اهواز - ایسنا - مدیرعامل … گفت») and the name given in the next
paragraph; a sentence opening «پس از سخنان X،» before its speaker; one speaker's quotation
cut into sentences and paragraphs (closed only by its »); an expert called back by trade
(«این استاد دانشگاه», «این کارشناس»), «استاد دانشگاه» not read as a title and a surname;
a complaint («گلایه کرد») as speech; and an English question naming a surname in Latin
letters («What did Najafi say?»). Found on the check report written after those (Friday
sermons): «خطیب» as a role head, «پیش از خطبه‌ها،» opening a sentence, and «وزیر نیرو چه
گفت؟» declined where the report's only minister is another ministry's.
"""

from __future__ import annotations

import pytest

from bot.answering.intents import detect_intent
from bot.answering.latin_names import looks_like_latin_name, spelled_like
from bot.answering.person_lookup import find_people
from bot.answering.report_setting import NO_HOLDER, names_another_body
from bot.answering.service import AnsweringService
from bot.settings import Settings
from embeddings.structure import analyze
from embeddings.structure.mentions import names_in
from tests.fake_encoder import HashingEncoder


def _speakers(sentences: list[str]) -> dict[int, str]:
    structure = analyze(sentences)
    return {a.sentence: structure.people[a.person].label for a in structure.attributions}


@pytest.mark.parametrize("dateline", ["اهواز - ایسنا - ", "اهواز- مهر- ", "اهواز – ایرنا – "])
def test_a_dateline_opens_the_lead_before_its_role_speaker(dateline):
    sentences = [
        "کم‌آبی در خوزستان جدی شد",
        dateline + "مدیرعامل شرکت آب و فاضلاب خوزستان گفت: مصرف آب شرب ۱۵ درصد بالا رفته است.",
        "به گزارش خبرنگار ما، حسین دهقان در نشست خبری افزود: ۴۰ روستا با تانکر آبرسانی می‌شوند.",
    ]
    structure = analyze(sentences)
    said = _speakers(sentences)
    assert said == {1: "حسین دهقان", 2: "حسین دهقان"}
    person = next(p for p in structure.people if p.name == "حسین دهقان")
    assert person.roles[0] == "مدیرعامل شرکت آب و فاضلاب خوزستان"


def test_a_sentence_opening_after_someone_elses_words_names_its_own_speaker():
    sentences = [
        "وزیر نیرو در سفر به یزد گفت: انتقال آب خلیج فارس امسال تمام می‌شود.",
        "پیش از سخنان وزیر، استاندار یزد، مهدی طحانی، گفت: صنایع فولاد باید آب را بازچرخانی کنند.",
    ]
    assert _speakers(sentences)[1] == "مهدی طحانی"


def test_a_quotation_cut_into_sentences_and_paragraphs_is_its_speakers():
    sentences = [
        "رئیس پلیس راه کشور، سردار علی رضایی، گفت: «ترافیک جاده چالوس از ظهر سنگین است.",
        "رانندگان تا عصر از این مسیر استفاده نکنند.",
        "«در آزادراه تهران - شمال هم بارش برف پیش‌بینی شده است.",
        "زنجیر چرخ همراه داشته باشید.»",
        "اداره هواشناسی نیز برای استان مازندران هشدار زرد صادر کرد.",
    ]
    said = _speakers(sentences)
    assert [said.get(n) for n in range(4)] == ["علی رضایی"] * 4
    # the quotation closed: the next sentence is the report's own narration
    assert 4 not in said


def test_an_expert_called_back_by_trade_continues_and_is_no_name():
    sentences = [
        "دکتر زهرا امینی، عضو هیئت علمی دانشگاه شیراز، گفت: فرونشست دشت مرودشت جدی است.",
        "این استاد دانشگاه همچنین پیشنهاد کرد که برداشت از چاه‌های غیرمجاز متوقف شود.",
        "سپس مجید کاظمی، کارشناس آب، گفت: ۳۰۰ چاه غیرمجاز شناسایی شده است.",
        "این کارشناس افزود: پلمب چاه‌ها باید با جبران خسارت کشاورزان همراه باشد.",
    ]
    said = _speakers(sentences)
    assert said == {0: "زهرا امینی", 1: "زهرا امینی", 2: "مجید کاظمی", 3: "مجید کاظمی"}
    assert names_in(sentences[1]) == []


def test_a_complaint_is_speech_and_the_name_after_it_is_that_role():
    sentences = [
        "رئیس اتحادیه نانوایان نیز از تأخیر در پرداخت یارانه آرد گلایه کرد.",
        "رضا مرادی گفت: سه ماه است یارانه نانوایی‌ها پرداخت نشده است.",
    ]
    structure = analyze(sentences)
    said = _speakers(sentences)
    assert said == {0: "رضا مرادی", 1: "رضا مرادی"}
    assert structure.people[0].roles == ["رئیس اتحادیه نانوایان"]


@pytest.mark.parametrize(
    ("latin", "persian", "same"),
    [
        ("Najafi", "نجفی", True),
        ("Gholipour", "قلی‌پور", True),
        ("Karimi-Nejad", "کریمی‌نژاد", True),
        ("Taherkhani", "طاهرخانی", True),
        ("Abedi", "عابدی", True),
        ("Mohammadi", "محمدی", True),
        ("Yousefi", "صفایی", False),  # a vowel at the start tells them apart
        ("Karimi", "کرمانی", False),
    ],
)
def test_a_surname_in_latin_letters_is_compared_by_its_consonants(latin, persian, same):
    assert spelled_like(latin, persian) is same


def test_an_english_question_may_name_a_speaker_by_surname(normalizer):
    intent = detect_intent(normalizer.normalize("What did Najafi say about the loans?"))
    assert (intent.kind, intent.target) == ("statements", "najafi")
    assert not looks_like_latin_name("the mayor")
    structure = analyze(
        [
            "کامران نجفی، استاد دانشگاه تبریز، گفت: وام مسکن کافی نیست.",
            "سعید باقری، معاون شهردار، گفت: پروانه ساخت یک‌ماهه صادر می‌شود.",
        ]
    )
    found = find_people(structure, "najafi")
    assert [structure.people[n].name for n in found] == ["کامران نجفی"]
    assert find_people(structure, "smith") == []


def test_a_preacher_and_the_speaker_before_the_sermons():
    sentences = [
        "به گزارش ایسنا، حجت‌الاسلام علی حسینی، امام جمعه موقت شیراز، گفت: مصرف آب باید کم شود.",
        "خطیب نماز جمعه شیراز در خطبه دوم اظهار داشت: ۲۰ هزار زائر به مشهد اعزام شدند.",
        "پیش از خطبه‌ها، وزیر ورزش درباره المپیک سخن گفت.",
        "احمد دنیامالی، وزیر ورزش و جوانان، افزود: ۴۰ ورزشکار به المپیک می‌روند.",
    ]
    said = _speakers(sentences)
    # «خطیب» heads a role: the preacher speaks (his name is linked by the kicker or by the
    # statements around, not by the words «امام جمعه» and «خطیب» alone)
    assert said[0] == "علی حسینی" and said[1] == "خطیب نماز جمعه شیراز"
    assert said[2] == said[3] == "احمد دنیامالی"


@pytest.mark.parametrize(
    ("asked", "holders", "another"),
    [
        ("وزیر نیرو", ["وزیر راه و شهرسازی"], True),
        ("رئیس هلال‌احمر", ["رئیس سازمان هواشناسی کشور", "رئیس اداره بهزیستی"], True),
        ("وزیر کشاورزی", ["وزیر جهاد کشاورزی"], False),
        ("شهردار تبریز", ["شهردار"], False),  # a bare holder may be the one asked for
        ("رئیس سازمان", ["رئیس سازمان هواشناسی کشور"], False),  # names no body
        ("امام جمعه تهران", ["امام جمعه موقت تهران"], False),
    ],
)
def test_a_role_naming_another_body_than_every_holders(asked, holders, another):
    assert names_another_body(asked, holders) is another


def test_what_another_ministrys_minister_said_is_declined(tmp_path, normalizer):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "sermon.txt").write_text(
        "پیش از خطبه‌ها، احمد دنیامالی، وزیر ورزش و جوانان، گفت: ۴۰ ورزشکار به المپیک "
        "می‌روند.\n\nوی افزود: ورزشگاه آزادی تا پایان سال بازسازی می‌شود.\n",
        "utf-8",
    )
    settings = Settings(corpus_dir=corpus, data_dir=tmp_path / "data")
    service = AnsweringService(settings, encoder=HashingEncoder(), normalizer=normalizer)
    service.load()
    other = service.ask("وزیر نیرو چه گفت؟")
    assert other.abstained and other.note == NO_HOLDER.format(role="وزیر نیرو")
    same = service.ask("وزیر ورزش چه گفت؟")
    assert not same.abstained and "۴۰ ورزشکار" in same.text
