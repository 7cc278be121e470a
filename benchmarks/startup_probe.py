"""Run as a subprocess: one cold start, printing when each phase ended (wall-clock seconds).

`python -m benchmarks.startup_probe QUESTION` reads the same environment as `pasokh`
(`PASOKH_CORPUS_DIR`, `PASOKH_INDEX_DIR`, `PASOKH_DATA_DIR`, `PASOKH_THREADS`) and prints one
JSON object: {"phases": [[name, unix time at its end], ...], "abstained": bool}. The parent
subtracts its own launch time, so the first phase includes interpreter start-up.
"""

from __future__ import annotations

import json
import sys
import time


def main(argv: list[str] | None = None) -> int:
    """Times imports, model load, index load and the first answer of one process."""
    args = sys.argv[1:] if argv is None else argv
    question = " ".join(args) or "جلسه ستاد توسعه تجارت چه روزی برگزار شد؟"
    phases = [("interpreter", time.time())]
    import torch  # noqa: F401  (timed on its own: the biggest import)

    phases.append(("import torch", time.time()))
    import sentence_transformers  # noqa: F401

    phases.append(("import sentence_transformers", time.time()))
    from bot.answering.service import AnsweringService
    from bot.settings import Settings

    phases.append(("import pasokh (hazm, faiss, bm25s)", time.time()))
    settings = Settings.from_env(env_file=None)
    service = AnsweringService(settings)
    service.normalizer  # noqa: B018  (builds hazm's normalizer and lemmatizer)
    phases.append(("hazm normalizer", time.time()))
    service.encoder  # noqa: B018  (loads the model)
    phases.append(("load model", time.time()))
    report = service.load()
    phases.append(("load index", time.time()))
    answer = service.ask(question)
    phases.append(("first answer", time.time()))
    print(
        json.dumps(
            {"phases": phases, "abstained": answer.abstained, "embedded": report.embedded_chunks}
        ),
        flush=True,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
