"""Reports of a comparison: Markdown, JSON, CSV, and the self-contained HTML page, including
that markup inside article text stays text (in the file and in a real browser)."""

from __future__ import annotations

import csv
import io
import json
import shutil
import subprocess
from pathlib import Path

import pytest
from story_builders import Builder, dam_story, make_article

from newsprism.compare import Comparison, compare_story
from newsprism.report import render_csv, render_html, render_json, render_markdown

SCRIPT = '<script>document.title="pwned";document.body.innerHTML="PWNED"</script>'
IMG = '<img src="x" onerror="document.body.innerHTML=1">'


@pytest.fixture(scope="module")
def dam() -> Comparison:
    articles, analyses, story = dam_story()
    return compare_story(articles, analyses, story)


@pytest.fixture(scope="module")
def hostile() -> Comparison:
    """The dam story plus an article whose title, text and quote carry markup."""
    articles, analyses, _ = dam_story()
    evil = make_article(
        "Evil <b>Outlet</b>",
        f"Dam story {SCRIPT}",
        [
            f"The Kessel dam gave way on Sunday {SCRIPT} and the lower town flooded.",
            f'"We will rebuild every street {IMG} the water took," said Ruth Alvarez.',
        ],
        articles[0].published,
    )
    built = Builder(evil).quote(
        f"We will rebuild every street {IMG} the water took,", "Ruth Alvarez"
    )
    return compare_story([*articles, evil], [*analyses, built.analysis()])


def test_markdown_has_every_section(dam: Comparison) -> None:
    text = render_markdown(dam)
    for heading in ("## Brief", "## Conflicts", "## Timeline", "## Who is quoted by whom"):
        assert heading in text
    assert "Three people" in text and "Five people" in text
    assert "2024-05-13 (inferred)" not in text or "*(date inferred)*" in text


def test_markdown_escapes_article_markup(hostile: Comparison) -> None:
    text = render_markdown(hostile)
    assert "<script>" not in text
    assert "&lt;script&gt;" in text


def test_json_round_trips_to_plain_data(dam: Comparison) -> None:
    data = json.loads(render_json(dam))
    assert data["story_id"] == "dam"
    assert {k["kind"] for k in data["conflicts"]} == {"speaker", "figure", "date", "headline"}
    assert data["timeline"][0]["start"] == "2024-05-11"


@pytest.mark.parametrize(
    "table", ["conflicts", "quotes", "figures", "timeline", "unique", "speakers"]
)
def test_csv_tables(dam: Comparison, table: str) -> None:
    rows = list(csv.reader(io.StringIO(render_csv(dam, table))))
    assert len(rows) > 1
    assert all(len(row) == len(rows[0]) for row in rows)


def test_html_is_self_contained(dam: Comparison) -> None:
    page = render_html(dam)
    assert "<svg" in page and "<style>" in page
    assert "<script" not in page
    assert "http://" not in page.replace("http://www.w3.org/2000/svg", "")
    assert "https://" not in page
    assert 'class="conflict"' in page
    assert "Three people" in page and "Five people" in page


def test_html_escapes_article_markup(hostile: Comparison) -> None:
    page = render_html(hostile)
    assert "<script" not in page
    assert "<img" not in page
    assert "&lt;script&gt;" in page
    assert "Evil &lt;b&gt;Outlet&lt;/b&gt;" in page


# --- in a real browser -----------------------------------------------------------------------


def _chromium() -> str:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    pytest.skip("chromium not found on PATH (Debian: apt-get install -y chromium)")


def _run_chromium(page: Path, tmp_path: Path, *mode: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [
            _chromium(),
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            f"--user-data-dir={tmp_path / 'profile'}",
            *mode,
            page.as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def _png_size_and_colours(path: Path) -> tuple[int, int, int]:
    """Width, height and number of distinct colours of a PNG (decoded with the stdlib)."""
    import struct
    import zlib

    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    at, idat, header = 8, b"", b""
    while at < len(data):
        (length,) = struct.unpack(">I", data[at : at + 4])
        kind = data[at + 4 : at + 8]
        chunk = data[at + 8 : at + 8 + length]
        if kind == b"IHDR":
            header = chunk
        elif kind == b"IDAT":
            idat += chunk
        at += 12 + length
    width, height, depth, colour = struct.unpack(">IIBB", header[:10])
    assert depth == 8 and colour in (2, 6), "expected 8-bit RGB(A)"
    channels = 4 if colour == 6 else 3
    raw = zlib.decompress(idat)
    stride = width * channels
    colours: set[bytes] = set()
    previous = bytearray(stride)
    # Undo PNG filters row by row (needed to read any pixel correctly).
    rows = []
    offset = 0
    for _ in range(height):
        kind, line = raw[offset], bytearray(raw[offset + 1 : offset + 1 + stride])
        offset += 1 + stride
        for i in range(stride):
            left = line[i - channels] if i >= channels else 0
            up = previous[i]
            corner = previous[i - channels] if i >= channels else 0
            if kind == 1:
                line[i] = (line[i] + left) & 0xFF
            elif kind == 2:
                line[i] = (line[i] + up) & 0xFF
            elif kind == 3:
                line[i] = (line[i] + (left + up) // 2) & 0xFF
            elif kind == 4:
                p = left + up - corner
                pa, pb, pc = abs(p - left), abs(p - up), abs(p - corner)
                pred = left if pa <= pb and pa <= pc else (up if pb <= pc else corner)
                line[i] = (line[i] + pred) & 0xFF
        rows.append(bytes(line))
        previous = line
    for line in rows[::5]:
        for i in range(0, stride, channels * 5):
            colours.add(line[i : i + 3])
    return width, height, len(colours)


@pytest.mark.slow
def test_html_report_renders_in_headless_chromium(dam: Comparison, tmp_path: Path) -> None:
    page = tmp_path / "report.html"
    page.write_text(render_html(dam), encoding="utf-8")
    shot = tmp_path / "report.png"
    result = _run_chromium(page, tmp_path, f"--screenshot={shot}", "--window-size=1280,2000")
    assert shot.exists(), result.stderr[-2000:]
    width, height, colours = _png_size_and_colours(shot)
    assert (width, height) == (1280, 2000)
    assert colours > 50, "the page rendered (nearly) blank"


@pytest.mark.slow
def test_script_in_article_text_shows_as_text_in_the_browser(
    hostile: Comparison, tmp_path: Path
) -> None:
    page = tmp_path / "hostile.html"
    page.write_text(render_html(hostile), encoding="utf-8")
    result = _run_chromium(page, tmp_path, "--dump-dom")
    dom = result.stdout
    assert "Kessel" in dom, result.stderr[-2000:]
    assert "PWNED" not in dom.replace('innerHTML="PWNED"', "")  # the script did not run
    assert "&lt;script&gt;document.title" in dom  # it is text in the page
    assert "<script" not in dom
    assert "<img" not in dom
