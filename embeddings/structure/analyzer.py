"""A document's sentences → its `DocumentStructure`: top, people, attributions, decisions.

Order of work: every name, credited role («به کارگردانی X») and apposition («X، استاندار …»,
«استاندار …، X») first; then each sentence's speaker in document order, a pronoun taking the
previous speaker (or the person the sentence before it introduced doing something else), an
interview answer («X: …», «ج: …») its further lines, a quotation standing alone the speaker
the next sentence names, the sentences inside a speaker's quotation left open the speaker
(`narration.py`); then the links news style implies between a role and a name
(`role_links.py`).
"""

from __future__ import annotations

import re

from embeddings.structure import lexicon as lx
from embeddings.structure import narration as nr
from embeddings.structure.attribution import Subject, quote_span, subject_of
from embeddings.structure.credits import credited_names
from embeddings.structure.decisions import find_decisions
from embeddings.structure.headline import find_top
from embeddings.structure.interview import find_interviewee
from embeddings.structure.mentions import names_in, roles_in
from embeddings.structure.model import Attribution, DocumentStructure
from embeddings.structure.people import PeopleRegistry
from embeddings.structure.places import document_places
from embeddings.structure.role_links import (
    Said,
    goes_on,
    link_by_office,
    link_chair,
    link_lone_speakers,
    link_roles_to_names,
)
from embeddings.structure.role_wordings import (
    link_longer_roles,
    link_named_chair,
    link_shortened_roles,
)
from embeddings.structure.subject_forms import names_with_known_surnames

# What may stand between a name and its role: commas, brackets or dashes («X - مدیرعامل … -»).
_APPOSITION_GAP = re.compile(r"^[\s،,()\-–—]*$")
# «مهدی توکلی به عنوان دبیر جلسه انتخاب شد»: a role given by «به عنوان» right after the name
_AS_GAP = re.compile(r"^\s*(?:(?:نیز|هم)\s+)?به\s+عنوان\s+$")
_AND = re.compile(r"^\s+و\s+$")


def starts_of_lines(text: str, spans: list[tuple[int, int]]) -> list[bool]:
    """For each sentence span of `text`, whether a line break (or the text's start) precedes it."""
    ends = [0] + [end for _, end in spans[:-1]]
    return [n == 0 or "\n" in text[ends[n] : start] for n, (start, _) in enumerate(spans)]


def analyze(sentences: list[str], line_starts: list[bool] | None = None) -> DocumentStructure:
    """The structure of a document given as its sentences; empty parts when nothing tells.

    `line_starts[i]` tells whether sentence i begins a line: the sentences after an interview
    line «امیری: …» on the same line are that speaker's too. Without it, only the labelled
    sentence is.
    """
    registry = PeopleRegistry()
    top = find_top(sentences)
    for number, sentence in enumerate(sentences):
        for name in names_in(sentence):
            registry.add_name(name, number)
        for name, role in credited_names(sentence):
            registry.link(
                registry.add_role(role, number), registry.add_name(name, number), [number]
            )
    headings = {top.kicker, top.headline} - {None}
    said = _attribute(sentences, registry, headings, line_starts)
    _register_appositions(sentences, registry)
    places = document_places(sentences)
    link_longer_roles(registry, places)
    chair_key = link_chair(sentences, top, registry, said)
    link_named_chair(sentences, top.chair, registry)
    link_roles_to_names(registry, said, places)
    link_by_office(registry, said)
    link_lone_speakers(registry, said)
    link_longer_roles(registry, places)
    link_shortened_roles(registry)
    wanted = {s.key for s in said} | ({chair_key} if chair_key else set())
    people, index = registry.people(wanted)
    attributions = [
        Attribution(s.sentence, index[s.key], s.how, quote_span(sentences[s.sentence]))
        for s in said
        if s.key in index
    ]
    return DocumentStructure(
        kicker=top.kicker,
        headline=top.headline,
        lead=top.lead,
        topic=top.topic,
        chair=top.chair,
        people=people,
        attributions=attributions,
        decisions=find_decisions(sentences, frozenset(headings)),
    )


# «به گفته X،», «به نقل از X،»: X is the source of what follows, not who follows.
_RELAYED_BY = re.compile(lx.RELAYED_BY + r"\s+$")


def _relays(folded: str, role_start: int, name_end: int) -> bool:
    """«به گفته سخنگوی کمیسیون، بهروز تقوی‌نژاد … گفت»: the role before the name relays what
    the name said (a verb of saying follows the name), so the two are not one person."""
    return (
        _RELAYED_BY.search(folded[:role_start]) is not None
        and lx.SPEECH_VERB.search(folded, name_end) is not None
    )


