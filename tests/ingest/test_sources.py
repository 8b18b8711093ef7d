"""Sources: directories, globs, stdin, gzip, sniffing, symlinks, and bad input of every kind."""

from __future__ import annotations

import gzip
import io
import shutil
import sys
from pathlib import Path

import pytest
from helpers_ingest import FIXTURES, read_all

from newsprism.config import Settings
from newsprism.ingest import read_sources
from newsprism.model import Skipped

BODY = (
    "The harbour master said the café on the quay would reopen on Friday – "
    "“as soon as the power is back”."
)


def test_a_directory_is_read_recursively_by_extension(tmp_path: Path) -> None:
    (tmp_path / "a" / "b").mkdir(parents=True)
    shutil.copy(FIXTURES / "header.txt", tmp_path / "a" / "b" / "deep.txt")
    shutil.copy(FIXTURES / "feed.atom", tmp_path / "a" / "news.atom")
    (tmp_path / "notes.md").write_text("# not read: unknown extension\n", encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text(BODY, encoding="utf-8")
    (tmp_path / ".git").mkdir()
    (tmp_path / ".git" / "inside.txt").write_text(BODY, encoding="utf-8")
    articles, skipped = read_all([tmp_path])
    assert skipped == []
    sources = sorted(a.source for a in articles)
    assert sources == [
        str(tmp_path / "a" / "b" / "deep.txt"),
        f"{tmp_path / 'a' / 'news.atom'}#1",
        f"{tmp_path / 'a' / 'news.atom'}#2",
    ]


def test_symlinks_out_of_the_folder_are_not_followed_unless_asked(tmp_path: Path) -> None:
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / "far.txt").write_text(BODY, encoding="utf-8")
    root = tmp_path / "root"
    root.mkdir()
    (root / "link.txt").symlink_to(outside / "far.txt")
    (root / "linked_dir").symlink_to(outside, target_is_directory=True)
    articles, skipped = read_all([root])
    assert articles == []
    assert len(skipped) == 2
    assert all("symlink not followed" in s.reason for s in skipped)
    articles, skipped = read_all([root], Settings(follow_symlinks=True))
    assert skipped == []
    assert len(articles) == 2
    assert articles[0].id == articles[1].id  # the same text twice is the same article


def test_glob_patterns(tmp_path: Path) -> None:
    for name in ("one.txt", "two.txt", "three.json"):
        shutil.copy(FIXTURES / "bare.txt", tmp_path / name)
    articles, _ = read_all([str(tmp_path / "*.txt")])
    assert sorted(Path(a.source).name for a in articles) == ["one.txt", "two.txt"]
    articles, skipped = read_all([str(tmp_path / "*.csv")])
    assert articles == []
    assert skipped[0].reason.startswith("no match")


def test_gzip_files_are_decompressed_as_they_stream(tmp_path: Path) -> None:
    path = tmp_path / "articles.jsonl.gz"
    path.write_bytes(gzip.compress((FIXTURES / "articles.jsonl").read_bytes()))
    articles, _ = read_all([path])
    assert articles[0].source == f"{path}:1"
    assert len(articles) == 3


def test_damaged_gzip_is_skipped_with_the_reason(tmp_path: Path) -> None:
    path = tmp_path / "page.html.gz"
    path.write_bytes(gzip.compress((FIXTURES / "page.html").read_bytes())[:300])
    articles, skipped = read_all([path])
    assert articles == []
    assert skipped[0].where == str(path)
    assert "gzip" in skipped[0].reason


@pytest.mark.parametrize(
    ("name", "content", "title"),
    [
        ("page", (FIXTURES / "page.html").read_bytes(), "Bridge closure leaves 12,000"),
        ("feed", (FIXTURES / "feed.rss").read_bytes(), "Ferry timetable cut"),
        ("records", (FIXTURES / "articles.jsonl").read_bytes(), "School meals contract"),
        ("array", (FIXTURES / "articles.json").read_bytes(), "Wind farm approved"),
        ("table", b'title,text\nTide turns,"' + BODY.encode() + b'"\n', "Tide turns"),
        ("plain", (FIXTURES / "header.txt").read_bytes(), "Coastal path reopens"),
        ("zipped", gzip.compress((FIXTURES / "feed.atom").read_bytes()), "Reservoir levels"),
    ],
)
def test_kind_is_sniffed_when_the_name_says_nothing(
    tmp_path: Path, name: str, content: bytes, title: str
) -> None:
    path = tmp_path / name  # no extension
    path.write_bytes(content)
    articles, _ = read_all([path])
    assert articles[0].title.startswith(title)


