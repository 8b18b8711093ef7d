"""Near-duplicates: syndicated and republished copies of one text, found with MinHash/LSH.

A copy is the same text with small edits (a changed sentence, a trailer, another outlet's
boilerplate) under another outlet or URL. Each article's body is reduced to word shingles,
signed with MinHash (datasketch) and indexed in a MinHashLSH. A new article is a copy of an
earlier one when, by the estimated Jaccard similarity J and the two shingle counts, the
shorter text's shingles are almost all in the longer (containment |A∩B| / min(|A|,|B|), with
|A∩B| = J (|A| + |B|) / (1 + J), reaches the threshold). Containment, not Jaccard, because
republished copies are often cut: a copy with its last paragraph trimmed has J near 0.78
but containment near 0.95. LSH finds candidates from J >= MIN_JACCARD. Copies are linked to
their original and counted once by the clusterer.

Signatures are kept as one array so that the index can be saved and rebuilt without pickling.
The LSH is datasketch's banding (the same bands, so the same candidates) in plain dicts: a late
article thaws frozen stories and their articles' signatures go in and out of the index again,
which through MinHashLSH's storage layer took ~20% of the 1M benchmark (py-spy).
"""

from __future__ import annotations

import zlib
from collections.abc import Sequence

import numpy as np
from datasketch import MinHash
from datasketch.lsh import _optimal_param
from numpy.typing import NDArray

from newsprism.model import normalise_for_id

SHINGLE_WORDS = 5
"""Words per shingle: long enough that two different reports rarely share many."""
MIN_JACCARD = 0.5
"""Texts sharing less than half their shingles are not copies, however they are cut."""
_SEED = 1
_SCHEME = "affine32"
"""datasketch's 32-bit affine permutations, named so that saved signatures stay comparable."""


# Stable across processes (unlike hash()) and fast: signatures are saved and reloaded.
_crc32 = zlib.crc32


def shingles(text: str, size: int = SHINGLE_WORDS) -> list[bytes]:
    """Distinct word n-grams of the normalised text (the whole text when it is shorter), as
    UTF-8 bytes in no particular order (a MinHash does not depend on it)."""
    words = normalise_for_id(text).encode("utf-8").split()
    if not words:
        return []
    if len(words) <= size:
        return [b" ".join(words)]
    starts = (words[i:] for i in range(size))  # zip stops at the shortest: the last n-gram
    return list({b" ".join(gram) for gram in zip(*starts, strict=False)})


