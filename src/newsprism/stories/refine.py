"""Local re-clustering: average-linkage clustering redone inside a bounded neighbourhood.

A single pass places each article once, so an early wrong turn (two events of one topic
merged, or one event split because its articles came in an unlucky order) stays. After each
batch, the stories the batch touched and their close neighbours (found through the story
index, never by comparing all pairs) are cut into groups of at most `cap` articles, and each
group's articles are clustered again from scratch with average linkage, the method a batch
clusterer would use on the whole collection. Stories the batch did not come near are left
alone, and a group's cost is bounded by `cap`, so the work per batch does not grow with the
size of the collection. It does grow with how busy the batch's days are: on days of ~900
articles nearly every story of the active weeks is a touched story's neighbour, so a batch
re-clusters about nine times its own articles, each in a group of up to `cap`. That is why the
clusterer runs it once the clock has moved `story_refine_days` rather than after every batch
of a busy stream (cluster.py), on every story touched since.

`refine_touched` is the clusterer's step after each batch; `capped_groups` and `regroup` are
its two pure parts.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np
from numpy.typing import NDArray
from scipy.cluster.hierarchy import fcluster, linkage
from scipy.sparse import csr_matrix
from scipy.spatial.distance import squareform

from newsprism.stories.features import SparseVector

if TYPE_CHECKING:
    from newsprism.stories.cluster import StoryClusterer

NO_DATE = 0


def refine_touched(clusterer: StoryClusterer, touched: set[int]) -> None:
    """Cluster the touched stories and their close neighbours again (the clusterer's step
    after each batch)."""
    c = clusterer
    if c.refine_cap < 2:
        return
    roots = {c._find(sid) for sid in touched}
    edges: list[tuple[float, int, int]] = []
    nodes = set(roots)
    for sid in sorted(roots):
        for other in c._neighbours(sid):
            if not c._dates_close(sid, other):
                continue
            score = c._centroid_cosine(sid, other)
            if score >= c.refine_floor:
                edges.append((score, sid, other))
                nodes.add(other)
    sizes = {sid: len(c.members_[sid]) for sid in nodes}
    for group in capped_groups(sizes, edges, c.refine_cap):
        if 1 < sum(sizes[sid] for sid in group) <= c.refine_cap:
            _regroup(c, sorted(group))


def _regroup(clusterer: StoryClusterer, group: list[int]) -> None:
    """Re-cluster the articles of these stories; keep story ids where their seeds stay."""
    c = clusterer
    rows = sorted(r for sid in group for r in c.members_[sid])
    own = [r for r in rows if c.duplicate_of_[r] < 0]
    vectors = []
    for r in own:
        ids, weights = c.vector_ids_[r], c.vector_weights_[r]
        if ids is None or weights is None:
            return  # learned before vectors were kept: leave these stories as they are
        vectors.append(SparseVector(ids, weights))
    labels = regroup(
        vectors,
        [c.article_date_[r] for r in own],
        c.refine_threshold,
        c.time_window_days,
        len(c.vocabulary_),
    )
    label_of = dict(zip(own, labels.tolist(), strict=True))
    for r in rows:  # a copy stays with its original
        if r not in label_of:
            label_of[r] = label_of.get(c._original(r), int(labels[0]))
    clusters: dict[int, list[int]] = {}
    for r in rows:
        clusters.setdefault(label_of[r], []).append(r)
    before = {frozenset(c.members_[sid]) for sid in group}
    if before == {frozenset(m) for m in clusters.values()}:
        return
    # The oldest story whose seed lands in a cluster names it; other stories whose seeds
    # land there live on as merged into it; a cluster holding no seed is a new story.
    owner: dict[int, int] = {}
    for sid in group:
        owner.setdefault(label_of[c.seed_[sid]], sid)
    for sid in group:
        keep = owner[label_of[c.seed_[sid]]]
        if keep != sid:
            c.parent_[sid] = keep
            c.members_[sid] = []
            c.centroid_ids_[sid] = np.zeros(0, dtype=np.int32)
            c.centroid_weights_[sid] = np.zeros(0, dtype=np.float32)
        c.changed_.add(sid)
    for label, members in clusters.items():
        sid = owner[label] if label in owner else c._blank_story(members[0])
        c._fill(sid, members)
        c.changed_.add(sid)


def capped_groups(
    sizes: dict[int, int], edges: Sequence[tuple[float, int, int]], cap: int
) -> list[list[int]]:
    """Stories joined along their strongest edges first, never into a group over `cap` articles.

    `sizes` maps each story to its article count; `edges` are (score, story, story). Kruskal's
    order (strongest first) means that where a neighbourhood is too large, its weakest links
    are the ones left out. Returns the groups of two or more stories and the lone stories
    alike (every story of `sizes` is in exactly one group).
    """
    parent = {s: s for s in sizes}
    size = dict(sizes)

    def find(s: int) -> int:
        while parent[s] != s:
            parent[s] = parent[parent[s]]
            s = parent[s]
        return s

    for _, a, b in sorted(edges, reverse=True):
        ra, rb = find(a), find(b)
        if ra != rb and size[ra] + size[rb] <= cap:
            parent[rb] = ra
            size[ra] += size[rb]
    groups: dict[int, list[int]] = {}
    for s in sizes:
        groups.setdefault(find(s), []).append(s)
    return list(groups.values())


def regroup(
    vectors: Sequence[SparseVector],
    days: Sequence[int],
    threshold: float,
    window_days: int,
    n_terms: int,
) -> NDArray[np.int64]:
    """Average-linkage clusters of unit vectors: a label per vector (0, 1, ...).

    Two clusters are joined while the mean cosine between their articles is at least
    `threshold`; the cosine of two dated articles further apart than the window decays by a
    factor e per window beyond it (as a story's score does in the single pass).
    """
    n = len(vectors)
    if n == 1:
        return np.zeros(1, dtype=np.int64)
    indptr = np.zeros(n + 1, dtype=np.int64)
    indptr[1:] = np.cumsum([len(v) for v in vectors])
    ids = np.concatenate([v.ids for v in vectors])
    weights = np.concatenate([v.weights for v in vectors])
    # float32 throughout (the weights are float32): the n x n matrix is the cost of a group,
    # so it is built once and changed in place.
    matrix = csr_matrix((weights, ids, indptr), shape=(n, n_terms))
    similarity = (matrix @ matrix.T).toarray()
    decay = _decay(np.asarray(days, dtype=np.int64), max(1, window_days))
    if decay is not None:
        similarity *= decay
    distance = np.subtract(1.0, similarity, out=similarity)
    np.clip(distance, 0.0, 2.0, out=distance)
    np.fill_diagonal(distance, 0.0)
    tree = linkage(squareform(distance, checks=False), method="average")
    labels: NDArray[np.int64] = fcluster(tree, t=1.0 - threshold, criterion="distance") - 1
    return labels


def _decay(days: NDArray[np.int64], window: int) -> NDArray[np.float32] | None:
    """The time factor between every two articles (None when it is 1 throughout): e^-(gap /
    window) for dated articles more than a window apart, gap counting the days beyond it.

    A group's articles have few distinct dates, so the factor is computed per pair of dates and
    spread out by lookup.
    """
    distinct, which = np.unique(days, return_inverse=True)
    dated = distinct != NO_DATE
    if dated.sum() < 2 or distinct[dated][-1] - distinct[dated][0] <= window:
        return None
    gap = np.abs(distinct[:, None] - distinct[None, :]) - window
    table = np.exp(-np.clip(gap, 0, None) / window).astype(np.float32)
    table[~dated, :] = 1.0
    table[:, ~dated] = 1.0
    which = which.reshape(-1)
    return table[which][:, which]
