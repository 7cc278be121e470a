"""Who said what in shapes issue 8's sixth round met on reports written before the rules.

Each case is a short Persian text of its own, not a line of the report sets: a quotation in a
paragraph of its own with its speaker named in the next sentence («"…". X در این باره گفت.»,
«"…". این‌ها را X می‌گوید»), a quotation then «؛ این خبر را X اعلام کرد», «از نظر X، …», an
answer at a press conference («X پاسخ داد: …»), a «وی» after a new person is introduced doing
something else («X گزارشی ارائه کرد. وی گفت»), and one person given two roles joined by «و».
Answering: a surname typed with a space («نوری زاده»), a role word the normalizer writes as
one («محیط‌زیست»), «چه توصیه‌ای کرد», an answer about the journalist's question before it,
a word most statements hold, and a compound word of Y counted once. Found on two check
reports written after the first fixes: «در واکنش به سخنان X، Y گفت», a chair named without a
role, «X این را گفت و افزود».
"""

from __future__ import annotations

import numpy as np
import pytest

from bot.answering.intents import detect_intent
from bot.answering.person_lookup import people_named, people_with_role, role_match
from bot.answering.statement_topics import statements_about, with_question_terms
from embeddings.structure import analyze
from embeddings.structure.lexicon import head_of
from embeddings.structure.model import Attribution, DocumentStructure


def _speakers(sentences: list[str]) -> tuple[dict[int, str], DocumentStructure]:
    """{sentence number: its speaker's label} and the structure."""
    structure = analyze(sentences)
    return {a.sentence: structure.people[a.person].label for a in structure.attributions}, (
        structure
    )


def test_a_quotation_alone_is_the_speaker_named_in_the_next_sentence():
    said, _ = _speakers(
        [
            "نمایشگاه کتاب قم دیروز گشایش یافت.",
            "«امسال ۴۰۰ ناشر در نمایشگاه حضور دارند و تخفیف کتاب‌ها ۲۰ درصد است.»",
            "حمید نادری، دبیر نمایشگاه کتاب قم، در این باره گفت.",
            "«کتاب‌های کودک بیشتر از همه فروش رفته است.",  # one quotation, two sentences
            "صف غرفه‌های کودک تا ظهر ادامه داشت.»",
            "این‌ها را زهرا فتحی می‌گوید که دوازده سال است در نمایشگاه غرفه دارد.",
        ]
    )
    # the sentences naming the speakers say nothing of their own
    assert said == {1: "حمید نادری", 3: "زهرا فتحی", 4: "زهرا فتحی"}


def test_a_quotation_then_this_news_was_announced_by():
    said, _ = _speakers(
        [
            "«واکسن آنفلوانزا از شنبه در داروخانه‌ها توزیع می‌شود»؛ این خبر را مسعود "
            "کریمی‌نژاد، سخنگوی سازمان غذا و دارو، اعلام کرد.",
            "کریمی‌نژاد افزود: سهمیه هر استان به اندازه جمعیت آن است.",
        ]
    )
    assert said == {0: "مسعود کریمی‌نژاد", 1: "مسعود کریمی‌نژاد"}


def test_in_the_view_of_someone_and_an_answer_at_a_press_conference():
    said, _ = _speakers(
        [
            "از نظر لیلا صادقی، رئیس انجمن صنفی هتلداران، اشغال هتل‌ها امسال بیشتر شده است.",
            "از نظر اقتصادی، این طرح سودی ندارد.",
            "خبرنگاری پرسید که آیا قیمت بلیت گران می‌شود؟",
            "صادقی پاسخ داد: نرخ‌ها تا پایان تابستان ثابت می‌ماند.",
        ]
    )
    assert said == {0: "لیلا صادقی", 3: "لیلا صادقی"}


