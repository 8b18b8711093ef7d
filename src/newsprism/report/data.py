"""The comparison as data: JSON (the whole record) and CSV (one table at a time)."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable

from newsprism.compare.records import Comparison
from newsprism.errors import ConfigError
from newsprism.model import to_dict


def render_json(c: Comparison) -> str:
    """The whole comparison as indented JSON (dates as ISO strings)."""
    return json.dumps(to_dict(c), ensure_ascii=False, indent=2) + "\n"


def _conflicts(c: Comparison) -> list[list[object]]:
    rows: list[list[object]] = [
        ["kind", "topic", "outlet", "article_id", "speaker", "text", "context"]
    ]
    for conflict in c.conflicts:
        for side in conflict.sides:
            rows.append(
                [
                    conflict.kind,
                    conflict.topic,
                    side.outlet,
                    side.article_id,
                    side.speaker or "",
                    side.text,
                    side.context,
                ]
            )
    return rows


def _quotes(c: Comparison) -> list[list[object]]:
    rows: list[list[object]] = [["group", "outlets", "outlet", "article_id", "speaker", "text"]]
    for index, quote in enumerate(c.quotes):
        for cite in quote.citations:
            rows.append(
                [
                    index,
                    len(quote.outlets),
                    cite.outlet,
                    cite.article_id,
                    cite.speaker or "",
                    cite.text,
                ]
            )
    return rows


def _figures(c: Comparison) -> list[list[object]]:
    rows: list[list[object]] = [
        ["group", "subject", "status", "outlet", "article_id", "value", "qualifier", "text"]
    ]
    for index, figure in enumerate(c.figures):
        for cite in figure.citations:
            rows.append(
                [
                    index,
                    figure.subject,
                    figure.status,
                    cite.outlet,
                    cite.article_id,
                    cite.value,
                    cite.qualifier or "",
                    cite.text,
                ]
            )
    return rows


def _timeline(c: Comparison) -> list[list[object]]:
    rows: list[list[object]] = [["start", "end", "grain", "inferred", "outlets", "description"]]
    for event in c.timeline:
        rows.append(
            [
                event.start.isoformat(),
                event.end.isoformat(),
                event.grain,
                event.inferred,
                "; ".join(event.outlets),
                event.description,
            ]
        )
    return rows


def _unique(c: Comparison) -> list[list[object]]:
    rows: list[list[object]] = [["outlet", "article_id", "kind", "text", "context"]]
    rows += [[u.outlet, u.article_id, u.kind, u.text, u.context] for u in c.unique]
    return rows


def _speakers(c: Comparison) -> list[list[object]]:
    rows: list[list[object]] = [["speaker", *c.outlets]]
    rows += [[row.speaker, *row.counts] for row in c.speakers]
    return rows


def _sources(c: Comparison) -> list[list[object]]:
    rows: list[list[object]] = [
        ["source", "kind", "outlet", "article_id", "role", "attribution", "sentence"]
    ]
    for row in c.sources:
        for cite in row.citations:
            role = cite.speaker or ""
            rows.append([row.name, row.kind, cite.outlet, cite.article_id, role, cite.text])
            rows[-1].append(cite.context)
    return rows


CSV_TABLES: dict[str, Callable[[Comparison], list[list[object]]]] = {
    "conflicts": _conflicts,
    "quotes": _quotes,
    "figures": _figures,
    "timeline": _timeline,
    "unique": _unique,
    "speakers": _speakers,
    "sources": _sources,
}


def render_csv(c: Comparison, table: str = "conflicts") -> str:
    """One table of the comparison as CSV (see CSV_TABLES for the names)."""
    if table not in CSV_TABLES:
        raise ConfigError(f"No CSV table '{table}'. Choose one of: {', '.join(CSV_TABLES)}.")
    buffer = io.StringIO()
    csv.writer(buffer).writerows(CSV_TABLES[table](c))
    return buffer.getvalue()
