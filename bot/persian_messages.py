"""Every Persian string the bot shows its users, in one place.

Strings are Telegram HTML. Placeholders in `{braces}` receive text that the caller has already
escaped (see `bot.telegram.rendering`), so a document name or a question can never inject markup.
"""

from __future__ import annotations

_PERSIAN_DIGITS = str.maketrans("0123456789.", "۰۱۲۳۴۵۶۷۸۹٫")


def fa_number(value: float | int, decimals: int = 0) -> str:
    """Formats a number with Persian digits (and the Persian decimal separator)."""
    text = f"{value:.{decimals}f}" if decimals else str(round(value))
    return text.translate(_PERSIAN_DIGITS)


# --- Start and help -------------------------------------------------------------------------

START_GREETING = (
    "سلام! من <b>پاسخ</b> هستم 👋\n"
    "پرسش‌های فارسی شما را از روی اسنادی که در اختیار دارم پاسخ می‌دهم و همیشه می‌گویم "
    "پاسخ را از کدام سند آورده‌ام."
)
START_DOCUMENTS = "📚 اسنادی که می‌شناسم ({count}):"
START_MORE_DOCUMENTS = "… و {count} سند دیگر (/docs)"
START_NO_DOCUMENTS = "📭 هنوز هیچ سندی در اختیار ندارم."
START_EXAMPLES = "چند نمونه پرسش را در دکمه‌های پایین گذاشته‌ام؛ یا پرسش خود را بنویسید."
START_ASK = "پرسش خود را بنویسید."
START_GROUP = (
    "سلام! من <b>پاسخ</b> هستم 👋\n"
    "در این گروه پرسش را با /ask بفرستید، یا نام مرا در پیام بیاورید، یا به یکی از پیام‌های "
    "من پاسخ دهید. راهنما: /help"
)

HELP = """<b>راهنمای پاسخ</b>

من به پرسش‌های فارسی از روی اسنادی که در اختیار دارم پاسخ می‌دهم. پاسخ را پررنگ می‌نویسم،
بخشی از سند را که پاسخ از آن آمده نقل می‌کنم و نام سند را می‌گویم.
اگر پاسخ در اسناد نباشد، همین را صادقانه می‌گویم.

<b>گفت‌وگوی خصوصی</b>
هر پیام متنی یک پرسش است. زیر هر پاسخ:
👍 / 👎 — بگویید پاسخ به کارتان آمد یا نه.
«منابع بیشتر» — بخش‌های دیگری از اسناد که به پرسش نزدیک‌اند.
پرسش بعدی می‌تواند دنبالهٔ پرسش قبلی باشد («او درباره صادرات چه گفت؟»، «چرا؟»)؛ برداشتم از
پرسش را زیر پاسخ می‌نویسم. /new یا دکمهٔ «پرسش تازه» گفت‌وگو را از نو شروع می‌کند.

<b>گروه‌ها</b>
• <code>/ask پرسش</code>
• نام من در پیام: <code>{mention} پرسش</code>
• پاسخ دادن (reply) به یکی از پیام‌های من
به گفت‌وگوهای دیگر گروه کاری ندارم.

<b>هر گفت‌وگویی (حالت درون‌خطی)</b>
بنویسید <code>{mention} پرسش</code> و یکی از پاسخ‌های پیشنهادی را بفرستید.

<b>فرمان‌ها</b>
/start — آغاز و فهرست اسناد
/help — همین راهنما
/ask — پرسیدن (در گروه‌ها)
/new — پرسش تازه، بی‌ارتباط با پرسش‌های قبلی
/summary نام‌سند — خلاصهٔ یک گزارش (بدون نام، سند را از فهرست انتخاب کنید)

<b>پرسش دربارهٔ یک گزارش</b>
• چه کسی: «استاندار کیست؟»، «نام معاون … چیست؟»، «اسم کوچک … چیست؟»، «… چه سمتی دارد؟»
• سخنان: «… چه گفت؟»، «… دربارهٔ … چه گفت؟»
• تیتر، موضوع، زمان و مکان: «تیتر خبر چیست؟»، «جلسه دربارهٔ چه بود؟»، «جلسه کی بود؟»
• تصمیم‌ها: «چه تصمیماتی گرفته شد؟»، «مصوبات جلسه چیست؟»
• «خلاصهٔ جلسه»

<b>فرمان‌های مدیران</b> (فقط برای مدیرانی که در تنظیمات آمده‌اند)
/reload — بازخوانی پوشهٔ اسناد و ساختن دوبارهٔ نمایه
/docs — فهرست اسناد
/remove نام‌سند — حذف یک سند
/stats — آمار پرسش‌ها و بازخوردها
فرستادن یک پرونده (‎.txt، ‎.md، ‎.docx یا ‎.pdf، حداکثر ۲۰ مگابایت) آن را به اسناد می‌افزاید."""
HELP_LIMITS = (
    "محدودیت: حداکثر {per_minute} پرسش در دقیقه برای هر کاربر؛ "
    "پرسش‌های بلندتر از {max_chars} نویسه کوتاه می‌شوند."
)

