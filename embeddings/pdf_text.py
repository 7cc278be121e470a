"""Text of a PDF page in reading order, from where its glyphs stand (pypdfium2).

Persian PDFs store glyphs in whatever order their producer drew them: LibreOffice writes
lines right to left, Chromium writes some words left to right, and both lose the spaces'
true positions. Text extractors that trust that order (pypdf, pdfminer.six, pdfium's own
text) return reversed words, digits and lines, so a page is rebuilt here from each glyph's
box instead: glyphs are grouped into the lines pdfium found (column by column, as drawn),
ordered right to left in a Persian line (left to right in a Latin one), and a word break is
a gap wider than `WORD_GAP` of the font size. Then numbers and Latin runs are turned back
to left-to-right, brackets and guillemets open before a word and close after one, combining
marks (هٔ) follow their letter, lam-alef ligatures read لا, and the kashida glyphs of justified
text (thin strokes on the baseline, which LibreOffice maps to U+0006, «)» or «7») are
dropped. Lines join into paragraphs by their spacing (`_with_paragraph_breaks`). ZWNJ is not
drawn, so it cannot come back: «کتابخانه‌ها» reads «کتابخانهها», which the normalizer
already indexes as the joined form of the ZWNJ word.
"""

from __future__ import annotations

import itertools
import re
import statistics
import unicodedata

# Word gaps are >= 0.2 of the font size in these fonts (a space is ~0.25); gaps inside a
# word (after non-joining letters such as ا or ر, or where a ZWNJ stood) are <= 0.1.
WORD_GAP = 0.15
LATIN_WORD_GAP = 0.22
_LTR = "0-9۰-۹٠-٩A-Za-z"
_LTR_RUN = re.compile(rf"[{_LTR}](?:[{_LTR}.,٬٫/:%\- ]*[{_LTR}])?")
_SENTENCE_END = re.compile(r"[.!?؟…]['\"»)\]]*$")  # as embeddings.documents
_PAIRS = {c: pair for pair in ("()", "[]", "{}", "«»") for c in pair}
_SPACE_INSIDE_OPEN = re.compile(r"([(\[{«]) +")
_SPACE_INSIDE_CLOSE = re.compile(r" +([)\]}»])")
_ALEFS = "اأإآ"


def page_lines(textpage: object) -> list[str]:
    """The lines of one page (a `pypdfium2.PdfTextPage`), each in logical order.

    A blank line stands where the gap to the line above is wider than the page's usual line
    pitch or the font size changes (a heading), so paragraphs survive the line repair.
    """
    import pypdfium2.raw as pdfium_c

    lines: list[list[list]] = []
    current: list[list] = []
    for i in range(textpage.count_chars()):
        char = chr(pdfium_c.FPDFText_GetUnicode(textpage, i))
        if char in "\r\n":  # pdfium's line ends
            if current:
                lines.append(current)
                current = []
            continue
        if unicodedata.category(char) == "Zs":
            continue  # word breaks come from the gaps between glyphs
        # (a control character here is a glyph: LibreOffice names kashidas U+0006, U+001C …)
        left, bottom, right, top = textpage.get_charbox(i)
        size = pdfium_c.FPDFText_GetFontSize(textpage, i)
        if current and (left, right) == (current[-1][1], current[-1][2]):
            current[-1][0] += char  # one glyph standing for several letters
            if current[-1][0][0] in _ALEFS and current[-1][0][1:] == "ل":
                current[-1][0] = current[-1][0][::-1]  # a lam-alef glyph is lam, then alef
        else:
            current.append([char, left, right, size, bottom, top])
    if current:
        lines.append(current)
    return _with_paragraph_breaks(lines)


def _with_paragraph_breaks(lines: list[list[list]]) -> list[str]:
    """Lines of a paragraph joined, paragraphs apart, from where the lines stand.

    The gap to the line above being wider than the usual pitch, or a change of font size
    (a heading), starts a paragraph. Within one, a line is joined to the one above unless
    that one ends a sentence: then the .txt line repair decides, as it does for a text file.
    (Joining here, where the layout is known, keeps a line that is short only because the
    next word was long, such as a web address, from being taken for a heading.)
    """
    letters = [g[0][0] for line in lines for g in line]
    persian_page = sum(map(_persian, letters)) >= sum(map(_latin, letters))
    baselines = [statistics.median(g[4] for g in line) for line in lines]
    sizes = [statistics.median(g[3] for g in line) for line in lines]
    pitches = [a - b for a, b in itertools.pairwise(baselines) if a > b]
    usual = statistics.median(pitches) if pitches else 0.0
    out: list[str] = []
    for i, line in enumerate(lines):
        text = _logical_line(line, persian_page)
        if not text:
            continue
        if not out:
            out.append(text)
            continue
        pitch = baselines[i - 1] - baselines[i]
        resized = abs(sizes[i] - sizes[i - 1]) > 0.15 * sizes[i - 1]
        if resized or (usual and pitch > 1.3 * usual):
            out += ["", text]
        elif _SENTENCE_END.search(out[-1]):
            out.append(text)
        else:
            out[-1] += " " + text
    return [_fix_brackets(text) for text in out]


