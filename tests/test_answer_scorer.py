"""The learned answer scorer: its features, its language detection and its weights loader."""

from __future__ import annotations

import json

import numpy as np
import pytest

from bot.answering.extractor import AnswerExtractor
from bot.answering.features import SENTENCE_FEATURES, VERIFY_FEATURES
from bot.answering.language import LATIN, PERSIAN, question_language
from bot.answering.question_types import (
    counted_unit,
    holds_count_of,
    question_type,
    type_matches,
)
from bot.answering.scorer import (
    DEFAULT_WEIGHTS_PATH,
    FORMAT_VERSION,
    ScorerWeightsError,
    load_answer_scorer,
)
from bot.answering.service import AnsweringService
from bot.answering.word_presence import one_edit_away, word_presence
from bot.settings import Settings
from tests.fake_encoder import HashingEncoder


def test_question_language_by_script():
    assert question_language("Who chaired the meeting?") == LATIN
    assert question_language("جلسه به ریاست چه کسی برگزار شد؟") == PERSIAN
    # A Persian question naming an English acronym stays Persian.
    assert question_language("eu3 مخفف چه کشورهایی است؟") == PERSIAN
    assert question_language("۱۲۳؟") == PERSIAN


def test_question_types_in_persian_and_english():
    assert question_type("چه مبلغی برای بازسازی قره باغ اختصاص داده شد؟") == "amount"
    assert question_type("صادرات غیرنفتی استان چند میلیون دلار بود؟") == "amount"
    assert question_type("جمعیت جمهوری آذربایجان چقدر است؟") == "number"
    assert question_type("جلسه بعدی ستاد کی برگزار می‌شود؟") == "time"
    assert question_type("پایتخت جمهوری آذربایجان کجاست؟") == "place"
    assert question_type("Who chaired the meeting?") == "person"
    assert question_type("How much money was allocated?") == "amount"
    assert question_type("When will the next meeting be held?") == "time"


def test_what_a_count_counts_and_whether_an_answer_holds_it():
    assert counted_unit("چند تا خبرنگار تو این نشست بودن؟") == "خبرنگار"
    assert counted_unit("خط انتقال چند کیلومتر است؟") == "کیلومتر"
    # spoken copula, «ی», a plural: the number still carries the unit
    assert holds_count_of("درصده", "تخفیف ۲۰ درصد است.")
    assert holds_count_of("روزی", "جهان را در شش روز آفرید.")
    assert holds_count_of("کشورها", "به ۳۸ کشور می‌توان بی‌ویزا رفت.")
    assert holds_count_of("رای", "با ۲۷ رأی موافق تصویب شد.")  # the question is normalized
    assert not holds_count_of("ساعت", "جلسه ظهر امروز (شنبه) برگزار شد.")
    assert not holds_count_of("خبرنگار", "نشست خبری با حضور خبرنگاران برگزار شد.")


def test_a_name_question_wants_a_name_not_a_role():
    question = "نام نماینده سازمان توسعه تجارت چیست؟"
    assert question_type(question) == "person_name"
    assert not type_matches("person_name", "نماینده سازمان توسعه تجارت نیز حضور داشتند.")
    assert type_matches("person_name", "علی جهانگیری، نماینده سازمان، گفت: …")
    # «چه کسی» may be answered by a role
    assert type_matches("person", "جلسه به ریاست استاندار برگزار شد.")


def test_word_presence_counts_words_not_term_variants(normalizer):
    """A word is held when any of its terms is: «میخرن» is read as «می‌خرند», whose lemma
    «خرید» the documents hold, although its joined form «میخرند» is absent."""
    held = {"اتوبوس", "برق", "خرید", "آذربایجان"}
    idf = {"جمعیت": 3.0}.get
    question = normalizer.normalize("جمعیت آذربایجان چقدر است و چند تا اتوبوس برقی میخرن؟")
    words = normalizer.question_words(question, held.__contains__)
    presence = word_presence(words, lambda t: idf(t) or 1.0, held.__contains__)
    assert [words[i].text for i in presence.missing] == ["جمعیت"]
    assert "می\u200cخرند" in [w.text for w in words]
    assert presence.missing_verbs == []
    # «چقدر» frames the question: it is never missing and weighs nothing.
    assert all("چقدر" not in words[i].terms for i in presence.weights)
    assert presence.share(presence.missing) == pytest.approx(3.0 / (3.0 + 4 * 1.0))