COMMAND_DESCRIPTIONS = {
    "start": "آغاز و فهرست اسناد",
    "help": "راهنما",
    "ask": "پرسیدن یک پرسش",
    "new": "پرسش تازه، بی‌ارتباط با پرسش‌های قبلی",
    "summary": "خلاصهٔ یک گزارش",
}
ADMIN_COMMAND_DESCRIPTIONS = {
    "reload": "بازخوانی اسناد و ساختن دوبارهٔ نمایه",
    "docs": "فهرست اسناد",
    "remove": "حذف یک سند",
    "stats": "آمار",
}

# Candidate example questions for /start; only those the current corpus answers are offered.
EXAMPLE_QUESTIONS = (
    "جلسه ستاد توسعه تجارت با جمهوری آذربایجان چه روزی برگزار شد؟",
    "هدف از مشارکت در بازسازی قره‌باغ چیست؟",
    "اقتصاد کشور در سال گذشته چند درصد رشد داشت؟",
    "جلسه ستاد به ریاست چه کسی برگزار شد؟",
)

# --- Answers --------------------------------------------------------------------------------

ABSTAINED = (
    "🤷 پاسخ این پرسش را در اسنادی که دارم پیدا نکردم.\n"
    "می‌توانید پرسش را با واژه‌های دیگری بپرسید؛ فهرست اسناد را با /start ببینید."
)
# Before the note shown with a decline: what is nearby is not the answer.
NOT_AN_ANSWER_LABEL = "ℹ️ (این پاسخ نیست)"
SOURCE = "📄 منبع: <i>{source}</i>"
QUESTION_TRUNCATED = "✂️ پرسش شما بیش از {limit} نویسه بود؛ فقط بخش نخست آن را بررسی کردم."
INLINE_QUESTION = "❓ {question}"
ASK_USAGE = "پرسش خود را پس از فرمان بنویسید؛ مثلاً:\n<code>/ask هدف از بازسازی قره باغ چیست؟</code>"
RATE_LIMITED = (
    "⏳ در هر دقیقه حداکثر {limit} پرسش می‌توانید بپرسید. لطفاً {seconds} ثانیهٔ دیگر دوباره بپرسید."
)
NO_DOCUMENTS_YET = "📭 هنوز هیچ سندی در اختیار ندارم؛ مدیران می‌توانند سندی بفرستند."
TEXT_ONLY = "من فقط پیام‌های متنی را می‌فهمم؛ پرسش خود را بنویسید."
UNKNOWN_COMMAND = "این فرمان را نمی‌شناسم. فهرست فرمان‌ها: /help"

BUTTON_HELPFUL = "👍"
BUTTON_UNHELPFUL = "👎"
BUTTON_MORE = "منابع بیشتر"
BUTTON_CHOSEN = "{label} ✓"
BUTTON_NEW_QUESTION = "پرسش تازه"
UNDERSTOOD_AS = "(پرسش: {question})"
CONTEXT_CLEARED = "گفت‌وگوی تازه: پرسش بعدی‌تان را بدون توجه به پرسش‌های قبلی می‌خوانم."
FEEDBACK_THANKS = "از بازخورد شما سپاسگزارم 🙏"
QUESTION_GONE = "این پرسش دیگر در دسترس نیست."
MORE_SOURCES = "📚 بخش‌های دیگری از اسناد دربارهٔ «{question}»:"
NEAREST_SOURCES = "📚 نزدیک‌ترین بخش‌های اسناد به «{question}» (شاید پاسخ پرسش در آن‌ها نباشد):"
NO_MORE_SOURCES = "منبع دیگری پیدا نکردم."

SUMMARY_CHOOSE = "📝 کدام سند را خلاصه کنم؟"
DOCUMENT_GONE = "این سند دیگر در مجموعه نیست."

