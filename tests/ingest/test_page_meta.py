"""Site name, URL and headline from a page's own metadata, before trafilatura's guesses
(regressions: og:site_name ignored, "chron.com" for the Houston Chronicle, a <title>'s
"| Autoracing | F1 | Indy" kept on the headline, the site name taken as the title)."""

from __future__ import annotations

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