def _register_appositions(sentences: list[str], registry: PeopleRegistry) -> None:
    """Every name, and a role written right before or after it, joined."""
    for number, sentence in enumerate(sentences):
        folded = lx.fold(sentence)
        names, roles = names_with_known_surnames(sentence, number, registry), roles_in(sentence)
        # «در واکنش به سخنان شهردار، X گفت»: a role inside the opening phrase is not X's
        opening = lx.past_connectors(folded)
        roles = [r for r in roles if r.start >= opening]
        keys = [registry.add_name(n, number) for n in names]
        pairs = []
        for name, key in zip(names, keys, strict=True):
            for role in roles:
                if role.group:
                    continue
                gap = folded[name.end : role.start]
                if role.start >= name.end and (_APPOSITION_GAP.match(gap) or _AS_GAP.match(gap)):
                    pairs.append((0, role, key))
                elif (
                    role.end <= name.start
                    and _APPOSITION_GAP.match(folded[role.end : name.start])
                    and not _relays(folded, role.start, name.end)
                ):
                    pairs.append((1, role, key))
        # «X، نقش» before «نقش، Y»: in a list of people each role follows its own name.
        for side, role, key in sorted(pairs, key=lambda p: (p[0], p[1].start)):
            registry.link(registry.add_role(role.text, number), key, [number])
            # «X، معاون وزیر و رئیس سازمان راهداری»: one person holding both roles
            while side == 0:
                then = next((r for r in roles if r.start > role.end), None)
                if then is None or then.group or not _AND.match(folded[role.end : then.start]):
                    break
                registry.link(registry.add_role(then.text, number), key, [number])
                role = then


def _attribute(
    sentences: list[str], registry: PeopleRegistry, headings: set, line_starts: list[bool] | None
) -> list[Said]:
    """Each body sentence's speaker; a pronoun continues the nearest preceding one, and a
    sentence on the line of an interview answer continues its labelled speaker.

    The lines after an answer that name no speaker («ج: …» or «امیری: …», then a paragraph
    more) are the same answer when the interview goes on: the next label (a question or an
    answer) confirms them; a sentence naming its own speaker first, or the end of the text,
    shows they were the report's own narration and leaves them unattributed.
    """
    said: list[Said] = []
    labelled: str | None = None  # the speaker whose «X: …» line we are on
    answering: str | None = None  # the speaker of the last answer label, across lines
    pending: list[int] = []  # unlabelled lines after that answer, not yet confirmed
    interviewee = find_interviewee(sentences, registry, headings)
    quotes = nr.QuoteRun()  # a quotation standing alone, waiting for its speaker
    actor: tuple[int, str] | None = None  # the last person introduced doing something
    quoting: str | None = None  # the speaker whose quotation is still open
    for number, sentence in enumerate(sentences):
        if line_starts is not None and line_starts[number]:
            labelled = None
        if number in headings:
            continue
        subject: Subject | None = subject_of(sentence, registry, number, interviewee)
        if subject is not None and subject.kind == "question":
            said.extend(Said(n, answering, "answer", False, False) for n in pending)
            labelled = answering = None
            pending = []
            continue
        if subject is None and quoting is not None:  # inside a quotation left open
            said.append(Said(number, quoting, "continuation", False, False))
            quoting = quoting if nr.still_quoting(sentence, True) else None
            continue
        if subject is None:
            if labelled is not None:
                said.append(Said(number, labelled, "answer", False, False))
            elif answering is not None:
                pending.append(number)
            else:
                quotes.see(number, sentence, False)
                key = nr.actor_of(sentence, registry, number)
                actor = (number, key) if key is not None else actor
            continue
        naming = nr.names_the_quote(sentence, subject.end)
        quoted = quotes.take() if naming else []
        quotes.see(number, sentence, True)
        if subject.labelled and line_starts is not None:
            said.extend(Said(n, answering, "answer", False, False) for n in pending)
            labelled = answering = subject.key
        elif subject.kind != "pronoun":
            labelled = answering = None
        pending = []
        cue = lx.CONTINUATION_CUES.search(lx.fold(sentence)) is not None
        if subject.kind == "pronoun":
            last = said[-1].sentence if said else -1
            if actor is not None and actor[0] > last:
                # «مهدی رضایی … گزارشی ارائه کرد. وی گفت»: «وی» is who was just introduced
                key, how = actor[1], "name" if actor[1].startswith("n:") else "role"
            elif said:
                key, how = said[-1].key, "continuation"
            else:
                continue
            if subject.named:
                registry.link(key, subject.named, [number])
            said.extend(Said(n, key, how, False, False) for n in quoted)
            if not (quoted and naming == "only"):
                said.append(Said(number, key, how, False, cue))
            quoting = key if nr.still_quoting(sentence, False) else None
            continue
        nr.name_the_actor(registry, actor, subject.key, number)
        # «"…". X در این باره گفت.»: the quotation is X's, and the naming says nothing more
        said.extend(Said(n, subject.key, subject.kind, subject.also, cue) for n in quoted)
        if quoted and naming == "only":
            continue
        further = subject.kind == "name" and goes_on(sentence, subject.end)
        said.append(Said(number, subject.key, subject.kind, subject.also, cue, further))
        quoting = subject.key if nr.still_quoting(sentence, False) else None
    return sorted(said, key=lambda s: s.sentence)
