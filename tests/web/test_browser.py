"""The main journeys in a real browser: Playwright driving Debian's chromium (no download)
against the app served by uvicorn on 127.0.0.1. Skipped, saying why, where either is missing."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))

from live_server import CHROMIUM, CHROMIUM_ARGS, running_server

sync_api = pytest.importorskip(
    "playwright.sync_api", reason="playwright (a dev dependency) is not installed"
)

if not CHROMIUM.exists():
    pytest.skip(
        f"{CHROMIUM} not found: `make browser` installs Debian's chromium", allow_module_level=True
    )


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with sync_api.sync_playwright() as pw:
        chromium = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def site(web_db: Path, browser: Any) -> Iterator[tuple[str, Any]]:
    with running_server(web_db) as url:
        page = browser.new_page()
        yield url, page
        page.close()


def test_home_search_story_conflict_to_highlighted_sentence(site: tuple[str, Any]) -> None:
    url, page = site
    page.goto(url + "/")
    assert page.locator("#total").inner_text() != "0"
    assert page.locator(".chart svg rect").count() > 0

    page.fill("form.quick input[name=q]", "spillway")
    page.click("form.quick button")
    assert "q=spillway" in page.url
    assert page.locator(".hits mark").first.inner_text().lower() == "spillway"

    page.goto(url + "/?q=Kessel")
    page.locator("a.story-link").first.click()
    assert page.locator("#story-label").is_visible()
    side = page.locator("#conflicts a.side[href*='?hl=']").first
    words = side.inner_text()
    side.click()
    page.wait_for_url("**/articles/**#hl")
    highlighted = page.locator("#hl")
    assert highlighted.is_visible()
    # the highlighted piece is part of the conflict's sentence as the story page gave it
    assert highlighted.inner_text().strip()[:12] in words
    page.go_back()
    assert page.locator("#story-label").is_visible()  # the back button returns to the story


def test_open_a_person_from_the_people_list(site: tuple[str, Any]) -> None:
    url, page = site
    page.goto(url + "/people")
    page.get_by_role("link", name="Tomas Berg").click()
    assert page.locator("#person-name").inner_text() == "Tomas Berg"
    assert "Mr Berg" in page.locator("#aliases").inner_text()
    assert "The water rose faster" in page.locator(".quote-text").first.inner_text()


def test_merge_two_stories_and_see_the_result_after_reload(site: tuple[str, Any]) -> None:
    url, page = site
    page.goto(url + "/?q=prodigy")
    page.locator("a.story-link").first.click()
    chess_url = page.url
    page.goto(url + "/")
    total_before = int(page.locator("#total").inner_text())
    page.goto(chess_url)
    story_id = page.url.rsplit("/", 1)[-1]
    other = page.locator("form.merge select[name=other] option").nth(1).get_attribute("value")
    assert other and other != story_id
    page.select_option("form.merge select[name=other]", other)
    page.click("form.merge button")
    assert page.locator("#notice").inner_text() == "Stories merged."
    page.reload()
    titles = page.locator(".headline .title").all_inner_texts()
    assert "Chess prodigy wins national title at fourteen" in titles
    assert len(titles) > 2  # the chess pair and the other story's articles
    page.goto(url + "/")
    assert int(page.locator("#total").inner_text()) == total_before - 1


def test_hostile_article_runs_no_script(site: tuple[str, Any]) -> None:
    url, page = site
    dialogs: list[str] = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(url + "/search?q=recount")
    page.locator("a.hit").first.click()
    assert "<script>" in page.locator("#article-title").inner_text()
    assert dialogs == []
