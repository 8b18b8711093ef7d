"""The local web app and JSON API (`newsprism serve`): pages over the library's functions.

`create_app(db)` builds the Starlette application; `newsprism serve` runs it with uvicorn.
"""

from __future__ import annotations

from newsprism.web.app import create_app

__all__ = ["create_app"]
