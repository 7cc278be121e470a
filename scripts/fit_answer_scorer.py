"""Fits the answer scorer on ParsiNLU train and writes `bot/answering/answer_scorer.json`.

    HF_HUB_OFFLINE=1 .venv/bin/python scripts/fit_answer_scorer.py

Only `../shared/data/parsinlu_rc_train.jsonl` (and the English twins and off-topic questions
in `scripts/data/`, written for this script) are read; dev is never looked at. As in
`pasokh eval`, all unique passages of the split form one corpus, so retrieval brings
distractor passages. Deterministic: a fixed seed for the made-up variants, full-batch L-BFGS,
and the script re-executes itself with PYTHONHASHSEED=0 (set iteration order otherwise changes
IDF sums in the last bit between runs, which can flip a tie).
Question vectors are cached under `data/fit/` (keyed by the model, the backend, whether
questions run int8 and the hash of the graph they run on, as answering embeds them), so a refit
after a code change takes a couple of minutes; a new embedding model or query path re-embeds (a
few minutes on this machine).

What is fitted:
- the ranker: a listwise (softmax over one question's candidates) linear model of
  `SENTENCE_FEATURES`; a candidate is positive when it holds a gold answer (`answer_key`).
- the verifier, one logistic regression per language over `VERIFY_FEATURES`: positive = an
  answerable question answered right; negative = the same question asked of the corpus
  without its own passage, and (Persian) an on-topic variant whose key word is replaced by
  another question's key word that its passage does not hold; English off-topic questions.
  Every question is also asked of a small corpus of 1-5 train passages close in topic
  (`fit_small_corpora.py`), as the product is used. Two thresholds per language: at most
  `--false-declines` of the answerable questions asked of all of train declined, at most
  `--false-declines-small` of those asked of a small corpus.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import logging
import os
import random
import re
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.answering.features import SENTENCE_FEATURES, VERIFY_FEATURES  # noqa: E402
from bot.answering.language import LANGUAGES, LATIN, PERSIAN  # noqa: E402
from bot.answering.scorer import (  # noqa: E402
    FORMAT_VERSION,
    AnswerScorer,
    LinearModel,
    count_missing,
)
from scripts.fit_small_corpora import (  # noqa: E402
    corpus_idf,
    search_within,
    small_corpus_questions,
    topic_neighbours,
)

_WORD = re.compile(r"[\w\u200c]+")
# On-topic questions asking for a kind of thing the passage may not hold ({} = the key word).
_KIND_TEMPLATES = {
    "amount": "هزینه {} چند میلیون تومان است؟",
    "time": "{} در چه سالی بود؟",
    "place": "{} در کدام شهر است؟",
    "person": "{} توسط چه کسی انجام شد؟",
    "number": "{} چند کیلومتر است؟",
}


@dataclass(frozen=True)
class Asked:
    """One question put to the training corpus."""

    question: str
    golds: tuple[str, ...]
    own_doc: int
    group: str  # fa | fa-without-passage | fa-variant | en | … ; "small-" + any of them
    # Documents of a small product-like corpus the question is asked of; () = all of train.
    corpus: tuple[int, ...] = ()

    @property
    def answerable(self) -> bool:
        return self.group.removeprefix("small-") in ("fa", "en")

    @property
    def language(self) -> str:
        return LATIN if self.group.removeprefix("small-").startswith("en") else PERSIAN


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def _key_word(question: str, own_terms: set[str], normalizer, idf) -> tuple[str, float] | None:
    """The question's rarest word whose terms its passage holds (what the question is about)."""
    best = None
    for word in _WORD.findall(question):
        terms = [t for t in normalizer.terms_of_word(word) if t in own_terms]
        if terms:
            weight = max(idf(t) for t in terms)
            if best is None or weight > best[1]:
                best = (word, weight)
    return best


def kind_in(kind: str, question: str, passage: str) -> bool:
    """Whether any sentence of the passage holds what the templated question asks for."""
    from bot.answering.question_types import counted_unit, holds_count_of, type_matches

    unit = counted_unit(question)
    return any(
        type_matches(kind, s) and (unit is None or holds_count_of(unit, s))
        for s in re.split(r"(?<=[.!?؟])\s+", passage)
    )


