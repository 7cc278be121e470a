"""Word lists of Persian news style: honorifics, given names, roles, speech verbs, cues.

hazm 0.9.3 ships no named-entity or POS model offline (its tagger needs a separately
downloaded file), so people and roles are recognised by the words that stand around them in
news prose. Lists, not patterns, so that a missing word is a one-line fix.
"""

from __future__ import annotations

import re


def _set(words: str) -> frozenset[str]:
    """A word list written as one space-separated string."""
    return frozenset(words.split())


HONORIFICS = _set(
    "دکتر آقای خانم مهندس حجت‌الاسلام حجت‌الاسلام‌والمسلمین آیت‌الله سردار سرتیپ سرلشکر "
    "سرهنگ سپهبد ارتشبد دریادار حاج حاجی شیخ میرزا استاد سید سیده "
    # «سرهنگ پاسدار حمیدرضا کریمی‌پور»: the Guards' rank is written as two words
    "پاسدار "
    # «حجت‌الاسلام والمسلمین» is as often written as two words
    "والمسلمین "
    # «سرکار خانم مریم احمدی»: the formal courtesy before «خانم» / «آقای»
    "سرکار"
)
GIVEN_NAMES = _set(
    # Men
    "محمد علی حسین حسن رضا مهدی احمد محمود مصطفی مرتضی مجتبی مسعود مجید سعید حمید وحید "
    "جواد عباس اکبر اصغر ابراهیم اسماعیل یوسف یعقوب موسی عیسی داوود داود سلیمان جعفر "
    "صادق کاظم باقر هادی تقی قاسم هاشم ناصر منصور بهمن بهرام بیژن پرویز فریدون کوروش "
    "داریوش سیاوش سهراب اردشیر شاپور خسرو جمشید فرهاد فرشید فرزاد کامران کیوان شهرام "
    "شهریار شاهین مهران مهرداد بابک آرش ابوالفضل ابوالقاسم اسدالله حبیب‌الله روح‌الله "
    "نصرالله عبدالله عبدالرضا غلامرضا غلامحسین علیرضا حمیدرضا محمدرضا محمدعلی محمدحسین "
    "محمدمهدی محمدجواد محمدباقر محمدحسن محمدتقی محمدکاظم محمدصادق امیرحسین امیرعلی ایرج "
    "منوچهر هوشنگ جلال رحمان سلمان میلاد پیمان سینا پوریا نیما رامین حامد محسن نوید یاسر "
    "بهزاد بهنام فرامرز سجاد عبدالکریم عبدالحسین اسحاق ذبیح‌الله فتح‌الله نعمت‌الله "
    "عزت‌الله سیف‌الله یدالله رسول حمزه بهروز فرشاد کیانوش سامان آرمان امید "
    "یونس ایوب یحیی زکریا ادریس الیاس هومن کاوه بردیا پژمان پدرام شهاب مازیار مهیار احسان "
    "عرفان عماد یزدان خلیل رستم کامبیز علی‌اصغر علی‌اکبر علی‌محمد علی‌رضا امیرمحمد محمدامین "
    "کیومرث غلامعلی جهانگیر کامیار اسفندیار قربانعلی عزیزالله نبی‌الله ولی‌الله رحمت‌الله "
    "هدایت‌الله ابوالحسن میثم صمد عباسعلی حسینعلی رمضانعلی غلامعباس محمدابراهیم "
    "محمداسماعیل محمدرحیم یاشار آیدین تورج کورش کیارش پرهام سهیل افشین خدابخش اله‌وردی "
    # Women
    "فاطمه زهرا مریم زینب معصومه سکینه طاهره زهره مهناز شهناز فرزانه لیلا سمیه اعظم "
    "اشرف منیژه پروین سیمین نسرین مهسا سارا نازنین هانیه مژگان مرضیه منصوره مهین شهلا "
    "فریبا فرح پریسا الناز نیلوفر الهام نرگس مینا سمانه سمیرا راضیه رقیه ملیحه محبوبه "
    "اکرم عاطفه صدیقه طیبه رویا ژاله شیوا شیما نگار نگین آزاده بهاره بهناز پریناز حمیده "
    "خدیجه رباب سپیده سوسن شبنم فروغ مهشید ناهید نفیسه هدی یاسمن افسانه آمنه ثریا "
    "شهرزاد ایلناز سهیلا ژیلا ساناز فرناز گلاره گلناز لادن مهرناز منیره ربابه سودابه فهیمه "
    "نازیلا آناهیتا"
)
# Heads of role phrases («معاون هماهنگی امور اقتصادی استاندار …»), singular.
ROLE_HEADS = _set(
    "استاندار فرماندار بخشدار شهردار دهیار معاون مدیرکل مدیرعامل مدیر رئیس رییس دبیر "
    "دبیرکل نماینده سخنگو وزیر دادستان فرمانده سرپرست قائم‌مقام مشاور کارشناس مسئول "
    "نایب‌رئیس نائب‌رئیس امام‌جمعه عضو سفیر کنسول رایزن بازرس حسابرس خزانه‌دار منشی "
    "هماهنگ‌کننده کارگردان تهیه‌کننده خطیب پزشک سرمربی مربی کاپیتان مترجم داور "
    # a head ending in a vowel takes «ی» before what it heads («سخنگوی وزارت»)
    "سخنگوی"
)
# Role heads written as two words («امام جمعه», «مدیر کل»): the first word alone is not one.
TWO_WORD_HEADS = frozenset(
    [
        ("امام", "جمعه"),
        ("نایب", "رئیس"),
        ("نایب", "رییس"),
        ("نائب", "رئیس"),  # «نائب» is written with hamza too
        ("نائب", "رییس"),
        ("قائم", "مقام"),
        ("مدیر", "کل"),
        # «استاد» alone is a title («استاد شجریان»); of a faculty, a post. Not «استاد
        # دانشگاه», which users call a «عضو هیئت علمی» too: asked, it must not name a role
        # nobody holds in those words
        ("استاد", "دانشکده"),
    ]
)
# Plural heads name a group, not one person («معاونان …», «نمایندگان …»).
GROUP_HEADS = _set(
    "معاونان معاونین مدیران مدیرکلان روسای رؤسای نمایندگان مسئولان مسئولین اعضای اعضا "
    "فرمانداران شهرداران استانداران وزرای کارشناسان فعالان دبیران"
)
# Words naming a body of its own: a role that leaves one out is another body's («رئیس شورا»
# is not «رئیس کمیسیون عمران شورا»).
BODY_WORDS = _set(
    "کمیسیون کمیته اداره دفتر ستاد شورا شورای مرکز واحد بخش گروه دانشکده انجمن اتحادیه "
    "بنیاد صندوق فراکسیون معاونت حوزه دانشگاه پژوهشگاه"
)
PRONOUNS = _set("وی او ایشان")
# News agencies: as a line's label («مهر: …») or a source («به گزارش ایرنا») they are the
# press asking or reporting, never a person (a person may still bear one as a surname).
AGENCY_NAMES = _set("ایسنا ایرنا ایلنا ایکنا تسنیم فارس مهر خبرگزاری")
# Words before an agency's name that make it the source («به گزارش مهر», «به نقل از ایرنا»).
AGENCY_SOURCE = re.compile(r"(?:گزارش|خبرگزاری|نقل[\s\u200c]+از|خبرنگار)[\s\u200c]+$")
# Labels of an interviewer's lines in a question-and-answer interview («خبرنگار: …»).
INTERVIEWER_LABELS = _set("خبرنگار مجری پرسش سوال سؤال س") | AGENCY_NAMES
# Labels of the answers in a «س: … ج: …» interview: the interviewee's words.
ANSWER_LABELS = _set("ج جواب پاسخ")
# «گفت‌وگو با X», «X در گفت‌وگو با …»: who an interview is with.
INTERVIEW_WORD = re.compile(
    r"(?:گفت[\s\u200c]*و?[\s\u200c]*گو|مصاحبه)ی?(?:[\s\u200c]+(?:اختصاصی|رادیویی|تلویزیونی|ما))?"
    r"[\s\u200c]+با[\s\u200c]+"
)
# «با X (درباره …) گفت‌وگو کرده‌ایم / کردیم»: the «با» that opens the sentence's interviewee.
TALKED_WITH = re.compile(
    r"(?<![\w\u200c])با[\s\u200c]+(?=[^.؟!]*(?:گفت[\s\u200c]*و?[\s\u200c]*گو|مصاحبه)"
    r"[\s\u200c]+(?:کرد|کرده|داشت|انجام))"
)
# A label at the start of a line, then a colon and what that speaker says («امیری: …»).
SPEAKER_LABEL = re.compile(
    r"^\s*(?P<label>[^\s:،,.؟?!«»]+(?:[ \u200c][^\s:،,.؟?!«»]+){0,3})\s*:\s*(?=\S)"
)
# «این» before an official's noun points back to the last speaker, like «وی».
DEMONSTRATIVES = _set("این همین")
# Nouns after «این» that name the person already speaking: an official («این مقام مسئول»)
# or, in seminars and round tables, an expert by trade («این استاد دانشگاه», «این کارشناس»).
OFFICIAL_NOUNS = _set("مقام مقامات استاد کارشناس پژوهشگر")
# How Persian surnames commonly end («کریمی», «پورمحمدی», «نوری‌زاده» …).
SURNAME_ENDINGS = ("ی", "یان", "پور", "زاده", "نیا", "فر", "نژاد", "راد", "وند", "لو", "زاد")
# Words of time and of gatherings that can open a clause before a role («هفته گذشته، معاون
# وزیر، …», «نشست امروز استاندار …»): never a given name or surname of an unlisted pair.
NOT_GIVEN_WORDS = _set(
    "هفته گذشته آینده اخیر جاری امسال پارسال دیشب امشب فردا پریروز نشست جلسه همایش دیدار "
    "مراسم آیین اجلاس کنفرانس گردهمایی خبرنگار خبرگزاری گزارش ایرنا ایسنا ایلنا تسنیم مهر "
    "فارس برنا شبستان"
)
# «به گفته X»، «به نقل از X»: what follows is X's, told by whoever speaks.
RELAYED_BY = r"(?:به[\s\u200c]*گفته|به[\s\u200c]*نقل[\s\u200c]*از)"
# Words that end a name: function words, pronouns, common verbs.
NAME_STOPS = _set(
    "و در با به از که را نیز هم این آن با بر برای تا یا اما ولی همچنین گفت افزود اظهار "
    "داشت کرد شد است بود ضمن امروز روز دیروز صبح ظهر عصر شب طی پس پیش درباره رغم "
    "نیت ماه سال کیست کی چیست چه چی بود ساعاتی دقایقی لحظاتی"
)
# What may follow a speaker at the start of a sentence, before the verb.
SUBJECT_FOLLOWERS = re.compile(
    r"^\s*(?:،|,|نیز|هم\s|همچنین|در\s|با\s|ضمن|امروز|روز|صبح|عصر|شب|دیروز|طی|پس\s|"
    r"به\s|گفت|افزود|اظهار|خاطرنشان|تصریح|تاکید|تأکید|بیان|اعلام|یادآور|ادامه|معتقد|"
    r"درباره|دربارهٔ|با\s)"
)
_SP = r"[\s\u200c]*"
SP = _SP  # a space, a ZWNJ or nothing: how Persian writes the parts of one word or verb
SPEECH_VERB = re.compile(
    r"(?<![\w\u200c])(?:"
    r"(?:می" + _SP + r")?(?:گفت|گوید)(?:ند)?|افزود(?:ند)?|اضافه" + _SP + r"کرد(?:ند)?|"
    r"اظهار" + _SP + r"(?:داشت|کرد)(?:ند)?|خاطر" + _SP + r"نشان" + _SP + r"(?:کرد|ساخت|شد)(?:ند)?|"
    r"تصریح" + _SP + r"(?:کرد|نمود)(?:ند)?|ت[اأ]کید" + _SP + r"(?:کرد|نمود|داشت)(?:ند)?|"
    r"بیان" + _SP + r"(?:کرد|داشت|نمود)(?:ند)?|عنوان" + _SP + r"(?:کرد|داشت|نمود)(?:ند)?|"
    r"یادآور" + _SP + r"شد(?:ند)?|یادآوری" + _SP + r"کرد(?:ند)?|ادامه" + _SP + r"داد(?:ند)?|"
    r"اعلام" + _SP + r"(?:کرد|نمود|داشت)(?:ند)?|برشمرد(?:ند)?|خواستار|"
    r"اشاره" + _SP + r"(?:کرد|نمود)(?:ند)?|توضیح" + _SP + r"داد(?:ند)?|"
    r"ابراز" + _SP + r"(?:کرد|داشت)(?:ند)?|متذکر" + _SP + r"شد(?:ند)?|تشریح" + _SP + r"کرد(?:ند)?|"
    r"پیشنهاد" + _SP + r"(?:کرد|داد|نمود)(?:ند)?|خبر" + _SP + r"داد(?:ند)?|"
    r"ارزیابی" + _SP + r"کرد(?:ند)?|دانست(?:ند)?|خواند(?:ند)?|"
    r"قدردانی" + _SP + r"کرد(?:ند)?|گزارش" + _SP + r"داد(?:ند)?|معتقد" + _SP + r"(?:است|بود)|"
    r"پرداخت(?:ند)?|هشدار" + _SP + r"داد(?:ند)?|انتقاد" + _SP + r"کرد(?:ند)?|"
    r"درخواست" + _SP + r"کرد(?:ند)?|وعده" + _SP + r"داد(?:ند)?|خواست(?:ند)?|"
    r"گلایه" + _SP + r"(?:کرد|داشت)(?:ند)?|"  # a complaint is what they said («… گلایه کرد»)
    # an answer at a press conference with what it says («X پاسخ داد: …», «… پاسخ داد که …»;
    # «به پرسش‌ها پاسخ داد.» alone says nothing), advice («وی توصیه کرد …»)
    r"(?:پاسخ|جواب)" + _SP + r"داد(?:ند)?(?=\s*(?::|که))|توصیه" + _SP + r"(?:کرد|نمود)(?:ند)?"
    r")(?![\w\u200c])"
)
# A verb of saying followed by a colon opens a quotation that runs to the end of the sentence.
QUOTE_OPENER = re.compile(SPEECH_VERB.pattern + r"\s*:\s*")
# Where a role phrase ends: punctuation, a verb, or a phrase that starts the predicate.
ROLE_STOP_WORDS = _set(
    "نیز هم همچنین ضمن امروز دیروز روز صبح ظهر عصر شب که را گفت افزود اظهار خاطرنشان "
    "تصریح تاکید تأکید بیان اعلام یادآور ادامه برگزار طی کیست کیستند کی چیست چه چی "
    "بود است بودند هستند نام اسم چطور چگونه کجا چرا درباره دربارهٔ پیرامون گفت‌وگو گفتگو "
    "مصاحبه سخن سخنرانی سخنران گزارشی گزارش آخرین اولین نخستین شد شدند پس بعد قرار همراه"
)
# «در …» stays inside a role only before these («نماینده مردم تبریز در مجلس»).
ROLE_DAR_KEEP = _set("مجلس امور استان شهرستان سازمان اداره ستاد شورای وزارت دانشگاه منطقه حوزه")
# «با …» ends a role before these («… با اشاره به»), and stays inside it otherwise
# («ستاد توسعه تجارت با جمهوری آذربایجان»).
ROLE_BA_STOP = _set(
    "اشاره بیان تاکید تأکید اعلام ابراز توجه یادآوری حضور انتقاد تشکر قدردانی ارائه "
    "مرور برشمردن بررسی عنوان طرح تبریک گرامیداشت استناد اظهار تشریح دفاع استقبال خنده لبخند"
)
# Phrases that carry a speaker on from the previous sentence («در بخش دیگری از سخنان خود»).
CONTINUATION_CUES = re.compile(
    r"سخنان" + _SP + r"خود|ادامه" + _SP + r"(?:سخنان|صحبت)|بخش" + _SP + r"دیگری" + _SP + r"از"
)
# An agency lead opens with its dateline, place then agency («مشهد - ایرنا - معاون … گفت»).
DATELINE = (
    r"[^\s،.:«»\-–—]+(?:[\s\u200c][^\s،.:«»\-–—]+){0,2}\s*[-–—]\s*(?:"
    + "|".join(sorted(AGENCY_NAMES - {"خبرگزاری"}))
    + r")\s*[-–—]"
)
# «در این نشست که با حضور فرماندار برگزار شد، X گفت»: a clause about the gathering, closed
# by a comma, before the speaker.
_GATHERING_CLAUSE = r"(?:\s+که[^،,.:«»]{1,80}[،,])?"
LEADING_CONNECTORS = re.compile(
    r"^(?:و|همچنین|در"
    + _SP
    + r"(?:آغاز|ابتدای|شروع|حاشیه|ادامه)"
    + _SP
    + r"(?:این"
    + _SP
    + r")?(?:جلسه|نشست|مراسم|دیدار|همایش|آیین)"
    + _GATHERING_CLAUSE
    + r"|در"
    + _SP
    + r"ادامه(?:[^،.:]{0,30}،)?|سپس|ضمنا|ضمناً|در"
    + _SP
    + r"پایان|در"
    + _SP
    + r"این"
    + _SP
    + r"(?:جلسه|نشست|مراسم|دیدار)"
    + _GATHERING_CLAUSE
    + r"|در"
    + _SP
    + r"بخش"
    + _SP
    + r"(?:دیگری|پایانی|دوم)"
    + _SP
    + r"از[^،]{0,30}،|به"
    + _SP
    + r"گزارش"
    + r"[^،]{0,40}|در"
    + _SP
    + r"واکنش"
    + _SP
    + r"به[^،]{0,60}،|(?:پیش|قبل|پس|بعد)"
    + _SP
    + r"از"
    + _SP
    + r"(?:سخنان|سخنرانی|صحبت[\s\u200c]*های|اظهارات|خطبه)[^،.:]{0,40}،|"
    + DATELINE
    + r")"
    r"(?![\w\u200c])\s*،?\s*"
)


