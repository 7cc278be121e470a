"""Does a Persian sentence name a person? Honorifics and common given names tell.

Persian has no capital letters and hazm 0.9.3 ships no named-entity model, so a sentence that
names someone is recognised by what usually stands before a name: an honorific («دکتر»,
«حجت‌الاسلام») or a common given name («علی», «محمدرضا») followed by another word (the
surname). Given names that are also everyday words («امید», «ولی», «کریم», «ستاره») are left
out: a missed name costs less than a sentence wrongly taken for one.
"""

from __future__ import annotations

import re

_HONORIFICS = (
    "دکتر آقای خانم مهندس حجت‌الاسلام حجت‌الاسلام‌والمسلمین آیت‌الله سردار سرتیپ سرلشکر "
    "سرهنگ سپهبد ارتشبد دریادار حاج حاجی شیخ میرزا"
)
_GIVEN_NAMES = (
    # Men
    "محمد علی حسین حسن رضا مهدی احمد محمود مصطفی مرتضی مجتبی مسعود مجید سعید حمید وحید جواد "
    "عباس اکبر اصغر ابراهیم اسماعیل یوسف یعقوب موسی عیسی داوود داود سلیمان جعفر صادق کاظم "
    "باقر هادی تقی قاسم هاشم ناصر منصور بهمن بهرام بیژن پرویز فریدون کوروش داریوش سیاوش "
    "سهراب اردشیر شاپور خسرو جمشید فرهاد فرشید فرزاد کامران کیوان شهرام شهریار شاهین مهران "
    "مهرداد بابک آرش ابوالفضل ابوالقاسم اسدالله حبیب‌الله روح‌الله نصرالله عبدالله عبدالرضا "
    "غلامرضا غلامحسین علیرضا حمیدرضا محمدرضا محمدعلی محمدحسین محمدمهدی محمدجواد محمدباقر "
    "محمدحسن محمدتقی محمدکاظم محمدصادق امیرحسین امیرعلی ایرج منوچهر هوشنگ جلال رحمان "
    "سلمان میلاد پیمان سینا پوریا نیما رامین حامد محسن نوید یاسر بهزاد بهنام فرامرز سجاد "
    "عبدالکریم عبدالحسین اسحاق ذبیح‌الله فتح‌الله نعمت‌الله عزت‌الله سیف‌الله "
    # Women
    "فاطمه زهرا مریم زینب معصومه سکینه طاهره زهره مهناز شهناز فرزانه لیلا سمیه اعظم اشرف "
    "منیژه پروین سیمین نسرین مهسا سارا نازنین هانیه مژگان مرضیه منصوره مهین شهلا فریبا "
    "فرح پریسا الناز نیلوفر"
)
_WORD = r"[\w\u200c]+"
_NAME_MARKER = re.compile(
    r"(?<![\w\u200c])(?:"
    + "|".join(sorted(set(_HONORIFICS.split() + _GIVEN_NAMES.split()), key=len, reverse=True))
    # «علی رغم» is "despite" and «حسن نیت» "good faith", not people.
    + rf")\s+(?!رغم|نیت){_WORD}"
)
_ARABIC_LETTERS = str.maketrans({"ي": "ی", "ك": "ک", "ى": "ی"})


def names_person(sentence: str) -> bool:
    """True when the sentence holds an honorific or a given name followed by another word."""
    return _NAME_MARKER.search(sentence.translate(_ARABIC_LETTERS)) is not None


_HONORIFIC_SET = frozenset(_HONORIFICS.split())
_GIVEN_NAME_SET = frozenset(_GIVEN_NAMES.split())
_NEXT_WORD = re.compile(rf"[ \t]+({_WORD})")


def person_names(text: str) -> list[str]:
    """The people a text names, as «given-name surname» (honorifics dropped), in order.

    A name is a common given name followed by one more word, or an honorific followed by one
    or two words («دکتر محمدرضا پورمحمدی», «دکتر کریمی»).
    """
    text = text.translate(_ARABIC_LETTERS)
    names: list[str] = []
    for match in _NAME_MARKER.finditer(text):
        words = match.group(0).split()
        while words and words[0] in _HONORIFIC_SET:
            words.pop(0)
        if not words:
            continue
        if words[0] in _GIVEN_NAME_SET:
            # «محمدرضا پورمحمدی»: the word after the matched one is the surname
            following = _NEXT_WORD.match(text, match.end())
            name = words[:2] if len(words) > 1 or following is None else [*words, following[1]]
        else:
            name = words[:1]
        joined = " ".join(name)
        if joined and joined not in names:
            names.append(joined)
    return names