# Headings of answers that are read from a report's structure (kind → heading).
KIND_HEADINGS = {
    "person": "👤 <b>چه کسی</b>",
    "statements": "🗣 <b>سخنان {speaker}</b>",
    "summary": "📝 <b>خلاصهٔ گزارش</b>",
    "headline": "📰 <b>از تیتر و سرآغاز خبر</b>",
    "decisions": "✅ <b>تصمیم‌ها و پیشنهادها</b>",
}

INLINE_ABSTAINED_TITLE = "پاسخی در اسناد پیدا نشد"
INLINE_ABSTAINED_DESCRIPTION = "پاسخ این پرسش در اسنادی که دارم نیامده است."
INLINE_RATE_LIMITED = "کمی صبر کنید؛ پرسش‌های این دقیقه تمام شد"

ERROR = "⚠️ متأسفانه هنگام انجام درخواست شما خطایی رخ داد. لطفاً کمی بعد دوباره امتحان کنید."

# --- Administration -------------------------------------------------------------------------

NOT_ADMIN = "🔒 با پوزش، این کار فقط از مدیران پاسخ برمی‌آید. درخواست شما ثبت شد."
INDEX_BUSY = "⏳ کار دیگری روی اسناد در جریان است؛ پس از پایان آن، این کار انجام می‌شود."
RELOAD_STARTED = (
    "⏳ بازخوانی اسناد و ساختن دوبارهٔ نمایه آغاز شد. "
    "در این مدت به پرسش‌ها از نمایهٔ پیشین پاسخ می‌دهم."
)
RELOAD_DONE = "✅ نمایه دوباره ساخته شد."
PROGRESS_STAGES = {
    "materializing the embedding model": "آماده‌سازی مدل زبانی",
    "reading documents": "خواندن اسناد",
    "embedding documents": "ساختن بردار متن‌ها",
}
PROGRESS = "⏳ {stage}: {done} از {total} ({percent}٪)"


