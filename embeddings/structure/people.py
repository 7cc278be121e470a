"""Who is who: names and roles joined into people as the text links them.

Each name (keyed by surname) and each role phrase (keyed by its words) starts as its own
entry; a link the text makes (apposition, a chair who is then named, a role sentence next to
a name sentence about the same statement) joins two entries. A role is never joined to two
different names: a link that would do so is dropped, so one person's role can't leak to
another. Names are only ever copied from the text.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from embeddings.structure import lexicon as lx
from embeddings.structure.mentions import NameMention
from embeddings.structure.model import Person


@dataclass
class _Entry:
    first: int
    sentences: list[int] = field(default_factory=list)
    mention: NameMention | None = None
    role: str = ""
    group: bool = False
    titles: list[str] = field(default_factory=list)
    order: int = 0


class PeopleRegistry:
    """Names and roles of one document, and the links between them."""

    def __init__(self) -> None:
        """Starts empty."""
        self._entries: dict[str, _Entry] = {}
        self._parent: dict[str, str] = {}
        self._links: dict[str, list[int]] = {}

    @staticmethod
    def name_key(mention: NameMention) -> str:
        """Key of a name: its surname, else its given name."""
        return "n:" + lx.key(mention.surname or mention.given)

    @staticmethod
    def role_key(role: str) -> str:
        """Key of a role phrase."""
        return "r:" + lx.key(role)

    def _same_surname(self, mention: NameMention) -> list[str]:
        """Keys of the names sharing the mention's surname (or given name, without one)."""
        base = self.name_key(mention)
        return [k for k in self._entries if k == base or k.startswith(base + "#")]

    def _key_for(self, mention: NameMention, sentence: int) -> str:
        """The entry a mention belongs to. A full name with a new given name is a new person
        («محمد کریمی» after «مریم کریمی»); a surname alone is the person of that surname
        introduced last before it (news names someone in full, then by surname)."""
        base = self.name_key(mention)
        keys = self._same_surname(mention)
        if not keys:
            return base
        if mention.given and mention.surname:
            wanted = lx.key(mention.given)
            givens = {k: lx.key(self._entries[k].mention.given) for k in keys}
            same = [k for k in keys if givens[k] == wanted]
            if same:
                return same[0]
            if any(givens.values()):
                return f"{base}#{wanted}"
            return keys[0]
        before = [k for k in keys if self._entries[k].first <= sentence]
        if before:
            return max(before, key=lambda k: self._entries[k].first)
        return min(keys, key=lambda k: self._entries[k].first)

    def add_name(self, mention: NameMention, sentence: int) -> str:
        """Records a name mention; the fullest spelling seen is kept."""
        key = self._key_for(mention, sentence)
        entry = self._entries.get(key)
        if entry is None:
            entry = self._entries[key] = _Entry(sentence, mention=mention, order=len(self._entries))
            self._parent[key] = key
        elif len(mention.full) > len(entry.mention.full):
            entry.mention = mention
        entry.first = min(entry.first, sentence)
        entry.sentences.append(sentence)
        entry.titles.extend(t for t in mention.titles if t not in entry.titles)
        return key

    def add_role(self, role: str, sentence: int, group: bool = False) -> str:
        """Records a role phrase."""
        key = self.role_key(role)
        entry = self._entries.get(key)
        if entry is None:
            entry = self._entries[key] = _Entry(
                sentence, role=role, group=group, order=len(self._entries)
            )
            self._parent[key] = key
        entry.first = min(entry.first, sentence)
        entry.sentences.append(sentence)
        return key

    def known_surname(self, word: str, sentence: int) -> str | None:
        """The key of the known name whose surname is `word`, as read at `sentence`."""
        if "n:" + lx.key(word) not in self._entries:
            return None
        return self._key_for(NameMention(0, 0, (), "", word), sentence)

    def is_full_name(self, key: str) -> bool:
        """True for a name written with a given name or a title, as news introduces people."""
        mention = self._entries[key].mention
        return mention is not None and bool(mention.given or mention.titles)

    def role_keys(self) -> list[str]:
        """Keys of every role phrase, in order of first mention."""
        keys = [k for k in self._entries if k.startswith("r:")]
        return sorted(keys, key=lambda k: _first(self._entries[k]))

    def role_text(self, key: str) -> str:
        """The role phrase of a role key."""
        return self._entries[key].role

    def find(self, key: str) -> str:
        """The representative key of the person `key` belongs to."""
        while self._parent[key] != key:
            self._parent[key] = self._parent[self._parent[key]]
            key = self._parent[key]
        return key

    def _names_of(self, root: str) -> set[str]:
        return {k for k in self._entries if k.startswith("n:") and self.find(k) == root}

    def has_name(self, key: str) -> bool:
        """True when the person of `key` has a name."""
        return bool(self._names_of(self.find(key)))

    def has_role(self, key: str) -> bool:
        """True when the person of `key` has a role."""
        root = self.find(key)
        return any(k.startswith("r:") and self.find(k) == root for k in self._entries)

    def roles_of(self, key: str) -> list[str]:
        """The role keys of the person `key` belongs to."""
        root = self.find(key)
        return [k for k in self._entries if k.startswith("r:") and self.find(k) == root]

    def first_sentence(self, key: str) -> int:
        """Where a name or role is first mentioned."""
        return self._entries[key].first

    def is_group(self, key: str) -> bool:
        """True for a plural role («معاونان …»)."""
        return self._entries[key].group

    def link(self, a: str, b: str, sentences: list[int]) -> bool:
        """Joins two entries as one person, unless that would give one person two names."""
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return True
        if self._names_of(ra) and self._names_of(rb):
            return False
        if self._entries[a].group or self._entries[b].group:
            return False
        self._parent[rb] = ra
        for key in (a, b):
            self._links.setdefault(key, []).extend(sentences)
        return True

    def people(self, wanted: set[str]) -> tuple[list[Person], dict[str, int]]:
        """People in order of first mention: every named one, and role-only ones in `wanted`.

        Returns:
            The people and {entry key: person index} for every entry that belongs to one.
        """
        groups: dict[str, list[str]] = {}
        for key in sorted(self._entries, key=lambda k: _first(self._entries[k])):
            groups.setdefault(self.find(key), []).append(key)
        wanted_roots = {self.find(k) for k in wanted if k in self._entries}
        people: list[Person] = []
        index: dict[str, int] = {}
        for root, keys in sorted(groups.items(), key=lambda kv: self._entries[kv[1][0]].first):
            names = [self._entries[k] for k in keys if k.startswith("n:")]
            if not names and root not in wanted_roots:
                continue
            person = Person()
            if names:
                best = max(names, key=lambda e: (len(e.mention.full), -e.first)).mention
                person.name, person.given, person.surname = best.full, best.given, best.surname
                person.titles = list(dict.fromkeys(t for e in names for t in e.titles))
            roles = sorted((self._entries[k] for k in keys if k.startswith("r:")), key=_first)
            person.roles = _without_shorter_wordings(list(dict.fromkeys(e.role for e in roles)))
            person.group = any(e.group for e in roles) and not names
            evidence = {e.first for e in names} | {s for k in keys for s in self._links.get(k, [])}
            if not names and roles:
                evidence.add(roles[0].first)
            person.evidence = sorted(evidence)
            for key in keys:
                index[key] = len(people)
            people.append(person)
        return people, index


def _without_shorter_wordings(roles: list[str]) -> list[str]:
    """Drops a role that another of the same person's roles only lengthens."""
    words = [lx.fold(r).split() for r in roles]
    return [
        role
        for role, mine in zip(roles, words, strict=True)
        if not any(
            len(o) > len(mine) and all(map(lx.same_word, mine, o[: len(mine)])) for o in words
        )
    ]


def _first(entry: _Entry) -> tuple[int, int]:
    return entry.first, entry.order
