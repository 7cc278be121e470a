"""The normalizer makes Persian spelling variants meet, for documents and questions alike."""

from __future__ import annotations

import pytest

ZWNJ = "\u200c"


@pytest.mark.parametrize("spelling", ["قرهباغ", "قره باغ", f"قره{ZWNJ}باغ"])
def test_three_spellings_of_karabakh_share_a_lexical_term(normalizer, spelling):
    assert "قرهباغ" in normalizer.lexical_tokens(f"بازسازی {spelling}")


def test_questions_in_each_spelling_share_all_content_terms(normalizer):
    forms = [
        normalizer.lexical_tokens(f"بازسازی {s} چیست؟")
        for s in ("قرهباغ", "قره باغ", f"قره{ZWNJ}باغ")
    ]
    common = set(forms[0]) & set(forms[1]) & set(forms[2])
    assert {"بازسازی", "قرهباغ"} <= common


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("كتاب علي", "کتاب علی"),  # Arabic kaf and yeh
        ("سال ۱۴۰۲", "سال 1402"),  # Persian digits
        ("سال ١٤٠٢", "سال 1402"),  # Arabic-Indic digits
        ("مَسئولیّتِ ملی", "مسئولیت ملی"),  # diacritics
        ("می شود", f"می{ZWNJ}شود"),  # the verbal prefix joins with a ZWNJ
        (f"کتاب{ZWNJ}{ZWNJ}ها", f"کتاب{ZWNJ}ها"),  # repeated ZWNJ
        (f"کتاب {ZWNJ}ها", f"کتاب{ZWNJ}ها"),  # ZWNJ next to a space
        ("  سلام\u00a0 دنیا ", "سلام دنیا"),  # no-break and repeated spaces
    ],
)
def test_normalize_folds_variants(normalizer, raw, expected):
    assert normalizer.normalize(raw) == expected


def test_plural_with_and_without_zwnj_match(normalizer):
    assert set(normalizer.lexical_tokens("شرکت های ایرانی")) & set(
        normalizer.lexical_tokens(f"شرکت{ZWNJ}ها")
    ) >= {"شرکت"}


@pytest.mark.parametrize("empty", ["", "   ", "\n\t", "؟!"])
def test_empty_text_gives_nothing(normalizer, empty):
    assert normalizer.lexical_tokens(empty) == []
    assert normalizer.normalize(empty).strip("؟!") == ""


def test_stopwords_are_not_terms(normalizer):
    terms = normalizer.lexical_tokens("این جلسه در کجا و با حضور چه کسانی برگزار شد")
    assert "این" not in terms and "در" not in terms
    assert "جلسه" in terms and "برگزار" in terms


def test_settings_are_recorded_for_the_manifest(normalizer):
    settings = normalizer.settings
    assert settings["lemmatize"] is True and "version" in settings and "hazm" in settings


def test_background_build_gives_the_same_terms_as_before():
    """Terms made by main's normalizer before hazm was built in a thread (the JSON's `what`)."""
    import json
    from pathlib import Path

    from embeddings.text_normalizer import PersianTextNormalizer

    before = json.loads(
        (Path(__file__).parent / "data" / "bm25_terms_before.json").read_text(encoding="utf-8")
    )
    fresh = PersianTextNormalizer()  # its own background build, not the session's
    rows = [row for rows in before["texts"].values() for row in rows]
    assert len(rows) > 90 and sum(len(r["terms"]) for r in rows) > 3000
    for row in rows:
        assert fresh.normalize(row["line"]) == row["normalized"]
        assert fresh.lexical_tokens(row["line"]) == row["terms"], row["line"][:60]


def test_hazm_parts_load_without_nltk_scipy_or_sklearn():
    """A fresh process builds the normalizer from hazm's own classes, importing only those."""
    import subprocess
    import sys
    from pathlib import Path

    script = """
import sys
from embeddings.hazm_parts import load_hazm_parts
from embeddings.text_normalizer import PersianTextNormalizer
parts = load_hazm_parts()
terms = PersianTextNormalizer().lexical_tokens("کتابخانه‌های دانشگاه را می‌بینیم")
loaded = sorted(m for m in sys.modules if m.split(".")[0] in ("scipy", "sklearn", "nltk", "hazm"))
print(terms)
print(loaded)
import hazm  # the real package afterwards: its __init__ runs, reusing the same classes
assert hazm.Normalizer is parts["Normalizer"] and hazm.Lemmatizer is parts["Lemmatizer"]
assert hazm.Stemmer is parts["Stemmer"] and hazm.POSTagger
"""
    repo = Path(__file__).resolve().parents[1]
    done = subprocess.run(
        [sys.executable, "-c", script], cwd=repo, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr[-2000:]
    terms, loaded = done.stdout.splitlines()
    assert "کتابخانه" in terms and "دانشگاه" in terms
    assert "scipy" not in loaded and "sklearn" not in loaded
    # Only the modules the four objects live in, and none of the empty packages left over.
    assert "'hazm'" not in loaded and "'nltk'" not in loaded and "'nltk.stem'" not in loaded
    assert "'hazm.normalizer'" in loaded and "'hazm.pos_tagger'" not in loaded


def test_normalizing_many_words_at_once_is_normalizing_each(normalizer):
    # «میانجیگری» after another word is split as «می‌انجیگری» by hazm in one running text;
    # «جوان» before «جوان‌سازی» is read as a repeated word.
    words = ["جوان", "جوان\u200cسازی", "میانجیگری", "می روم", "كتاب‌ها", "", "a.b", "ي"]
    assert normalizer.normalize_words(words) == [normalizer.normalize(w) for w in words]
    assert normalizer.normalize_words(words[:5]) == [normalizer.normalize(w) for w in words[:5]]


def test_the_dictionary_is_hazms_word_list_in_this_spelling(normalizer):
    dictionary = normalizer.dictionary
    assert {"میانجیگری", "افزایش", "گزارش", "حرف"} <= dictionary
    assert "حرفاش" not in dictionary and dictionary is normalizer.dictionary


def test_the_noun_of_a_compound_verb_of_happening_is_part_of_the_verb(normalizer):
    """«حادثه کجا اتفاق افتاد؟» of a report saying «واژگون شد»: «اتفاق» is the verb's, not a
    thing asked about that the documents lack (which declined the question)."""

    def verbs(question: str) -> dict[str, bool]:
        words = normalizer.question_words(normalizer.normalize(question))
        return {w.text: w.verb for w in words}

    assert verbs("حادثه کجا اتفاق افتاد؟")["اتفاق"] is True
    assert verbs("چنین حادثه‌ای کجا اتفاق می‌افتد؟")["اتفاق"] is True
    assert verbs("تصادف در کدام جاده رخ داده است؟")["رخ\u200cداده"] is True
    assert verbs("بازدید کی صورت گرفت؟")["صورت"] is True
    # not before its verb: a noun like any other
    assert verbs("جلسه به چه صورت برگزار شد؟")["صورت"] is False
    assert verbs("اتفاق مهم امسال چه بود؟")["اتفاق"] is False