def test_vey_after_someone_new_is_introduced_is_that_person():
    said, _ = _speakers(
        [
            "علی مرادی، فرماندار بم، گفت: ساخت ۲۰۰ واحد مسکونی آغاز شده است.",
            "سپس ناصر توانا، مدیرکل بنیاد مسکن استان، گزارشی از پیشرفت کار ارائه کرد.",
            "وی گفت: ۶۰ درصد واحدها تا پایان سال تحویل می‌شود.",
            "محمد سلیمی را هم به عنوان ناظر طرح معرفی کردند.",
            "وی افزود: اعتبار طرح از محل صندوق توسعه ملی است.",
        ]
    )
    assert said[0] == "علی مرادی"
    assert said[2] == "ناصر توانا"
    # «محمد سلیمی را …»: the name is the object, so «وی» is still the last speaker
    assert said[4] == "ناصر توانا"


def test_one_person_with_two_roles_joined_by_and():
    _, structure = _speakers(
        [
            "نشست با حضور کاوه امینی، معاون وزیر و رئیس سازمان شیلات ایران، و مدیران کل "
            "شیلات استان‌های ساحلی برگزار شد.",
            "امینی گفت: صید میگو از اول مرداد آزاد است.",
        ]
    )
    person = next(p for p in structure.people if p.name == "کاوه امینی")
    assert set(person.roles) == {"معاون وزیر", "رئیس سازمان شیلات ایران"}
    assert not any(p.name == "" and not p.group and p.roles for p in structure.people)


def test_a_surname_typed_with_a_space_and_a_role_word_the_normalizer_joins():
    structure = analyze(
        [
            "به گفته فرهاد نوری‌زاده، مدیرکل حفاظت محیط زیست استان، هوای شهر پاک است.",
            "مریم کیانی، مدیرکل منابع طبیعی استان، گفت: جنگل‌ها آسیب دیده‌اند.",
        ]
    )
    noori = next(n for n, p in enumerate(structure.people) if p.surname == "نوری‌زاده")
    assert people_named(structure, "نوری زاده") == [noori]
    # the normalizer writes «محیط‌زیست» and «پلیس‌راه» as one word
    assert people_with_role(structure, "مدیرکل محیط\u200cزیست") == [noori]
    assert role_match("رئیس پلیس\u200cراه", "رئیس پلیس راه استان") >= 1.0
    assert role_match("مدیرکل محیط زیست", "مدیرکل منابع طبیعی استان") < 0.6


@pytest.mark.parametrize(
    ("question", "target", "topic"),
    [
        ("فرماندار چه توصیه‌ای کرد؟", "فرماندار", ""),
        ("رئیس پلیس درباره سفر چه هشداری داد؟", "رئیس پلیس", "سفر"),
        ("شهردار چه وعده‌ای داد؟", "شهردار", ""),
        ("استاندار در مورد آب چه درخواستی داشت؟", "استاندار", "آب"),
    ],
)
def test_advice_warnings_and_promises_ask_for_statements(question, target, topic):
    intent = detect_intent(question)
    assert intent is not None and intent.kind == "statements"
    assert (intent.target, intent.topic) == (target, topic)


_WATER = [
    "خبرنگاری از گران شدن قبض‌ها پرسید.",  # 0: a journalist's question, nobody's statement
    "مدیرعامل گفت: تعرفه مشترکان کم‌مصرف تغییر نکرده است.",  # 1
    "وی افزود: آب سدها کم است.",  # 2
    "وی گفت: آب در شبکه فرسوده هدر می‌رود.",  # 3
    "وی گفت: مردم آب را کمتر مصرف کنند.",  # 4
    "معاون گفت: تصفیه‌خانه آب روزانه کار می‌کند.",  # 5: someone else's
]


def _words(text: str) -> list[str]:
    return [w.strip(".،:") for w in text.split()]


def _about(topic: str) -> list[int]:
    said = [Attribution(n, 0, "name", None) for n in (1, 2, 3, 4)]
    terms = with_question_terms(
        lambda n: set(_words(_WATER[n])), _WATER.__getitem__, {1, 2, 3, 4, 5}
    )
    chosen = statements_about(
        said,
        [Attribution(5, 1, "name", None)],
        topic,
        terms,
        np.array([[1.0, 0.0]] + [[0.0, 1.0]] * 3),
        np.array([0.0, 1.0]),
        _words,
    )
    return [a.sentence for a in chosen]


