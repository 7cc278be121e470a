"""The structure of one document, as stored with the index (plain JSON-able dataclasses).

Sentence numbers are positions in the document's own sentence list (the index's sentences of
that document, in order), so they survive the document moving inside the index.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

STRUCTURE_VERSION = 18


@dataclass
class Person:
    """One person (or one group, or a role whose holder is never named) of a document.

    Attributes:
        name: Given name and surname as the text gives them; "" when only a role is known.
        surname: The surname alone ("" when unknown).
        given: The given name(s) ("" when the text never gives them).
        titles: Honorifics used with the name («دکتر», «مهندس»).
        roles: Every role the text gives them, in order of first mention.
        evidence: Sentences that establish the name and each role, in document order.
        group: True for a plural subject («معاونان …»): several people, one voice.
    """

    name: str = ""
    surname: str = ""
    given: str = ""
    titles: list[str] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)
    evidence: list[int] = field(default_factory=list)
    group: bool = False

    @property
    def label(self) -> str:
        """How to call them in an answer: the name, else the first role."""
        return self.name or (self.roles[0] if self.roles else "")


@dataclass
class Attribution:
    """Who a sentence reports speaking, and how the text says so.

    Attributes:
        sentence: The sentence.
        person: Index into `DocumentStructure.people`.
        how: "name", "role", "continuation" («وی افزود») or "answer" (the further sentences,
            lines and paragraphs of an interview answer «X: …» / «ج: …»).
        quote: (start, end) of the quoted words inside the sentence, after «گفت:»; None when
            the sentence reports speech without a colon.
    """

    sentence: int
    person: int
    how: str
    quote: tuple[int, int] | None = None


@dataclass
class Decision:
    """A sentence that announces decisions or proposals, and the items it lists.

    Attributes:
        sentence: The announcing sentence (items may come from the sentences after it).
        kind: "decision" («مقرر شد», «تصویب شد», «مصوبات») or "proposal» («پیشنهاد»,
            «از آن جمله می‌توان به … اشاره کرد»).
        items: The items, as written.
    """

    sentence: int
    kind: str
    items: list[str] = field(default_factory=list)


@dataclass
class DocumentStructure:
    """Headline, lead, people, who said what, and decisions of one document."""

    kicker: int | None = None
    headline: int | None = None
    lead: int | None = None
    topic: int | None = None
    chair: int | None = None
    people: list[Person] = field(default_factory=list)
    attributions: list[Attribution] = field(default_factory=list)
    decisions: list[Decision] = field(default_factory=list)
    version: int = STRUCTURE_VERSION

    def speaker_of(self, sentence: int) -> Person | None:
        """The person a sentence is attributed to, if any."""
        for attribution in self.attributions:
            if attribution.sentence == sentence:
                return self.people[attribution.person]
        return None

    def attribution_of(self, sentence: int) -> Attribution | None:
        """The attribution of one sentence, if it has one."""
        return next((a for a in self.attributions if a.sentence == sentence), None)

    def statements_of(self, person: int) -> list[Attribution]:
        """A person's attributed sentences, in document order."""
        return [a for a in self.attributions if a.person == person]

    def to_dict(self) -> dict:
        """For records.json."""
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict | None) -> DocumentStructure:
        """Reads what `to_dict` wrote; None or {} is an empty structure."""
        if not data:
            return cls()
        return cls(
            kicker=data.get("kicker"),
            headline=data.get("headline"),
            lead=data.get("lead"),
            topic=data.get("topic"),
            chair=data.get("chair"),
            people=[Person(**p) for p in data.get("people", [])],
            attributions=[
                Attribution(
                    a["sentence"], a["person"], a["how"], tuple(a["quote"]) if a["quote"] else None
                )
                for a in data.get("attributions", [])
            ],
            decisions=[Decision(**d) for d in data.get("decisions", [])],
            version=data.get("version", STRUCTURE_VERSION),
        )
