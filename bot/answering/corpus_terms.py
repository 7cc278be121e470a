"""What the index knows about words: how specific each term is, and whom the documents name.

Follow-up resolution asks these questions of the corpus: does a word of the question occur in
the documents at all, how specific is it (a word in few sentences says more about what is
asked than one in many), and is «پورمحمدی» someone's surname here.
"""

from __future__ import annotations

import math
from functools import cached_property

from bot.answering.person_names import person_names
from embeddings.index_store import IndexData


class CorpusTerms:
    """Sentence frequencies of lexical terms and the people named, for one `IndexData`."""

    def __init__(self, data: IndexData) -> None:
        """Counts, once, in how many sentences each term occurs and who is named where."""
        self.data = data
        frequency: dict[str, int] = {}
        for sentence in data.sentences:
            for term in set(sentence["terms"]):
                frequency[term] = frequency.get(term, 0) + 1
        self._frequency = frequency
        self._n = max(1, len(data.sentences))
        self._most_specific = math.log(1 + (self._n + 1) / 0.5)
        self._people: dict[str, str] | None = None
        self._speakers: dict[str, list[tuple[str, tuple[str, ...], bool, bool]]] = {}

    def frequency(self, term: str) -> int:
        """In how many indexed sentences the term occurs."""
        return self._frequency.get(term, 0)

    def specificity(self, term: str) -> float:
        """Smoothed IDF scaled to [0, 1]: 1 for a term of one sentence in a large corpus.

        Scaling by the IDF of an unseen term makes one threshold mean the same share of the
        corpus whether it holds forty sentences or forty thousand.
        """
        idf = math.log(1 + (self._n + 1) / (self.frequency(term) + 0.5))
        return idf / self._most_specific

    @property
    def people(self) -> dict[str, str]:
        """Full names the documents give, keyed by the name and by its last word (surname)."""
        if self._people is None:
            people: dict[str, str] = {}
            # the structure also knows names no given-name list holds («سهیل امیری» as the
            # subject of «گفت»)
            structured = [label for label, _, _, named in self.speakers(None) if named]
            for document in self.data.documents:
                for name in [*person_names(document["text"]), *structured]:
                    people.setdefault(name, name)
                    if " " in name:
                        people.setdefault(name.rsplit(" ", 1)[1], name)
            self._people = people
        return self._people

    @cached_property
    def role_words(self) -> frozenset[str]:
        """The first word of every role the documents' structures give («مدیرکل»)."""
        return frozenset(
            role.split()[0] for _, roles, _, _ in self.speakers(None) for role in roles if role
        )

    def speakers(self, document: str | None) -> list[tuple[str, tuple[str, ...], bool, bool]]:
        """(label, roles, spoke, named) of each person the structure of `document` knows.

        `spoke` is True when some sentence reports them speaking, `named` when the label is a
        name (not a role). Every document's people when `document` is None or unknown.
        """
        key = document or ""
        if key not in self._speakers:
            from embeddings.structure.model import DocumentStructure

            found = []
            for record in self.data.documents:
                if document and record["name"] != document:
                    continue
                structure = DocumentStructure.from_dict(record.get("structure"))
                speaking = {a.person for a in structure.attributions}
                for number, person in enumerate(structure.people):
                    if person.label and not person.group:
                        spoke = number in speaking
                        found.append((person.label, tuple(person.roles), spoke, bool(person.name)))
            if not found and document:
                return self.speakers(None)
            self._speakers[key] = found
        return self._speakers[key]