def test_an_answer_is_about_the_question_asked_before_it():
    assert 1 in _about("قبض‌ها")  # the statement never says «قبض»; the question did


def test_a_word_most_statements_hold_does_not_choose_them_all():
    # «آب» is in four statements of five: «هدر» picks the one about losses
    # and as it holds all of Y, the vector-nearest (2) is not added beside it
    assert _about("هدر آب") == [3]


def test_a_reply_opening_with_in_reaction_to_someone_else():
    said, structure = _speakers(
        [
            "شهردار قزوین گفت: نرخ بلیت اتوبوس ۲۰ درصد گران می‌شود.",
            "در واکنش به سخنان شهردار، نرگس سلیمانی عضو شورای شهر گفت: این افزایش زیاد است.",
            "وی افزود: کیفیت اتوبوس‌ها پایین است.",
            "در ادامه جلسه، رئیس کمیسیون عمران شورا از تأخیر در پروژه‌ها انتقاد کرد.",
        ]
    )
    assert said[1] == said[2] == "نرگس سلیمانی"
    assert said[3] == "رئیس کمیسیون عمران شورا"
    soleimani = next(p for p in structure.people if p.name == "نرگس سلیمانی")
    assert soleimani.roles == ["عضو شورای شهر"]  # «شهردار» in the opening phrase is not hers


def test_a_chair_named_without_a_role_is_the_head_of_the_body_meeting():
    _, structure = _speakers(
        [
            "جلسه شورای شهر اراک دیروز به ریاست مهدی توکلی برگزار شد.",
            "رئیس کمیسیون فرهنگی شورا گفت: کتابخانه محله‌ای تا مهر افتتاح می‌شود.",
            "رئیس شورای شهر اراک در پایان گفت: بودجه سال آینده هفته بعد بررسی می‌شود.",
        ]
    )
    chair = next(p for p in structure.people if p.name == "مهدی توکلی")
    assert chair.roles == ["رئیس شورای شهر اراک"]
    assert any(not p.name and p.roles == ["رئیس کمیسیون فرهنگی شورا"] for p in structure.people)


def test_a_quotation_then_x_said_this_and_added():
    said, _ = _speakers(
        [
            "«سهم ما از بودجه کافی نیست.»",
            "رضا اکبری این را گفت و افزود که طرح‌های نیمه‌تمام اولویت دارند.",
        ]
    )
    assert said == {0: "رضا اکبری", 1: "رضا اکبری"}  # the naming sentence says more


def test_a_two_word_head_written_as_one_or_two_words_is_one_head():
    assert head_of("نایب\u200cرئیس شورا") == head_of("نایب رئیس شورای شهر") == "نایبرئیس"


def test_a_compound_word_of_y_counts_once():
    sentences = [
        "حقوق نیروهای قراردادی کمتر از حداقل دستمزد است.",  # 0: X's
        "نیروهای حق‌التدریس دوره آموزشی می‌گذرانند.",  # 1: someone else's
    ]

    def terms(text: str) -> list[str]:  # a ZWNJ compound also gives its parts and both joined
        out = []
        for word in (w.strip(".") for w in text.split()):
            out += [word.removesuffix("\u200cها").removesuffix("ها")]
            if "\u200c" in word:
                out += [*word.split("\u200c"), word.replace("\u200c", "")]
        return out

    chosen = statements_about(
        [Attribution(0, 0, "name", None)],
        [Attribution(1, 1, "name", None)],
        "حقوق نیروهای حق‌التدریس",
        lambda n: set(terms(sentences[n])),
        np.array([[1.0]]),
        np.array([1.0]),
        terms,
    )
    # X holds two of Y's three words, as the other speaker does: X did speak about it
    assert [a.sentence for a in chosen] == [0]