def test_one_edit_away_finds_a_typo_but_not_short_words():
    held = {"ورزش", "کتاب", "آب"}.__contains__
    assert one_edit_away("وزرش", held)  # two letters swapped
    assert one_edit_away("کتب", held) is False  # too short to trust
    assert one_edit_away("ورزشی", held)  # one letter more
    assert not one_edit_away("جمعیت", held)


def test_a_typo_can_be_looked_for_in_the_word_only(normalizer):
    """«خانگی»'s stem «خانگ» is one letter from «خانه»; the word itself is not a typo of
    anything the documents hold, so it is missing when stems are not tried."""
    held = {"خانه", "فیلم"}.__contains__
    words = normalizer.question_words(normalizer.normalize("نمایش خانگی فیلم"))
    presence = word_presence(words, lambda t: 1.0, held, stems=False)
    assert [words[i].text for i in presence.missing] == ["نمایش", "خانگی"]
    # the verifier's features still forgive a typo in a stem
    loose = word_presence(words, lambda t: 1.0, held)
    assert [words[i].text for i in loose.missing] == ["نمایش"]


@pytest.fixture
def meeting_extractor(corpus_dir, tmp_path, normalizer):
    service = AnsweringService(
        Settings(corpus_dir=corpus_dir, data_dir=tmp_path / "data"),
        encoder=HashingEncoder(),
        normalizer=normalizer,
    )
    service.load()
    return service, service._searcher


def test_sentence_features_of_the_meeting_report(meeting_extractor, normalizer):
    service, searcher = meeting_extractor
    question = normalizer.normalize("اقتصاد کشور در سال گذشته چند درصد رشد کرد؟")
    terms = normalizer.tokens_of_normalized(question)
    vector = service.encoder.encode([question], "query")[0]
    ranked = searcher.retriever.search(terms, vector, k=5)
    extractor: AnswerExtractor = searcher.extractor
    found = extractor.candidates(question_type(question), terms, vector, ranked, 5)
    x = extractor.features(found, terms, question_type(question))
    assert x.shape == (len(found.ids), len(SENTENCE_FEATURES))
    column = {name: x[:, i] for i, name in enumerate(SENTENCE_FEATURES)}
    growth = next(
        i for i, s in enumerate(found.ids) if "رشد یک درصدی" in extractor.sentence_text(int(s))
    )
    # The growth sentence covers the question best and holds a number («یک درصدی»).
    assert column["coverage"][growth] == column["coverage"].max() > 0.5
    assert column["coverage_gap"][growth] == 0.0 and column["coverage_rank"][growth] == 1.0
    assert column["type_match"][growth] == 1.0
    assert np.all(column["dense_gap"] <= 0) and column["dense_rank"].max() == 1.0
    assert np.all((column["position"] >= 0) & (column["position"] <= 1))
    # The report's first line («استاندار آذربایجان شرقی:») is its lead sentence, a heading.
    assert all(column["lead_sentence"][i] == (int(s) == 0) for i, s in enumerate(found.ids))


def test_verification_features_flag_a_term_the_documents_lack(meeting_extractor, normalizer):
    service, searcher = meeting_extractor
    question = normalizer.normalize("جمعیت جمهوری آذربایجان چقدر است؟")
    terms = normalizer.tokens_of_normalized(question)
    vector = service.encoder.encode([question], "query")[0]
    ranked = searcher.retriever.search(terms, vector, k=5)
    words = normalizer.question_words(question, searcher.extractor.in_corpus)
    extracted = searcher.extractor.extract(question, terms, vector, ranked, question_words=words)
    features = dict(zip(VERIFY_FEATURES, extracted.verification, strict=True))
    assert "جمعیت" in extracted.missing_terms
    assert features["missing_count"] > 0
    assert features["missing_terms"] > 0.3
    assert features["type_asked"] == 1.0
    assert features["unit_missing"] == 0.0  # «چقدر» counts nothing in particular
    question = normalizer.normalize("جلسه ستاد توسعه تجارت چند ساعت طول کشید؟")
    terms = normalizer.tokens_of_normalized(question)
    vector = service.encoder.encode([question], "query")[0]
    ranked = searcher.retriever.search(terms, vector, k=5)
    extracted = searcher.extractor.extract(question, terms, vector, ranked)
    features = dict(zip(VERIFY_FEATURES, extracted.verification, strict=True))
    assert features["unit_missing"] == features["type_missing"] == 1.0
    # English: the same signals are zero, since its words are never in Persian documents.
    english = "What is the population of the Republic of Azerbaijan?"
    vector = service.encoder.encode([english], "query")[0]
    extracted = searcher.extractor.extract(english, ["population"], vector, ranked)
    features = dict(zip(VERIFY_FEATURES, extracted.verification, strict=True))
    assert extracted.language == LATIN
    assert features["missing_terms"] == features["span_coverage"] == 0.0


