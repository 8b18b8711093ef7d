"""The web application: routes, safety, and how every page is answered as HTML, JSON or CSV.

Why Starlette + uvicorn + Jinja2: the pages are thin views over the library's functions, so a
small ASGI toolkit (routing, forms, a test client) is all that is needed; Jinja2 is what the
HTML report already uses and escapes every value by default. There is no JavaScript: plain
links and GET forms keep all view state in the URL (shareable, the back button works).

Safety, for an app that shows text written by strangers:
- only the hosts it was started for are answered (a Host header check against DNS rebinding);
- every POST carries a per-process CSRF token and must come from the app's own origin;
- Jinja2 autoescaping plus a Content-Security-Policy that allows no script at all;
- pages read through a read-only database connection, opened per request.
"""

from __future__ import annotations

import csv
import hmac
import io
import json
import secrets
import threading
from collections import OrderedDict
from collections.abc import Awaitable, Callable, Iterable, Sequence
from pathlib import Path
from typing import Any, TypeVar, cast
from urllib.parse import urlencode, urlsplit

import jinja2
from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, PlainTextResponse, Response
from starlette.routing import BaseRoute, Mount
from starlette.staticfiles import StaticFiles
from starlette.types import ASGIApp, Receive, Scope, Send

from newsprism.config import Settings
from newsprism.errors import EditError, NewsprismError, NotFoundError
from newsprism.model import to_dict
from newsprism.store.sqlite import SQLiteStore

HERE = Path(__file__).parent
LOCAL_HOSTS = ("127.0.0.1", "localhost", "::1", "[::1]")
MEMO = 32
"""List summaries (totals, facets, charts) kept in memory; see Web.remember."""
T = TypeVar("T")

_CSP = (
    "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self';"
    " base-uri 'none'; frame-ancestors 'none'"
)


class Web:
    """What every handler needs: the database path, settings, templates and the CSRF token."""

    def __init__(self, db: str | Path, settings: Settings) -> None:
        self.db = str(db)
        self.settings = settings
        self.csrf_token = secrets.token_urlsafe(32)
        self.templates = jinja2.Environment(
            loader=jinja2.FileSystemLoader(HERE / "templates"),
            autoescape=True,
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
        )
        self.templates.globals["query"] = query_string
        self._memo: OrderedDict[object, object] = OrderedDict()
        self._memo_lock = threading.Lock()

    def remember(self, key: tuple[object, ...], compute: Callable[[], T]) -> T:
        """`compute()`, kept while the database files are unchanged (an LRU of MEMO entries).

        For what every page of a list shares (its total, facets and chart): paging, sorting
        and going back then cost no second pass over the articles.
        """
        files = (Path(self.db), Path(self.db + "-wal"))
        state = tuple(
            (f.stat().st_mtime_ns, f.stat().st_size) if f.exists() else None for f in files
        )
        full = (key, state)
        with self._memo_lock:
            if full in self._memo:
                self._memo.move_to_end(full)
                return cast(T, self._memo[full])
        value = compute()
        with self._memo_lock:
            self._memo[full] = value
            while len(self._memo) > MEMO:
                self._memo.popitem(last=False)
        return value

    def reader(self) -> SQLiteStore:
        """A read-only connection for one page."""
        return SQLiteStore.read_only(self.db)

    def writer(self) -> SQLiteStore:
        return SQLiteStore(self.db)

    def page(
        self, request: Request, template: str, status_code: int = 200, **context: Any
    ) -> Response:
        html = self.templates.get_template(template).render(
            request=request, csrf_token=self.csrf_token, path=request.url.path, **context
        )
        return HTMLResponse(html, status_code=status_code)

    def check_post(self, request: Request, form_token: object) -> None:
        """Refuse a POST without this process's CSRF token or from another origin."""
        if not isinstance(form_token, str) or not hmac.compare_digest(form_token, self.csrf_token):
            raise HTTPException(403, "The form is out of date or did not come from this app.")
        origin = request.headers.get("origin") or request.headers.get("referer")
        if origin and urlsplit(origin).netloc != request.headers.get("host"):
            raise HTTPException(403, "The form was sent from another site.")


def _signature(path: Path) -> tuple[int, int] | None:
    """When the file last changed, and its size (None when absent)."""
    try:
        stat = path.stat()
    except OSError:
        return None
    return stat.st_mtime_ns, stat.st_size


def split_format(ref: str, formats: Sequence[str] = ("json",)) -> tuple[str, str]:
    """('abc', 'json') for 'abc.json'; ('abc', 'html') when no known suffix ends `ref`."""
    for fmt in formats:
        if ref.endswith("." + fmt) and len(ref) > len(fmt) + 1:
            return ref[: -len(fmt) - 1], fmt
    return ref, "html"


def json_response(data: Any, status: int = 200) -> Response:
    body = json.dumps(to_dict(data), ensure_ascii=False, indent=2)
    return Response(body + "\n", status, media_type="application/json")


def csv_response(rows: Iterable[Sequence[object]], name: str) -> Response:
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    return Response(
        buffer.getvalue(),
        media_type="text/csv; charset=utf-8",
        headers={"content-disposition": f'inline; filename="{name}.csv"'},
    )


def query_string(params: dict[str, object], **changes: object) -> str:
    """`?a=1&b=2` from view state, with some values changed (None or '' drops a key)."""
    merged = {**params, **changes}
    kept = {k: v for k, v in merged.items() if v not in (None, "")}
    return "?" + urlencode(kept) if kept else "?"


class SecurityHeaders:
    """Adds headers that keep article text inert: no script, no framing, no sniffing."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Any) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                headers += [
                    (b"content-security-policy", _CSP.encode()),
                    (b"x-content-type-options", b"nosniff"),
                    (b"referrer-policy", b"same-origin"),
                    (b"x-frame-options", b"DENY"),
                ]
                message["headers"] = headers
            await send(message)

        await self.app(scope, receive, with_headers)


def _error_handlers(web: Web) -> dict[Any, Callable[[Request, Exception], Awaitable[Response]]]:
    def answer(request: Request, status: int, message: str) -> Response:
        if request.url.path.endswith(".json"):
            return json_response({"error": message, "status": status}, status)
        if request.url.path.endswith(".csv"):
            return PlainTextResponse(message + "\n", status)
        return web.page(request, "error.html.j2", status, status=status, message=message)

    async def not_found(request: Request, exc: Exception) -> Response:
        return answer(request, 404, str(exc))

    async def refused(request: Request, exc: Exception) -> Response:
        return answer(request, 400, str(exc))

    async def http_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, HTTPException)
        return answer(request, exc.status_code, str(exc.detail))

    return {
        NotFoundError: not_found,
        EditError: refused,
        NewsprismError: refused,
        HTTPException: http_error,
    }


def create_app(
    db: str | Path,
    settings: Settings | None = None,
    allowed_hosts: Iterable[str] = LOCAL_HOSTS,
) -> Starlette:
    """The web app over the database `db`, answering only requests for `allowed_hosts`."""
    from newsprism.web.pages import page_routes
    from newsprism.web.story_pages import story_routes

    web = Web(db, settings or Settings())
    routes: list[BaseRoute] = [
        *story_routes(web),
        *page_routes(web),
        Mount("/static", StaticFiles(directory=HERE / "static"), name="static"),
    ]
    hosts = sorted({host.strip("[]") for host in allowed_hosts} | set(allowed_hosts))
    return Starlette(
        routes=routes,
        middleware=[
            Middleware(SecurityHeaders),
            Middleware(TrustedHostMiddleware, allowed_hosts=hosts),
        ],
        exception_handlers=_error_handlers(web),
    )
