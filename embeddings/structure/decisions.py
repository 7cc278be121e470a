"""Decisions and proposals: the sentences that announce them and the items they list.

Persian reports announce decisions with «مقرر شد», «تصویب شد», «به تصویب رسید», «مصوبات»,
«تصمیم گرفت», «مکلف شد», and proposals, recommendations or points raised with «پیشنهاد …»,
«توصیه‌های …», «از آن جمله می‌توان به … اشاره کرد». Items are the clause after «مقرر شد», the
enumeration inside «… به A، B و C اشاره کرد», the list after an announcing sentence that ends
with a colon, or the sentence itself.
"""

from __future__ import annotations

import re

from embeddings.structure import lexicon as lx
from embeddings.structure.model import Decision

_SP = r"[\s\u200c]*"
# «مقرر شد …», «مصوب شد: …», and the everyday «قرار شد …» (not «قرار است», a plan, nor «قرار
# شده بود»)
# «مقرر کردند …», «مصوب کرد که …», «تصمیم گرفت …»: the body named as the one deciding
_DECIDED = re.compile(
    r"(?<![\w\u200c])(?:(?:مقرر|قرار|مصوب)"
    + _SP
    + r"(?:شد|گردید)|(?:مقرر|مصوب)"
    + _SP
    + r"(?:کرد|کردند|نمود|نمودند)|تصمیم\s+(?:گرفت|گرفتند))(?![\w\u200c])(?:\s+(?:که|تا))?\s*"
)
_DECISION = re.compile(
    r"تصویب"
    + _SP
    + r"(?:شد(?!ه"
    + _SP
    + r"بود)|گردید|کرد|کردند|رسید)|به"
    + _SP
    + r"تصویب|مصوبات|مصوبه|"
    r"تصمیم(?:ات)?[^.]{0,40}(?:گرفته|اتخاذ)" + _SP + r"(?:شد|گردید)|موافقت" + _SP + r"شد|"
    r"توافق" + _SP + r"(?:شد|کردند)|به" + _SP + r"توافق" + _SP + r"رسیدند|"
    r"(?:مکلف|موظف)" + _SP + r"(?:شد|شدند|گردید)(?![\w\u200c])"
)
_AMONG = re.compile(
    r"از"
    + _SP
    + r"(?:آن|این|جمله)?"
    + _SP
    + r"(?:جمله)?"
    + _SP
    + r"(?:می"
    + _SP
    + r")?توان"
    + _SP
    + r"به\s+(?P<items>.+?)\s+اشاره"
    + _SP
    + r"(?:کرد|نمود)"
)
# «مطرح شد», not the adjective «مطرح‌شده» («نقدهای مطرح‌شده»)
# «توصیه‌های …», «چهار توصیه زیر»: a list of recommendations, not one speaker's advice
_PROPOSAL = re.compile(
    r"پیشنهاد|توصیه"
    + _SP
    + r"(?:ها|های|هایی)(?![\w\u200c])|توصیه\s+(?:زیر|ذیل)|مطرح"
    + _SP
    + r"(?:شد|کرد|کردند|گردید)(?![\w\u200c])"
)
# A list item's mark: a dash or bullet, a number («۱)», «2.»), or a letter in the Persian
# abjad order Persian lists use («الف)», «ب-») or a Latin one («a)»).
_LIST_ITEM = re.compile(
    r"^\s*(?:[-*•–]|\d+\s*[-.)]|[۰-۹]+\s*[-.)]|(?:الف|[بجدهوزحطیيکك]|[a-zA-Z])\s*[-)])\s*"
)
_END_PUNCT = re.compile(r"[.؛;!؟?]+$")
_WORDY = re.compile(r"[^\W\d_]")


def _enumeration(text: str) -> list[str]:
    """«A، B، C و D» → [A, B, C, D]; a single clause stays whole."""
    parts = [p.strip() for p in re.split(r"\s*[،,؛;]\s*", _END_PUNCT.sub("", text)) if p.strip()]
    if len(parts) >= 2 and " و " in parts[-1]:
        head, _, tail = parts[-1].rpartition(" و ")
        if len(tail.split()) >= 2:
            parts[-1:] = [head, tail]
    return parts


_PROPOSED_VERB = re.compile(r"^\s*(?:کرد|کردند|داد|دادند)(?:\s+که)?\s+")
# «… و گفت:», «… و افزود:» closing what was proposed before a quotation
_SAID_AFTER = re.compile(r"\s+و\s+(?:گفت|افزود|اظهار\s+(?:کرد|داشت)|تصریح\s+کرد)\s*:")


def _decided_items(rest: str) -> list[str]:
    """What follows «مقرر شد»: one clause, or after a colon its clauses split at «؛» («مصوب
    شد: A؛ B؛ C»)."""
    if not rest.lstrip().startswith(":"):
        return [_END_PUNCT.sub("", rest).strip()]
    clauses = re.split(r"\s*[؛;]\s*", _END_PUNCT.sub("", rest.lstrip()[1:]))
    return [c.strip() for c in clauses if c.strip()]


