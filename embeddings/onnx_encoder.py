"""The serving encoder: onnxruntime and sentencepiece (or `tokenizers`); no torch imported.

Neither transformers nor sentence-transformers is imported either.
`import onnxruntime, tokenizers` takes ~0.15 s where sentence-transformers takes ~5 s, and a
question runs ~3× faster than on torch (`benchmarks/README.md`). Questions use the int8 graph
(`embeddings/onnx_export.py`), documents the fp32 one, loaded only when documents are embedded,
so a process that only answers never holds the fp32 weights.
"""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

import numpy as np

from embeddings.encoder import TextKind
from embeddings.onnx_export import CONFIG_FILE, FP32_FILE, INT8_FILE

logger = logging.getLogger(__name__)

# Most tokens (rows × padded width) in one document batch. Measured on the fp32 graph, 2
# threads, ParsiNLU passages and sentences (~76 tokens on average), texts/s in one run: 256
# tokens ~18-29, one text a batch 16-26, 1,024 tokens 15-25, 32 texts a batch 5-6. Big
# batches' activations outgrow the caches; 256 tokens still amortizes short sentences.
DOCUMENT_BATCH_TOKENS = 256


class OnnxModelFileError(RuntimeError):
    """A file of the ONNX copy does not match the sha256 recorded when it was written."""