def _is_mark(text: str) -> bool:
    return all(unicodedata.category(c) == "Mn" for c in text)


def _digits(text: str) -> bool:
    return all(c.isdigit() or c in "٬٫.,/" for c in text)


def _persian(char: str) -> bool:
    return "\u0600" <= char <= "\u06ff" or char >= "\ufb50"


def _latin(char: str) -> bool:
    return char.isascii() and char.isalpha()


def _kashida(glyph: list) -> bool:
    """A thin stroke on the baseline that justification drew between two joined letters."""
    text, left, right, size, bottom, top = glyph
    height = top - bottom
    return height < 0.12 * size and right - left > 2 * height and text not in "-_.،,"


def _logical_line(glyphs: list[list], persian_page: bool) -> str:
    """[text, left, right, font size, bottom, top] glyphs of a line → its logical text."""
    bases = [g for g in glyphs if not _is_mark(g[0])]
    if not bases:
        return ""
    for mark, left, right, *_ in (g for g in glyphs if _is_mark(g[0])):
        centre = (left + right) / 2
        base = min(bases, key=lambda b: max(b[1] - centre, centre - b[2], 0))
        base[0] += mark
    for glyph in bases:
        if _kashida(glyph):
            glyph[0] = ""  # kept for its place, so the word around it stays one word
    persian = sum(_persian(b[0][:1]) for b in bases)
    # A Persian page's lines are right to left even when Latin letters outnumber Persian.
    rtl = persian > 0 if persian_page else persian > sum(_latin(b[0][:1]) for b in bases)
    bases.sort(key=lambda b: (b[1] + b[2]) / 2, reverse=rtl)
    pieces = [bases[0][0]]
    for previous, glyph in itertools.pairwise(bases):
        gap = previous[1] - glyph[2] if rtl else glyph[1] - previous[2]
        # Latin letters' boxes are their ink, with side bearings between them.
        latin = _latin(previous[0][-1:]) or _latin(glyph[0][:1])
        limit = (LATIN_WORD_GAP if latin else WORD_GAP) * max(glyph[3], previous[3])
        if gap > limit and not (_digits(previous[0]) and _digits(glyph[0])):
            pieces.append(" ")
        pieces.append(glyph[0])
    text = "".join(c for c in "".join(pieces) if unicodedata.category(c) != "Cc")
    text = text.replace("\u0640", "")
    if rtl:  # numbers and Latin words read left to right inside a Persian line
        text = _LTR_RUN.sub(lambda m: m.group(0)[::-1], text)
    return " ".join(text.split())


def _fix_brackets(text: str) -> str:
    """Brackets and guillemets turned by where they stand: opening before a word, closing after.

    In right-to-left lines they are drawn mirrored, and producers disagree on whether the
    PDF names the drawn shape or the character (even for two parentheses of one pair). Where
    the spaces around one don't tell (a bracket at a line end), the pairs' balance does.
    """
    chars = list(text)
    depth = dict.fromkeys(("()", "[]", "{}", "«»"), 0)
    for i, char in enumerate(chars):
        pair = _PAIRS.get(char)
        if pair is None:
            continue
        before = chars[i - 1] if i else " "
        after = chars[i + 1] if i + 1 < len(chars) else " "
        closing = depth[pair] > 0
        if before.isspace() and not after.isspace():
            closing = False
        elif not before.isspace() and (after.isspace() or after in ".،,؛:؟!"):
            closing = depth[pair] > 0  # a closing bracket needs an open one
        chars[i] = pair[1] if closing else pair[0]
        depth[pair] += -1 if closing else 1
    text = "".join(chars)
    return _SPACE_INSIDE_CLOSE.sub(r"\1", _SPACE_INSIDE_OPEN.sub(r"\1", text))