def past_connectors(folded: str) -> int:
    """Where a sentence's subject may start, past its leading connectors: more than one may
    open it («به گزارش خبرنگار ما، در آغاز این نشست X گفت»)."""
    pos = 0
    for _ in range(3):
        connector = LEADING_CONNECTORS.match(folded[pos:])
        if connector is None or connector.end() == 0:
            break
        pos += connector.end()
    return pos


TOPIC_CUE = re.compile(
    r"با" + _SP + r"(?:محوریت|موضوع|محور|دستور" + _SP + r"کار|هدف)|به" + _SP + r"منظور|پیرامون|"
    r"با" + _SP + r"عنوان|در" + _SP + r"خصوص|درباره|در" + _SP + r"مورد|برای" + _SP + r"بررسی"
)
# «به ریاست X», and «ریاست مجمع را X بر عهده داشت» (the holder named after «را»).
CHAIR_CUE = re.compile(
    r"به"
    + _SP
    + r"ریاست\s+|(?<![\w\u200c])ریاست(?:"
    + _SP
    + r"[^\s،,.:]+){1,4}?"
    + _SP
    + r"را\s+(?=[^.]{0,160}(?:بر"
    + _SP
    + r"عهده|عهده"
    + _SP
    + r"دار))"
)
# Same-length folding, so that offsets found in the folded text hold in the original.
SAME_LENGTH_FOLD = str.maketrans(
    {
        "ي": "ی",
        "ى": "ی",
        "ك": "ک",
        "ۀ": "ه",
        "ة": "ه",
        "\u00a0": " ",
        **{chr(0x06F0 + i): str(i) for i in range(10)},
        **{chr(0x0660 + i): str(i) for i in range(10)},
    }
)


