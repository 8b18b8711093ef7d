"""Site name, URL and headline from a page's own metadata, before trafilatura's guesses
(regressions: og:site_name ignored, "chron.com" for the Houston Chronicle, a <title>'s
"| Autoracing | F1 | Indy" kept on the headline, the site name taken as the title)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from helpers_ingest import read_all

from newsprism.ingest.page_meta import headline, page_meta

BODY = """<body><article>
<p>Schools across Wexford County closed on Tuesday as a winter storm brought heavy snow and
ice to the roads, the county's emergency office said in a statement.</p>
<p>The superintendent, Dana Reyes, said buses could not run safely and that classes would
resume when the roads were clear, possibly on Thursday.</p>
<p>Road crews worked through the night, and the state police reported dozens of crashes on
the interstate by early morning, most of them minor.</p>
</article></body></html>"""


def page(head: str) -> str:
    return f"<!DOCTYPE html><html lang='en'><head>{head}</head>{BODY}"


CASES = [
    # og:site_name, og:url and a canonical link: the outlet by name, and the URL kept
    (
        "<title>Storm shuts Wexford schools - Connecticut Post</title>"
        '<meta property="og:site_name" content="Connecticut Post">'
        '<meta property="og:url" content="https://www.ctpost.com/news/article/storm-1.php">'
        '<link rel="canonical" href="https://www.ctpost.com/news/article/storm-1.php">',
        "Connecticut Post",
        "https://www.ctpost.com/news/article/storm-1.php",
        "Storm shuts Wexford schools",
    ),
    # attributes in any order, a relative canonical link resolved against og:url
    (
        '<meta content="SFGATE" property="og:site_name">'
        '<meta content="https://www.sfgate.com/news/storm-9.php" property="og:url">'
        '<link href="/news/storm-9.php" rel="canonical"><title>SFGATE</title>'
        '<meta property="og:title" content="Storm shuts Wexford schools | SFGATE">',
        "SFGATE",
        "https://www.sfgate.com/news/storm-9.php",
        "Storm shuts Wexford schools",
    ),
    # the publisher of a JSON-LD block, not the host name
    (
        '<script type="application/ld+json">{"@context": "https://schema.org", "@graph": ['
        '{"@type": "NewsArticle", "headline": "Storm shuts Wexford schools",'
        ' "publisher": {"@type": "Organization", "name": "Houston Chronicle"}}]}</script>'
        "<title>Storm shuts Wexford schools</title>"
        '<link rel="canonical" href="//www.chron.com/news/storm.php">',
        "Houston Chronicle",
        "https://www.chron.com/news/storm.php",
        "Storm shuts Wexford schools",
    ),
    # sections appended to the <title> are neither the outlet nor part of the headline
    (
        "<title>Storm shuts Wexford schools | Autoracing | F1 | Indy</title>",
        "unknown",
        None,
        "Storm shuts Wexford schools",
    ),
    # the site name first in the <title>: the headline is the rest
    (
        "<title>SFGATE | Storm shuts Wexford schools</title>"
        '<link rel="canonical" href="https://www.sfgate.com/news/storm-2.php">',
        "sfgate.com",
        "https://www.sfgate.com/news/storm-2.php",
        "Storm shuts Wexford schools",
    ),
    # og:url pointing at the home page: the canonical link names the article; a publisher
    # given as a plain string
    (
        '<script type="application/ld+json">{"publisher": "Wexford Gazette"}</script>'
        '<meta property="og:url" content="https://wexfordgazette.net/">'
        '<link rel="canonical" href="https://wexfordgazette.net/2024/storm">'
        "<title>Storm shuts Wexford schools - Wexford Gazette</title>",
        "Wexford Gazette",
        "https://wexfordgazette.net/2024/storm",
        "Storm shuts Wexford schools",
    ),
    # AP's hosted pages are the Associated Press
    (
        "<title>Storm shuts Wexford schools</title>"
        '<link rel="canonical" href="https://hosted.ap.org/article/abc/storm">',
        "Associated Press",
        "https://hosted.ap.org/article/abc/storm",
        "Storm shuts Wexford schools",
    ),
]


@pytest.mark.parametrize(("head", "outlet", "url", "title"), CASES)
def test_page_metadata_names_outlet_url_and_headline(
    tmp_path: Path, head: str, outlet: str, url: str | None, title: str
) -> None:
    path = tmp_path / "page.html"
    path.write_text(page(head), encoding="utf-8")
    (article,), skipped = read_all([path])
    assert skipped == []
    assert (article.outlet, article.url, article.title) == (outlet, url, title)


def test_a_site_name_alone_is_no_headline() -> None:
    assert headline(["SFGATE", "SFGATE | SFGATE"], ["SFGATE"]) is None


def test_page_meta_reads_only_declarations() -> None:
    meta = page_meta(page("<title>Storm | Weather | Wexford Gazette</title>"))
    assert meta.site_name is None and meta.url is None
    assert meta.head_title == "Storm | Weather | Wexford Gazette"


def test_an_export_of_whole_pages_keeps_each_pages_outlet_url_and_text(tmp_path: Path) -> None:
    """Regression: a record whose body is a whole page was stored as outlet "unknown" with no
    URL, its <title> and navigation read as paragraphs."""
    head = CASES[0][0] + '<meta property="article:published_time" content="2024-01-09">'
    page_html = page(head).replace("<article>", "<nav>Home | News | Sports</nav><article>")
    records = [
        {"html": page_html},
        {"html": page_html.replace("Wexford", "Ardmore"), "title": "Own"},
    ]
    path = tmp_path / "crawl.jsonl"
    path.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    articles, skipped = read_all([path], fields={"body": "html"})
    assert skipped == []
    first, second = articles
    assert first.outlet == "Connecticut Post"
    assert first.url == "https://www.ctpost.com/news/article/storm-1.php"
    assert first.title == "Storm shuts Wexford schools"
    assert first.published is not None and first.published.year == 2024
    assert "Home | News" not in first.body and "Dana Reyes" in first.body
    assert second.title == "Own"  # what the record says comes first
