"""Names and role phrases inside one sentence, found from the words around them.

A name is an honorific and/or a common given name followed by a surname («دکتر محمدرضا
پورمحمدی», «علی جهانگیری», «مهندس رحیمی»). A role phrase starts at a role word
(«معاون», «مدیرکل», «استاندار» …) and runs until punctuation, a verb, a name or a word that
starts the predicate («نیز», «در این جلسه», «با اشاره به» …). Offsets are into the sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from embeddings.structure import lexicon as lx
from embeddings.structure import word_shapes as ws

_WORD = re.compile(r"[\w\u200c]+")
MAX_ROLE_WORDS = 12
# A compound verb after a role: «ایراد کرد» whatever its noun; «آغاز شد» only after a verbal
# noun, since «X رئیس هیئت فوتبال گیلان شد» is the role itself with «شد», "became".
_DOING_VERBS = frozenset(["کرد", "کردند", "نمود", "نمودند"])
_BECOMING_VERBS = frozenset(["شد", "شدند", "گردید", "گردیدند"])
_VERBAL_NOUNS = frozenset(
    [
        "آغاز",
        "تشکیل",
        "انجام",
        "منصوب",
        "انتخاب",
        "معرفی",
        "تصویب",
        "مطرح",
        "ارائه",
        "پیگیری",
        "بررسی",
        "اجرا",
        "افتتاح",
        "ختم",
    ]
)


@dataclass(frozen=True)
class NameMention:
    """A person's name as written: titles, given name(s) and surname (either may be empty)."""

    start: int
    end: int
    titles: tuple[str, ...]
    given: str
    surname: str

    @property
    def full(self) -> str:
        """Given name and surname, titles left out."""
        return " ".join(p for p in (self.given, self.surname) if p)


@dataclass(frozen=True)
class RoleMention:
    """A role phrase; `group` when its head is plural («معاونان …»)."""

    start: int
    end: int
    text: str
    group: bool


def words_of(text: str) -> ws.Words:
    """(word, start, end) of each word of `text` (letters, digits and ZWNJ)."""
    return [(m.group(), m.start(), m.end()) for m in _WORD.finditer(lx.fold(text))]


def name_at(text: str, words: ws.Words, i: int, after_role: bool = False) -> NameMention | None:
    """The name that starts at word `i`, if one does; `after_role` when a role and a comma
    stand right before it («مدیرکل …، کاوه رستگار، افزود»)."""
    j = i
    titles: list[str] = []
    while j < len(words) and words[j][0] in lx.HONORIFICS and (j == i or ws.joined(text, words, j)):
        titles.append(words[j][0])
        j += 1
    given: list[str] = []
    while (
        j < len(words)
        and len(given) < 2
        and lx.is_given_name(words[j][0])
        and (j == i or ws.joined(text, words, j))
    ):
        given.append(words[j][0])
        j += 1
    if (
        titles
        and not given
        and (
            ws.unlisted_given_name(text, words, j)
            or (ws.name_pair(text, words, j) and _role_follows(text, words, j + 2))
        )
    ):
        # «دکتر بهروز نجفی»: a title vouches for a rarer given name; with a role in apposition
        # after it, whatever the surname's shape («دکتر کریم عساکره، رئیس شورا، …»)
        given.append(words[j][0])
        j += 1
    elif j == i and (
        (
            ws.unlisted_given_name(text, words, j, True)
            and (
                _role_follows(text, words, j + 2)
                or (ws.opens_clause(text, words, i) and _role_opens_saying(text, words, j + 2))
            )
        )
        or (
            ws.opens_clause(text, words, i)
            and ws.name_pair(text, words, j)
            and (_role_follows(text, words, j + 2) or _role_opens_saying(text, words, j + 2))
        )
    ):
        # «نرگس موسوی، مدیرکل …»: a role in apposition vouches; so does a role written right
        # after the name that opens a clause of saying («کیومرث حیدری فرماندار ایوان نیز
        # … اظهار کرد»), not a headline's «نشست خبری سخنگوی پلیس». A pair opening a clause
        # needs no Persian surname ending («لوان چخائیدزه سفیر گرجستان نیز … تصریح کرد»).
        given.append(words[j][0])
        j += 1
    elif j == i and after_role and ws.between_commas(text, words, j):
        given.append(words[j][0])  # «مدیرکل …، کاوه رستگار، افزود»: so does one before it
        j += 1
    surname = ""
    if (
        i < j < len(words)
        and ws.joined(text, words, j)
        and ws.can_be_surname(words[j][0])
        and words[j][0] not in lx.GIVEN_NAMES
    ):
        surname = words[j][0]
        j += 1
    if len(given) == 2 and not surname and ws.can_be_surname(given[1]):
        surname = given.pop()  # «علی حسن» is a given name and a surname, not two given names
    if not (titles and (given or surname)) and not (given and surname):
        return None
    if (
        titles
        and not given
        and (
            (titles == ["استاد"] and j < len(words) and words[j][0] in lx.BODY_WORDS)
            or (i > 0 and words[i - 1][0] in lx.DEMONSTRATIVES)
        )
    ):
        return None  # «استاد جراحی دانشگاه», «این استاد جراحی»: a trade and its field
    return NameMention(words[i][1], words[j - 1][2], tuple(titles), " ".join(given), surname)


def _role_opens_saying(text: str, words: ws.Words, j: int) -> bool:
    """Word j opens a role written right after a name, with only a space or a comma between,
    and a verb of saying follows («…»، عبدالغفور ریگی، دهیار روستای کورین … گفت)."""
    return (
        0 < j < len(words)
        and text[words[j - 1][2] : words[j][1]].strip() in ("", "،", ",")
        and ws.role_head_at(words, j)
        and bool(lx.SPEECH_VERB.search(text, words[j][2]))
    )