class NearDuplicateIndex:
    """MinHash signatures of every article seen, and an LSH index over them.

    Parameters: `threshold` is the estimated containment of the shorter text's shingles in the
    longer's from which a text is a copy; `num_perm` the MinHash signature length; `min_words`
    the shortest body considered (very short texts share shingles by chance).
    """

    def __init__(self, threshold: float = 0.8, num_perm: int = 64, min_words: int = 40) -> None:
        self.threshold = threshold
        self.num_perm = num_perm
        self.min_words = min_words
        self._template = MinHash(num_perm=num_perm, seed=_SEED, hashfunc=_crc32, scheme=_SCHEME)
        self.dtype = self._template.hashvalues.dtype
        # datasketch's MinHashLSH bands for MIN_JACCARD (14 bands of 4 rows for 64): a band of
        # the signature's bytes -> keys of the texts sharing it.
        bands, rows = _optimal_param(MIN_JACCARD, num_perm, 0.5, 0.5)
        width = self.dtype.itemsize * rows
        self._bands = [(i * width, (i + 1) * width) for i in range(bands)]
        self.buckets_: list[dict[bytes, set[int]]] = [{} for _ in range(bands)]
        # By key, in the order indexed; a frozen story's articles leave (see `remove`).
        self.signatures_: dict[int, NDArray[np.generic]] = {}
        self.sizes_: dict[int, int] = {}
        """Shingle count of each indexed text (0: unknown, saved before counts were kept)."""

    def signature(self, text: str) -> tuple[MinHash, int] | None:
        """The MinHash of a text's shingles and their count, or None when too short to judge."""
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
        return sketch, len(grams)

    def find(self, sketch: MinHash, size: int) -> list[int]:
        """Keys of indexed texts of which this text (with `size` shingles) is a copy, or that
        are copies of it."""
        found = []
        raw = np.asarray(sketch.hashvalues, dtype=self.dtype).tobytes()
        candidates: set[int] = set()
        for (start, end), buckets in zip(self._bands, self.buckets_, strict=True):
            candidates.update(buckets.get(raw[start:end], ()))
        for key in candidates:
            jaccard = float(np.mean(self.signatures_[int(key)] == sketch.hashvalues))
            other_size = self.sizes_[int(key)]
            if other_size and size:
                shared = jaccard * (size + other_size) / (1 + jaccard)
                score = min(1.0, shared / min(size, other_size))
            else:  # saved before sizes were kept: Jaccard is all there is
                score = jaccard
            if jaccard >= MIN_JACCARD and score >= self.threshold:
                found.append(int(key))
        return sorted(found)

    def add(self, key: int, sketch: MinHash, size: int) -> None:
        """Index a text under an integer key (the clusterer's article number)."""
        self.add_signature(key, sketch.hashvalues, size)

    def add_signature(self, key: int, hashvalues: NDArray[np.generic], size: int) -> None:
        """Index a text by its saved signature (as `signature_of` gave it)."""
        if key in self.signatures_:
            self.remove(key)
        signature = np.asarray(hashvalues, dtype=self.dtype)
        raw = signature.tobytes()
        for (start, end), buckets in zip(self._bands, self.buckets_, strict=True):
            buckets.setdefault(raw[start:end], set()).add(key)
        self.signatures_[key] = signature
        self.sizes_[key] = size

    def signature_of(self, key: int) -> tuple[NDArray[np.generic], int] | None:
        """The saved signature and shingle count of an indexed text, or None."""
        if key not in self.signatures_:
            return None
        return self.signatures_[key], self.sizes_[key]

    def remove(self, key: int) -> None:
        """Forget an indexed text (a frozen story's article); unknown keys are ignored."""
        signature = self.signatures_.pop(key, None)
        if signature is None:
            return
        del self.sizes_[key]
        raw = signature.tobytes()
        for (start, end), buckets in zip(self._bands, self.buckets_, strict=True):
            band = raw[start:end]
            keys = buckets[band]
            keys.discard(key)
            if not keys:
                del buckets[band]

    def arrays(self) -> tuple[NDArray[np.int64], NDArray[np.generic], NDArray[np.int32]]:
        """(keys, signatures, shingle counts) of everything indexed, for saving."""
        keys = np.fromiter(self.signatures_, dtype=np.int64, count=len(self.signatures_))
        dtype = self.dtype
        signatures = (
            np.vstack(list(self.signatures_.values()))
            if self.signatures_
            else np.zeros((0, self.num_perm), dtype=dtype)
        )
        sizes = np.fromiter(self.sizes_.values(), dtype=np.int32, count=len(self.sizes_))
        return keys, signatures, sizes

    @classmethod
    def restore(
        cls,
        keys: Sequence[int] | NDArray[np.int64],
        signatures: NDArray[np.generic],
        threshold: float = 0.8,
        num_perm: int = 64,
        min_words: int = 40,
        sizes: NDArray[np.int32] | None = None,
    ) -> NearDuplicateIndex:
        """The index as it was saved by `arrays` (without sizes: a state saved before them)."""
        index = cls(threshold=threshold, num_perm=num_perm, min_words=min_words)
        if len(keys) and signatures.shape[1] != num_perm:
            return index  # saved with another signature length: start over rather than misjudge
        dtype = index.dtype
        for row, key in enumerate(keys):
            size = int(sizes[row]) if sizes is not None else 0
            index.add_signature(int(key), signatures[row].astype(dtype, copy=False), size)
        return index