def _listed_lines(sentence: str) -> list[str]:
    """Items written one a line after a colon inside one sentence («…عبارتند از:\n۱- …»)."""
    if ":" not in sentence:
        return []
    lines = sentence.split(":", 1)[1].splitlines()
    items = [_END_PUNCT.sub("", _LIST_ITEM.sub("", line)).strip() for line in lines]
    marked = [line for line in lines if _LIST_ITEM.match(line)]
    return [i for i in items if i] if len(marked) >= 2 else []


def find_decisions(sentences: list[str], headings: frozenset[int] = frozenset()) -> list[Decision]:
    """Every announcing sentence of a document, with its items, in document order; a heading
    (`headings`, or the first sentence) announces nothing with «تصمیم گرفت»: the body tells
    what was decided."""
    found: list[Decision] = []
    taken: set[int] = set()
    for number, sentence in enumerate(sentences):
        if number in taken:
            continue
        folded = lx.fold(sentence)
        if folded.rstrip().endswith(("؟", "?")):
            continue  # «دقیقاً چه تصمیمی گرفته شد؟» asks; it announces nothing
        among = _AMONG.search(folded)
        decided = _DECIDED.search(folded)
        heading = number in headings or number == 0  # a headline may run into the lead
        if decided is not None and heading and decided.group().startswith("تصمیم"):
            decided = None  # a headline's «… درباره کم‌آبی تصمیم گرفت», the lead after it
        if among is not None:
            kind = "decision" if _DECISION.search(folded) else "proposal"
            items = _enumeration(sentence[among.start("items") : among.end("items")])
        elif decided is not None:
            kind, items = "decision", _decided_items(sentence[decided.end() :])
        elif _DECISION.search(folded):
            if _only_named(folded):
                continue  # «… از مصوبه جدید دولت …»: a decision spoken of, not told
            kind, items = "decision", []
        elif _PROPOSAL.search(folded) and number not in headings:
            kind, items = "proposal", []  # not a kicker's «در جلسه … مطرح شد»
        else:
            continue
        listed = _listed_lines(sentence)
        if listed:
            # «مصوبات این جلسه عبارتند از:» with its items on the following lines, which the
            # sentence splitter left inside this sentence
            items = listed
        elif folded.rstrip().endswith(":"):
            following = number + 1
            while following < len(sentences) and _LIST_ITEM.match(sentences[following]):
                item = _END_PUNCT.sub("", _LIST_ITEM.sub("", sentences[following])).strip()
                taken.add(following)
                following += 1
                if not item and following < len(sentences):
                    # «۱.» ends a sentence for the splitter: its item is the next sentence
                    item = _END_PUNCT.sub("", sentences[following]).strip()
                    taken.add(following)
                    following += 1
                items.append(item)
            if not items and ":" in folded:
                items = []
        elif not items:
            after_colon = sentence.split(":", 1)[1] if ":" in sentence else ""
            items = [_END_PUNCT.sub("", after_colon or sentence).strip()]
            cues = (_DECISION.search(folded), _PROPOSAL.search(folded), among)
            cue = min((m.start() for m in cues if m is not None), default=0)
            quoted = after_colon.strip().startswith(("«", '"'))
            said = _SAID_AFTER.search(folded, cue, folded.find(":") + 1) if quoted else None
            if said is not None:
                # «… پیشنهاد کرد A انجام شود و گفت: «…»»: the proposal is A, not the quote
                proposed = sentence[_PROPOSAL.search(folded).end() : said.start()]
                items = [_PROPOSED_VERB.sub("", proposed).strip()]
            elif after_colon.strip() and cue < folded.find(":"):
                # «پیشنهادهای زیر مطرح شد: A، B و C»; not a quotation that names a proposal
                # («گفت: با توجه به نیاز به A، B و C، تأسیس … ضرورت است و پیشنهاد آن …»)
                items = _enumeration(after_colon)
        # «مقرر شد:» before a numbered list leaves a bare colon as the clause after it
        items = [i for i in items if _WORDY.search(i)]
        if items:
            found.append(Decision(number, kind, items))
    return found


_NOUN_CUES = ("مصوبه", "مصوبات")


def _only_named(folded: str) -> bool:
    """Whether the sentence's only cue is the noun «مصوبه(ات)» with no colon after it: a
    decision named in passing («به پرسش‌هایی درباره … مصوبه اخیر دولت پاسخ داد»)."""
    found = list(_DECISION.finditer(folded))
    # «مصوبات این جلسه عبارت بودند از: ۱- …»: a colon after the noun lists them
    listing = any(":" in folded[m.end() :] for m in found)
    return {m.group() for m in found} <= set(_NOUN_CUES) and not listing
