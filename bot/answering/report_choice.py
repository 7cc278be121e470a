"""Which report a question about "the report" means, when the corpus holds several.

«تیتر خبر چیست؟» or «جلسه به ریاست چه کسی بود؟» names no report: answering from whichever
report retrieval ranked first is a guess. A question that names something specific («تیتر
خبر شورای شهر قزوین») is about the report holding most of those words; one that names
nothing any report stands out by is ambiguous, and the answer lists the reports instead.
"""

from __future__ import annotations

from collections.abc import Callable

from bot.answering.intents import Intent
from bot.answering.person_lookup import find_people
from bot.answering.speaker_intents import SPEAKER_DETAILS
from embeddings.structure.model import DocumentStructure

# Words that say what is asked, not about which report: they never pick one.
ASKING_WORDS = (
    "تیتر عنوان سرخط خبر گزارش مطلب موضوع محور اصلی جلسه نشست همایش مراسم دیدار شورا "
    "درباره مورد خصوص باره راجع چه چی چیست چیه کیست کیه کی کسی شخصی کدام بود است هست "
    "این آن ریاست رئیس رییس برعهده عهده داشت دارد برگزار شد گرفته گرفتند اتخاذ "
    "خلاصه چکیده جمع بندی طور تصمیم تصمیمات مصوبات مصوبه تصویب مقرر پیشنهاد پیشنهادها "
    "گفت گفته گفتند نام اسم کوچک کامل خانوادگی سمت سمتی مسئولیت مطرح کرد کردند اشاره "
    "چیزی چیزهایی مطالبی نکاتی مواردی موضوعاتی مسائلی کجا کجاست محل مکان زمان زمانی "
    "تاریخی روزی هدف منظور منظوری دلیلی اداره هدایت مدیریت برگزاری تشکیل انجام "
    "سخنران اولین نخستین آخرین اول آخر صحبت سخن حرف زد کسانی"
)
# At most this many reports are listed in an ambiguity note.
MAX_LISTED = 6
AMBIGUOUS_REPORT = (
    "پرسش نمی‌گوید کدام گزارش؛ در اسناد چند گزارش هست: {reports}؛ نام یکی را در پرسش بیاورید."
)


class ReportChooser:
    """Picks the report a structured question is about, among those that can answer it."""

    def __init__(self, document_terms: Callable[[int], set[str]]) -> None:
        """`document_terms(doc)`: the lexical terms of one document."""
        self._document_terms = document_terms
        self._asking: set[str] | None = None

    def _asking_terms(self, terms_of: Callable[[str], list[str]]) -> set[str]:
        if self._asking is None:
            self._asking = set(terms_of(ASKING_WORDS))
        return self._asking

    def choose(
        self, question: str, able: list[int], terms_of: Callable[[str], list[str]]
    ) -> list[int]:
        """The reports the question is about, best first: one when its words pick one, else
        every report that holds the most of them (all of `able` when it names nothing)."""
        if len(able) <= 1:
            return able
        words = set(terms_of(question)) - self._asking_terms(terms_of)
        held = {doc: len(words & self._document_terms(doc)) for doc in able}
        # A word every candidate holds tells none of them apart.
        shared = set.intersection(*(self._document_terms(d) for d in able)) & words
        telling = {doc: count - len(shared) for doc, count in held.items()}
        best = max(telling.values())
        if best <= 0:
            return able
        return [doc for doc in able if telling[doc] == best]


def can_answer(intent: Intent, structure: DocumentStructure, sentences: int) -> bool:
    """Whether a document's structure (of `sentences` sentences) holds what the intent asks."""
    if intent.kind == "summary":
        return sentences > 0
    if intent.kind == "headline":
        # a report without a headline still answers «تیتر» with its lead, as it always has
        return any(n is not None for n in (structure.headline, structure.topic, structure.lead))
    if intent.kind == "decisions":
        return bool(structure.decisions)
    if intent.kind == "person" and intent.detail == "chair":
        return structure.chair is not None
    if intent.kind == "person" and intent.detail in SPEAKER_DETAILS:
        return bool(structure.attributions)
    return any(find_people(structure, t) for t in (intent.target, *intent.alternatives))