class OnnxEncoder:
    """Encodes with the ONNX copy of a model folder, applying its `query`/`document` prompts.

    Attributes:
        identity: The same identity the sentence-transformers backend gives this model: both
            produce the same vectors (cosine ≥ 0.999, `tests/test_onnx_encoder.py`), so an
            index built by either serves the other.
        dim: Vector dimension.
    """

    def __init__(
        self,
        folder: Path,
        identity: str,
        files: dict[str, dict],
        threads: int = 2,
        query_threads: int = 1,
        int8_queries: bool = True,
        rebuild: Callable[[], tuple[Path, dict[str, dict]]] | None = None,
    ) -> None:
        """Loads the tokenizer and the question graph, each checked against its sha256.

        Args:
            folder: Model folder holding `tokenizer.json` and `onnx/`.
            identity: What the index manifest records.
            files: {relative path: {"size", "sha256"}} recorded when the folder was written.
            threads: onnxruntime intra-op threads for documents (`PASOKH_THREADS`).
            query_threads: Intra-op threads for a question (`PASOKH_QUERY_THREADS`).
            int8_queries: Questions on the int8 graph; else on the fp32 one.
            rebuild: Re-materializes the folder and returns it with its new record, for a
                file that fails its check when it is first read (the fp32 graph, read at
                the first indexing).
        """
        self.identity = identity
        self._folder = folder
        self._files = files
        self._rebuild = rebuild
        self._threads = {"query": max(1, query_threads), "document": max(1, threads)}
        self._query_file = INT8_FILE if int8_queries else FP32_FILE
        config = json.loads(self._read(CONFIG_FILE))
        self.dim = int(config["dim"])
        self._prompts = {"query": "", "document": "", **config.get("prompts", {})}
        self._output = config["output"]
        self._token_ids = self._load_tokenizer(int(config["max_seq_length"]))
        self._pad_id = int(config["pad_id"])
        self._sessions: dict[TextKind, object] = {}
        self._load_lock = threading.Lock()
        self._session("query")

    def _load_tokenizer(self, max_length: int) -> Callable[[list[str]], list[list[int]]]:
        """Texts → token ids: sentencepiece when the folder has its files, else `tokenizers`.

        Both give the same ids (`embeddings/sentencepiece_tokenizer.py`); sentencepiece holds
        the vocabulary in ~56 MB where `tokenizers` takes ~290 MB.
        """
        from embeddings.sentencepiece_tokenizer import (
            MODEL_FILE,
            NORMALIZATION_FILE,
            SentencePieceTokenizer,
        )

        if MODEL_FILE in self._files and NORMALIZATION_FILE in self._files:
            return SentencePieceTokenizer(
                self._read(MODEL_FILE), self._read(NORMALIZATION_FILE)
            ).encode_batch
        from tokenizers import Tokenizer

        tokenizer = Tokenizer.from_str(self._read("tokenizer.json").decode("utf-8"))
        tokenizer.enable_truncation(max_length=max_length)
        return lambda texts: [encoding.ids for encoding in tokenizer.encode_batch(texts)]

    @property
    def query_graph_sha256(self) -> str:
        """The recorded sha256 of the graph questions run on (fp32 or int8)."""
        return str(self._files.get(self._query_file, {}).get("sha256", ""))

    def _checked(self, name: str) -> Path:
        """The path of one file of the folder, refused unless it hashes as recorded.

        Hashed once after each change of the file, not at every start (`hashes_as_recorded`).
        """
        from embeddings.model_files import hashes_as_recorded

        path = self._folder / name
        if not hashes_as_recorded(self._folder, name, self._files.get(name, {}).get("sha256")):
            raise OnnxModelFileError(f"{path} does not match its recorded sha256")
        return path

    def _read(self, name: str) -> bytes:
        """The bytes of one small file of the folder, refused unless they hash as recorded."""
        import hashlib

        data = (self._folder / name).read_bytes()
        expected = self._files.get(name, {}).get("sha256")
        if expected is None or hashlib.sha256(data).hexdigest() != expected:
            raise OnnxModelFileError(f"{self._folder / name} does not match its recorded sha256")
        return data

    def _session(self, kind: TextKind) -> object:
        """The onnxruntime session for `kind`, created on first use."""
        session = self._sessions.get(kind)
        if session is not None:
            return session
        with self._load_lock:
            if kind not in self._sessions:
                name = self._query_file if kind == "query" else FP32_FILE
                same = self._sessions.get("query" if kind == "document" else "document")
                if same is not None and self._query_file == FP32_FILE:
                    self._sessions[kind] = same
                else:
                    self._sessions[kind] = self._new_session(name, self._threads[kind])
            return self._sessions[kind]

    def _new_session(self, name: str, threads: int) -> object:
        import onnxruntime as ort

        try:
            model = self._checked(name)
        except (OSError, OnnxModelFileError) as exc:
            if self._rebuild is None:
                raise OnnxModelFileError(str(exc)) from exc
            logger.warning("%s; re-materializing the model folder", exc)
            self._folder, self._files = self._rebuild()
            model = self._checked(name)
        options = ort.SessionOptions()
        options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
        options.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL
        # Spinning workers steal the core other processes need (benchmarks/README.md).
        options.add_session_config_entry("session.intra_op.allow_spinning", "0")
        options.log_severity_level = 3
        # From the path, not from bytes: ~130 MB less memory and a faster start.
        return ort.InferenceSession(str(model), options, providers=["CPUExecutionProvider"])

    def encode(self, texts: Sequence[str], kind: TextKind) -> np.ndarray:
        """Returns normalized float32 embeddings of `texts` (prompted as `kind`)."""
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        session = self._session(kind)
        prompt = self._prompts.get(kind, "")
        encodings = self._token_ids([prompt + t for t in texts])
        # Longest first, in batches of similar length: less padding, same vectors.
        order = sorted(range(len(texts)), key=lambda i: -len(encodings[i]))
        out = np.empty((len(texts), self.dim), dtype=np.float32)
        budget = 1 if kind == "query" else DOCUMENT_BATCH_TOKENS
        for rows in _batches(order, [len(encodings[i]) for i in order], budget):
            width = len(encodings[rows[0]])
            ids = np.full((len(rows), width), self._pad_id, dtype=np.int64)
            mask = np.zeros((len(rows), width), dtype=np.int64)
            for r, i in enumerate(rows):
                n = len(encodings[i])
                ids[r, :n] = encodings[i]
                mask[r, :n] = 1
            (vectors,) = session.run([self._output], {"input_ids": ids, "attention_mask": mask})
            out[rows] = vectors
        return out


def _batches(order: list[int], lengths: list[int], budget: int) -> Iterator[list[int]]:
    """`order` (longest first, with their `lengths`) in batches of at most `budget` tokens.

    A batch's width is its first (longest) text's length; a text longer than the budget
    is a batch of its own.
    """
    rows: list[int] = []
    width = 0
    for index, length in zip(order, lengths, strict=True):
        if rows and (len(rows) + 1) * width > budget:
            yield rows
            rows = []
        if not rows:
            width = length
        rows.append(index)
    if rows:
        yield rows
