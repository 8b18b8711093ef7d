"""WARC archives built here with warcio: HTML responses read, the rest passed over, damage."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from helpers_ingest import FIXTURES, read_all
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

SECOND_PAGE = (
    "<html><head><title>Ferry timetable cut</title>"
    '<meta property="article:published_time" content="2024-05-10T16:20:00Z"></head>'
    "<body><nav><a href='/'>Home</a></nav><article><h1>Ferry timetable cut</h1>"
    "<p>The island ferry will run two fewer sailings each evening until July because the "
    "operator cannot find enough qualified crew, it said on Friday.</p>"
    "<p>A spokesperson said 14 posts were still vacant and that recruitment had been slower "
    "than expected since the start of the year.</p></article></body></html>"
)


def _response(writer: WARCWriter, url: str, body: bytes, content_type: str, status: str) -> None:
    headers = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
    record = writer.create_warc_record(
        url, "response", payload=io.BytesIO(body), http_headers=headers
    )
    writer.write_record(record)


def _build_warc(path: Path, gzip: bool, pages: bool = True) -> None:
    with open(path, "wb") as out:
        writer = WARCWriter(out, gzip=gzip)
        writer.write_record(writer.create_warcinfo_record(path.name, {"software": "tests"}))
        if pages:
            page = (FIXTURES / "page.html").read_bytes()
            _response(writer, "https://www.harbourcourier.co.uk/a", page, "text/html", "200 OK")
        _response(
            writer,
            "https://www.harbourcourier.co.uk/logo.png",
            b"\x89PNG\r\n\x1a\n" + b"\0" * 64,
            "image/png",
            "200 OK",
        )
        _response(
            writer,
            "https://www.harbourcourier.co.uk/old",
            b"",
            "text/html",
            "301 Moved Permanently",
        )
        if pages:
            _response(
                writer,
                "https://www.harbourcourier.co.uk/ferry",
                SECOND_PAGE.encode(),
                "text/html; charset=utf-8",
                "200 OK",
            )


@pytest.mark.parametrize("name, gzip", [("crawl.warc", False), ("crawl.warc.gz", True)])
def test_html_responses_become_articles(tmp_path: Path, name: str, gzip: bool) -> None:
    path = tmp_path / name
    _build_warc(path, gzip)
    articles, skipped = read_all([path])
    assert skipped == []
    bridge, ferry = articles
    assert bridge.source == f"{path}#2"  # record 1 is the warcinfo
    assert bridge.title == "Bridge closure leaves 12,000 commuters facing long detours"
    # The page's canonical URL is preferred to the crawled one.
    assert bridge.url.endswith("/news/2024/may/14/millbrook-bridge-closure")
    assert ferry.source == f"{path}#5"
    assert ferry.url == "https://www.harbourcourier.co.uk/ferry"
    assert "cannot find enough qualified crew" in ferry.body


def test_a_warc_without_html_gives_one_line(tmp_path: Path) -> None:
    path = tmp_path / "images.warc.gz"
    _build_warc(path, gzip=True, pages=False)
    articles, skipped = read_all([path])
    assert articles == []
    assert len(skipped) == 1
    assert skipped[0].where == str(path)
    assert "no HTML pages" in skipped[0].reason
    assert "3 WARC record(s)" in skipped[0].reason


def test_truncated_gzip_keeps_articles_before_the_damage(tmp_path: Path) -> None:
    whole = tmp_path / "whole.warc.gz"
    _build_warc(whole, gzip=True)
    data = whole.read_bytes()
    damaged = tmp_path / "damaged.warc.gz"
    damaged.write_bytes(data[: len(data) - 200])  # cut inside the last record
    articles, skipped = read_all([damaged])
    assert [a.title for a in articles] == [
        "Bridge closure leaves 12,000 commuters facing long detours"
    ]
    assert len(skipped) == 1
    assert skipped[0].where.startswith(f"{damaged}#")
    assert "damaged WARC" in skipped[0].reason


def test_a_text_file_named_warc_is_not_a_warc(tmp_path: Path) -> None:
    path = tmp_path / "notes.warc"
    path.write_text("just a note, not an archive\n", encoding="utf-8")
    articles, skipped = read_all([path])
    assert articles == []
    assert skipped[0].reason.startswith("not a WARC file")


@pytest.mark.parametrize("keep", [0.2, 0.35, 0.5, 0.65, 0.8, 0.9, 0.97, 0.995])
def test_every_cut_of_a_gzip_warc_is_reported(tmp_path: Path, keep: float) -> None:
    whole = tmp_path / "whole.warc.gz"
    _build_warc(whole, gzip=True)
    data = whole.read_bytes()
    damaged = tmp_path / "cut.warc.gz"
    damaged.write_bytes(data[: int(len(data) * keep)])
    articles, skipped = read_all([damaged])
    assert len(articles) <= 2
    assert [s.reason.split(":")[0] for s in skipped] == ["damaged WARC"]
