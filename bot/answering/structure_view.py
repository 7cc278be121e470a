"""The structures of an index's documents, read the way answers need them: sentences by
number, the speaker of a sentence, the passages that hold an answer's sentences."""

from __future__ import annotations

from bot.answering.types import Answer, Passage, Speaker
from embeddings.hybrid_retriever import RankedChunk
from embeddings.index_store import IndexData
from embeddings.structure.model import DocumentStructure, Person

MAX_LIST_CHARS = 1000


def speaker_of(person: Person) -> Speaker:
    """The answer contract's speaker: the name, or the role when the text gives no name."""
    return Speaker(person.label, tuple(person.roles))


def distinct_roles(roles: list[str]) -> list[str]:
    """The roles to show, leaving out a longer or shorter wording of one kept before it
    («فرماندار خوی» / «فرماندار شهرستان خوی», «مدیرکل اوقاف اصفهان» / «مدیرکل اوقاف و امور
    خیریه استان اصفهان» are one role, both stored so that either wording finds the person)."""
    kept: list[set[str]] = []
    shown = []
    for role in roles:
        words = set(role.split())
        if any(words <= other or other <= words for other in kept):
            continue
        kept.append(words)
        shown.append(role)
    return shown


def describe(person: Person) -> str:
    """«دکتر محمدرضا پورمحمدی، استاندار … و رئیس …»."""
    name = " ".join([*person.titles, person.name]) if person.name else ""
    roles = " و ".join(distinct_roles(person.roles))
    return "، ".join(p for p in (name, roles) if p)


def role_header(person: Person) -> str:
    """«نام: سمت؛ سمت»; a person known only by role is not named by it twice («X: X»)."""
    roles = "؛ ".join(distinct_roles(person.roles))
    return f"{person.name}: {roles}" if person.name else roles


def join_lines(lines: list[str], limit: int = MAX_LIST_CHARS) -> tuple[str, bool]:
    """Lines joined one a line, as many as fit in `limit`; True when some were left out."""
    kept: list[str] = []
    for line in lines:
        if sum(len(k) + 1 for k in kept) + len(line) > limit:
            return "\n".join([*kept, "…"]), True
        kept.append(line)
    return "\n".join(kept), False


class StructureView:
    """The stored structures of one index, with its sentences and passages."""

    def __init__(self, data: IndexData) -> None:
        """Reads each document's stored structure and where its sentences start."""
        self.data = data
        self.structures = [DocumentStructure.from_dict(d.get("structure")) for d in data.documents]
        self.first: list[int] = [0] * len(data.documents)
        self.counts: list[int] = [0] * len(data.documents)
        for number in range(len(data.sentences) - 1, -1, -1):
            doc = data.sentences[number]["doc"]
            self.first[doc] = number
            self.counts[doc] += 1
        self._chunk_of: dict[int, int] = {}
        for chunk_id, chunk in enumerate(data.chunks):
            for sentence in range(*chunk["sentences"]):
                self._chunk_of.setdefault(sentence, chunk_id)

    def doc_id(self, name: str) -> int | None:
        """The index position of a document, by file name."""
        return next((i for i, d in enumerate(self.data.documents) if d["name"] == name), None)

    def sentences(self, doc: int) -> list[str]:
        """A document's sentences, in order."""
        text = self.data.documents[doc]["text"]
        rows = self.data.sentences[self.first[doc] : self.first[doc] + self.counts[doc]]
        return [text[s["start"] : s["end"]] for s in rows]

    def sentence(self, doc: int, number: int) -> str:
        """One sentence of a document."""
        row = self.data.sentences[self.first[doc] + number]
        return self.data.documents[doc]["text"][row["start"] : row["end"]]

    def speaker_at(self, doc: int, offset: int) -> Speaker | None:
        """Who the sentence at a character offset of a document is attributed to."""
        for number in range(self.counts[doc]):
            row = self.data.sentences[self.first[doc] + number]
            if row["start"] <= offset < row["end"]:
                person = self.structures[doc].speaker_of(number)
                return speaker_of(person) if person else None
        return None

    def _passages(self, doc: int, numbers: list[int], ranked: list[RankedChunk]) -> list[Passage]:
        scores = {hit.chunk_id: hit.score for hit in ranked}
        passages, seen = [], set()
        ids = [self.first[doc] + n for n in numbers]
        # A passage that holds every sentence of the answer comes first, when there is one.
        whole, chunk_id = None, self._chunk_of.get(min(ids)) if ids else None
        while chunk_id is not None and chunk_id < len(self.data.chunks):
            first, stop = self.data.chunks[chunk_id]["sentences"]
            if first > min(ids):
                break
            if max(ids) < stop:
                whole = chunk_id
                break
            chunk_id += 1
        for chunk_id in [whole, *(self._chunk_of.get(i) for i in ids)]:
            if chunk_id is None or chunk_id in seen:
                continue
            seen.add(chunk_id)
            chunk = self.data.chunks[chunk_id]
            text = self.data.documents[doc]["text"]
            passages.append(
                Passage(
                    text[chunk["start"] : chunk["end"]],
                    self.data.documents[doc]["name"],
                    scores.get(chunk_id, 0.0),
                    chunk["start"],
                    chunk["end"],
                )
            )
        return passages

    def _answer(
        self,
        question: str,
        kind: str,
        doc: int,
        lines: list[str],
        numbers: list[int],
        ranked: list[RankedChunk],
        speaker: Speaker | None = None,
        limit: int = MAX_LIST_CHARS,
    ) -> Answer:
        text, cut = join_lines(lines, limit)
        # A line cut by `clip_line` ends with «…»: the answer then says it was clipped too.
        cut = cut or any(line.endswith("…") for line in lines)
        return Answer(
            question,
            text,
            False,
            self._passages(doc, numbers, ranked),
            kind=kind,
            speaker=speaker,
            answer_truncated=cut,
        )

    def _decline(
        self,
        question: str,
        kind: str,
        doc: int,
        note: str,
        numbers: list[int],
        ranked: list[RankedChunk],
        speaker: Speaker | None = None,
    ) -> Answer:
        return Answer(
            question,
            "",
            True,
            self._passages(doc, numbers, ranked),
            kind=kind,
            speaker=speaker,
            note=note,
        )

    def documents_by_relevance(self, ranked: list[RankedChunk]) -> list[int]:
        """Documents of the retrieved passages first, then the others in index order."""
        order = [self.data.chunks[hit.chunk_id]["doc"] for hit in ranked]
        return list(dict.fromkeys(order + list(range(len(self.data.documents)))))
