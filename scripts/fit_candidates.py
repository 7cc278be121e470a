"""Prepares the answer scorer's fit: indexes ParsiNLU train, asks it every question, collects.

All unique train passages form one corpus (as in `pasokh eval`, so retrieval brings distractor
passages); the questions of `fit_questions.py` are embedded as answering embeds them (cached
under `data/fit/`, keyed by the model, the backend, int8 or not and the question graph's
hash) and each gets its ranked passages, its candidate sentences' features and labels.
Read by `fit_answer_scorer.py`, `fit_cv.py` and `fit_cv_span.py`; never reads dev.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import logging
import os
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.answering.language import PERSIAN  # noqa: E402
from scripts.fit_questions import Asked, build_questions  # noqa: E402
from scripts.fit_small_corpora import (  # noqa: E402
    corpus_idf,
    search_within,
    small_corpus_questions,
    topic_neighbours,
)


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


def with_fixed_hash_seed() -> None:
    """Re-executes this script with PYTHONHASHSEED=0 unless it already runs with it.

    Sets of terms iterate in hash order, so IDF sums over them differ in the last bit from
    run to run and a tie can flip: with a fixed seed a refit is byte-identical.
    """
    if os.environ.get("PYTHONHASHSEED") != "0":
        env = {**os.environ, "PYTHONHASHSEED": "0"}
        os.execve(sys.executable, [sys.executable, *sys.argv], env)


def add_data_arguments(parser: argparse.ArgumentParser) -> None:
    """--train, --english, --off-topic: what the fit (and its cross-validation) reads;
    --work, where it caches; --seed, the seed of its made-up variants."""
    parser.add_argument(
        "--train", type=Path, default=ROOT.parent / "shared/data/parsinlu_rc_train.jsonl"
    )
    parser.add_argument(
        "--english", type=Path, default=ROOT / "scripts/data/parsinlu_train_english.jsonl"
    )
    parser.add_argument(
        "--off-topic", type=Path, default=ROOT / "scripts/data/english_off_topic.txt"
    )
    parser.add_argument("--work", type=Path, default=ROOT / "data/fit")
    parser.add_argument("--seed", type=int, default=10, help="the fit's seed (made-up variants)")
