"""HTML pages through trafilatura: text, metadata, cleaning, broken pages."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from helpers_ingest import FIXTURES, read_all

from newsprism.config import Settings
from newsprism.ingest.html import html_to_paragraphs, read_html
from newsprism.model import Article, Skipped


def test_news_page_gives_article_text_and_metadata() -> None:
    (article,), skipped = read_all([FIXTURES / "page.html"])
    assert skipped == []
    assert article.title == "Bridge closure leaves 12,000 commuters facing long detours"
    assert article.url == (
        "https://www.harbourcourier.co.uk/news/2024/may/14/millbrook-bridge-closure"
    )
    assert article.published == date(2024, 5, 14)
    assert article.author == "Priya Castellano"
    assert article.language == "en"
    # An outlet the table does not know: the site name the page declares (og:site_name).
    assert article.outlet == "The Harbour Courier"
    body = article.body
    assert "The Millbrook Bridge will stay shut for at least six weeks" in body
    assert "said Gareth Pennick, the council’s cabinet member for highways" in body
    assert "A temporary shuttle bus between the two banks" in body
    for junk in (
        "Advertisement",
        "Read more:",
        "Share on Facebook",
        "Accept all cookies",
        "All rights reserved",
        "Pothole complaints",
        "gtag(",
    ):
        assert junk not in body
    assert "advert: Advertisement" in article.removed


def test_page_without_article_text_is_skipped() -> None:
    articles, skipped = read_all([FIXTURES / "page_no_article.html"])
    assert articles == []
    assert skipped[0].where == str(FIXTURES / "page_no_article.html")
    assert "no" in skipped[0].reason


@pytest.mark.parametrize(
    "page",
    [
        b"",
        b"   \n  ",
        b"<html><body><p>unclosed <b>tags <div>",
        b"<<<<>>>>&&&&",
        "<html><body>\udcff</body></html>".encode("utf-8", "surrogatepass"),
    ],
)
def test_broken_pages_never_raise(page: bytes) -> None:
    result = read_html(page, "broken.html", Settings())
    assert isinstance(result, (Article, Skipped))


def test_truncated_page_keeps_the_text_before_the_cut(tmp_path: Path) -> None:
    html = (FIXTURES / "page.html").read_text(encoding="utf-8")
    cut = html.index("Local businesses on the east bank")
    path = tmp_path / "truncated.html"
    path.write_text(html[:cut], encoding="utf-8")
    (article,), _ = read_all([path])
    assert "The Millbrook Bridge will stay shut" in article.body


def test_html_fragment_to_paragraphs() -> None:
    fragment = (
        "<p>First <b>bold</b> point.</p><script>alert(1)</script>"
        "Loose text<br>after a break<ul><li>One item</li></ul>"
    )
    assert html_to_paragraphs(fragment) == [
        "First bold point.",
        "Loose text",
        "after a break",
        "One item",
    ]