def progress_line(event) -> str:
    """How far a long index change has got, e.g. «⏳ خواندن اسناد: ۳ از ۱۰ (۳۰٪)»."""
    total = event.total or max(event.done, 1)
    return PROGRESS.format(
        stage=PROGRESS_STAGES.get(event.stage, event.stage),
        done=fa_number(event.done),
        total=fa_number(total),
        percent=fa_number(100 * event.done // total),
    )


RELOAD_FAILED = "❌ ساختن دوبارهٔ نمایه انجام نشد: {reason}\nنمایهٔ پیشین همچنان پاسخ می‌دهد."
OPERATION_FAILED_REASON = "خطای پیش‌بینی‌نشده (جزئیات در گزارش سرور)"

REPORT_ADDED = "➕ افزوده: {names}"
REPORT_CHANGED = "✏️ تغییرکرده: {names}"
REPORT_REMOVED = "➖ حذف‌شده: {names}"
REPORT_SKIPPED = "⚠️ کنارگذاشته: {names}"
REPORT_NO_CHANGES = "هیچ سندی تغییر نکرده بود."
REPORT_TOTALS = "📚 {documents} سند، {chunks} بخش؛ {seconds} ثانیه"

UPLOAD_NOT_SUPPORTED = "این نوع پرونده را نمی‌پذیرم. پرونده‌های ‎.txt، ‎.md، ‎.docx یا ‎.pdf بفرستید."
UPLOAD_TOO_LARGE = "📦 حجم این پرونده {size} مگابایت است؛ حداکثر {limit} مگابایت را می‌پذیرم."
DOWNLOAD_FAILED = "دریافت پرونده از تلگرام ناموفق بود؛ لطفاً دوباره بفرستید."
UPLOAD_RECEIVED = "⏳ «{name}» دریافت شد؛ آن را می‌خوانم و به اسناد می‌افزایم…"
UPLOAD_DONE = "✅ سند «{name}» به اسناد افزوده شد."
UPLOAD_REFUSED = "❌ «{name}» افزوده نشد: {reason}\nاسناد و نمایه بدون تغییر ماندند."

DOCS_HEADER = "📚 اسناد ({count}):"
DOCS_LINE = "• <code>{name}</code> — {characters} نویسه، {chunks} بخش"
DOCS_EMPTY = "📭 هیچ سندی در اسناد نیست."

REMOVE_USAGE = "نام سند را پس از فرمان بنویسید؛ مثلاً <code>/remove گزارش.txt</code> (فهرست: /docs)"
REMOVE_NOT_FOUND = "سندی به نام «{name}» در اسناد نیست. فهرست اسناد: /docs"
REMOVE_DONE = "🗑 سند «{name}» حذف شد."
REMOVE_FAILED = "❌ «{name}» حذف نشد: {reason}\nاسناد و نمایه بدون تغییر ماندند."

STATS = """📊 <b>آمار پاسخ</b>
پرسش‌ها: {questions}
پاسخ‌داده: {answered}
بی‌پاسخ (بیرون از اسناد): {abstained}
بازخورد: 👍 {helpful} / 👎 {unhelpful}
میانهٔ زمان پاسخ: {median} میلی‌ثانیه"""

# --- Reasons a document is refused (DocumentError.persian_message) --------------------------

DOC_EMPTY = "متنی در این سند پیدا نکردم."
DOC_BINARY = "این پرونده متن ساده نیست (شاید پرونده‌ای دیگر با پسوند نادرست باشد)."
DOC_ENCODING = "رمزگذاری نویسه‌های این پرونده را نشناختم؛ آن را با UTF-8 ذخیره کنید."
DOC_UNSUPPORTED = UPLOAD_NOT_SUPPORTED
DOC_DOCX_BROKEN = "این پروندهٔ Word خراب است یا در قالب ‎.docx نیست."
DOC_DOCX_LEGACY = (
    "این پرونده قالب قدیمی ‎.doc دارد یا رمزدار است؛ آن را در Word با قالب ‎.docx ذخیره کنید."
)
DOC_DOCX_BOMB = "این پروندهٔ Word پس از بازشدن بیش از اندازه بزرگ می‌شود و برای امنیت پذیرفته نمی‌شود."
DOC_PDF_BROKEN = "این پروندهٔ PDF خراب است و خوانده نشد."
DOC_PDF_ENCRYPTED = "این PDF رمزدار است؛ نسخهٔ بدون رمز آن را بفرستید."
DOC_PDF_NO_TEXT = "در این PDF متنی پیدا نکردم (شاید تصویرِ اسکن‌شده باشد)."
DOC_PDF_TOO_LONG = "این PDF بیش از {pages} صفحه دارد؛ آن را در چند بخش بفرستید."
DOC_PDF_UNAVAILABLE = "خواندن PDF روی این سرور فعال نیست؛ متن آن را با پسوند ‎.txt بفرستید."
DOC_TOO_LONG = "متن این سند بیش از اندازه بلند است؛ آن را در چند بخش بفرستید."

# --- Reliability: storage, uploads in groups, same-name uploads --------------------------------

STORAGE_ALERT = (
    "⚠️ پاسخ نمی‌تواند در پایگاه دادهٔ خود بنویسد: {reason}\n"
    "ربات همچنان پاسخ می‌دهد، ولی پرسش‌ها، بازخوردها و کارهای مدیریتی ثبت نمی‌شوند."
)
STORAGE_DISK_FULL = "دیسک پر است."
STORAGE_UNAVAILABLE = "پوشهٔ داده نوشتنی نیست یا پایگاه داده باز نمی‌شود."
STATS_UNAVAILABLE = "📊 آمار اکنون در دسترس نیست: پایگاه دادهٔ ربات خوانده نمی‌شود."
DISK_FULL_REASON = "دیسک سرور پر است یا پوشهٔ داده نوشتنی نیست"
ADMIN_PRIVATE_ONLY = "🔒 فرمان‌های مدیریتی و فرستادن سند فقط در گفت‌وگوی خصوصی با من انجام می‌شود."
DOC_TOO_COSTLY = (
    "خواندن این پرونده بیش از اندازه زمان یا حافظه می‌گیرد (شاید محتوای بسیار تکراری دارد)"
    " و برای امنیت پذیرفته نشد؛ متن آن را با پسوند ‎.txt بفرستید."
)
UPLOAD_SAME_NAME = "📄 سندی به نام «{name}» از پیش در اسناد هست. با پروندهٔ تازه چه کنم؟"
BUTTON_REPLACE = "جایگزین کن"
BUTTON_KEEP_BOTH = "هر دو بمانند"
BUTTON_CANCEL = "لغو"
UPLOAD_CANCELLED = "لغو شد؛ «{name}» دست نخورد."
UPLOAD_CHOICE_GONE = "این پرسش دیگر معتبر نیست؛ پرونده را دوباره بفرستید."
UPLOAD_REPLACED = (
    "✅ «{name}» با پروندهٔ تازه جایگزین شد؛ نسخهٔ پیشین در <code>{version}</code> نگه داشته شد."
)
