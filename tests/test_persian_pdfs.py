"""Persian PDFs made by LibreOffice and Chromium read as their source text reads.

The PDFs in tests/data/pdf/ were made by scripts/make-persian-pdfs from
library-council-report.txt: justified text, two columns, ZWNJ words, Persian digits.
"""

from __future__ import annotations

import re

import pytest

from embeddings.documents import repair_hard_wraps
from embeddings.readers import extract_text
from tests.conftest import REPO

FOLDER = REPO / "tests" / "data" / "pdf"
# Each PDF and the text it was made from.
SOURCES = {
    "chromium-noto-naskh-two-columns.pdf": "library-council-report.txt",
    "libreoffice-nazli-two-columns.pdf": "library-council-report.txt",
    "libreoffice-noto-sans-one-column.pdf": "library-council-report.txt",
    "chromium-noto-sans-mixed-latin.pdf": "observatory-notice.txt",
    "libreoffice-homa-mixed-latin.pdf": "observatory-notice.txt",
    "chromium-nazli-decisions.pdf": "water-committee-decisions.txt",
    "libreoffice-noto-naskh-decisions.pdf": "water-committee-decisions.txt",
    "chromium-noto-sans-interview.pdf": "tax-office-interview.txt",
    "libreoffice-homa-interview.pdf": "tax-office-interview.txt",
}
PDFS = sorted(SOURCES)
# pdfium gives one line for two of this PDF's lines, and three words land in the wrong one.
KNOWN_WRONG = {"chromium-noto-sans-interview.pdf"}
PRESENTATION_FORMS = re.compile("[\ufb50-\ufdff\ufe70-\ufeff]")
ZWNJ = "\u200c"


def test_every_pdf_is_tested():
    assert sorted(p.name for p in FOLDER.glob("*.pdf")) == PDFS


@pytest.mark.parametrize(
    "name",
    [
        pytest.param(n, marks=pytest.mark.xfail(strict=True, reason="two lines merged"))
        if n in KNOWN_WRONG
        else n
        for n in PDFS
    ],
)
def test_a_persian_pdf_reads_word_for_word_in_logical_order(name):
    text = extract_text(name, (FOLDER / name).read_bytes())
    assert not PRESENTATION_FORMS.search(text)
    source = (FOLDER / SOURCES[name]).read_text("utf-8")
    # kashidas of justified lines are gone (LibreOffice names some «(» or «)»)
    assert "\u0640" not in text and text.count("(") == source.count("(")
    # A ZWNJ is not drawn, so it can't be read back: those words come out joined.
    expected = [" ".join(p.split()).replace(ZWNJ, "") for p in source.split("\n\n")]
    # wrapped lines (two columns, justified) join into the source's paragraphs, as in .txt
    assert repair_hard_wraps(text).replace(ZWNJ, "").split("\n\n") == expected


@pytest.mark.parametrize("name", [n for n in PDFS if "library" in SOURCES[n]])
def test_digits_ligatures_and_marks_keep_their_order(name):
    text = " ".join(extract_text(name, (FOLDER / name).read_bytes()).split())
    for phrase in (
        "سه‌شنبه ۱۲ دی ۱۴۰۲",
        "بیش از ۱۸٬۵۰۰ نفر",
        "۲۵ درصد",
        "نمایشگاه سالانهٔ کتاب",  # lam-alef ligature and a combining hamza
        "کتابخانهٔ تازهٔ محلهٔ رصدخانه",
    ):
        assert phrase.replace(ZWNJ, "") in text


@pytest.mark.parametrize("name", [n for n in PDFS if "observatory" in SOURCES[n]])
def test_latin_words_numbers_and_guillemets_inside_persian_lines(name):
    text = " ".join(extract_text(name, (FOLDER / name).read_bytes()).split())
    for phrase in (
        "برنامهٔ «شب نجوم» پنجشنبه ۲۸ اسفند از ساعت ۱۹:۳۰",
        "انجمن Astronomy Club برگزار",
        "با تلسکوپ Celestron C8 ماه",
        "۵۰٪ تخفیف",
        "نشانی www.maragheh-observatory.ir تا روز",
    ):
        assert phrase in text


@pytest.mark.parametrize("name", [n for n in PDFS if "decisions" in n or "interview" in n])
def test_list_items_dates_and_brackets(name):
    text = " ".join(extract_text(name, (FOLDER / name).read_bytes()).split())
    if "decisions" in name:
        assert "پلی‌اتیلن (PE100) جایگزین".replace(ZWNJ, "") in text
        assert "۲. شرکت آب منطقه‌ای".replace(ZWNJ, "") in text
    else:
        assert "تا ۱۴۰۳/۰۴/۳۱ تمدید" in text and "به ۳٫۲ هزار" in text
        assert "گفت: «مهلت" in text and "بهره‌مند می‌شوند.»".replace(ZWNJ, "") in text
        assert "ارزش افزوده (VAT) به دست" in text and "سامانهٔ my.tax.gov.ir برای" in text


def test_a_question_with_zwnj_finds_the_joined_words(normalizer):
    asked = normalizer.tokens_of_normalized(normalizer.normalize("کتابخانه‌های عمومی"))
    read = normalizer.tokens_of_normalized(normalizer.normalize("کتابخانههای عمومی"))
    assert set(asked) & set(read) >= {"کتابخانههای"} or set(read) <= set(asked)
