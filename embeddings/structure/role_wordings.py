"""Wordings of one role joined: «معاون درمان دانشگاه» and «معاون درمان دانشگاه علوم پزشکی
زنجان», «مدیرعامل قطار شهری» and «مدیرعامل شرکت قطار شهری مشهد», when only one person holds
a role so worded."""

from __future__ import annotations

from embeddings.structure import lexicon as lx
from embeddings.structure.mentions import name_at, words_of
from embeddings.structure.people import PeopleRegistry
from embeddings.structure.places import ANY_PLACE, same_place_or_word, with_place_token

_INSTITUTION_WORDS = frozenset(["شرکت", "سازمان"])


def link_longer_roles(registry: PeopleRegistry, places: list[list[str]] | None = None) -> None:
    """A role and its longer or shorter wording («معاون درمان دانشگاه» / «… علوم پزشکی
    زنجان») are one person, when only one person holds a role so worded. A trailing place
    is one word, and the report's «استان» matches a named one (`places`: see places.py)."""
    keys = registry.role_keys()
    # «شرکت / سازمان» may be left out when a role is worded again («مدیرعامل قطار شهری» for
    # «مدیرعامل شرکت قطار شهری مشهد»)
    words = {k: with_place_token(_wording(registry.role_text(k)), places or []) for k in keys}
    for key in keys:
        if registry.is_group(key):
            continue
        others = [
            other
            for other in keys
            if other != key
            and not registry.is_group(other)
            and registry.find(other) != registry.find(key)
            and _prefix(words[key], words[other])
        ]
        matches = {registry.find(other) for other in others}
        # «سخنگوی پلیس» / «سخنگوی پلیس راهور» / «… راهور کشور»: wordings of one chain
        chain = all(_prefix(words[a], words[b]) for a in others for b in others)
        if len(matches) == 1 or (matches and chain):
            for root in matches:
                registry.link(key, root, [])


def link_shortened_roles(registry: PeopleRegistry) -> None:
    """An unnamed speaker's role that leaves words out of one other role, head first and in
    order («معاون استاندار» for «معاون سیاسی امنیتی استاندار سیستان و بلوچستان»), is that
    person, when no other role could be so shortened (two deputies make it ambiguous)."""
    keys = [k for k in registry.role_keys() if not registry.is_group(k)]
    words = {k: _wording(registry.role_text(k)) for k in keys}
    for key in keys:
        if registry.has_name(key) or len(words[key]) < 2:
            continue
        matches = {
            registry.find(other)
            for other in keys
            if registry.find(other) != registry.find(key)
            and len(words[other]) > len(words[key])
            and _shortened(words[key], words[other])
        }
        if len(matches) == 1:
            registry.link(key, matches.pop(), [])


def holds_rival_role(
    registry: PeopleRegistry, person: str, role: str, places: list[list[str]]
) -> bool:
    """Whether the person of `person` holds a role of the same head and the same place as
    `role`, worded otherwise: «مدیرکل نوسازی مدارس این استان» is not the «مدیرکل آموزش و
    پرورش آذربایجان غربی» already named (two posts of one kind in one place). A role without
    a place may be a short form («مدیرعامل آبفا» of «… شرکت آب و فاضلاب استان تهران»)."""
    mine = with_place_token(_wording(registry.role_text(role)), places)
    if not mine[-1].startswith(ANY_PLACE):
        return False
    for other in registry.roles_of(person):
        theirs = with_place_token(_wording(registry.role_text(other)), places)
        if (
            lx.head_of(registry.role_text(other)) == lx.head_of(registry.role_text(role))
            and theirs[-1].startswith(ANY_PLACE)
            and same_place_or_word(mine[-1], theirs[-1])
            and not _prefix(mine[:-1], theirs[:-1])
        ):
            return True
    return False


# Words of a role that name its office: «مدیرکل میراث فرهنگی» of «مدیرکل میراث فرهنگی،
# گردشگری و صنایع دستی کردستان» and of «مدیرکل میراث فرهنگی استان».
OFFICE_WORDS = 3


def same_office(registry: PeopleRegistry, role_key: str, name_key: str) -> bool:
    """Whether the named person's every role opens with the role's office (its first three
    words, a suffix apart), and no other role of the report does: then the name is that role's
    holder, named the second time with a shorter form of the role."""
    office = _office(registry.role_text(role_key))
    theirs = [registry.role_text(k) for k in registry.roles_of(name_key)]
    if len(office) < OFFICE_WORDS or not theirs:
        return False

    def opens_with_office(role: str) -> bool:
        words = _office(role)
        return len(words) == OFFICE_WORDS and all(map(lx.same_word, office, words))

    if not all(opens_with_office(role) for role in theirs):
        return False
    mine = {registry.find(role_key), registry.find(name_key)}
    return not any(
        opens_with_office(registry.role_text(k))
        for k in registry.role_keys()
        if registry.find(k) not in mine
    )


def _office(role: str) -> list[str]:
    return lx.fold(role).replace("،", " ").replace(",", " ").split()[:OFFICE_WORDS]


def _wording(role: str) -> list[str]:
    return [w for w in lx.fold(role).replace("رییس", "رئیس").split() if w not in _INSTITUTION_WORDS]


def _shortened(short: list[str], long: list[str]) -> bool:
    """`short` is `long` with words left out (the same head, the rest in order), none of them
    naming a body of its own («معاون استاندار» for «معاون سیاسی امنیتی استاندار …»)."""
    if not lx.same_word(short[0], long[0]):
        return False
    kept = 1
    for word in long[1:]:
        if kept < len(short) and lx.same_word(short[kept], word):
            kept += 1
        elif kept < len(short) and word in lx.BODY_WORDS:
            return False  # a body left out before the words kept
    return kept == len(short)


def _prefix(a: list[str], b: list[str]) -> bool:
    """One wording starts the other, word by word up to a suffix («رئیس شورا» / «رئیس شورای
    اسلامی شهر»); a bare head word («استاندار») counts too, the caller asking that only one
    person holds a role so worded."""
    shorter, longer = (a, b) if len(a) <= len(b) else (b, a)
    return bool(shorter) and all(
        same_place_or_word(s, t) for s, t in zip(shorter, longer[: len(shorter)], strict=True)
    )


def link_named_chair(sentences: list[str], chair: int | None, registry: PeopleRegistry) -> None:
    """«جلسه شورای شهر کرج به ریاست محمدعلی نادری …» then «رئیس شورای شهر کرج … گفت»: a chair
    named without a role is the one unnamed «رئیس» of the body whose meeting it is (the word
    after «رئیس» is in the chair sentence before «به ریاست»)."""
    if chair is None:
        return
    text = sentences[chair]
    folded = lx.fold(text)
    cue = lx.CHAIR_CUE.search(folded)
    words = words_of(text)
    at = next((i for i, w in enumerate(words) if cue and w[1] >= cue.end()), None)
    name = name_at(text, words, at) if at is not None else None
    if name is None:
        return
    key = registry.add_name(name, chair)
    if registry.has_role(key):
        return
    body = folded[: cue.start()].split()
    roots = set()
    for role in registry.role_keys():
        wording = lx.fold(registry.role_text(role)).split()
        if (
            registry.is_group(role)
            or registry.has_name(role)
            or lx.head_of(registry.role_text(role)) != "رئیس"
            or len(wording) < 2
            or not any(lx.same_word(wording[1], w) for w in body)
        ):
            continue
        roots.add(registry.find(role))
    if len(roots) == 1:
        registry.link(roots.pop(), key, [chair])
