"""Run as a subprocess: one cold start, printing when each phase ended (wall-clock seconds).

`python -m benchmarks.startup_probe QUESTION` reads the same environment as `pasokh`
(`PASOKH_CORPUS_DIR`, `PASOKH_INDEX_DIR`, `PASOKH_DATA_DIR`, `PASOKH_THREADS`,
`PASOKH_BACKEND`) and prints one JSON object: {"phases": [[name, unix time at its end], ...],
"abstained": bool, "peak_rss_mb": float, "heavy_modules": [...]}. The parent subtracts its own
launch time, so the first phase includes interpreter start-up. hazm builds in a background
thread from "import pasokh" on; "hazm ready" is when the first answer stopped waiting for it.
"""

from __future__ import annotations

import json
import os
import sys
import time


def _peak_rss_mb() -> float:
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return round(int(line.split()[1]) / 1024, 1)
    return 0.0


def main(argv: list[str] | None = None) -> int:
    """Times imports, model load, index load and the first answer of one process."""
    args = sys.argv[1:] if argv is None else argv
    question = " ".join(args) or "جلسه ستاد توسعه تجارت چه روزی برگزار شد؟"
    phases = [("interpreter", time.time())]
    if os.environ.get("PASOKH_BACKEND") == "sentence-transformers":
        import torch  # noqa: F401  (timed on its own: the biggest import)

        phases.append(("import torch", time.time()))
        import sentence_transformers  # noqa: F401

        phases.append(("import sentence_transformers", time.time()))
    from bot.answering.service import AnsweringService
    from bot.settings import Settings

    phases.append(("import pasokh (faiss, bm25s)", time.time()))
    settings = Settings.from_env(env_file=None)
    service = AnsweringService(settings)
    service.normalizer  # noqa: B018  (starts building hazm in the background)
    service.encoder  # noqa: B018  (loads the model)
    phases.append(("load model", time.time()))
    report = service.load()
    phases.append(("load index", time.time()))
    service.normalizer.stopwords  # noqa: B018  (waits for hazm if it is still building)
    phases.append(("hazm ready", time.time()))
    answer = service.ask(question)
    phases.append(("first answer", time.time()))
    heavy = sorted(
        {m.split(".")[0] for m in sys.modules} & {"torch", "transformers", "sentence_transformers"}
    )
    print(
        json.dumps(
            {
                "phases": phases,
                "abstained": answer.abstained,
                "embedded": report.embedded_chunks,
                "peak_rss_mb": _peak_rss_mb(),
                "heavy_modules": heavy,
            }
        ),
        flush=True,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
