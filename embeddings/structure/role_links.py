"""Links news style implies between a role and a name, once every sentence has its speaker.

- The chair («به ریاست استاندار …») or a kicker role («استاندار …:») is the first speaker
  named after the lead, when nothing else gives that person a role.
- A speaker introduced by role is the name that speaks next, when that name appears there for
  the first time with no role of its own: a full name («معاون … نیز گفت» then «علی جهانگیری …
  افزود»), or a bare surname that says it goes on («مدیرکل … گفت» then «کریمی همچنین …»,
  «کریمی افزود»), or, in the next sentence, a name with a shorter form of the same office
  («مدیرکل میراث فرهنگی، گردشگری و صنایع دستی کردستان» / «سمیرا رحیمی، مدیرکل میراث فرهنگی
  استان»: `role_wordings.same_office`).
- A role used between two statements of one named speaker, or «در بخش دیگری از سخنان خود»,
  is that speaker named another way (unless «نیز» marks a new voice).
- Whoever «افزود» in the very next sentence was the role speaking, when their roles are worded
  alike («شهردار منتخب اهواز … گفت» then «حیدری‌فرد افزود»).
- One office, one holder: a role speaker whose office one named person holds is that person
  (`link_by_office`).
- The one role left without a name and the one name left without a role are one speaker, when
  one speaks right after the other (`link_lone_speakers`).
"""

from __future__ import annotations

import itertools
import re
from dataclasses import dataclass

from embeddings.structure import lexicon as lx
from embeddings.structure.headline import Top
from embeddings.structure.mentions import roles_in
from embeddings.structure.people import PeopleRegistry
from embeddings.structure.role_wordings import OFFICE_WORDS, holds_rival_role, same_office

# The first named speaker this many sentences after the chair sentence can be the chair.
CHAIR_REACH = 3
_FURTHER = re.compile(r"[\s\u200c]*همچنین(?![\w\u200c])")
_ADDED = re.compile(r"(?<![\w\u200c])(?:افزود|ادامه[\s\u200c]*داد)(?![\w\u200c])")


def goes_on(sentence: str, subject_end: int) -> bool:
    """Whether a sentence's named speaker continues («کریمی همچنین …», «کریمی … افزود»)."""
    folded = lx.fold(sentence)
    return bool(_FURTHER.match(folded, subject_end) or _ADDED.search(folded, subject_end))


@dataclass(frozen=True)
class Said:
    sentence: int
    key: str
    how: str
    also: bool
    cue: bool
    goes_on: bool = False  # a named speaker who «همچنین …» / «افزود»: the one who spoke


def link_chair(
    sentences: list[str], top: Top, registry: PeopleRegistry, said: list[Said]
) -> str | None:
    """Links the chair's (or the kicker's) role to the first speaker named after the lead."""
    chair_key = None
    candidates = []
    if top.chair is not None:
        sentence = lx.fold(sentences[top.chair])
        cue = lx.CHAIR_CUE.search(sentence)
        role = next((r for r in roles_in(sentences[top.chair]) if r.start == cue.end()), None)
        if role is not None and not role.group:
            chair_key = registry.add_role(role.text, top.chair)
            candidates.append((chair_key, top.chair))
    if top.kicker is not None:
        kicker = sentences[top.kicker].strip().rstrip(":").strip()
        roles = roles_in(kicker)
        if len(roles) == 1 and roles[0].text == kicker and not roles[0].group:
            candidates.append((registry.add_role(kicker, top.kicker), top.kicker))
    start = top.chair if top.chair is not None else top.lead
    for key, sentence in candidates:
        if registry.has_name(key) or start is None:
            continue
        first = next(
            (s for s in said if s.sentence > start and s.how not in ("continuation", "answer")),
            None,
        )
        if (
            first is not None
            and first.how == "name"
            and first.sentence - start <= CHAIR_REACH
            and not registry.has_role(first.key)
        ):
            registry.link(key, first.key, [sentence, first.sentence])
    return chair_key


def link_roles_to_names(
    registry: PeopleRegistry, said: list[Said], places: list[list[str]]
) -> None:
    """Role-introduced speakers joined to the name that continues or surrounds them."""
    for position, current in enumerate(said):
        if current.how != "role" or registry.has_name(current.key):
            continue
        if registry.is_group(current.key):
            continue
        following = next(
            (s for s in said[position + 1 :] if s.how not in ("continuation", "answer")), None
        )
        previous = said[position - 1] if position else None
        if (
            following is not None
            and following.how == "name"
            and registry.is_full_name(following.key)
            and not registry.has_role(following.key)
            and registry.first_sentence(following.key) >= current.sentence
        ):
            registry.link(current.key, following.key, [current.sentence, following.sentence])
        elif (
            following is not None
            and following.how == "name"
            and following.sentence - current.sentence <= 1
            and registry.first_sentence(following.key) >= current.sentence
            and same_office(registry, current.key, following.key)
        ):
            # «مدیرکل میراث فرهنگی، گردشگری و صنایع دستی کردستان … گفت» then «به گفته سمیرا
            # رحیمی، مدیرکل میراث فرهنگی استان، …»: the office named again, shorter, with a name
            registry.link(current.key, following.key, [current.sentence, following.sentence])
        elif (
            following is not None
            and following.how == "name"
            and following.goes_on
            and not registry.has_role(following.key)
            and registry.first_sentence(following.key) >= current.sentence
        ):
            # «مدیرکل … گفت: …» then «کریمی همچنین … خبر داد»: a surname first seen saying it
            # goes on is who has been speaking
            registry.link(current.key, following.key, [current.sentence, following.sentence])
        elif (
            following is not None
            and following.how == "name"
            and following.goes_on
            and following.sentence - current.sentence <= 1
            and _worded_alike(registry, following.key, current.key)
        ):
            # «شهردار منتخب اهواز … گفت» then «حیدری‌فرد افزود»: whoever adds, in the very
            # next sentence, was the one speaking, even when named before with another wording
            registry.link(current.key, following.key, [current.sentence, following.sentence])
        elif (
            following is not None
            and following.how == "name"
            and following.sentence - current.sentence <= 1
            and _newly_holding(registry, following.key, current.key)
        ):
            # «رئیس جدید فدراسیون … گفت» then «ابوالقاسمی … تصریح کرد», of a report whose
            # headline says «ابوالقاسمی رئیس فدراسیون قایقرانی شد»: the new holder speaking
            registry.link(current.key, following.key, [current.sentence, following.sentence])
        elif (
            not current.also
            and previous is not None
            and registry.has_name(previous.key)
            and not holds_rival_role(registry, previous.key, current.key, places)
            and (
                current.cue
                or (
                    following is not None
                    and registry.find(following.key) == registry.find(previous.key)
                )
            )
        ):
            registry.link(current.key, previous.key, [previous.sentence, current.sentence])


