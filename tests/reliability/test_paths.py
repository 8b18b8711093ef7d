"""Paths: a directory read follows no symlink out of it unless settings.follow_symlinks, and
newsprism writes nothing anywhere but the database path it is given (issue 6, point 5).
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from conftest import SAMPLES
from relhelp import clean_env, run_cli

from newsprism.config import Settings
from newsprism.ingest import read_sources
from newsprism.model import Article, Skipped

INSIDE_TEXT = (
    "Dock workers in Port Avery voted on Tuesday to accept a new contract after a week of "
    "talks, the union said.\n\nThe agreement raises pay by four percent over two years."
)
OUTSIDE_TEXT = (
    "A private note kept outside the folder that was asked for must never be read by accident."
    "\n\nIt sits in a sibling directory that only a symlink leads to."
)


def _tree(tmp_path: Path) -> tuple[Path, Path]:
    """A folder to read with one article, and a sibling folder it must not leak into."""
    inside = tmp_path / "inbox"
    outside = tmp_path / "private"
    inside.mkdir()
    outside.mkdir()
    (inside / "dockers.txt").write_text(INSIDE_TEXT, encoding="utf-8")
    (outside / "note.txt").write_text(OUTSIDE_TEXT, encoding="utf-8")
    return inside, outside


def _bodies(items: list[Article | Skipped]) -> str:
    return "\n".join(item.body for item in items if isinstance(item, Article))


@pytest.mark.parametrize("link_to", ["file", "dir"])
@pytest.mark.parametrize("follow", [False, True])
def test_symlinks_out_of_a_folder_are_followed_only_when_asked(
    tmp_path: Path, link_to: str, follow: bool
) -> None:
    inside, outside = _tree(tmp_path)
    link = inside / ("note.txt" if link_to == "file" else "elsewhere")
    link.symlink_to(outside / "note.txt" if link_to == "file" else outside)

    items = list(read_sources([str(inside)], Settings(follow_symlinks=follow)))

    assert "Dock workers in Port Avery" in _bodies(items)
    if follow:
        assert "private note kept outside" in _bodies(items)
    else:
        assert "private note kept outside" not in _bodies(items)
        skipped = [item for item in items if isinstance(item, Skipped)]
        assert [s.where for s in skipped] == [str(link)]
        assert "follow_symlinks" in skipped[0].reason


def test_symlink_inside_the_folder_is_read_once(tmp_path: Path) -> None:
    inside, _ = _tree(tmp_path)
    (inside / "sub").mkdir()
    (inside / "sub" / "again.txt").symlink_to(inside / "dockers.txt")
    (inside / "loop").symlink_to(inside)  # a loop back to the top must not recurse forever

    items = list(read_sources([str(inside)]))

    articles = [item for item in items if isinstance(item, Article)]
    assert {a.id for a in articles} == {articles[0].id}
    assert all("Dock workers" in a.body for a in articles)


def _listing(root: Path) -> set[str]:
    return {str(p.relative_to(root)) for p in root.rglob("*")}


@pytest.mark.slow
@pytest.mark.parametrize("analyze", [False, True], ids=["store-only", "full"])
def test_newsprism_writes_only_the_database_and_named_outputs(
    tmp_path: Path, analyze: bool
) -> None:
    inputs = tmp_path / "inputs"
    shutil.copytree(SAMPLES, inputs)
    before = _listing(inputs)
    workdir, home, scratch, dbdir, outdir = (
        tmp_path / name for name in ("cwd", "home", "tmp", "db", "out")
    )
    for folder in (workdir, home, scratch, dbdir, outdir):
        folder.mkdir()
    env = clean_env(HOME=str(home), TMPDIR=str(scratch), XDG_CACHE_HOME=str(home / ".cache"))
    env.pop("XDG_CONFIG_HOME", None)

    # The full run loads the spaCy model and clusters, the likeliest steps to drop a cache
    # or model file somewhere.
    args = ["--db", str(dbdir / "news.db"), "ingest", str(inputs), "--json"]
    if not analyze:
        args += ["--no-analyze", "--no-cluster"]
    result = run_cli(*args, cwd=workdir, env=env)

    assert result.returncode == 0, result.stderr
    assert '"new": ' in result.stdout
    if analyze:  # the commands that read the database must not write elsewhere either
        db = str(dbdir / "news.db")
        for command in (["articles"], ["stories"], ["search", "fire"], ["people"]):
            shown = run_cli("--db", db, *command, "--json", cwd=workdir, env=env)
            assert shown.returncode == 0, shown.stderr
        story = json.loads(run_cli("--db", db, "stories", "--json", env=env).stdout)["stories"][0][
            "id"
        ]
        assert run_cli("--db", db, "compare", story, "--json", cwd=workdir, env=env).returncode == 0
        report = outdir / "nested" / "story.html"
        written = run_cli("--db", db, "report", story, "--out", str(report), cwd=workdir, env=env)
        assert written.returncode == 0, written.stderr
        assert _listing(outdir) == {"nested", "nested/story.html"}, "only the file named"
    assert _listing(workdir) == set(), "files appeared in the working directory"
    assert _listing(inputs) == before, "files appeared beside the inputs"
    assert _listing(home) == set(), "files appeared in the home directory"
    assert _listing(scratch) == set(), "temporary files were left behind"
    assert _listing(dbdir) <= {"news.db", "news.db-wal", "news.db-shm"}
    assert "news.db" in _listing(dbdir)


def test_directory_walk_skips_hidden_and_unknown_files(tmp_path: Path) -> None:
    inside, _ = _tree(tmp_path)
    (inside / ".secret.txt").write_text(OUTSIDE_TEXT, encoding="utf-8")
    (inside / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0" + os.urandom(64))

    items = list(read_sources([str(inside)]))

    assert "private note" not in _bodies(items)
    assert not any(isinstance(item, Skipped) for item in items)
