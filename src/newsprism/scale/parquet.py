"""The analyses as a partitioned Parquet dataset: one folder per table, one file per part.

Layout of a dataset folder (read it whole with pandas, DuckDB, R's arrow, or any Parquet
reader that takes a folder):

    articles/part-*.parquet        one row per article (with its headline signals)
    entities/part-*.parquet        one row per entity of an article (canonical name, key, mentions)
    quotes/part-*.parquet          one row per quote
    figures/part-*.parquet         one row per figure
    times/part-*.parquet           one row per dated expression
    stories/part-0.parquet         one row per story
    story_articles/part-0.parquet  one row per article in a story
    people/part-0.parquet          one row per person (or organisation, place...) of the corpus
    person_keys/part-0.parquet     one row per entity of an article: the person it names

A part holds whole articles: every row of one article, in every analysis table, is in the part
of the same name. Parts are written to a temporary name and renamed into place, so a part is
either whole or absent. The analysis parts are written by whichever process analysed those
articles (a Dask worker, or this one), before stories exist; the corpus tables (stories, and
whom each name means, which is decided once stories are known: "Bush" is Jeb in a story about
Jeb) are rewritten whole by the process that holds the store, after clustering and name
resolution (`write_corpus_tables`). So the entities and quotes parts keep the key each article
gave (`key`, `speaker_key`), and `person_keys` maps (article_id, key) to the corpus's
`person_key`, whose name and aliases are in `people`: join the two to count each person once.

The SQLite store is the record of what is done: `prune_orphans` removes the parts of a run that
was killed after a part was written but before its analyses were saved, so that a resumed run
writes each article exactly once.
"""

from __future__ import annotations

import hashlib
import itertools
import os
import shutil
from collections.abc import Iterable, Sequence
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from newsprism.errors import StoreError
from newsprism.model import Analysis, Article, Story
from newsprism.store.sqlite import SQLiteStore

ANALYSIS_TABLES = ("articles", "entities", "quotes", "figures", "times")
STORY_TABLES = ("stories", "story_articles")
PEOPLE_TABLES = ("people", "person_keys")
CORPUS_TABLES = (*STORY_TABLES, *PEOPLE_TABLES)

_S = pa.string()
_I = pa.int32()
_F = pa.float64()
_D = pa.date32()

SCHEMAS: dict[str, pa.Schema] = {
    "articles": pa.schema(
        [
            ("article_id", _S),
            ("title", _S),
            ("outlet", _S),
            ("published", _D),
            ("url", _S),
            ("author", _S),
            ("language", _S),
            ("source", _S),
            ("body", _S),
            ("paragraphs", _I),
            ("headline_score", _F),
            ("headline_drivers", pa.list_(_S)),
            ("headline_conflicts", _I),
            ("model", _S),
        ]
    ),
    "entities": pa.schema(
        [("article_id", _S), ("key", _S), ("name", _S), ("label", _S), ("mentions", _I)]
    ),
    "quotes": pa.schema(
        [
            ("article_id", _S),
            ("kind", _S),
            ("content", _S),
            ("start", _I),
            ("end", _I),
            ("cue", _S),
            ("speaker", _S),
            ("speaker_name", _S),
            ("speaker_key", _S),
        ]
    ),
    "figures": pa.schema(
        [
            ("article_id", _S),
            ("value", _F),
            ("upper", _F),
            ("qualifier", _S),
            ("unit", _S),
            ("text", _S),
            ("start", _I),
            ("end", _I),
            ("counted", _S),
            ("subject", _S),
            ("predicate", _S),
            ("holder", _S),
            ("modality", _S),
            ("sentence", _S),
        ]
    ),
    "times": pa.schema(
        [
            ("article_id", _S),
            ("text", _S),
            ("start", _I),
            ("end", _I),
            ("date_start", _D),
            ("date_end", _D),
            ("grain", _S),
            ("predicate", _S),
            ("tense", _S),
            ("sentence", _S),
        ]
    ),
    "stories": pa.schema(
        [
            ("story_id", _S),
            ("label", _S),
            ("first", _D),
            ("last", _D),
            ("size", _I),
            ("outlets", pa.list_(_S)),
        ]
    ),
    "story_articles": pa.schema(
        [("article_id", _S), ("story_id", _S), ("duplicate_of", _S), ("inferred_date", _D)]
    ),
    "people": pa.schema(
        [
            ("person_key", _S),
            ("name", _S),
            ("label", _S),
            ("articles", _I),
            ("mentions", _I),
            ("quotes", _I),
            ("aliases", pa.list_(_S)),
        ]
    ),
    "person_keys": pa.schema([("article_id", _S), ("key", _S), ("person_key", _S)]),
}