def test_a_short_phrase_of_time_before_the_speaker_and_a_shortened_role():
    said, structure = _speakers(
        [
            "فرماندار خاش گفت: جاده روستایی تا مهر آسفالت می‌شود.",
            "عصر همان روز، معاون عمرانی استاندار سیستان و بلوچستان که به خاش آمده بود، اعلام "
            "کرد که اعتبار طرح تأمین شده است.",
            "به گفته این مقام، کار از هفته آینده آغاز می‌شود.",
            "معاون استاندار افزود: پیمانکار بومی انتخاب می‌شود.",
            "نرگس باقری، معاون فرماندار، گفت: مدارس روستا هم تعمیر می‌شوند.",
        ]
    )
    deputy = "معاون عمرانی استاندار سیستان و بلوچستان"
    assert said[1] == said[2] == said[3] == deputy  # «معاون استاندار» leaves words out
    assert said[4] == "نرگس باقری"  # a name before the comma, not a phrase of time
    assert structure.people[[p.label for p in structure.people].index(deputy)].roles == [
        deputy,
        "معاون استاندار",
    ]


def test_a_shortened_role_two_people_could_hold_is_left_alone():
    said, _ = _speakers(
        [
            "معاون عمرانی استاندار گفت: سد تا پایان سال آبگیری می‌شود.",
            "معاون اقتصادی استاندار گفت: صادرات ۱۰ درصد رشد کرد.",
            "معاون استاندار افزود: بودجه استان کافی نیست.",
        ]
    )
    assert said[2] == "معاون استاندار"


def test_answering_the_press_says_nothing_until_it_says_something():
    said, _ = _speakers(
        [
            "پس از جلسه، استاندار به پرسش‌های خبرنگاران پاسخ داد.",
            "استاندار در پاسخ به پرسشی درباره آب پاسخ داد که سد پر است.",
        ]
    )
    assert said == {1: "استاندار"}


def test_an_unlisted_given_name_before_the_verb_and_a_holder_named_in_the_next_clause():
    said, structure = _speakers(
        [
            "مدیرعامل شرکت گاز استان گفت: لوله‌کشی روستاها تا خرداد تمام می‌شود.",
            "کامبیز ملکی‌نژاد افزود: ۴۰ روستا در نوبت گازرسانی هستند.",
            "نائب رئیس اتاق اصناف هم معتقد است تعطیلی کارگاه‌ها ادامه دارد؛ به گفته بهمن "
            "رنجبر، ۳۰۰ کارگاه تعطیل شده است.",
            "فرماندار هم معتقد است مصرف بالاست؛ به گفته علی ناصری، کارشناس انرژی، مصرف گاز "
            "۲۰ درصد بیشتر شده است.",
        ]
    )
    assert said[1] == "کامبیز ملکی‌نژاد"
    assert structure.people[[p.name for p in structure.people].index("کامبیز ملکی‌نژاد")].roles == [
        "مدیرعامل شرکت گاز استان"
    ]
    assert said[2] == "بهمن رنجبر"
    ranjbar = next(p for p in structure.people if p.name == "بهمن رنجبر")
    assert ranjbar.roles == ["نائب رئیس اتاق اصناف"]
    assert head_of("نائب رئیس اتاق") == head_of("نایب‌رئیس اتاق")
    # a name with a role of its own beside it is someone else
    assert "فرماندار" not in next(p for p in structure.people if p.name == "علی ناصری").roles


def test_a_role_head_joined_to_the_next_word():
    # the normalizer (or the writer) joins «رئیس‌کل»; «معاون‌ها» stays a plural
    assert head_of("رئیس\u200cکل دادگستری") == head_of("رئیس کل دادگستری استان") == "رئیس"
    said, _ = _speakers(["رئیس\u200cکل دادگستری استان گفت: پرونده به دادگاه رفت."])
    assert said == {0: "رئیس\u200cکل دادگستری استان"}
    assert role_match("رئیس\u200cکل دادگستری مازندران", "رئیس کل دادگستری مازندران") >= 1.0
    intent = detect_intent("دادستان چه توصیه‌ای به مردم کرد؟")
    assert intent is not None and (intent.kind, intent.target) == ("statements", "دادستان")
