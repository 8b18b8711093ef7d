"""Screenshots of the story page and the person page for the README, from the bundled samples.

    python bench/screenshots.py [--out docs/screenshots]

Ingests `samples/` into a fresh database (with demo/outlets.csv naming the fictional outlets),
serves it, and has Playwright drive Debian's chromium (/usr/bin/chromium, no browser download)
to the largest story and to the most-quoted person. Prints what it wrote as one JSON line.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from live_server import CHROMIUM, CHROMIUM_ARGS, running_server

from newsprism import SQLiteStore, ingest, load_settings

REPO = Path(__file__).resolve().parents[1]


def build_demo_db(path: Path) -> None:
    os.environ["NEWSPRISM_OUTLETS_FILE"] = str(REPO / "demo" / "outlets.csv")
    settings = load_settings(None, {"db": str(path)})
    with SQLiteStore(path) as store:
        ingest([str(REPO / "samples")], store, settings)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(REPO / "docs" / "screenshots"))
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "samples.db"
        build_demo_db(db)
        with SQLiteStore(db) as store:
            story = next(store.iter_stories("size"))
            person = max(store.people(limit=50), key=lambda p: (p.quotes, p.articles))
        written = []
        with running_server(db) as url, sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            page = browser.new_page(viewport={"width": 1280, "height": 1000})
            shots = (
                ("story", f"/stories/{story.id}", None),
                ("story-facts", f"/stories/{story.id}", "#facts"),
                ("person", f"/people/{person.key}", None),
            )
            for name, path, part in shots:
                page.goto(url + path)
                target = out / f"{name}.png"
                if part:
                    page.locator(part).screenshot(path=str(target))
                else:
                    page.screenshot(path=str(target))
                written.append(
                    str(target.relative_to(REPO) if target.is_relative_to(REPO) else target)
                )
            browser.close()
    print(json.dumps({"screenshots": written, "story": story.id, "person": person.key}))


if __name__ == "__main__":
    main()