_PEOPLE_BATCH = 100_000
"""Rows of `person_keys` held in memory at once while it is written (millions at 100k articles)."""


def part_name(article_ids: Sequence[str]) -> str:
    """The name of the part holding these articles: the same articles, the same name, so a
    part written again (a task retried after its worker died) replaces itself."""
    digest = hashlib.sha256("\n".join(article_ids).encode("utf-8")).hexdigest()[:16]
    return f"part-{digest}"


def analysis_rows(
    articles: Sequence[Article], analyses: Iterable[Analysis]
) -> dict[str, list[dict[str, object]]]:
    """Rows of every analysis table for these articles (those without an analysis are left out)."""
    by_id = {article.id: article for article in articles}
    rows: dict[str, list[dict[str, object]]] = {name: [] for name in ANALYSIS_TABLES}
    for analysis in analyses:
        aid = analysis.article_id
        article = by_id[aid]
        head = analysis.headline
        rows["articles"].append(
            {
                "article_id": aid,
                "title": article.title,
                "outlet": article.outlet,
                "published": article.published,
                "url": article.url,
                "author": article.author,
                "language": article.language,
                "source": article.source,
                "body": article.body,
                "paragraphs": len(article.paragraphs),
                "headline_score": head.score,
                "headline_drivers": list(head.drivers),
                "headline_conflicts": len(head.conflicts),
                "model": analysis.model,
            }
        )
        for entity in analysis.entities:
            rows["entities"].append(
                {
                    "article_id": aid,
                    "key": entity.key,
                    "name": entity.name,
                    "label": entity.label,
                    "mentions": entity.count,
                }
            )
        for quote in analysis.quotes:
            rows["quotes"].append(
                {
                    "article_id": aid,
                    "kind": quote.kind,
                    "content": quote.content.text,
                    "start": quote.content.start,
                    "end": quote.content.end,
                    "cue": quote.cue.text if quote.cue else None,
                    "speaker": quote.speaker.text if quote.speaker else None,
                    "speaker_name": quote.speaker_name,
                    "speaker_key": quote.speaker_key,
                }
            )
        for figure in analysis.figures:
            rows["figures"].append(
                {
                    "article_id": aid,
                    "value": figure.value,
                    "upper": figure.upper,
                    "qualifier": figure.qualifier,
                    "unit": figure.unit,
                    "text": figure.text.text,
                    "start": figure.text.start,
                    "end": figure.text.end,
                    "counted": figure.counted,
                    "subject": figure.subject,
                    "predicate": figure.predicate,
                    "holder": figure.holder,
                    "modality": figure.modality,
                    "sentence": figure.sentence,
                }
            )
        for time in analysis.times:
            rows["times"].append(
                {
                    "article_id": aid,
                    "text": time.text.text,
                    "start": time.text.start,
                    "end": time.text.end,
                    "date_start": time.start,
                    "date_end": time.end,
                    "grain": time.grain,
                    "predicate": time.predicate,
                    "tense": time.tense,
                    "sentence": time.sentence,
                }
            )
    return rows


def story_rows(stories: Iterable[Story]) -> dict[str, list[dict[str, object]]]:
    """Rows of the two story tables."""
    rows: dict[str, list[dict[str, object]]] = {name: [] for name in STORY_TABLES}
    for story in stories:
        rows["stories"].append(
            {
                "story_id": story.id,
                "label": story.label,
                "first": story.first,
                "last": story.last,
                "size": story.size,
                "outlets": list(story.outlets),
            }
        )
        copies = dict(story.duplicates)
        inferred = dict(story.inferred_dates)
        for aid in story.article_ids:
            rows["story_articles"].append(
                {
                    "article_id": aid,
                    "story_id": story.id,
                    "duplicate_of": copies.get(aid),
                    "inferred_date": inferred.get(aid),
                }
            )
    return rows


def write_part(root: str | Path, name: str, rows: dict[str, list[dict[str, object]]]) -> None:
    """Write one part of each table in `rows` under `root`, each whole or not at all."""
    for table, records in rows.items():
        folder = Path(root) / table
        try:
            folder.mkdir(parents=True, exist_ok=True)
            target = folder / f"{name}.parquet"
            temporary = folder / f".{name}.parquet.tmp"
            pq.write_table(pa.Table.from_pylist(records, schema=SCHEMAS[table]), temporary)
            os.replace(temporary, target)
        except OSError as exc:
            raise StoreError(f"Cannot write the Parquet dataset at {folder}: {exc}") from exc


