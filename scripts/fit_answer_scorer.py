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
few minutes on this machine). The questions are made in `fit_questions.py`, asked and collected
in `fit_candidates.py`, and the models are those of `fit_linear.py`.

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
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.answering.features import SENTENCE_FEATURES, VERIFY_FEATURES  # noqa: E402
from bot.answering.language import LANGUAGES  # noqa: E402
from bot.answering.scorer import (  # noqa: E402
    FORMAT_VERSION,
    AnswerScorer,
    LinearModel,
    count_missing,
)
from scripts.fit_candidates import (  # noqa: E402
    Prepared,
    add_data_arguments,
    prepare,
    with_fixed_hash_seed,
)
from scripts.fit_linear import cross_validated_top1, fit_listwise, fit_logistic  # noqa: E402


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def answer_results(prepared: Prepared, ranker: LinearModel):
    """Verification features and correctness of the answer the ranker picks, per question, and
    whether `decisive_words` declines it whatever the verifier says (reported, not fitted)."""
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
    features, correct, decisive = [], [], []
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
        decisive.append(bool(extracted.decisive_missing))
    return np.array(features), np.array(correct), np.array(decisive)


def main() -> int:
    with_fixed_hash_seed()
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    add_data_arguments(parser)
    parser.add_argument("--out", type=Path, default=ROOT / "bot/answering/answer_scorer.json")
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
    features, correct, decisive = answer_results(prepared, ranker)
    groups_of = np.array([item.group for item, *_ in collected])
    answerable = np.array([item.answerable for item, *_ in collected])

    verifier, summary = {}, {}
    answered = np.zeros(len(collected), dtype=bool)
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
        answered[mine] = decided[mine]
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
    # A place or an attribute no document of a small corpus holds declines on its own
    # (`decisive_words.py`): how often, per group, among the questions the verifier answers.
    rule = {
        group: f"{int((decisive & answered & (groups_of == group)).sum())}"
        f"/{int((answered & (groups_of == group)).sum())}"
        for group in sorted(set(groups_of))
        if group.startswith("small-fa")
    }
    logging.info("Answered by the verifier, then declined by decisive words: %s", rule)

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
