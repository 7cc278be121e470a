"""Who speaks in a sentence: the subject of a verb of saying, and the words quoted.

News sentences put the speaker first: a name («علی جهانگیری با بیان اینکه … اظهار داشت»), a
role («معاون هماهنگی … نیز گفت»), a surname alone («پورمحمدی، … برشمرد و گفت»), or a
pronoun that continues the previous speaker («وی افزود», «او همچنین گفت»). «به گفته X،» puts
the speaker in front too, and so do the forms of opinion without a verb of saying («به اعتقاد
X،», «به باور X،», «از نگاه X،», «از دید X،», «به عقیده X،»). Speech may come first, quoted,
with its speaker after it («"…"، این را X گفت»), and so may a question, with its answerer
after it («در پاسخ به پرسشی درباره …، X گفت», «خبرنگاران … پرسیدند که X گفت»). A role may
be named in a relative clause («معاون … که حسین طاهری نام دارد، گفت», «این نماینده که علی
رستمی است، افزود»). «نیز» / «هم» right after the subject («… نیز در این جلسه گفت») marks a
new voice joining in, not the previous speaker under another name. A short phrase of time
may open the sentence, a name's given name may be missing from the list, and a role's holder
may be named in the next clause (`subject_forms.py`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from embeddings.structure import lexicon as lx
from embeddings.structure.mentions import NameMention, RoleMention, name_at, roles_in, words_of
from embeddings.structure.people import PeopleRegistry
from embeddings.structure.subject_forms import (
    after_opening_phrase,
    link_named_later,
    looks_like_surname,
    unlisted_name_before_verb,
)

_SAID_BY = re.compile(
    r"(?:به[\s\u200c]*(?:گفته|اعتقاد|باور|عقیده|نظر)|از[\s\u200c]*(?:نگاه|دید|دیدگاه|نظر))\s+"
)
# After the opinion words a surname-shaped word is often an adjective («از نگاه اقتصادی،»,
# «به اعتقاد بسیاری،»): only a full name or a surname already known is a speaker there.
_OPINION_BY = re.compile(
    r"به[\s\u200c]*(?:اعتقاد|باور|عقیده|نظر)|از[\s\u200c]*(?:نگاه|دید|دیدگاه|نظر)"
)
# «این را / این‌ها را / این خبر را X گفت»: words pointing back at the quotation before them.
POINTER_BACK = (
    r"(?:این|اینها|این[\s\u200c]*ها)(?:[\s\u200c]+(?:خبر|مطلب|نکته|موضوع|جمله|جملات|"
    r"حرف|حرف[\s\u200c]*ها|سخنان|توضیحات))?\s+را\s+"
)
# «"…"، این را X گفت»: a quotation first, then «، (این را)» and the speaker.
_QUOTE_FIRST = re.compile(r"^\s*«[^»]{2,}»\s*[،,؛;]?\s*(?:" + POINTER_BACK + r")?")
_POINTER_FIRST = re.compile(POINTER_BACK)
# «"…"؛ این جمله دکتر X، پزشک …، است که …»: a quotation, then whose words they are.
_QUOTE_IS = re.compile(
    r"^\s*«[^»]{2,}»\s*[،,؛;]?\s*این[\s\u200c]+(?:جمله|جملات|سخن|سخنان|حرف|حرف[\s\u200c]*ها|گفته)\s+"
)
# «در پاسخ به پرسشی درباره …،» / «خبرنگاران … پرسیدند که»: a question first, then its answerer.
_ASKED_FIRST = re.compile(
    r"در[\s\u200c]*پاسخ[\s\u200c]*به[^،.:]{0,80}،\s*|"
    r"[^.:«]{0,100}?(?:پرسید|پرسیدند|سؤال[\s\u200c]*کرد|سوال[\s\u200c]*کرد)(?:ند)?\s*[،,]?\s*که\s+"
)
# «… که حسین طاهری نام دارد،» / «… که علی رستمی است،»: the name a role or a pointer is given.
_NAMED_AS = re.compile(r"\s*(?:نام|اسم)?\s*(?:دارد|است)\s*[،,]?")
# «X، نقش، موضوع دیگری را پیش کشید: «…»», «… سخنران بعدی بود: «…»»: a colon then a quotation
# mark quotes the subject, whatever the verb before it.
COLON_QUOTE = re.compile(r":\s*«")
_ALSO = re.compile(r"\s*،?\s*(?:نیز|هم)(?![\w\u200c])")


@dataclass(frozen=True)
class Subject:
    """The speaker a sentence names: kind "name", "role" or "pronoun", with its registry key.

    Attributes:
        kind: How the sentence names its speaker.
        key: Registry key of the name or role ("" for a pronoun).
        also: «نیز» / «هم» follows the subject: someone new joins in.
        end: Where the subject ends in the sentence.
        labelled: The sentence is an interview line «امیری: …».
        named: For a pronoun, the key of the name a relative clause gives it («این نماینده
            که علی رستمی است»): the previous speaker's name.
    """

    kind: str
    key: str = ""
    also: bool = False
    end: int = 0
    labelled: bool = False
    named: str = ""


def _subject_start(folded: str) -> tuple[int, bool]:
    """Offset of the subject after leading connectors, and whether «به گفته» precedes it."""
    pos = lx.past_connectors(folded)
    said = _SAID_BY.match(folded, pos)
    if said:
        return said.end(), True
    pointer = _POINTER_FIRST.match(folded, pos)  # «این‌ها را X می‌گوید»
    if pointer:
        return pointer.end(), False
    quoted = (
        _QUOTE_IS.match(folded, pos)
        or _QUOTE_FIRST.match(folded, pos)
        or _ASKED_FIRST.match(folded, pos)
    )
    if quoted:
        return quoted.end(), False
    return after_opening_phrase(folded, pos), False


def subject_of(
    text: str, registry: PeopleRegistry, sentence: int, interviewee: str | None = None
) -> Subject | None:
    """The speaker a sentence names at its start, registering new names and roles.

    An interviewer's line is kind "question" (nobody's statement, but it ends an answer);
    `interviewee` is the key of the person a «ج:» / «پاسخ:» line speaks for.
    """
    folded = lx.fold(text)
    labelled = _labelled_subject(text, folded, registry, sentence, interviewee)
    if labelled is not None:
        return labelled
    start, said_by = _subject_start(folded)
    words = words_of(text)
    first = next((i for i, w in enumerate(words) if w[1] >= start), None)
    if first is None:
        return None
    word = words[first][0]
    speaks = (
        said_by
        or lx.SPEECH_VERB.search(folded) is not None
        or bool(COLON_QUOTE.search(folded))
        or bool(_QUOTE_IS.match(folded))
    )
    if word in lx.PRONOUNS:
        return Subject("pronoun", end=words[first][2])
    if not speaks:
        return None
    if _points_back(words, first):
        named = _named_in_clause(text, folded, words, first + 2, registry, sentence)
        if named is not None:
            return Subject("pronoun", end=named[1], named=named[0])
        return Subject("pronoun", end=words[first + 1][2])
    name = name_at(text, words, first)
    if name is not None:
        key = registry.add_name(name, sentence)
        return Subject("name", key, bool(_ALSO.match(folded, name.end)), name.end)
    pair = (word, words[first + 1][0] if first + 1 < len(words) else "")
    if lx.is_role_head(word) or word in lx.GROUP_HEADS or pair in lx.TWO_WORD_HEADS:
        role = next(r for r in roles_in(text) if r.start == words[first][1])
        after = next((i for i, w in enumerate(words) if w[1] >= role.end), None)
        follower = name_at(text, words, after, True) if after is not None else None
        if follower is not None and not re.search(r"[^\s،,]", folded[role.end : follower.start]):
            key = registry.add_name(follower, sentence)  # «استاندار …، محمد رضایی گفت»
            # «به گفته سخنگوی کمیسیون، بهروز تقوی‌نژاد … گفت که …»: the role relays what
            # the named one said; it is not the name's
            relayed = said_by and lx.SPEECH_VERB.search(folded, follower.end) is not None
            if not role.group and not relayed:
                registry.link(registry.add_role(role.text, sentence), key, [sentence])
            return Subject("name", key, bool(_ALSO.match(folded, follower.end)), follower.end)
        key, end = _role_subject(text, folded, role, registry, sentence)
        if not role.group:
            link_named_later(text, folded, words, key, registry, sentence)
        named = _named_in_clause(text, folded, words, after, registry, sentence)
        if named is not None and not role.group:
            registry.link(key, named[0], [sentence])
            return Subject("name", named[0], bool(_ALSO.match(folded, named[1])), named[1])
        return Subject("role", key, bool(_ALSO.match(folded, end)), end)
    unlisted = unlisted_name_before_verb(folded, words, first)
    if unlisted is not None:
        key = registry.add_name(unlisted, sentence)
        return Subject("name", key, bool(_ALSO.match(folded, unlisted.end)), unlisted.end)
    known = registry.known_surname(word, sentence)
    rest = folded[words[first][2] :]
    opinion = said_by and _OPINION_BY.search(folded[:start]) is not None
    if (
        known is None
        and not opinion
        and looks_like_surname(word)
        and lx.SUBJECT_FOLLOWERS.match(rest)
    ):
        end = words[first][2]
        known = registry.add_name(NameMention(words[first][1], end, (), "", word), sentence)
    if known is not None:
        end = words[first][2]
        return Subject("name", known, bool(_ALSO.match(folded, end)), end)
    return None


def _named_in_clause(
    text: str,
    folded: str,
    words: list[tuple[str, int, int]],
    at: int | None,
    registry: PeopleRegistry,
    sentence: int,
) -> tuple[str, int] | None:
    """«که حسین طاهری نام دارد،» / «که علی رستمی است،» at word `at`: the name's key and where
    the clause ends, registering the name; None when no such clause is there."""
    if at is None or at + 1 >= len(words) or words[at][0] != "که":
        return None
    name = name_at(text, words, at + 1, True)
    if name is None:
        return None
    tail = _NAMED_AS.match(folded, name.end)
    if tail is None:
        return None
    return registry.add_name(name, sentence), tail.end()


def _role_subject(
    text: str, folded: str, role: RoleMention, registry: PeopleRegistry, sentence: int
) -> tuple[str, int]:
    """Registers a subject role; «نقش الف و نقش ب» is one person with two roles, and
    «نقش و معاونان …» a group. Returns the key and where the subject ends."""
    key = registry.add_role(role.text, sentence, role.group)
    end = role.end
    for other in roles_in(text):
        if other.start <= end:
            continue
        if not re.fullmatch(r"\s+و\s+", folded[end : other.start]):
            break
        if other.group or role.group:
            whole = text[role.start : other.end]
            return registry.add_role(whole, sentence, group=True), other.end
        registry.link(key, registry.add_role(other.text, sentence), [sentence])
        end = other.end
    return key, end


def _labelled_subject(
    text: str, folded: str, registry: PeopleRegistry, sentence: int, interviewee: str | None
) -> Subject | None:
    """The speaker of an interview line «امیری: …» / «استاندار: …»: a name, a surname or a
    role, then a colon. An interviewer's line («خبرنگار: …», «مهر: …», «خبرنگار ایرنا: …»,
    or any line asking a question) is kind "question": it is nobody's statement. An answer
    line «ج: …» is the interviewee's (a question too when the intro names nobody). None
    when the line has no such label."""
    label = lx.SPEAKER_LABEL.match(folded)
    if label is None or lx.SPEECH_VERB.search(label.group("label")):
        return None
    words = words_of(text[: label.end("label")])
    first = words[0][0]
    if len(words) == 1 and first in lx.ANSWER_LABELS:
        if interviewee is None:
            return Subject("question")
        kind = "role" if interviewee.startswith("r:") else "name"
        return Subject(kind, interviewee, end=label.end(), labelled=True)
    asks = folded.rstrip().endswith(("؟", "?"))
    if len(words) == 1 and first in lx.AGENCY_NAMES and not asks:
        # «مهر: …» answering, in a report that names a «رضا مهر»: the person, not the agency
        known = registry.known_surname(first, sentence)
        if known is not None:
            return Subject("name", known, end=label.end(), labelled=True)
    if first in lx.INTERVIEWER_LABELS or any(w in lx.AGENCY_NAMES for w, _, _ in words) or asks:
        return Subject("question")
    end = label.end()
    name = name_at(text, words, 0)
    if name is not None and name.end == label.end("label"):
        return Subject("name", registry.add_name(name, sentence), end=end, labelled=True)
    if lx.is_role_head(first) or (first, words[1][0] if len(words) > 1 else "") in (
        lx.TWO_WORD_HEADS
    ):
        role = roles_in(text[: label.end("label")])[0]
        return Subject("role", registry.add_role(role.text, sentence), end=end, labelled=True)
    if len(words) == 1:
        known = registry.known_surname(first, sentence)
        if known is None and looks_like_surname(first):
            known = registry.add_name(
                NameMention(words[0][1], words[0][2], (), "", first), sentence
            )
        if known is not None:
            return Subject("name", known, end=end, labelled=True)
    return None


def _points_back(words: list[tuple[str, int, int]], first: int) -> bool:
    """«این مقام مسئول», «این مسئول», «این مدیرکل» …: a demonstrative before an official's
    noun or a role head names the speaker already talking, not someone new."""
    if words[first][0] not in lx.DEMONSTRATIVES or first + 1 >= len(words):
        return False
    noun = words[first + 1][0]
    return noun in lx.OFFICIAL_NOUNS or noun in lx.ROLE_HEADS


def quote_span(text: str) -> tuple[int, int] | None:
    """(start, end) of the words quoted after «گفت:», «اظهار داشت:» …, when there are any."""
    label = lx.SPEAKER_LABEL.match(lx.fold(text))
    if label is not None and not lx.SPEECH_VERB.search(label.group("label")):
        return label.end(), len(text.rstrip())  # «امیری: …» says everything after the colon
    quoted = _QUOTE_FIRST.match(lx.fold(text))
    if quoted is not None and lx.SPEECH_VERB.search(lx.fold(text), quoted.end()):
        return quoted.start() + text[quoted.start() :].index("«"), text.index("»") + 1
    opener = lx.QUOTE_OPENER.search(lx.fold(text)) or COLON_QUOTE.search(lx.fold(text))
    if opener is None or opener.end() >= len(text.rstrip()):
        return None
    start = opener.end() - 1 if opener.group().endswith("«") else opener.end()
    return start, len(text.rstrip())