def test_standard_input(monkeypatch: pytest.MonkeyPatch) -> None:
    data = (FIXTURES / "articles.jsonl").read_bytes()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    articles, skipped = read_all(["-"])
    assert [a.source for a in articles] == ["<stdin>:1", "<stdin>:3", "<stdin>:7"]
    assert skipped[0].where == "<stdin>:2"


@pytest.mark.parametrize(
    ("encoding", "bom"),
    [("utf-8", b""), ("utf-8", b"\xef\xbb\xbf"), ("utf-16", b""), ("cp1252", b"")],
)
def test_encodings_are_detected(tmp_path: Path, encoding: str, bom: bytes) -> None:
    path = tmp_path / "story.txt"
    path.write_bytes(bom + f"Quay café to reopen\n\n{BODY}\n".encode(encoding))
    (article,), skipped = read_all([path])
    assert skipped == []
    assert article.title == "Quay café to reopen"
    assert article.paragraphs == (BODY,)


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("empty.txt", b"", "empty file"),
        ("blank.jsonl", b"\n\n  \n", "empty file"),
        ("image.txt", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "binary file"),
        ("doc.html", b"%PDF-1.7\n" + bytes(range(256)) * 4, "binary file"),
        ("nul.csv", b"title,text\n\x00\x00\x00\x01\x02\x03" * 50, "binary file"),
        ("noise.json", b"\x01\x02\x03\x04\x05\x06\x07\x08" * 100, "binary file"),
        ("scalar.json", b'"just a string"', "not JSON"),
        ("broken.json", b'[{"title": "a", "text": "b"}, {"title": ', "not valid JSON"),
    ],
)
def test_bad_files_give_one_clear_line(
    tmp_path: Path, name: str, content: bytes, reason: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    articles, skipped = read_all([path])
    assert len(skipped) == 1
    assert skipped[0].where.startswith(str(path))
    assert skipped[0].reason.startswith(reason)
    assert len(articles) <= 1  # a broken JSON array keeps the elements before the damage


def test_missing_and_unreadable_sources_do_not_stop_the_rest(tmp_path: Path) -> None:
    locked = tmp_path / "locked.txt"
    locked.write_text(BODY, encoding="utf-8")
    locked.chmod(0)
    sources = [tmp_path / "missing.txt", locked, FIXTURES / "bare.txt"]
    articles, skipped = read_all(sources)
    assert [a.title[:10] for a in articles][-1] == "Volunteers"
    assert skipped[0].reason.startswith("not found")
    if not Path(locked).stat().st_mode & 0o400 and skipped[1:]:  # root can read anything
        assert "permission denied" in skipped[1].reason


def test_size_limits_are_settings_and_say_so(tmp_path: Path) -> None:
    articles, skipped = read_all([FIXTURES / "page.html"], Settings(max_file_bytes=1000))
    assert articles == []
    assert "max_file_bytes" in skipped[0].reason
    articles, skipped = read_all([FIXTURES / "articles.jsonl"], Settings(max_article_bytes=150))
    too_large = [s for s in skipped if s.reason.startswith("article too large")]
    assert too_large
    assert "max_article_bytes" in too_large[0].reason
    assert "150" in too_large[0].reason


def test_a_folder_with_nothing_to_read_is_reported(tmp_path: Path) -> None:
    """Regression: an empty folder (or one of photos only) ended with no message at all."""
    (tmp_path / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0 not an article")
    items = list(read_sources([str(tmp_path)]))
    assert len(items) == 1 and isinstance(items[0], Skipped)
    assert items[0].where == str(tmp_path) and "no articles" in items[0].reason