def build_questions(rows, doc_of, doc_terms, english, off_topic, normalizer, idf, seed):
    """Answerable questions, their without-passage twins, variants and English twins."""
    asked: list[Asked] = []
    keys = []
    for row in rows:
        own = doc_of[row["passage"]]
        golds = tuple(a[1] for a in row["answers"])
        asked.append(Asked(row["question"], golds, own, "fa"))
        asked.append(Asked(row["question"], golds, own, "fa-without-passage"))
        keys.append(
            _key_word(normalizer.normalize(row["question"]), doc_terms[own], normalizer, idf)
        )
    rnd = random.Random(seed)
    pool = [k[0] for k in keys if k is not None]
    for row, key in zip(rows, keys, strict=True):
        own = doc_of[row["passage"]]
        if key is None:
            continue
        for _ in range(20):
            other = pool[rnd.randrange(len(pool))]
            if not set(normalizer.terms_of_word(other)) & doc_terms[own]:
                normalized = normalizer.normalize(row["question"])
                variant = re.sub(
                    rf"(?<![\w\u200c]){re.escape(key[0])}(?![\w\u200c])", other, normalized, count=1
                )
                asked.append(Asked(variant, (), own, "fa-variant"))
                break
    # Words of the questions that no passage holds: a key word replaced by one of them is a
    # question about something the documents never mention («جمعیت» in a trade report).
    every_term = set().union(*doc_terms)
    absent = sorted(
        {
            w
            for row in rows
            for w in _WORD.findall(normalizer.normalize(row["question"]))
            if len(w) > 2
            and normalizer.terms_of_word(w)
            and not set(normalizer.terms_of_word(w)) & every_term
        }
    )
    for row, key in zip(rows, keys, strict=True):
        if key is not None and absent:
            normalized = normalizer.normalize(row["question"])
            other = absent[rnd.randrange(len(absent))]
            pattern = rf"(?<![\w\u200c]){re.escape(key[0])}(?![\w\u200c])"
            variant = re.sub(pattern, other, normalized, count=1)
            asked.append(Asked(variant, (), doc_of[row["passage"]], "fa-absent-variant"))
    for row, key in zip(rows, keys, strict=True):
        passage = row["passage"]
        lacking = [k for k in _KIND_TEMPLATES if not kind_in(k, _KIND_TEMPLATES[k], passage)]
        if key is not None and lacking:
            kind = lacking[rnd.randrange(len(lacking))]
            variant = _KIND_TEMPLATES[kind].format(key[0])
            asked.append(Asked(variant, (), doc_of[passage], "fa-type-variant"))
    for twin in english:
        row = rows[twin["train_line"] - 1]
        own, golds = doc_of[row["passage"]], tuple(a[1] for a in row["answers"])
        asked.append(Asked(twin["question"], golds, own, "en"))
        asked.append(Asked(twin["question"], golds, own, "en-without-passage"))
    asked.extend(Asked(q, (), -1, "en-off-topic") for q in off_topic)
    return asked


def encode_cached(encoder, texts: list[str], cache: Path) -> dict[str, np.ndarray]:
    """Query vectors of `texts`, from the cache file where present."""
    known: dict[str, np.ndarray] = {}
    if cache.exists():
        with np.load(cache, allow_pickle=False) as stored:
            known = dict(zip(stored["texts"].tolist(), stored["vectors"], strict=True))
    missing = sorted({t for t in texts if t not in known})
    if missing:
        logging.info("Embedding %d questions (%d cached)", len(missing), len(known))
        for text, vector in zip(missing, encoder.encode(missing, "query"), strict=True):
            known[text] = np.asarray(vector, dtype=np.float32)
        cache.parent.mkdir(parents=True, exist_ok=True)
        names = sorted(known)
        np.savez(cache, texts=np.array(names), vectors=np.stack([known[t] for t in names]))
    return known