def _weights(tmp_path, change):
    raw = json.loads(DEFAULT_WEIGHTS_PATH.read_text("utf-8"))
    change(raw)
    path = tmp_path / "answer_scorer.json"
    path.write_text(json.dumps(raw), "utf-8")
    return path


def test_the_shipped_weights_load_and_record_their_origin():
    scorer = load_answer_scorer()
    raw = json.loads(DEFAULT_WEIGHTS_PATH.read_text("utf-8"))
    assert raw["format_version"] == FORMAT_VERSION
    assert raw["training_data"]["file"] == "parsinlu_rc_train.jsonl"
    assert len(raw["training_data"]["sha256"]) == 64
    assert scorer.model.startswith("bundled:multilingual-e5-small")
    assert set(scorer.thresholds) == {PERSIAN, LATIN}


def test_a_handful_of_reports_has_its_own_threshold():
    """Fitted on train questions asked of 1-5 passages: there a decline still shows the
    nearest passage of a few documents, and more words are missing from any small corpus."""
    scorer = load_answer_scorer()
    size = VERIFY_FEATURES.index("corpus_size")
    features = np.zeros(len(VERIFY_FEATURES))
    for language in (PERSIAN, LATIN):
        features[size] = 0.0  # one report of ~30 sentences
        assert scorer.threshold(features, language) == scorer.small_thresholds[language]
        features[size] = 1.0  # thousands of sentences
        assert scorer.threshold(features, language) == scorer.thresholds[language]
        assert scorer.small_thresholds[language] != scorer.thresholds[language]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda raw: raw.update(format_version=0), "format version 0"),
        (lambda raw: raw["ranker"]["features"].reverse(), "ranker features"),
        (lambda raw: raw["verifier"]["features"].pop(), "verifier features"),
        (lambda raw: raw["ranker"]["weights"].pop(), "malformed"),
        (lambda raw: raw["verifier"].pop("en"), "malformed"),
        (lambda raw: raw["verifier"]["fa"].pop("threshold_small"), "malformed"),
    ],
)
def test_a_mismatched_weights_file_is_a_clear_error(tmp_path, change, message):
    with pytest.raises(ScorerWeightsError, match=message):
        load_answer_scorer(_weights(tmp_path, change))


def test_a_missing_weights_file_stops_start_up(corpus_dir, tmp_path, normalizer):
    service = AnsweringService(
        Settings(corpus_dir=corpus_dir, data_dir=tmp_path / "data"),
        encoder=HashingEncoder(),
        normalizer=normalizer,
        scorer_path=tmp_path / "nowhere.json",
    )
    with pytest.raises(ScorerWeightsError, match=r"fit_answer_scorer\.py"):
        service.load()
    assert not (tmp_path / "data" / "index").exists()  # nothing was built


def test_cli_reports_a_broken_weights_file_without_a_traceback(tmp_path, corpus_dir, capsys):
    from bot import cli, cli_common

    broken = tmp_path / "weights.json"
    broken.write_text("{not json", "utf-8")
    original = cli_common.open_service

    def service_with_broken_weights(settings, scorer="learned"):
        service = original(settings, scorer)
        service.scorer_path = broken
        return service

    cli_common.open_service = service_with_broken_weights
    try:
        status = cli.main(["index", "--corpus", str(corpus_dir), "--index", str(tmp_path / "i")])
    finally:
        cli_common.open_service = original
    assert status == 2
    assert "cannot read answer scorer weights" in capsys.readouterr().err
