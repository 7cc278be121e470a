"""An answer cut at the length limit says so: it ends with «…» and sets `answer_truncated`."""

from __future__ import annotations

from bot.answering.service import AnsweringService
from bot.answering.text_clipping import MAX_ANSWER_CHARS, mark_clipped
from bot.plain_rendering import render_answer_plain
from bot.settings import Settings
from tests.fake_encoder import HashingEncoder

# One sentence of ~700 characters (a long list, as decisions in a report are often written).
LONG_SENTENCE = (
    "در پایان نشست شورای فرهنگی شهرستان مراغه مقرر شد که کتابخانهٔ عمومی رصدخانه تا پایان "
    "سال بازسازی شود و ساعت کار آن تا ده شب افزایش یابد و برای دانش‌آموزان روستاهای اطراف "
    "سرویس رفت‌وآمد رایگان فراهم شود و بخش کودکان با دو هزار جلد کتاب تازه تجهیز شود و "
    "کارگاه‌های داستان‌نویسی هفتگی با همکاری انجمن نویسندگان برگزار شود و سالن مطالعهٔ "
    "بانوان گسترش یابد و تالار همایش کتابخانه برای جلسه‌های نقد کتاب در اختیار گروه‌های "
    "مردمی قرار گیرد و اینترنت رایگان برای همهٔ اعضا فراهم شود و مخزن نسخه‌های خطی با "
    "دستگاه‌های کنترل رطوبت نگهداری شود و نمایشگاه سالانهٔ کتاب استان در محوطهٔ رصدخانه "
    "برپا شود و هزینهٔ عضویت برای بازنشستگان و دانشجویان نصف شود."
)
SHORT_DOCUMENT = "کتابخانهٔ کوچک محله روزهای جمعه تعطیل است."


class ConfidentService(AnsweringService):
    """Answers whenever an answer is found: the hashing encoder's cosines are no real model's,
    and how sure pasokh is has nothing to do with how an answer is clipped."""

    def _confident(self, ranked, extracted) -> bool:
        return True


def test_an_answer_over_the_limit_ends_with_an_ellipsis_and_says_so(tmp_path, normalizer):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "council.txt").write_text(
        "مصوبات شورای فرهنگی\n\n" + LONG_SENTENCE + "\n", encoding="utf-8"
    )
    (corpus / "small-library.txt").write_text(SHORT_DOCUMENT + "\n", encoding="utf-8")
    settings = Settings(corpus_dir=corpus, data_dir=tmp_path / "data")
    service = ConfidentService(settings, encoder=HashingEncoder(), normalizer=normalizer)
    service.load()

    answer = service.ask("مخزن نسخه‌های خطی رصدخانه با چه دستگاه‌هایی نگهداری می‌شود؟")
    assert answer.kind == "fact" and not answer.abstained
    assert len(LONG_SENTENCE) > MAX_ANSWER_CHARS
    assert answer.answer_truncated
    assert answer.text.endswith("…") and len(answer.text) <= MAX_ANSWER_CHARS + 4
    assert "رطوبت" in answer.text  # the window kept is the one the question speaks to
    row = answer.to_json_dict()
    assert row["answer_truncated"] is True and row["question_truncated"] is False
    assert render_answer_plain(answer).splitlines()[0].endswith("…")

    # Asked what was decided, the decision is listed from the report's structure: clipped too.
    decided = service.ask("در نشست شورای فرهنگی دربارهٔ نسخه‌های خطی و رطوبت مخزن چه مقرر شد؟")
    assert decided.kind == "decisions" and decided.answer_truncated
    assert decided.text.endswith("…")

    short = service.ask("کتابخانهٔ کوچک محله چه روزهایی تعطیل است؟")
    assert not short.abstained and not short.answer_truncated
    assert short.text == SHORT_DOCUMENT and short.to_json_dict()["answer_truncated"] is False


def test_mark_clipped_keeps_the_words_and_marks_both_cut_ends():
    assert mark_clipped("بخش کودکان تجهیز شود و", cut_before=False) == "بخش کودکان تجهیز شود و…"
    assert mark_clipped("بخش کودکان تجهیز شود.", cut_before=True) == "… بخش کودکان تجهیز شود…"
