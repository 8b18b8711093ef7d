"""Where the development datasets are, for the bench scripts (run as `python bench/NAME.py`).

../shared beside the repository first, then /work/shared; a folder counts when it holds
`datasets/`. The data is read from there, never copied into the repository.
"""

from __future__ import annotations

from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def find_shared() -> Path | None:
    """The shared folder holding `datasets/`, or None when there is none."""
    for candidate in (REPO.parent / "shared", Path("/work/shared")):
        if (candidate / "datasets").is_dir():
            return candidate
    return None


def shared_or_exit() -> Path:
    """The shared folder, or the script ends with a message saying where it looked."""
    found = find_shared()
    if found is None:
        raise SystemExit("../shared/datasets not found beside the repository or at /work/shared")
    return found
