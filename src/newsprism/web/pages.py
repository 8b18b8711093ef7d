"""The pages other than a story's: the story list (home), search, article, people, outlet.

Each handler reads its view state from the URL, calls the library functions the CLI calls, and
answers as HTML, or as JSON / CSV when the URL ends in `.json` / `.csv`.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from newsprism.analyze.people import outlet_sources, person_report
from newsprism.model import Story
from newsprism.store.sqlite import SearchHit, SQLiteStore
from newsprism.stories.query import (
    StoryFilter,
    articles_per_day,
    count_stories,
    date_span,
    find_stories,
    outlet_facets,
)
from newsprism.web.app import Web, csv_response, json_response, split_format
from newsprism.web.chart import grain_for, per_day_chart
from newsprism.web.highlight import marked_paragraphs, target_sentence

PAGE_SIZE = 25
CHART_OUTLETS = 6
"""Outlets the chart shows apart (those in most of the listed stories); the rest as one."""
SEARCH_HELP = (
    'Words match as words (all of them). FTS5 syntax also works: "an exact phrase",'
    " prefix*, OR, NOT, NEAR(a b, 5), and title: or body: before a word."
)

STORY_COLUMNS = ("id", "label", "articles", "counted", "copies", "outlets", "first", "last")


def _day(text: str, name: str) -> date | None:
    if not text:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise HTTPException(400, f"'{name}' takes a date as YYYY-MM-DD, got '{text}'.") from None


def _page_number(text: str) -> int:
    if not text:
        return 1
    if not text.isdigit() or int(text) < 1:
        raise HTTPException(400, f"'page' takes a number from 1, got '{text}'.")
    return int(text)


def _params(request: Request, *names: str) -> dict[str, str]:
    return {name: request.query_params.get(name, "").strip() for name in names}


def _runs(hit: SearchHit) -> list[tuple[str, bool]]:
    """A hit's snippet as (text, matched) runs."""
    runs: list[tuple[str, bool]] = []
    at = 0
    for start, end in hit.matches:
        if start > at:
            runs.append((hit.snippet[at:start], False))
        runs.append((hit.snippet[start:end], True))
        at = end
    if at < len(hit.snippet):
        runs.append((hit.snippet[at:], False))
    return runs


def _bracketed(hit: SearchHit) -> str:
    """A hit's snippet with its matched words in [brackets] (JSON and CSV)."""
    return "".join(f"[{text}]" if matched else text for text, matched in _runs(hit))


