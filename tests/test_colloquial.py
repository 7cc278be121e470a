"""Spoken Persian question words read in their written form, for lexical matching."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize(
    ("spoken", "written"),
    [
        ("تخفیف کتابا چند درصده؟", "تخفیف کتاب‌ها چند درصد؟"),
        ("پول اتوبوسای برقی از کجا تامین میشه؟", "پول اتوبوس‌های برقی از کجا تامین می‌شود؟"),
        ("ساخت پیاده راه چقدر وقت میبره؟", "ساخت پیاده راه چقدر وقت می‌برد؟"),
        ("ناشرا از چند تا استان اومدن؟", "ناشر‌ها از چند تا استان آمدند؟"),
        ("به خاطر گرونی کاغذ", "به خاطر گرانی کاغذ"),
        ("خونه‌ها رو کی میسازن؟", "خانه‌ها رو کی می‌سازند؟"),
        ("اب سد چقدره؟", "آب سد چقدر؟"),
        ("حرفاشون چی بود؟", "حرف‌هایشان چه بود؟"),
        ("بیمارستان چند تا تخت داره؟", "بیمارستان چند تا تخت دارد؟"),
        ("مدیرکل ارشاد کیه؟", "مدیرکل ارشاد کیست؟"),
        ("کدوم استانها کمبود معلم دارن؟", "کدام استانها کمبود معلم دارند؟"),
        # «چنده» was a content word no document holds: «در اسناد از «چنده» سخنی نیامده است»
        ("قیمت بلیت مسابقات چنده؟", "قیمت بلیت مسابقات چند است؟"),
    ],
)
def test_spoken_words_get_their_written_form(normalizer, spoken, written):
    words = normalizer.question_words(normalizer.normalize(spoken))
    expected = normalizer.question_words(normalizer.normalize(written))
    assert [w.terms for w in words] == [w.terms for w in expected]


@pytest.mark.parametrize(
    "formal",
    [
        "جمعیت جمهوری آذربایجان چقدر است؟",
        "الان چند تخت در استان هست؟",
        "بازسازی قره باغ چه نقشی ایفا خواهد کرد؟",
        "علی جهانگیری کیست؟",
        "منشا بیماری وبا چیست؟",
    ],
)
def test_written_questions_are_left_as_they_are(normalizer, formal):
    normalized = normalizer.normalize(formal)
    assert normalizer.question_terms(normalized) == normalizer.tokens_of_normalized(normalized)


def test_a_word_the_documents_hold_is_kept_as_typed(normalizer):
    """An interview may quote speech: «کتابا» in the documents is matched as it is."""
    normalized = normalizer.normalize("کتابا کجاست؟")
    held = {"کتابا"}.__contains__
    assert "کتابا" in normalizer.question_terms(normalized, held)
    assert "کتابا" not in normalizer.question_terms(normalized)


def test_verbs_are_marked(normalizer):
    words = normalizer.question_words(normalizer.normalize("ناشرا از چند استان اومدن؟"))
    assert [w.verb for w in words] == [False, False, True]


def test_a_compound_is_also_read_by_the_roots_of_its_parts(normalizer):
    """«بی‌اثرتر» asked, «بی اثرتر» written: the report's words are indexed as «اثر»."""
    written = normalizer.tokens_of_normalized(normalizer.normalize("بی اثرتر"))
    asked = normalizer.question_terms(normalizer.normalize("بی‌اثرتر"))
    assert set(written) & set(asked)


def test_without_hazms_word_lists_questions_are_matched_as_typed(monkeypatch, caplog):
    """Another hazm layout without `data/iwords.dat`: a warning, no rewriting, no error."""
    from embeddings import colloquial
    from embeddings.text_normalizer import PersianTextNormalizer

    monkeypatch.setattr(colloquial, "_hazm_data", lambda lemmatizer: colloquial.Path("/nowhere"))
    normalizer = PersianTextNormalizer()
    normalized = normalizer.normalize("تخفیف کتابا چند درصده؟")
    assert normalizer.question_terms(normalized) == normalizer.tokens_of_normalized(normalized)
    assert "Spoken-form rewriting is off" in caplog.text