def _role_follows(text: str, words: ws.Words, j: int) -> bool:
    """True when word j opens a role phrase right after a comma, closed by another comma
    («…، مدیرکل منابع طبیعی مازندران، گفت»)."""
    if j >= len(words) or not ws.comma_between(text, words, j) or not ws.role_head_at(words, j):
        return False
    # The role phrase from word j on, not `roles_in(text)`: that rescans the sentence from its
    # start, whose role phrases ask `name_at` again, which asked this: an endless loop when a
    # role holds a name-shaped pair before a comma («رئیس دانشگاه علوم پزشکی، مدیرکل …»).
    # From j the nested questions only ever look further right, so they end.
    last = _role_end(text, words, j)
    # «…، نماینده مردم گنبدکاووس و عضو کمیسیون کشاورزی، نیز …»: two roles of one person
    while (
        last + 2 < len(words)
        and words[last + 1][0] == "و"
        and ws.joined(text, words, last + 1)
        and ws.joined(text, words, last + 2)
        and lx.is_role_head(words[last + 2][0])
    ):
        last = _role_end(text, words, last + 2)
    return text[words[last][2] :].lstrip().startswith(("،", ","))


def names_in(text: str) -> list[NameMention]:
    """Every name written in a sentence, left to right; not those that name a place."""
    words = words_of(text)
    found: list[NameMention] = []
    i = 0
    while i < len(words):
        mention = name_at(text, words, i)
        if mention is None:
            i += 1
            continue
        if ws.names_a_place(words, i):
            while i < len(words) and words[i][1] < mention.end:
                i += 1
            continue
        found.append(mention)
        while i < len(words) and words[i][1] < mention.end:
            i += 1
    return found


def _role_end(text: str, words: ws.Words, i: int) -> int:
    """Index of the last word of the role phrase that starts at word `i`."""
    last = i
    j = i + 1
    while j < len(words) and j - i < MAX_ROLE_WORDS:
        word = words[j][0]
        after = words[j + 1][0] if j + 1 < len(words) else ""
        if word in lx.ROLE_STOP_WORDS:
            break
        if not ws.joined(text, words, j) and not _enumeration_after_comma(text, words, j):
            break
        if word in ("به", "از", "را", "که", "برای", "تا", "بر") or name_at(text, words, j):
            break
        if word == "در" and after not in lx.ROLE_DAR_KEEP:
            break
        if word == "با" and (after in lx.ROLE_BA_STOP or not after):
            break
        if word == "و" and (
            after in lx.ROLE_HEADS
            or after in lx.GROUP_HEADS
            or after in lx.NAME_STOPS
            or after in lx.HONORIFICS
            or after in lx.GIVEN_NAMES
            or after in lx.PRONOUNS
            or after == "یکی"  # «دبیر سابق فدراسیون و یکی از چهار نامزد»: he is one of them
            or (after == "هیئت" and j + 2 < len(words) and words[j + 2][0] == "همراه")
        ):
            break  # «سفیر گرجستان و هیئت همراه»: his party, not his role
        if lx.SPEECH_VERB.match(text, words[j][1]):
            break
        if (
            j + 1 < len(words)
            and ws.joined(text, words, j + 1)
            and (after in _DOING_VERBS or (after in _BECOMING_VERBS and word in _VERBAL_NOUNS))
        ):
            break  # «به ریاست نایب رئیس مجلس آغاز شد»: a compound verb's noun, not the role's
        last = j
        j += 1
    while last > i and words[last][0] in ("و", "با", "در"):
        last -= 1
    return last


def _enumeration_after_comma(text: str, words: ws.Words, j: int) -> bool:
    """True when a comma before word j sits inside a role that lists its fields
    («رئیس کمیسیون برنامه، بودجه و حقوقی», «مدیرکل میراث فرهنگی، گردشگری و صنایع دستی»): the
    words after it read «B و C», and B is not another person, role or a predicate word."""
    if text[words[j - 1][2] : words[j][1]].strip() not in ("،", ","):
        return False
    first = words[j][0]
    if (
        first in lx.ROLE_HEADS
        or first in lx.GROUP_HEADS
        or first in lx.HONORIFICS
        or first in lx.GIVEN_NAMES
        or first in lx.NAME_STOPS
        or first in lx.PRONOUNS
        or first in lx.ROLE_STOP_WORDS
        or name_at(text, words, j)
    ):
        return False
    for k in (j + 1, j + 2):
        if k + 1 >= len(words) or not all(ws.joined(text, words, m) for m in range(j + 1, k + 2)):
            return False
        if words[k][0] == "و":
            after = words[k + 1][0]
            return not (
                after in lx.ROLE_HEADS
                or after in lx.NAME_STOPS
                or after in lx.HONORIFICS
                or after in lx.GIVEN_NAMES
            )
    return False


def roles_in(text: str) -> list[RoleMention]:
    """Every role phrase of a sentence, left to right, none inside another."""
    words = words_of(text)
    found: list[RoleMention] = []
    i = 0
    while i < len(words):
        word = words[i][0]
        pair = (word, words[i + 1][0] if i + 1 < len(words) else "")
        if lx.is_role_head(word) or word in lx.GROUP_HEADS or pair in lx.TWO_WORD_HEADS:
            last = _role_end(text, words, i)
            start, end = words[i][1], words[last][2]
            found.append(RoleMention(start, end, text[start:end], word in lx.GROUP_HEADS))
            i = last + 1
        else:
            i += 1
    return found
