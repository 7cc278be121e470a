"""What a handful of reports lacks that settles that a question is not answered there.

A question may word its subject otherwise than the report, so a word the documents lack is only
weak evidence, and the learned verifier weighs it so. Two kinds of words are not reworded that
way: a place («ناترازی گاز در تهران» of a report that never names Tehran asks about somewhere
else; «سد سیمره», a name after a kind of place, of a report naming another dam) and the
attribute a question asks for («ظرفیت سد …», «حقوق معلمان …»: the sentence about the dam or
the teachers does not give it). Asked of the 49 answerable fact questions of our own reports,
none holds such a word its report lacks; of 57 unanswerable ones written to try the bot, 13
were answered and 9 of those hold one. On ParsiNLU train (each question asked of its own
passage alone, the harshest case) 5 of 600 answerable questions do.

Nor is a time: «… کی برگزار می‌شود؟» answered by sentences that give no date (`untimed`).
"""

from __future__ import annotations

import re

from bot.answering.time_expressions import asks_when, holds_time
from embeddings.structure import lexicon as lx

# Nouns that ask for an attribute of what follows them: «قیمت خرما» asks for a price, and a
# sentence about dates without one does not answer it. Not «سن» («چه سنی» is answered by
# «۴۵ سالگی»).
_ATTRIBUTES = (
    "قیمت نرخ بها هزینه اعتبار بودجه مبلغ حقوق دستمزد درآمد سود زیان مالیات تعرفه یارانه "
    "ظرفیت جمعیت مساحت طول عرض ارتفاع عمق وزن سرعت مدت"
)
ATTRIBUTE_HEADS = frozenset(_ATTRIBUTES.split())
# Money is worded many ways («هزینه مرمت» asked, «اعتبار … برای مرمت» said): a money
# attribute is held by any of these, or a price going up or down («۳۵ درصد گران‌تر»).
_MONEY = (
    "قیمت نرخ بها هزینه اعتبار بودجه مبلغ دستمزد درآمد پول سرمایه تومان ریال دلار یورو گران ارزان"
)
MONEY_WORDS = frozenset(_MONEY.split())
CURRENCIES = frozenset(("تومان", "ریال", "دلار", "یورو"))
# Provinces, cities and countries a report may be asked about; not those that are also common
# words or names («قطر» diameter, «کره» sphere, «میانه» middle, «دبی» flow, «شهریار», «گلستان»),
# nor «ایران», which a provincial report leaves unsaid.
_PLACES = (
    "تهران تبریز مشهد اصفهان شیراز کرج اهواز قم کرمانشاه ارومیه رشت زاهدان کرمان همدان "
    "یزد اردبیل بندرعباس اراک زنجان سنندج قزوین خرم‌آباد گرگان ساری بجنورد بیرجند بوشهر سمنان "
    "ایلام یاسوج شهرکرد بابل آمل کاشان دزفول نیشابور سبزوار مراغه مرند بروجرد "
    "آبادان خرمشهر ماهشهر چابهار قشم سیرجان رفسنجان بم جیرفت ساوه ورامین اسلامشهر "
    "آذربایجان خراسان خوزستان فارس گیلان مازندران لرستان کردستان کهگیلویه بویراحمد "
    "چهارمحال بختیاری سیستان بلوچستان هرمزگان عراق ترکیه افغانستان پاکستان ارمنستان ترکمنستان "
    "روسیه چین هند ژاپن آمریکا امریکا انگلیس بریتانیا فرانسه آلمان ایتالیا اسپانیا سوریه "
    "لبنان عربستان امارات کویت عمان بحرین مصر اردن یمن تاجیکستان ازبکستان قزاقستان گرجستان "
    "اوکراین کانادا برزیل استرالیا اروپا آسیا آفریقا باکو مسکو پکن استانبول آنکارا بغداد "
    "کابل دوحه"
)
PLACE_NAMES = frozenset(_PLACES.split())


# Nouns a place's name follows («سد سیمره», «روستای گلان», «شهرستان مهران»), singular: a
# plural is followed by what kind («روستاهای مرزی»). Not «شهر» or «استان»: as often followed
# by a common noun («شهر هوشمند», «استان مرزی»), and their names are those listed below; with
# them, one answerable question of the held-out set was declined.
_KINDS_OF_PLACE = "سد شهرستان روستا روستای رودخانه دریاچه جزیره بندر دهستان شهرک تالاب"
_PLACE_KINDS = frozenset(_KINDS_OF_PLACE.split())
# Words after a kind of place that name none: «روستای بزرگ», «شهرستان واقع در …».
_NOT_NAME_WORDS = "واقع قرار بزرگ کوچک جدید قدیم مهم زیبا محروم پرجمعیت کم‌جمعیت آینده کنونی"
_NOT_NAMES = frozenset(_NOT_NAME_WORDS.split())


def _keys(word) -> set[str]:
    return {lx.fold(word.text), *word.terms}


def _names_a_place(question: str, words: list, index: int) -> bool:
    """Whether question word `index` is the name right after a kind of place («سد سیمره»); not
    an adjective in «ی» or a comparison («شهرستان مرزی», «سد بزرگ‌تر»), a verb or a number."""
    word = lx.fold(words[index].text)
    kind = lx.fold(words[index - 1].text) if index > 0 else ""
    return (
        kind in _PLACE_KINDS
        and re.search(
            rf"(?<![\w\u200c]){re.escape(kind)}\s+{re.escape(word)}(?![\w\u200c])", question
        )
        is not None
        and not word.endswith(("ی", "تر", "ترین"))
        and word not in _NOT_NAMES
        and not word.isdigit()
        and not words[index].verb
    )


def decisive_missing(
    question: str, words: list, missing: list[int], span_terms: set[str]
) -> list[str]:
    """The words among `missing` (indices of `words`, the `QuestionWord`s of the normalized
    `question`, that no document holds) that settle a decline: a place (listed, or named
    after a kind of place), or an attribute; a money attribute only when the answer's
    sentences (`span_terms`) name no currency, as a report may word a cost otherwise."""
    found = []
    for index in missing:
        keys = _keys(words[index])
        worded_otherwise = bool(keys & MONEY_WORDS and CURRENCIES & span_terms)
        place = keys & PLACE_NAMES or _names_a_place(lx.fold(question), words, index)
        if place or (keys & ATTRIBUTE_HEADS and not worded_otherwise):
            found.append(words[index].text)
    return found


def untimed(question: str, texts: list[str]) -> list[str]:
    """["زمان"] when the question asks when and the answer's sentences (`texts`) give no date
    or time (`time_expressions.py`), else []: a report that says a test will be held and not
    when does not answer «آزمون کی برگزار می‌شود؟»."""
    if asks_when(question) and not any(holds_time(text) for text in texts):
        return ["زمان"]
    return []
