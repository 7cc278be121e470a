"""Which embedding models can be loaded offline, checked before anything heavy is imported."""

from __future__ import annotations

import os
from pathlib import Path

BUNDLED_PREFIX = "bundled:"
# What a sentence-transformers (or plain transformers) model folder always holds.
_MODEL_FOLDER_MARKERS = ("modules.json", "config.json")


def valid_choices() -> list[str]:
    """The names `PASOKH_EMBEDDING_MODEL` accepts, in words."""
    from embeddings.bundled_model import BUNDLED_MODELS

    return [BUNDLED_PREFIX + key for key in BUNDLED_MODELS] + [
        "a local folder holding a sentence-transformers model (with modules.json or config.json)",
        "a model name already in the local Hugging Face cache",
    ]


def embedding_model_problem(name: str) -> str | None:
    """Why `name` can't be loaded without a download, or None when it can.

    Args:
        name: The configured model: `bundled:<key>`, a folder, or a Hugging Face name.
    """
    if name.startswith(BUNDLED_PREFIX):
        from embeddings.bundled_model import BUNDLED_MODELS

        if name[len(BUNDLED_PREFIX) :] in BUNDLED_MODELS:
            return None
    elif _is_model_folder(Path(name).expanduser()) or _in_hub_cache(name):
        return None
    return (
        f"PASOKH_EMBEDDING_MODEL={name!r} cannot be loaded offline (pasokh downloads nothing "
        "at run time). Valid choices: " + "; ".join(valid_choices())
    )


def _is_model_folder(path: Path) -> bool:
    return path.is_dir() and any((path / marker).is_file() for marker in _MODEL_FOLDER_MARKERS)


def _in_hub_cache(name: str) -> bool:
    """True when `org/name` was downloaded before (sentence-transformers then loads it offline)."""
    if name.count("/") > 1 or not name.strip("/"):
        return False
    hub = Path(
        os.environ.get("HF_HUB_CACHE")
        or Path(os.environ.get("HF_HOME", Path.home() / ".cache" / "huggingface")) / "hub"
    )
    # sentence-transformers reads a bare name as one of its own models
    for repo in (name, f"sentence-transformers/{name}") if "/" not in name else (name,):
        snapshots = hub / f"models--{repo.replace('/', '--')}" / "snapshots"
        if snapshots.is_dir() and any(_is_model_folder(s) for s in snapshots.iterdir()):
            return True
    return False