def fold(text: str) -> str:
    """Folds Arabic letters and digits to one form without changing the text's length."""
    return text.translate(SAME_LENGTH_FOLD)


def key(text: str) -> str:
    """Comparison key of a name or role: folded, no spaces or ZWNJ, رییس spelled رئیس."""
    return re.sub(r"[\s\u200c]+", "", fold(text)).replace("رییس", "رئیس")


_PLURAL_PARTS = frozenset(["ها", "های", "هایی", "هایش"])


def is_given_name(word: str) -> bool:
    """A listed given name, also joined to «سید» or «میر» («سیدمرتضی», «میرحسین»)."""
    if word in GIVEN_NAMES:
        return True
    for prefix in ("سید", "میر"):
        if word.startswith(prefix) and word[len(prefix) :].lstrip("\u200c") in GIVEN_NAMES:
            return True
    return False


def is_role_head(word: str) -> bool:
    """A role head, or one joined to the next word by the normalizer or the writer
    («رئیس‌کل دادگستری»), not a plural («معاون‌ها»)."""
    if word in ROLE_HEADS:
        return True
    first, _, rest = word.partition("\u200c")
    return bool(rest) and first in ROLE_HEADS and rest not in _PLURAL_PARTS


def head_of(role: str) -> str:
    """The head word of a role phrase, spelled one way («رییس» → «رئیس», «نایب‌رئیس» and
    «نایب رئیس» alike: the normalizer joins what the text may leave apart)."""
    words = fold(role).split()
    if len(words) >= 2 and (words[0], words[1]) in TWO_WORD_HEADS:
        return key(words[0] + words[1]).replace("نائب", "نایب")
    if words and words[0].endswith("وی") and words[0][:-1] in ROLE_HEADS:
        return key(words[0][:-1])  # «سخنگوی وزارت» is headed by «سخنگو»
    if words and words[0] not in ROLE_HEADS and is_role_head(words[0]):
        return key(words[0].partition("\u200c")[0])  # «رئیس‌کل دادگستری» is headed by «رئیس»
    return key(words[0]).replace("نائب", "نایب") if words else ""


def same_word(a: str, b: str) -> bool:
    """Equal, or one is the other plus a suffix («شورا» / «شورای», «استان» / «استانی»)."""
    if a == b:
        return True
    short, long = (a, b) if len(a) <= len(b) else (b, a)
    return len(short) >= 3 and long.startswith(short) and len(long) - len(short) <= 3
