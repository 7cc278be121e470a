"""Where and when a report's gathering was held, and saying so when the report doesn't say
who chaired it.

«کجا برگزار شد؟» / «کی برگزار شد؟» are answered with the place or time phrase of the lead
(then the lead itself as evidence), not the whole lead; a report that names neither gets an
honest decline. «به ریاست چه کسی برگزار شد؟» of a report naming no chair anywhere is declined
the same way, instead of answering with the lead or whoever retrieval ranks first; so is
«X کیست؟» for a role X that no one in a report with speakers holds, or whose body no holder
of its head word shares («وزیر نیرو» where the only minister is «وزیر راه و شهرسازی»).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from bot.answering.person_lookup import other_direction
from bot.answering.types import Answer
from embeddings.hybrid_retriever import RankedChunk
from embeddings.structure import lexicon as lx
from embeddings.structure.mentions import names_in, roles_in
from embeddings.structure.setting import (
    HOLDING,
    definite_time,
    guests_phrase,
    place_reading,
    time_phrase,
)

if TYPE_CHECKING:
    from bot.answering.intents import Intent
    from bot.answering.structured import StructuredAnswerer

NO_PLACE = "متن نگفته است این جلسه یا رویداد کجا برگزار شد."
NO_TIME = "متن نگفته است این جلسه یا رویداد کی برگزار شد."
NO_GUESTS = "متن نگفته است چه کسانی در این جلسه یا رویداد حضور داشتند."
NO_NEXT = "متن از جلسه یا رویداد بعدی و زمان و محل آن چیزی نگفته است."
NO_HOLDER = "در متن از کسی با سمت «{role}» نام برده نشده است."
NO_CHAIR = "متن نگفته است جلسه به ریاست چه کسی برگزار شد یا چه کسی آن را اداره کرد."
# Words of a role that name no particular body («رئیس سازمان …», «مدیرکل امور …»).
_NO_BODY = frozenset(
    re.findall(
        r"\S+",
        "و با در به از سازمان اداره کل امور استان شهرستان کشور شهر ملی کل‌کشور این",
    )
)
# The lead and this many sentences after it may say where and when.
SETTING_SENTENCES = 3
# «برگزار شد», «تشکیل جلسه داد», «گشایش یافت»: a sentence telling the gathering was held.
_HOLDING = re.compile(HOLDING + lx.SP + r"(?:شد|گردید|یافت|جلسه|کرد)")
# A sentence that may say who chaired, in words the structure does not read as a chair.
_CHAIR_WORDS = re.compile(
    r"ریاست|(?:رئیس|رییس)" + lx.SP + r"(?:این" + lx.SP + r")?(?:جلسه|نشست|همایش)|"
    r"(?:اداره|هدایت)" + lx.SP + r"(?:جلسه|نشست|همایش)|(?:جلسه|نشست)\S*\s+را\s+(?:اداره|هدایت)"
)


def setting_answer(
    view: StructuredAnswerer, detail: str, question: str, doc: int, ranked: list[RankedChunk]
) -> Answer | None:
    """The place («place»), time («time») or guests («guests») phrase of a report's lead,
    with its sentence."""
    structure = view.structures[doc]
    start = structure.lead if structure.lead is not None else structure.headline
    if start is None:
        return None
    read = {"place": place_reading, "time": _time_reading, "guests": _guests_reading}[detail]
    last = min(view.counts[doc], start + SETTING_SENTENCES)
    found = []
    for number in range(start, last):
        sentence = view.sentence(doc, number)
        if number != start and not _HOLDING.search(lx.fold(sentence)):
            continue  # after the lead, only a sentence saying the gathering was held
        reading = read(sentence)
        if reading:
            found.append((number, *reading))
    if found:
        # the lead may say «در نشست خبری امروز …» and the next sentence «صبح امروز سه‌شنبه ۲۰
        # خرداد … در سالن همایش‌های شهرداری برگزار شد»: the date and the venue tell more
        number, phrase, _ = next((f for f in found if f[2]), found[0])
        lines = view._with_evidence([phrase], doc, [number])
        return view._answer(question, "headline", doc, lines, [number], ranked)
    note = {"place": NO_PLACE, "time": NO_TIME, "guests": NO_GUESTS}[detail]
    return view._decline(question, "headline", doc, note, [start], ranked)


def _time_reading(sentence: str) -> tuple[str, bool] | None:
    """The time phrase, and whether it gives a date (`definite_time`)."""
    phrase = time_phrase(sentence)
    return (phrase, definite_time(phrase)) if phrase else None


def _guests_reading(sentence: str) -> tuple[str, bool] | None:
    """The guests phrase; the first one found is taken."""
    phrase = guests_phrase(sentence)
    return (phrase, False) if phrase else None


# A sentence about the next gathering: «جلسه بعدی …», «نشست آینده …», «جلسه … برگزار خواهد
# شد» (not «برگزار می‌شود»: news tells an event under way in the present tense).
_GATHERING = r"(?:جلسه|نشست|همایش|اجلاس|دیدار|گردهمایی)\S*"
_NEXT_GATHERING = re.compile(
    _GATHERING
    + r"(?:"
    + lx.SP
    + r"\S+)?"
    + lx.SP
    + r"(?:بعدی|آینده|آتی)(?![\w\u200c])|"
    + _GATHERING
    + r"[^.!?؟:]{0,80}(?:برگزار|تشکیل)"
    + lx.SP
    + r"خواهد"
    + lx.SP
    + r"شد"
)


def next_gathering_answer(
    view: StructuredAnswerer, question: str, doc: int, ranked: list[RankedChunk]
) -> Answer:
    """The sentences about the next gathering, or a decline: the report's own date and place
    answer «جلسه بعدی کی است؟» with the wrong meeting."""
    sentences = view.sentences(doc)
    numbers = [n for n, s in enumerate(sentences) if _NEXT_GATHERING.search(lx.fold(s))][:2]
    if numbers:
        lines = view._with_evidence([], doc, numbers)
        return view._answer(question, "headline", doc, lines, numbers, ranked)
    structure = view.structures[doc]
    start = structure.lead if structure.lead is not None else structure.headline
    evidence = [start] if start is not None else []
    return view._decline(question, "headline", doc, NO_NEXT, evidence, ranked)


def chair_not_stated(
    view: StructuredAnswerer, question: str, docs: list[int], ranked: list[RankedChunk]
) -> Answer | None:
    """A decline when no document says who chaired (None, for retrieval, when one might)."""
    if not docs:
        return None
    for doc in docs:
        if any(_CHAIR_WORDS.search(lx.fold(s)) for s in view.sentences(doc)):
            return None
    doc = docs[0]
    structure = view.structures[doc]
    start = structure.lead if structure.lead is not None else structure.headline
    numbers = [start] if start is not None else []
    return view._decline(question, "person", doc, NO_CHAIR, numbers, ranked)


def role_nobody_holds(
    view: StructuredAnswerer,
    intent: Intent,
    question: str,
    docs: list[int],
    ranked: list[RankedChunk],
) -> Answer | None:
    """A decline when the question asks for the holder of a role (or what they said) and
    no person of a report with speakers holds a role of its head word: retrieval would
    answer with whoever stands near the role's words («استاندار کرمان کیست؟» of a report
    naming only «معاون عمرانی استاندار کرمان»). None (retrieval) for documents without
    speakers."""
    if intent.kind not in ("person", "statements") or intent.detail == "role":
        return None
    targets = [t for t in (intent.target, *intent.alternatives) if t]
    roles = [r for t in targets for r in roles_in(t) if not r.group]
    if not roles or any(names_in(t) for t in targets):
        return None
    reports = [d for d in docs if view.structures[d].attributions]
    heads = {
        lx.head_of(role)
        for d in reports
        for person in view.structures[d].people
        if not person.group
        for role in person.roles
    }
    # Someone holds a role of that head («اون یکی مدیرکل» of a report with two): the
    # words didn't pick them, and a follow-up or retrieval may, unless the role names
    # another body than every holder's («وزیر نیرو» where the only «وزیر» is «وزیر راه»).
    if not reports or any(lx.head_of(r.text) in heads for r in roles):
        holders = [
            role
            for d in reports
            for person in view.structures[d].people
            if not person.group
            for role in person.roles
            if lx.head_of(role) == lx.head_of(roles[0].text)
        ]
        if not reports or not names_another_body(roles[0].text, holders):
            return None
    note = NO_HOLDER.format(role=roles[0].text)
    return view._decline(question, intent.kind, reports[0], note, [], ranked)


def names_another_body(query: str, holders: list[str]) -> bool:
    """Whether a role asked for names a body or field («وزیر نیرو», «رئیس هلال‌احمر») that
    no holder of its head in the report shares a word with, every holder naming one of its
    own («وزیر راه و شهرسازی»): one minister, one organization's head, is not another's.
    A holder called by the head alone («شهردار») or a query naming no body («رئیس سازمان»)
    may be the one asked for. «… آذربایجان شرقی» is not «… آذربایجان غربی»."""
    wanted = _body_words(query)
    if not wanted or not holders:
        return False
    if all(other_direction(query, role) for role in holders):
        return True
    for role in holders:
        have = _body_words(role)
        if not have or any(lx.same_word(a, b) for a in wanted for b in have):
            return False
    return True


def _body_words(role: str) -> list[str]:
    """A role's words after its head, less those naming no particular body or place."""
    words = lx.fold(role).split()
    skip = 2 if len(words) >= 2 and (words[0], words[1]) in lx.TWO_WORD_HEADS else 1
    return [lx.key(w) for w in words[skip:] if w not in _NO_BODY]