def link_by_office(registry: PeopleRegistry, said: list[Said]) -> None:
    """A speaker known only by role whose office (its first words) one named person holds, and
    no other role of the report opens with, is that person («مهندس جواد نیک‌پور، مدیرکل منابع
    طبیعی و آبخیزداری استان کرمان، …» then, later, «مدیرکل منابع طبیعی و آبخیزداری، … افزود»).
    """
    for current in said:
        if current.how != "role" or registry.has_name(current.key):
            continue
        if registry.is_group(current.key):
            continue
        holders = {
            registry.find(s.key)
            for s in said
            if s.how == "name"
            and same_office(registry, current.key, s.key)
            and _shares_opening(registry, current.key, s.key)
        }
        if len(holders) == 1:
            (holder,) = holders
            first = next(s for s in said if registry.find(s.key) == holder)
            registry.link(current.key, first.key, [first.sentence, current.sentence])


# Words two wordings of one office open with, beyond the three `same_office` compares:
# «مدیرعامل شرکت آب منطقه‌ای» and «مدیرعامل شرکت آب و فاضلاب» are two companies.
SHARED_OPENING = 4


def _shares_opening(registry: PeopleRegistry, role: str, person: str) -> bool:
    """Whether the role and one of the person's roles open with the same `SHARED_OPENING`
    words (or the shorter is all of the other's opening)."""
    mine = lx.fold(registry.role_text(role)).replace("،", " ").split()
    for other in registry.roles_of(person):
        theirs = lx.fold(registry.role_text(other)).replace("،", " ").split()
        n = min(SHARED_OPENING, len(mine), len(theirs))
        whole = n == SHARED_OPENING or n in (len(mine), len(theirs))
        if whole and n >= OFFICE_WORDS and all(map(lx.same_word, mine[:n], theirs[:n])):
            return True
    return False


def _worded_alike(registry: PeopleRegistry, person: str, role: str) -> bool:
    """Whether the person has no role, or has one with the role's head whose other words are
    all among the role's, or the other way round («شهردار اهواز», «شهردار منتخب اهواز»); not
    «فرماندار بناب» for «فرماندار شهرستان ملکان»."""
    theirs = registry.roles_of(person)
    if not theirs:
        return True
    text = registry.role_text(role)
    mine = set(lx.fold(text).split()[1:])
    for other in theirs:
        wording = registry.role_text(other)
        if lx.head_of(wording) != lx.head_of(text):
            continue
        words = set(lx.fold(wording).split()[1:])
        if words <= mine or mine <= words:
            return True
    return False


# What makes a role the newly chosen holder's: «رئیس جدید», «شهردار منتخب».
_NEWLY = frozenset(["جدید", "منتخب", "تازه"])


def _newly_holding(registry: PeopleRegistry, person: str, role: str) -> bool:
    """Whether the role is worded as a new holder's («رئیس جدید فدراسیون») and, that word
    left out, the person holds a role with its head and every other word of it."""
    text = lx.fold(registry.role_text(role)).split()
    if not _NEWLY & set(text[1:]):
        return False
    mine = set(text[1:]) - _NEWLY
    for other in registry.roles_of(person):
        wording = lx.fold(registry.role_text(other)).split()
        if wording[0] == text[0] and mine <= set(wording[1:]):
            return True
    return False


def link_lone_speakers(registry: PeopleRegistry, said: list[Said]) -> None:
    """The one speaker known only by role and the one named speaker with no role are one
    person when one speaks right after the other.

    A report may name someone once, with no role, between statements it gives to a role
    («دکتر بهروز صادقیان‌پور در ادامه … گفت» then «استاندار … اظهار کرد»): every other
    speaker has both, so the two left over are the same voice.
    """
    voiced = [s for s in said if s.how in ("name", "role")]
    roles = {
        registry.find(s.key)
        for s in voiced
        if s.how == "role" and not registry.is_group(s.key) and not registry.has_name(s.key)
    }
    names = {
        registry.find(s.key)
        for s in voiced
        if s.how == "name" and registry.is_full_name(s.key) and not registry.has_role(s.key)
    }
    if len(roles) != 1 or len(names) != 1:
        return
    pair = roles | names
    for before, after in itertools.pairwise(voiced):
        if {registry.find(before.key), registry.find(after.key)} == pair:
            registry.link(before.key, after.key, [before.sentence, after.sentence])
            return
