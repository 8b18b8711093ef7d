"""Near-duplicates: syndicated and republished copies of one text, found with MinHash/LSH.

A copy is the same text with small edits (a changed sentence, a trailer, another outlet's
boilerplate) under another outlet or URL. Each article's body is reduced to word shingles,
signed with MinHash (datasketch) and indexed in a MinHashLSH; a new article whose estimated
Jaccard similarity to an earlier one reaches the threshold is a copy of the earliest such
article. Copies are linked to their original and counted once by the clusterer.

Signatures are kept as one array so that the index can be saved and rebuilt without pickling.
"""

from __future__ import annotations

import zlib
from collections.abc import Sequence

import numpy as np
from datasketch import MinHash, MinHashLSH
from numpy.typing import NDArray

from newsprism.model import normalise_for_id

SHINGLE_WORDS = 5
"""Words per shingle: long enough that two different reports rarely share many."""
_SEED = 1
_SCHEME = "affine32"
"""datasketch's 32-bit affine permutations, named so that saved signatures stay comparable."""


def _crc32(data: bytes) -> int:
    # Stable across processes (unlike hash()) and fast: signatures are saved and reloaded.
    return zlib.crc32(data)


def shingles(text: str, size: int = SHINGLE_WORDS) -> list[bytes]:
    """Distinct word n-grams of the normalised text (the whole text when it is shorter)."""
    words = normalise_for_id(text).split()
    if not words:
        return []
    if len(words) <= size:
        return [" ".join(words).encode("utf-8")]
    grams = {" ".join(words[i : i + size]) for i in range(len(words) - size + 1)}
    return [gram.encode("utf-8") for gram in sorted(grams)]


class NearDuplicateIndex:
    """MinHash signatures of every article seen, and an LSH index over them.

    Parameters: `threshold` is the estimated Jaccard similarity of shingle sets from which
    a text is a copy; `num_perm` the MinHash signature length; `min_words` the shortest body
    considered (very short texts share shingles by chance).
    """

    def __init__(self, threshold: float = 0.8, num_perm: int = 64, min_words: int = 40) -> None:
        self.threshold = threshold
        self.num_perm = num_perm
        self.min_words = min_words
        self._template = MinHash(num_perm=num_perm, seed=_SEED, hashfunc=_crc32, scheme=_SCHEME)
        self.lsh_ = MinHashLSH(threshold=threshold, num_perm=num_perm)
        self.keys_: list[int] = []
        dtype = self._template.hashvalues.dtype
        self.signatures_: NDArray[np.generic] = np.zeros((0, num_perm), dtype=dtype)
        self._pending: list[NDArray[np.generic]] = []
        self._where: dict[int, int] = {}

    def signature(self, text: str) -> MinHash | None:
        """The MinHash of a text's shingles, or None when it is too short to judge."""
        grams = shingles(text)
        if len(grams) + SHINGLE_WORDS - 1 < self.min_words:
            return None
        sketch = MinHash(
            num_perm=self.num_perm,
            seed=_SEED,
            hashfunc=_crc32,
            permutations=self._template.permutations,
            scheme=_SCHEME,
        )
        sketch.update_batch(grams)
        return sketch

    def find(self, sketch: MinHash) -> list[int]:
        """Keys of indexed texts whose estimated Jaccard similarity reaches the threshold."""
        found = []
        for key in self.lsh_.query(sketch):
            other = self._signature_of(int(key))
            similarity = float(np.mean(other == sketch.hashvalues))
            if similarity >= self.threshold:
                found.append(int(key))
        return sorted(found)

    def add(self, key: int, sketch: MinHash) -> None:
        """Index a text under an integer key (the clusterer's article number)."""
        self.lsh_.insert(key, sketch, check_duplication=False)
        self.keys_.append(key)
        self._pending.append(np.asarray(sketch.hashvalues))
        self._where[key] = len(self.keys_) - 1

    def _signature_of(self, key: int) -> NDArray[np.generic]:
        row = self._where[key]
        settled = len(self.signatures_)
        return self.signatures_[row] if row < settled else self._pending[row - settled]

    def arrays(self) -> tuple[NDArray[np.int64], NDArray[np.generic]]:
        """(keys, signatures) of everything indexed, for saving."""
        if self._pending:
            self.signatures_ = np.vstack([self.signatures_, *self._pending])
            self._pending = []
        return np.asarray(self.keys_, dtype=np.int64), self.signatures_

    @classmethod
    def restore(
        cls,
        keys: Sequence[int] | NDArray[np.int64],
        signatures: NDArray[np.generic],
        threshold: float = 0.8,
        num_perm: int = 64,
        min_words: int = 40,
    ) -> NearDuplicateIndex:
        """The index as it was saved by `arrays`."""
        index = cls(threshold=threshold, num_perm=num_perm, min_words=min_words)
        if len(keys) and signatures.shape[1] != num_perm:
            return index  # saved with another signature length: start over rather than misjudge
        index.signatures_ = signatures.astype(index.signatures_.dtype, copy=False)
        for row, key in enumerate(keys):
            sketch = MinHash(
                num_perm=num_perm,
                seed=_SEED,
                hashvalues=signatures[row],
                permutations=index._template.permutations,
                scheme=_SCHEME,
            )
            index.lsh_.insert(int(key), sketch, check_duplication=False)
            index.keys_.append(int(key))
            index._where[int(key)] = row
        return index