def page_routes(web: Web) -> list[Route]:
    """The routes of this module, bound to `web`."""

    def stories(request: Request, fmt: str) -> Response:
        params = _params(request, "q", "outlet", "person", "since", "until", "sort", "page")
        sort = params["sort"] or "size"
        if sort not in ("size", "recent"):
            raise HTTPException(400, f"'sort' takes 'size' or 'recent', got '{sort}'.")
        page = _page_number(params["page"])
        found = StoryFilter(
            since=_day(params["since"], "since"),
            until=_day(params["until"], "until"),
            outlet=params["outlet"] or None,
            person=params["person"] or None,
            text=params["q"] or None,
        )
        with web.reader() as store:
            listed = find_stories(
                store,
                sort=sort,
                since=found.since,
                until=found.until,
                outlet=found.outlet,
                person=found.person,
                text=found.text,
                limit=PAGE_SIZE,
                offset=(page - 1) * PAGE_SIZE,
            )
            total, facets, grain, per_day = web.remember(
                ("stories", found), lambda: _summary(store, found)
            )
            if fmt == "csv":
                return csv_response([STORY_COLUMNS, *map(_story_row, listed)], "stories")
        if fmt == "json":
            return json_response(
                {
                    "total": total,
                    "page": page,
                    "page_size": PAGE_SIZE,
                    "stories": listed,
                    "facets": {"outlet": [{"outlet": o, "stories": n} for o, n in facets]},
                    "grain": grain,
                    "per_day": [{"day": d, "outlet": o, "articles": n} for d, o, n in per_day],
                }
            )
        return web.page(
            request,
            "stories.html.j2",
            params=params,
            stories=listed,
            total=total,
            page=page,
            pages=max(1, -(-total // PAGE_SIZE)),
            facets=facets,
            chart=per_day_chart(per_day, grain),
        )

    def search(request: Request, fmt: str) -> Response:
        params = _params(request, "q", "page")
        page = _page_number(params["page"])
        hits, error = [], None
        with web.reader() as store:
            if params["q"]:
                error = store.query_error(params["q"])
                # An invalid query is searched as its plain words, with the syntax explained.
                query = store.fts_query(params["q"]) or ""
                hits = store.search(query, limit=page * PAGE_SIZE) if query else []
                hits = hits[(page - 1) * PAGE_SIZE :]
            stories = {hit.article.id: store.story_of(hit.article.id) for hit in hits}
        rows = [
            {
                "id": h.article.id,
                "title": h.article.title,
                "outlet": h.article.outlet,
                "published": h.article.published,
                "story": stories[h.article.id],
                "snippet": _bracketed(h),
                "rank": h.rank,
            }
            for h in hits
        ]
        note = f"{error}. {SEARCH_HELP} The query was searched as plain words." if error else None
        if fmt == "json":
            return json_response({"query": params["q"], "note": note, "hits": rows})
        if fmt == "csv":
            columns = ("id", "title", "outlet", "published", "story", "snippet", "rank")
            return csv_response([columns, *([r[c] for c in columns] for r in rows)], "search")
        return web.page(
            request,
            "search.html.j2",
            params=params,
            hits=hits,
            rows=rows,
            runs=[_runs(h) for h in hits],
            note=note,
            help=SEARCH_HELP,
            page=page,
            more=len(hits) == PAGE_SIZE,
        )

    def article(request: Request, ref: str, fmt: str) -> Response:
        with web.reader() as store:
            found = store.get_article(ref)
            analysis = store.get_analysis(found.id)
            story_id = store.story_of(found.id)
        if fmt == "json":
            return json_response({"article": found, "analysis": analysis, "story": story_id})
        target = None
        start, _, end = request.query_params.get("hl", "").partition("-")
        if start.isdigit() and end.isdigit():
            target = target_sentence(found.body, int(start), int(end))
        url = found.url if found.url and found.url.startswith(("http://", "https://")) else None
        return web.page(
            request,
            "article.html.j2",
            article=found,
            analysis=analysis,
            story_id=story_id,
            paragraphs=marked_paragraphs(found, analysis, target),
            link=url,
        )

    def people(request: Request, fmt: str) -> Response:
        params = _params(request, "label", "name")
        label = params["label"].upper() or "PERSON"
        with web.reader() as store:
            found = store.people(
                label=None if label == "ALL" else label, name=params["name"] or None, limit=200
            )
        if fmt == "json":
            return json_response(found)
        return web.page(request, "people.html.j2", people=found, params=params, label=label)

    def person(request: Request, ref: str, fmt: str) -> Response:
        with web.reader() as store:
            report = person_report(store, ref)
            stories = {q.article_id: store.story_of(q.article_id) for q in report.quotes}
            labels = {
                sid: store.get_story(sid).label for sid in set(stories.values()) if sid is not None
            }
        if fmt == "json":
            return json_response(report)
        if fmt == "csv":
            columns = ("article_id", "outlet", "published", "story", "kind", "cue", "text")
            rows = [
                (q.article_id, q.outlet, q.published, stories[q.article_id], q.kind, q.cue, q.text)
                for q in report.quotes
            ]
            return csv_response([columns, *rows], "quotes")
        grouped: dict[str | None, dict[str, list[Any]]] = {}
        for quote in report.quotes:
            by_outlet = grouped.setdefault(stories[quote.article_id], {})
            by_outlet.setdefault(quote.outlet, []).append(quote)
        return web.page(request, "person.html.j2", person=report, grouped=grouped, labels=labels)

    def outlet(request: Request, ref: str, fmt: str) -> Response:
        with web.reader() as store:
            articles = int(
                store.execute(
                    "SELECT count(*) FROM articles WHERE lower(outlet) = lower(?)", (ref,)
                ).fetchone()[0]
            )
            if not articles:
                raise HTTPException(404, f"No articles from an outlet called '{ref}'.")
            listed = find_stories(store, sort="recent", outlet=ref, limit=100)
            sources = outlet_sources(store, ref)
        if fmt == "json":
            return json_response(
                {"outlet": ref, "articles": articles, "stories": listed, "sources": sources}
            )
        return web.page(
            request,
            "outlet.html.j2",
            outlet=ref,
            articles=articles,
            stories=listed,
            sources=sources,
        )

    def listing(handler: Callable[[Request, str], Response], *formats: str) -> Any:
        def endpoint(request: Request) -> Response:
            suffix = request.url.path.rsplit(".", 1)[-1] if "." in request.url.path else "html"
            return handler(request, suffix if suffix in formats else "html")

        return endpoint

    def one(handler: Callable[[Request, str, str], Response], *formats: str) -> Any:
        def endpoint(request: Request) -> Response:
            ref, fmt = split_format(request.path_params["ref"], formats)
            return handler(request, ref, fmt)

        return endpoint

    routes = []
    for path, handler, formats in (
        ("/stories", stories, ("json", "csv")),
        ("/search", search, ("json", "csv")),
        ("/people", people, ("json",)),
    ):
        endpoint = listing(handler, *formats)
        routes += [Route(path, endpoint)] + [Route(f"{path}.{f}", endpoint) for f in formats]
    routes.append(Route("/", listing(stories)))
    routes += [
        Route("/articles/{ref}", one(article, "json")),
        Route("/people/{ref}/quotes.csv", lambda r: person(r, r.path_params["ref"], "csv")),
        Route("/people/{ref}", one(person, "json")),
        Route("/outlets/{ref}", one(outlet, "json")),
    ]
    return routes


def _summary(
    store: SQLiteStore, found: StoryFilter
) -> tuple[int, list[tuple[str, int]], str, list[tuple[date, str, int]]]:
    """What every page of a story list shares: total, outlet facets, chart grain and counts."""
    kept = found.select(store)
    facets = outlet_facets(store, kept)
    span = date_span(store, kept)
    grain = grain_for(*span) if span else "day"
    shown = [outlet for outlet, _ in facets[:CHART_OUTLETS]]
    per_day = articles_per_day(store, kept, grain, shown) if span else []
    return count_stories(store, kept), facets, grain, per_day


def _story_row(story: Story) -> tuple[object, ...]:
    return (
        story.id,
        story.label,
        story.size,
        story.size - len(story.duplicates),
        len(story.duplicates),
        "; ".join(story.outlets),
        story.first,
        story.last,
    )
