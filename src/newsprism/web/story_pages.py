"""The story page, its JSON and CSV tables, and the two corrections: merge and move.

The page is `story_view(compare_stored_story(...))`: the server adds no analysis of its own.
A merge or a move is a POST (CSRF-checked) that calls the stories stage's `merge_stories` /
`move_article`, which record the correction so later updates keep it, decides again whom the
names of the stories it changed mean (`pipeline.resolve_people`: a bare "Marsh" goes to the
Marsh its new story names), then redirects to the resulting story (so a reload shows the stored
result, not a resubmitted form).
"""

from __future__ import annotations

import threading
from collections import OrderedDict

from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import RedirectResponse, Response
from starlette.routing import Route

from newsprism.compare import Comparison, compare_stored_story
from newsprism.compare.saved import ready_comparison
from newsprism.model import Story
from newsprism.pipeline import resolve_people
from newsprism.report.data import CSV_TABLES, render_csv
from newsprism.store.sqlite import SQLiteStore
from newsprism.stories import merge_stories, move_article
from newsprism.stories.query import find_stories
from newsprism.web.app import Web, json_response, split_format
from newsprism.web.story_view import STATUSES, story_view

NEIGHBOURS = 12
"""Stories of the same days offered as merge and move targets."""

CACHED = 64
"""Comparisons computed by the app kept in memory (those not saved ahead in the store)."""


class ComparisonCache:
    """A story's comparison as fast as it can be had: the one saved ahead in the store when
    it is up to date (`newsprism.compare.saved`); else one this app computed earlier from
    the same inputs (pages read through read-only connections, so they cannot save it);
    else computed now. Keys are the inputs' fingerprints, so a stale one is never shown."""

    def __init__(self, size: int = CACHED) -> None:
        self.size = size
        self._items: OrderedDict[str, Comparison] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, store: SQLiteStore, story: Story) -> Comparison:
        key, ready = ready_comparison(store, story.id)
        if ready is not None:
            return ready
        with self._lock:
            if key in self._items:
                self._items.move_to_end(key)
                return self._items[key]
        comparison = compare_stored_story(store, story.id)
        with self._lock:
            self._items[key] = comparison
            while len(self._items) > self.size:
                self._items.popitem(last=False)
        return comparison


def story_routes(web: Web) -> list[Route]:
    """The routes of this module, bound to `web`."""

    comparisons = ComparisonCache()

    def story(request: Request) -> Response:
        ref, fmt = split_format(request.path_params["ref"])
        with web.reader() as store:
            stored = store.get_story(ref)
            comparison = comparisons.get(store, stored)
            near = [
                s
                for s in find_stories(
                    store, sort="recent", since=stored.first, until=stored.last, limit=NEIGHBOURS
                )
                if s.id != stored.id
            ]
        if fmt == "json":
            return json_response(comparison)
        view = story_view(comparison)
        every = request.query_params.get("facts") == "all"
        facts = [row for row in view.facts if every or row.status not in ("only", "absent")]
        return web.page(
            request,
            "story.html.j2",
            story=stored,
            view=view,
            facts=facts,
            every=every,
            neighbours=near,
            tables=tuple(CSV_TABLES),
            statuses=STATUSES,
            done=request.query_params.get("done", ""),
        )

    def table(request: Request) -> Response:
        name = request.path_params["table"]
        if name not in CSV_TABLES:
            raise HTTPException(404, f"No table '{name}'. Tables: {', '.join(CSV_TABLES)}.")
        with web.reader() as store:
            comparison = comparisons.get(store, store.get_story(request.path_params["ref"]))
        return Response(
            render_csv(comparison, name),
            media_type="text/csv; charset=utf-8",
            headers={"content-disposition": f'inline; filename="{name}.csv"'},
        )

    async def merge(request: Request) -> Response:
        form = await request.form()
        web.check_post(request, form.get("csrf"))
        other = str(form.get("other") or form.get("other_id") or "").strip()
        if not other:
            raise HTTPException(400, "Choose a story to merge with (or type its id).")
        with web.writer() as store:
            merged = merge_stories(store, request.path_params["ref"], other, web.settings)
            resolve_people(store, settle=False)
            compare_stored_story(store, merged.id)  # saved, so the page opens at once
        return RedirectResponse(f"/stories/{merged.id}?done=merged", status_code=303)

    async def move(request: Request) -> Response:
        form = await request.form()
        web.check_post(request, form.get("csrf"))
        article = str(form.get("article") or "").strip()
        target = str(form.get("target") or form.get("target_id") or "").strip()
        if not article or not target:
            raise HTTPException(400, "Say which article to move and to which story.")
        with web.writer() as store:
            moved = move_article(store, article, target, web.settings)
            resolve_people(store, settle=False)
            compare_stored_story(store, moved.id)  # saved, so the page opens at once
        return RedirectResponse(f"/stories/{moved.id}?done=moved", status_code=303)

    return [
        Route("/stories/{ref}/merge", merge, methods=["POST"]),
        Route("/stories/{ref}/move", move, methods=["POST"]),
        Route("/stories/{ref}/{table}.csv", table),
        Route("/stories/{ref}", story),
    ]