def write_analyses(
    root: str | Path, articles: Sequence[Article], analyses: Sequence[Analysis]
) -> str:
    """Write the part of these analysed articles; returns its name."""
    name = part_name([analysis.article_id for analysis in analyses])
    write_part(root, name, analysis_rows(articles, analyses))
    return name


def write_stories(root: str | Path, stories: Iterable[Story]) -> None:
    """Replace the two story tables with these stories."""
    write_part(root, "part-0", story_rows(stories))


def write_people(root: str | Path, store: SQLiteStore) -> dict[str, int]:
    """Replace the two people tables with whom the store's names mean now; returns their
    row counts. `person_keys` is streamed from the store in batches."""
    people = [
        {
            "person_key": p.key,
            "name": p.name,
            "label": p.label,
            "articles": p.articles,
            "mentions": p.mentions,
            "quotes": p.quotes,
            "aliases": list(p.aliases),
        }
        for p in store.person_table()
    ]
    write_part(root, "part-0", {"people": people})
    folder = Path(root) / "person_keys"
    written = 0
    try:
        folder.mkdir(parents=True, exist_ok=True)
        temporary = folder / ".part-0.parquet.tmp"
        schema = SCHEMAS["person_keys"]
        rows = store.resolved_keys()
        with pq.ParquetWriter(temporary, schema) as writer:
            while batch := list(itertools.islice(rows, _PEOPLE_BATCH)):
                columns = list(zip(*batch, strict=True))
                writer.write_table(pa.Table.from_arrays(columns, schema=schema))
                written += len(batch)
        os.replace(temporary, folder / "part-0.parquet")
    except OSError as exc:
        raise StoreError(f"Cannot write the Parquet dataset at {folder}: {exc}") from exc
    return {"people": len(people), "person_keys": written}


def write_corpus_tables(root: str | Path, store: SQLiteStore) -> dict[str, int]:
    """Replace the story and people tables with what the store holds now (after clustering
    and name resolution); returns their row counts."""
    stories = story_rows(store.iter_stories())
    write_part(root, "part-0", stories)
    return {**{t: len(r) for t, r in stories.items()}, **write_people(root, store)}


def part_ids(root: str | Path) -> dict[str, list[str]]:
    """Part name -> article ids, from the articles table (one small column read per part)."""
    folder = Path(root) / "articles"
    if not folder.is_dir():
        return {}
    found: dict[str, list[str]] = {}
    for path in sorted(folder.glob("part-*.parquet")):
        column = pq.read_table(path, columns=["article_id"]).column("article_id")
        found[path.stem] = [str(value) for value in column.to_pylist()]
    return found


def prune_orphans(root: str | Path, store: SQLiteStore) -> int:
    """Remove half-written files, and parts whose articles the store has no analysis of.

    Such parts come from a run killed after a worker wrote the part and before the analyses
    reached the store; those articles are analysed again (in a new part), so keeping the old
    part would count them twice. Returns how many parts were removed.
    """
    root = Path(root)
    for leftover in root.glob("*/.*.parquet.tmp"):
        leftover.unlink(missing_ok=True)
    analysed = {row[0] for row in store.execute("SELECT article_id FROM analyses")}
    removed = 0
    for name, ids in part_ids(root).items():
        if all(aid in analysed for aid in ids):
            continue
        for table in ANALYSIS_TABLES:
            (root / table / f"{name}.parquet").unlink(missing_ok=True)
        removed += 1
    return removed


def clear(root: str | Path) -> None:
    """Remove every table of a dataset (the folder's other files are left alone)."""
    for table in (*ANALYSIS_TABLES, *CORPUS_TABLES):
        shutil.rmtree(Path(root) / table, ignore_errors=True)


def export_parquet(store: SQLiteStore, root: str | Path, part_size: int = 2000) -> dict[str, int]:
    """Write the store's analysed articles and its stories as a dataset at `root`.

    An existing dataset there is replaced. Returns the number of rows of each table.
    """
    root = Path(root)
    if root.exists() and not root.is_dir():
        raise StoreError(f"{root} is a file; give a folder for the Parquet dataset.")
    clear(root)
    counts = {table: 0 for table in ANALYSIS_TABLES}
    ids = [row[0] for row in store.execute("SELECT article_id FROM analyses ORDER BY rowid")]
    for start in range(0, len(ids), part_size):
        chunk = ids[start : start + part_size]
        articles = list(store.iter_articles(ids=chunk))
        analyses = [a for a in (store.get_analysis(article.id) for article in articles) if a]
        rows = analysis_rows(articles, analyses)
        write_part(root, part_name(chunk), rows)
        for table, records in rows.items():
            counts[table] += len(records)
    counts.update(write_corpus_tables(root, store))
    return counts
