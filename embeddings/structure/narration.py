"""Speech told around its speaker: a quotation standing alone before the sentence that names
who said it, and a person introduced doing something before a «وی» that speaks.

Features and reports put a quotation in a paragraph of its own and name the speaker in the
next sentence («"…". مهدی فرجی، معاون …، در این باره گفت.», «"…". این‌ها را اکبر قربانی
می‌گوید که …»): the quotation is that person's statement, and the naming sentence says nothing
of its own. Releases introduce a new person with an act that is not speech («سپس مهدی رضایی،
مدیرکل …، گزارشی ارائه کرد.») and go on with «وی گفت: …»: the pronoun is that person, not
the previous speaker.
"""

from __future__ import annotations

import re

from embeddings.structure import lexicon as lx
from embeddings.structure.attribution import POINTER_BACK
from embeddings.structure.mentions import name_at, roles_in, words_of
from embeddings.structure.people import PeopleRegistry
from embeddings.structure.subject_forms import after_opening_phrase

_OPENS_QUOTE = re.compile(r"^\s*«")
_CLOSES_QUOTE = re.compile(r"»[\s.!؟?…]*$")
_POINTS_BACK = re.compile(r"^[\s،,]*" + POINTER_BACK)
# «… در این باره گفت.», «… این را هم اضافه کرد.»: the verb of saying ends the sentence.
_ENDS_WITH_VERB = re.compile(
    r"(?:" + lx.SPEECH_VERB.pattern + r")\s*[.!]?\s*$",
)
# After a name, these make it no subject: an object («X را …») or one of two subjects.
_NOT_SUBJECT_AFTER = re.compile(r"^\s*(?:را|و)(?![\w\u200c])")
# «سخنران کلیدی نخست همایش، دکتر فرهاد احمدی، … بود»: who speaks next, introduced.
_INTRODUCED_AS = re.compile(r"(?:سخنران|مهمان|میهمان)(?![\w\u200c])[^،,.:«»]{0,40}[،,]\s*")


class QuoteRun:
    """Follows sentences that are a quotation alone, possibly cut into several sentences."""

    def __init__(self) -> None:
        """Starts outside any quotation."""
        self._open: list[int] = []
        self.closed: list[int] = []

    def see(self, number: int, sentence: str, attributed: bool) -> None:
        """Takes the next sentence; `attributed` when it already has a speaker."""
        folded = lx.fold(sentence)
        if attributed:
            self._open, self.closed = [], []
            return
        self.closed = []
        if self._open:
            self._open.append(number)
        elif _OPENS_QUOTE.match(folded):
            self._open = [number]
        else:
            return
        if "»" in folded:
            # closed only when the quotation ends the sentence: «"…" نام همایشی بود» is narration
            self.closed = self._open if _CLOSES_QUOTE.search(folded) else []
            self._open = []

    def take(self) -> list[int]:
        """The quotation that just closed (its sentences), forgetting it."""
        closed, self.closed = self.closed, []
        return closed


def still_quoting(sentence: str, open_before: bool) -> bool:
    """Whether a speaker's quotation is still open after this sentence. Agencies cut a long
    quotation into sentences and paragraphs («… گفت: «… . … . ⏎ … .»»), a new paragraph of it
    sometimes opening again with «: only its » closes it, so the sentences between are the
    speaker's words though they name nobody."""
    folded = lx.fold(sentence)
    depth = int(open_before) + folded.count("«") - folded.count("»")
    if open_before and _OPENS_QUOTE.match(folded):
        depth -= 1  # the same quotation, reopened at a paragraph's start
    return depth > 0


def names_the_quote(sentence: str, subject_end: int) -> str | None:
    """How a sentence names the speaker of the quotation before it: "only" when that is all
    it says (it opens with «این را / این‌ها را …» or ends with its verb of saying: «X، …، در
    این باره گفت.»), "also" when it goes on («X این را گفت و افزود که …»), else None."""
    folded = lx.fold(sentence)
    if _POINTS_BACK.match(folded):
        return "only"
    rest = folded[subject_end:]
    if ":" not in rest and "«" not in rest and _ENDS_WITH_VERB.search(rest) is not None:
        return "only"
    return "also" if _POINTS_BACK.match(rest) else None


def name_the_actor(
    registry: PeopleRegistry, actor: tuple[int, str] | None, key: str, number: int
) -> None:
    """«سپس رئیس هلال‌احمر … گزارشی ارائه کرد. به گفته حمید اکبری …»: a role introduced doing
    something, then right after it a full name with no role of its own speaking, is that
    name (as a role speaker followed by a name is, in `_link_roles_to_names`)."""
    if actor is None or actor[0] != number - 1 or not actor[1].startswith("r:"):
        return
    if registry.has_name(actor[1]) or registry.is_group(actor[1]):
        return
    if key.startswith("n:") and registry.is_full_name(key) and not registry.has_role(key):
        registry.link(actor[1], key, [actor[0], number])


def actor_of(sentence: str, registry: PeopleRegistry, number: int) -> str | None:
    """The registry key of a person a sentence without speech opens with («سپس مهدی رضایی،
    مدیرکل …، گزارشی ارائه کرد»): a full name, a known surname or a role; None otherwise."""
    folded = lx.fold(sentence)
    # «در پایان نشست، معاون وزیر … پاسخ داد»: past a short opening phrase too
    start = after_opening_phrase(folded, lx.past_connectors(folded))
    introduced = _INTRODUCED_AS.match(folded, start)
    start = introduced.end() if introduced else start
    words = words_of(sentence)
    first = next((i for i, w in enumerate(words) if w[1] >= start), None)
    if first is None:
        return None
    name = name_at(sentence, words, first)
    if name is None:
        # «سومین نطق را دکتر فاطمه سلیمانی‌راد … ایراد کرد»: the object first, then its doer
        marker = next(
            (k for k in range(first, min(first + 8, len(words) - 1)) if words[k][0] == "را"), None
        )
        name = name_at(sentence, words, marker + 1) if marker is not None else None
    if name is not None:
        if _NOT_SUBJECT_AFTER.match(folded[name.end :]):
            return None
        return registry.add_name(name, number)
    word, _, end = words[first]
    if lx.is_role_head(word):
        role = next((r for r in roles_in(sentence) if r.start == words[first][1]), None)
        if role is None or _NOT_SUBJECT_AFTER.match(folded[role.end :]):
            return None
        return registry.add_role(role.text, number)
    known = registry.known_surname(word, number)
    if known is not None and not _NOT_SUBJECT_AFTER.match(folded[end:]):
        return known
    return None
