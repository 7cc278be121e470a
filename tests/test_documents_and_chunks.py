"""Line repair on the meeting report, corpus loading, and chunk invariants."""

from __future__ import annotations

import itertools
import logging
from pathlib import Path

from embeddings.chunker import ChunkingSettings, chunk_document, sentence_spans, split_sentences
from embeddings.documents import Document, load_corpus, repair_hard_wraps
from tests.conftest import MEETING_REPORT


def _meeting() -> Document:
    documents, skipped = load_corpus(MEETING_REPORT.parent)
    assert not skipped
    return next(d for d in documents if d.name == MEETING_REPORT.name)


def test_corpus_file_is_the_shared_report_byte_for_byte():
    shared = Path(__file__).resolve().parents[2] / "shared" / "meeting-report.txt"
    if shared.exists():
        assert MEETING_REPORT.read_bytes() == shared.read_bytes()


def test_hard_wrapped_lines_are_joined_mid_sentence():
    text = _meeting().text
    assert "آغازگر توسعه ارتباطات اقتصادی" in text
    assert "و با حضور معاونان هماهنگی" in text
    assert "شرکت های فنی و مهندسی" in text
    paragraphs = text.split("\n\n")
    # two heading lines, then fourteen paragraphs that each end a sentence
    assert paragraphs[0] == "استاندار آذربایجان شرقی:"
    assert paragraphs[1].startswith("بازسازی قرهباغ")
    assert len(paragraphs) == 16
    assert all(p.endswith(".") for p in paragraphs[2:])


def test_title_is_the_kicker_and_headline():
    assert _meeting().title.startswith("استاندار آذربایجان شرقی: بازسازی قرهباغ")


def test_repair_keeps_real_paragraphs_and_list_items():
    text = "عنوان کوتاه\n\nاین جمله اول است.\nاین جمله دوم\nادامه دارد.\n- مورد یک\n- مورد دو"
    assert repair_hard_wraps(text).split("\n\n") == [
        "عنوان کوتاه",
        "این جمله اول است.",
        "این جمله دوم ادامه دارد.",
        "- مورد یک",
        "- مورد دو",
    ]


def test_a_list_item_wrapped_at_full_width_runs_on_to_its_next_line():
    # probe20-kums-trustees: a numbered list of approvals, each item hard-wrapped
    wrapped = "دانشگاه علوم پزشکی کرمانشاه در نشست امروز هیئت امنا این موارد را بررسی کرد"
    text = (
        f"{wrapped} و\nدر این جلسه موارد زیر به تصویب رسید:\n"
        "۱. بودجه سال ۱۴۰۴ دانشگاه به مبلغ ۸ هزار و ۴۰۰ میلیارد تومان که نسبت به سال\n"
        "گذشته ۳۱ درصد افزایش دارد.\n"
        "۲. جذب ۱۲۰ عضو هیئت علمی از طریق آزمون استخدامی.\n"
        "گفتنی است در پایان نشست از کادر درمان قدردانی شد."
    )
    assert repair_hard_wraps(text).split("\n\n") == [
        f"{wrapped} و در این جلسه موارد زیر به تصویب رسید:",
        "۱. بودجه سال ۱۴۰۴ دانشگاه به مبلغ ۸ هزار و ۴۰۰ میلیارد تومان که نسبت به سال گذشته "
        "۳۱ درصد افزایش دارد.",
        "۲. جذب ۱۲۰ عضو هیئت علمی از طریق آزمون استخدامی.",
        "گفتنی است در پایان نشست از کادر درمان قدردانی شد.",
    ]


def test_unreadable_files_are_skipped_with_a_reason_and_not_logged_twice(tmp_path, caplog):
    (tmp_path / "good.txt").write_text("این یک سند است.", "utf-8")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02PNG")
    (tmp_path / "latin.txt").write_bytes("café crème, résumé à la française".encode("latin-1"))
    (tmp_path / "old-persian.txt").write_bytes("سند کهنه".encode("cp1256"))
    (tmp_path / "image.png").write_bytes(b"\x89PNG")
    with caplog.at_level(logging.WARNING):
        documents, skipped = load_corpus(tmp_path)
    # Windows-1256 Persian is read, as it is when uploaded
    assert [d.name for d in documents] == ["good.txt", "old-persian.txt"]
    assert documents[1].text == "سند کهنه"
    assert set(skipped) == {"binary.txt", "latin.txt", "image.png"}
    assert "NUL" in skipped["binary.txt"] and "unsupported" in skipped["image.png"]
    # the caller reports skipped files (once); the loader does not warn as well
    assert caplog.text == ""


def test_sentences_split_at_persian_and_latin_marks_not_decimals():
    text = "قیمت 3.5 درصد بالا رفت. آیا درست است؟ بله! پایان"
    spans = split_sentences(text)
    assert [text[s:e] for s, e in spans] == [
        "قیمت 3.5 درصد بالا رفت.",
        "آیا درست است؟",
        "بله!",
        "پایان",
    ]


def test_the_number_of_a_list_item_is_no_sentence_of_its_own():
    text = "موارد زیر تصویب شد:\n\n۱. بودجه افزایش یافت.\n\n2. سه نفر استخدام شدند. پایان سال ۱۴۰۳."
    spans = split_sentences(text)
    assert [text[s:e] for s, e in spans] == [
        "موارد زیر تصویب شد:",
        "۱. بودجه افزایش یافت.",
        "2. سه نفر استخدام شدند.",
        "پایان سال ۱۴۰۳.",
    ]


def test_chunks_cover_every_sentence_and_map_back_to_the_text():
    document = _meeting()
    settings = ChunkingSettings()
    spans = sentence_spans(document, settings)
    chunks = chunk_document(document, settings)
    covered = {span for chunk in chunks for span in chunk.sentences}
    assert covered == set(spans)
    for chunk in chunks:
        assert chunk.source == document.name
        assert document.text[chunk.start : chunk.end] == chunk.text
        assert chunk.sentences[0][0] == chunk.start and chunk.sentences[-1][1] == chunk.end
        words = len(chunk.text.split())
        assert words <= settings.max_words or len(chunk.sentences) == 1


def test_adjacent_sentences_share_a_chunk_when_they_fit():
    document = _meeting()
    settings = ChunkingSettings()
    spans = sentence_spans(document, settings)
    chunks = chunk_document(document, settings)
    for first, second in itertools.pairwise(spans):
        words = len(document.text[first[0] : second[1]].split())
        if words <= settings.max_words:
            assert any(first in c.sentences and second in c.sentences for c in chunks)


def test_an_overlong_sentence_is_cut_into_pieces_that_fit():
    text = "، ".join(["این بخشی از یک جمله بسیار طولانی است"] * 60) + "."
    document = Document("long.txt", text, "x")
    settings = ChunkingSettings(max_words=50)
    chunks = chunk_document(document, settings)
    assert len(chunks) > 1
    assert all(len(c.text.split()) <= 50 for c in chunks)
    assert chunks[0].start == 0 and chunks[-1].end == len(text)