def standardizer(x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Means and scales (1 for constant columns) of the feature columns."""
    mean = x.mean(axis=0)
    scale = x.std(axis=0)
    return mean, np.where(scale > 1e-9, scale, 1.0)


def fit_listwise(groups: list[tuple[np.ndarray, np.ndarray]], l2: float) -> LinearModel:
    """Softmax-over-candidates linear ranker: maximizes the probability of the positives."""
    from scipy.optimize import minimize

    mean, scale = standardizer(np.concatenate([x for x, _ in groups]))
    data = [((x - mean) / scale, y.astype(bool)) for x, y in groups]

    def loss(w: np.ndarray) -> tuple[float, np.ndarray]:
        total, grad = 0.5 * l2 * w @ w, l2 * w
        for z, positive in data:
            s = z @ w
            p_all = np.exp(s - s.max())
            p_all /= p_all.sum()
            s_pos = s[positive]
            p_pos = np.exp(s_pos - s_pos.max())
            p_pos /= p_pos.sum()
            total += (np.log(np.exp(s - s.max()).sum()) + s.max()) - (
                np.log(np.exp(s_pos - s_pos.max()).sum()) + s_pos.max()
            )
            grad = grad + p_all @ z - p_pos @ z[positive]
        return float(total), grad

    result = minimize(loss, np.zeros(z_dim(data)), jac=True, method="L-BFGS-B")
    return LinearModel(mean, scale, result.x)


def z_dim(data) -> int:
    return data[0][0].shape[1]


def fit_logistic(x: np.ndarray, y: np.ndarray, l2: float) -> LinearModel:
    """L2-regularized logistic regression on standardized features."""
    from scipy.optimize import minimize

    mean, scale = standardizer(x)
    z = np.hstack([(x - mean) / scale, np.ones((len(x), 1))])

    def loss(w: np.ndarray) -> tuple[float, np.ndarray]:
        s = z @ w
        p = 1.0 / (1.0 + np.exp(-s))
        penalty = w.copy()
        penalty[-1] = 0.0
        value = np.sum(np.logaddexp(0.0, s) - y * s) + 0.5 * l2 * penalty @ penalty
        return float(value), z.T @ (p - y) + l2 * penalty

    w = minimize(loss, np.zeros(z.shape[1]), jac=True, method="L-BFGS-B").x
    return LinearModel(mean, scale, w[:-1], bias=float(w[-1]))


def cross_validated_top1(groups, l2: float, folds: int, seed: int) -> float:
    """Share of questions whose best-scored candidate is positive, by k-fold on train."""
    order = list(range(len(groups)))
    random.Random(seed).shuffle(order)
    hits = 0
    for fold in range(folds):
        held = set(order[fold::folds])
        model = fit_listwise([g for i, g in enumerate(groups) if i not in held], l2)
        for i in held:
            x, y = groups[i]
            hits += bool(y[int(np.argmax(model.score(x)))])
    return hits / len(groups)


def collect(service, asked: list[Asked], vectors, doc_terms, sentence_keys):
    """Per asked question: ranked passages, candidate features, labels and the in-corpus test."""
    from bot.answering.question_types import question_type
    from bot.evaluation import answer_key

    searcher, normalizer = service._searcher, service.normalizer
    data, extractor = searcher.data, searcher.extractor
    term_docs: dict[str, int] = {}
    for terms in doc_terms:
        for term in terms:
            term_docs[term] = term_docs.get(term, 0) + 1
    chunks_of: dict[int, list[int]] = {}
    for chunk_id, chunk in enumerate(data.chunks):
        chunks_of.setdefault(chunk["doc"], []).append(chunk_id)
    sentence_docs = np.array([s["doc"] for s in data.sentences], dtype=np.int64)
    rows = []
    for item in asked:
        normalized = normalizer.normalize(item.question)
        idf = background = sentences = None
        if item.corpus:
            held = set().union(*(doc_terms[d] for d in item.corpus))
            in_corpus = held.__contains__
            words = normalizer.question_words(normalized, in_corpus)
            terms = [t for word in words for t in word.terms]
            vector = vectors[normalized]
            chunk_ids = [c for d in item.corpus for c in chunks_of.get(d, [])]
            ranked = search_within(searcher.retriever, chunk_ids, terms, vector, 5)
            mine = np.flatnonzero(np.isin(sentence_docs, item.corpus))
            idf = corpus_idf([data.sentences[i]["terms"] for i in mine])
            background = float(np.mean(data.sentence_vectors[mine] @ vector.astype(np.float32)))
            sentences = len(mine)
        else:
            words = normalizer.question_words(normalized, extractor.in_corpus)
            terms = [t for word in words for t in word.terms]
            vector = vectors[normalized]
            ranked = searcher.retriever.search(terms, vector, k=12)
            own_terms: set[str] = set()
            if item.group.endswith("without-passage"):
                ranked = [h for h in ranked if data.chunks[h.chunk_id]["doc"] != item.own_doc]
                own_terms = doc_terms[item.own_doc]
            ranked = ranked[:5]

            def in_corpus(term: str, own_terms=own_terms) -> bool:
                return term_docs.get(term, 0) - (term in own_terms) > 0

        lexical = item.language == PERSIAN
        kind = question_type(normalized)
        found = extractor.candidates(kind, terms if lexical else [], vector, ranked, 5)
        golds = [k for k in (answer_key(g, normalizer) for g in item.golds) if k]
        labels = np.array([any(g in sentence_keys[s] for g in golds) for s in found.ids.tolist()])
        rows.append(
            (
                item,
                normalized,
                terms,
                words,
                vector,
                ranked,
                (in_corpus, idf, background, sentences),
                extractor.features(found, terms if lexical else [], kind),
                labels,
                golds,
            )
        )
    return rows


@dataclass
class Prepared:
    """The training corpus, its extractor and every asked question's candidates."""

    service: object
    data: object
    extractor: object
    normalizer: object
    model: str
    collected: list


def prepare(args: argparse.Namespace) -> Prepared:
    """Indexes the train passages, makes the questions, embeds them (cached), collects features."""
    from bot.answering.service import AnsweringService
    from bot.evaluation import answer_key, read_eval_file, write_passage_corpus
    from bot.settings import Settings
    from embeddings.encoder import set_thread_environment

    rows = [json.loads(line) for line in args.train.read_text("utf-8").splitlines() if line.strip()]
    english = [json.loads(line) for line in args.english.read_text("utf-8").splitlines() if line]
    off_topic = [q for q in args.off_topic.read_text("utf-8").splitlines() if q.strip()]
    _, passages = read_eval_file(args.train)
    settings = Settings.from_env().with_overrides(
        corpus_dir=write_passage_corpus(passages or {}, args.work / "corpus"),
        index_path=args.work / "index",
    )
    set_thread_environment(settings.threads)
    service = AnsweringService(settings, scorer="hand")
    service.load()
    data, extractor, normalizer = (
        service._searcher.data,
        service._searcher.extractor,
        service.normalizer,
    )
    by_name = {d["name"]: i for i, d in enumerate(data.documents)}
    doc_of = {}
    for name, text in (passages or {}).items():
        doc_of[text] = by_name[name]
    doc_terms = [set() for _ in data.documents]
    for sentence in data.sentences:
        doc_terms[sentence["doc"]].update(sentence["terms"])
    sentence_keys = [
        answer_key(extractor.sentence_text(s), normalizer) for s in range(len(data.sentences))
    ]

    asked = build_questions(
        rows, doc_of, doc_terms, english, off_topic, normalizer, extractor.idf, args.seed
    )
    if args.small_corpora:
        neighbours = topic_neighbours(data, 8)
        asked += small_corpus_questions(asked, neighbours, len(data.documents), args.seed)
    model = service.encoder.identity
    # Both backends share the model's identity, yet torch and onnxruntime, fp32 and int8, give
    # slightly different question vectors, and the weights must fit the ones answering uses.
    # The int8 graph's own hash too: how it is quantized changes the vectors, not the identity.
    graph = getattr(service.encoder, "query_graph_sha256", "")
    path = f"{model}|{settings.backend}|int8={settings.int8_queries}|{graph}"
    digest = hashlib.sha1(path.encode()).hexdigest()[:12]
    vectors = encode_cached(
        service.encoder,
        [normalizer.normalize(a.question) for a in asked],
        args.work / f"query-vectors-{digest}.npz",
    )
    collected = collect(service, asked, vectors, doc_terms, sentence_keys)

    return Prepared(service, data, extractor, normalizer, model, collected)


def answer_results(prepared: Prepared, ranker: LinearModel):
    """Verification features and correctness of the answer the ranker picks, per question."""
    from bot.evaluation import answer_key

    placeholder = LinearModel(
        np.zeros(len(VERIFY_FEATURES)),
        np.ones(len(VERIFY_FEATURES)),
        np.zeros(len(VERIFY_FEATURES)),
    )
    extractor, data, normalizer = prepared.extractor, prepared.data, prepared.normalizer
    extractor.scorer = AnswerScorer(
        ranker,
        dict.fromkeys(LANGUAGES, placeholder),
        dict.fromkeys(LANGUAGES, 0.5),
        prepared.model,
    )
    features, correct = [], []
    for item in prepared.collected:
        _, normalized, terms, words, vector, ranked, corpus, _, _, golds = item
        in_corpus, idf, background, sentences = corpus
        extracted = extractor.extract(
            normalized,
            terms,
            vector,
            ranked,
            in_corpus=in_corpus,
            question_words=words,
            idf=idf,
            background=background,
            sentences=sentences,
        )
        text = data.documents[extracted.doc_id]["text"][extracted.start : extracted.end]
        features.append(extracted.verification)
        correct.append(any(g in answer_key(text, normalizer) for g in golds))
    return np.array(features), np.array(correct)


def with_fixed_hash_seed() -> None:
    """Re-executes this script with PYTHONHASHSEED=0 unless it already runs with it.

    Sets of terms iterate in hash order, so IDF sums over them differ in the last bit from
    run to run and a tie can flip: with a fixed seed a refit is byte-identical.
    """
    if os.environ.get("PYTHONHASHSEED") != "0":
        env = {**os.environ, "PYTHONHASHSEED": "0"}
        os.execve(sys.executable, [sys.executable, *sys.argv], env)


def add_data_arguments(parser: argparse.ArgumentParser) -> None:
    """--train, --english, --off-topic: what the fit (and its cross-validation) reads."""
    parser.add_argument(
        "--train", type=Path, default=ROOT.parent / "shared/data/parsinlu_rc_train.jsonl"
    )
    parser.add_argument(
        "--english", type=Path, default=ROOT / "scripts/data/parsinlu_train_english.jsonl"
    )
    parser.add_argument(
        "--off-topic", type=Path, default=ROOT / "scripts/data/english_off_topic.txt"
    )


def main() -> int:
    with_fixed_hash_seed()
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    add_data_arguments(parser)
    parser.add_argument("--out", type=Path, default=ROOT / "bot/answering/answer_scorer.json")
    parser.add_argument("--work", type=Path, default=ROOT / "data/fit")
    parser.add_argument("--seed", type=int, default=10)
    parser.add_argument("--ranker-l2", type=float, default=1.0)
    parser.add_argument("--verifier-l2", type=float, default=1.0)
    parser.add_argument("--false-declines", type=float, default=0.04)
    parser.add_argument("--false-declines-small", dest="false_small", type=float, default=0.08)
    parser.add_argument("--gate-declines", type=float, default=0.01)
    parser.add_argument(
        "--small-corpora",
        type=int,
        default=1,
        help="also ask every question of a small corpus of 1-5 passages close in topic (0: no)",
    )
    args = parser.parse_args()
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(message)s")
    for noisy in ("bm25s", "sentence_transformers", "transformers", "httpx"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    prepared = prepare(args)
    collected, model = prepared.collected, prepared.model
    # The ranker learns from questions asked of all of train (a small corpus repeats them).
    groups = [
        (x, y) for item, *_, x, y, _ in collected if item.answerable and y.any() and not item.corpus
    ]
    cv = {l2: cross_validated_top1(groups, l2, 5, args.seed) for l2 in (0.1, 1.0, 10.0)}
    logging.info("Ranker 5-fold top-1 on train by L2: %s", cv)
    ranker = fit_listwise(groups, args.ranker_l2)

    # The verifier sees what the product sees: the fitted ranker's choice and its neighbour.
    features, correct = answer_results(prepared, ranker)
    groups_of = np.array([item.group for item, *_ in collected])
    answerable = np.array([item.answerable for item, *_ in collected])

    verifier, summary = {}, {}
    gate_values = features[:, VERIFY_FEATURES.index("dense")]
    for lang in LANGUAGES:
        mine = np.array([item.language == lang for item, *_ in collected])
        # The gate keeps all but `--gate-declines` of the answerable questions: it only
        # turns away questions about something else. The verifier learns among the rest.
        gate = float(np.quantile(gate_values[mine & answerable], args.gate_declines))
        on_topic = gate_values >= gate
        # What `AnswerScorer.answers` declines whatever the probability (a count asked for
        # that the answer lacks) counts against the declines a threshold may add.
        kept = on_topic & ~count_missing(features)
        use = mine & on_topic & (~answerable | correct)
        model_lang = fit_logistic(
            features[use], (answerable & correct)[use].astype(float), args.verifier_l2
        )
        p = 1.0 / (1.0 + np.exp(-model_lang.score(features)))
        # Thresholds: at most `--false-declines` of this language's answerable questions
        # asked of all of train declined in all (by the gate, the count rule or the
        # verifier), and at most `--false-declines-small` of those asked of a small corpus,
        # where a decline still shows the nearest passage of a handful of documents.
        small = np.array([bool(item.corpus) for item, *_ in collected])
        thresholds = {}
        for regime, target in (("large", args.false_declines), ("small", args.false_small)):
            at = mine & answerable & (small if regime == "small" else ~small)
            candidates = np.sort(p[at & kept])
            allowed = int(target * at.sum()) - int((at & ~kept).sum())
            thresholds[regime] = float(candidates[max(0, allowed)]) if len(candidates) else 0.5
        verifier[lang] = {
            **model_lang.to_dict(),
            "gate": round(gate, 6),
            "threshold": round(thresholds["large"], 6),
            "threshold_small": round(thresholds["small"], 6),
        }
        threshold = np.where(small, thresholds["small"], thresholds["large"])
        decided = kept & (p >= threshold)
        for group in sorted(set(groups_of[mine])):
            at = groups_of == group
            summary[group] = {
                "questions": int(at.sum()),
                "declined": round(float(np.mean(~decided[at])), 3),
                **(
                    {"answer@1": round(float(np.mean(correct[at] & decided[at])), 3)}
                    if group.removeprefix("small-") in ("fa", "en")
                    else {}
                ),
            }
    top1 = float(np.mean(correct[groups_of == "fa"]))
    logging.info("Train (in-sample) answer@1 before declines: %.3f; by group: %s", top1, summary)

    weights = {
        "format_version": FORMAT_VERSION,
        "model": model,
        "training_data": {
            "file": args.train.name,
            "sha256": _sha256(args.train),
            "english_twins": {"file": args.english.name, "sha256": _sha256(args.english)},
            "english_off_topic": {"file": args.off_topic.name, "sha256": _sha256(args.off_topic)},
        },
        "fit": {
            "seed": args.seed,
            "ranker_l2": args.ranker_l2,
            "verifier_l2": args.verifier_l2,
            "false_declines_target": args.false_declines,
            "false_declines_small_target": args.false_small,
            "gate_declines_target": args.gate_declines,
            "ranker_cv_top1_by_l2": {str(k): round(v, 4) for k, v in cv.items()},
            "train_top1_sentence_answer": round(top1, 4),
            "train_groups": summary,
        },
        "ranker": {"features": list(SENTENCE_FEATURES), **ranker.to_dict()},
        "verifier": {"features": list(VERIFY_FEATURES), **verifier},
    }
    args.out.write_text(json.dumps(weights, ensure_ascii=False, indent=1) + "\n", "utf-8")
    logging.info("Wrote %s", args.out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
