"""Small product-like corpora for `fit_answer_scorer.py`: 1–5 train passages close in topic.

The product answers from a handful of documents, not from 593 passages, so the verifier is
also fitted on questions asked of such small corpora: retrieval among their chunks only, and
"is this term in the documents", term weights and the background cosine over them only.
"""

from __future__ import annotations

import math
import random

import numpy as np


def topic_neighbours(data, count: int) -> list[list[int]]:
    """Per document, the `count` other documents closest in topic (mean chunk vector cosine)."""
    docs = np.array([c["doc"] for c in data.chunks], dtype=np.int64)
    means = np.zeros((len(data.documents), data.chunk_vectors.shape[1]), dtype=np.float64)
    np.add.at(means, docs, data.chunk_vectors.astype(np.float64))
    means /= np.maximum(np.linalg.norm(means, axis=1, keepdims=True), 1e-9)
    similarity = means @ means.T
    np.fill_diagonal(similarity, -np.inf)
    return [np.argsort(-row, kind="stable")[:count].tolist() for row in similarity]


def small_corpus_questions(asked: list, neighbours, documents: int, seed: int) -> list:
    """The questions again, each asked of a corpus of 1–5 passages, as the product is used.

    The product answers from a handful of documents, not from 593 passages: "this term occurs
    in no document" and the background cosine mean something else there. An answerable
    question (or a variant of it) is asked of its own passage plus 0–4 passages close in
    topic; a question without its passage of 1–5 of those neighbours only; an off-topic
    English question of five random small corpora.
    """
    from dataclasses import replace

    rnd = random.Random(seed + 1)
    small = []
    for item in asked:
        if item.group == "en-off-topic":
            for _ in range(5):
                home = rnd.randrange(documents)
                others = rnd.sample(neighbours[home], rnd.randrange(5))
                small.append(replace(item, group="small-" + item.group, corpus=(home, *others)))
            continue
        near = neighbours[item.own_doc]
        if item.group.endswith("without-passage"):
            corpus = tuple(rnd.sample(near, 1 + rnd.randrange(5)))
        else:
            corpus = (item.own_doc, *rnd.sample(near, rnd.randrange(5)))
        small.append(replace(item, group="small-" + item.group, corpus=corpus))
    return small


def corpus_idf(sentences: list[list[str]]):
    """`AnswerExtractor.idf` as an index of just these sentences would weigh terms."""
    frequency: dict[str, int] = {}
    for terms in sentences:
        for term in set(terms):
            frequency[term] = frequency.get(term, 0) + 1
    n = max(1, len(sentences))

    def idf(term: str) -> float:
        return math.log(1 + (n + 1) / (frequency.get(term, 0) + 0.5))

    return idf


def search_within(retriever, chunk_ids, terms, vector, k: int):
    """`HybridRetriever.search` over a subset of the chunks, as an index of just those would.

    A small index nominates all its chunks, so the fused score is min-max over the subset
    (BM25 keeps the whole train corpus's IDF: an approximation).
    """
    ids = np.asarray(chunk_ids, dtype=np.int64)
    return retriever.fuse(ids, vector, retriever.lexical_scores(terms), k)
