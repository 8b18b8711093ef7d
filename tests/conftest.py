"""Shared test helpers: where ../shared is, a fresh database per test, the spaCy model."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsprism.store.sqlite import SQLiteStore

pytest_plugins = ["web_corpus"]  # the web tests' database fixtures

REPO = Path(__file__).resolve().parents[1]
SAMPLES = REPO / "samples"


def shared_dir() -> Path | None:
    """../shared beside the repository (as in CI), else /work/shared; None when absent."""
    for candidate in (REPO.parent / "shared", Path("/work/shared")):
        if (candidate / "samples").is_dir():
            return candidate
    return None


def require_shared(*parts: str) -> Path:
    """A path under ../shared, or skip the test saying what is missing."""
    base = shared_dir()
    if base is None:
        pytest.skip("../shared (real samples and datasets) not found beside the repository")
    path = base.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} not found")
    return path


@pytest.fixture
def store(tmp_path: Path) -> SQLiteStore:
    db = SQLiteStore(tmp_path / "test.db")
    yield db
    db.close()


@pytest.fixture(scope="module")
def nlp():
    """The real spaCy model the analyzers use (load_model caches it across tests)."""
    # Imported here so that tests which never parse do not pay for importing spaCy.
    from newsprism.analyze.nlp import load_model

    return load_model("en_core_web_sm")
