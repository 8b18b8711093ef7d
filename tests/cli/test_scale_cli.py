"""`--dask [ADDRESS]`: a bare --dask means a local cluster; an address is taken only as one."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from newsprism.cli.scale import with_dask_default


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["ingest", "corpus", "--dask"], ["ingest", "corpus", "--dask", "local"]),
        (["ingest", "--dask", "corpus"], ["ingest", "--dask", "local", "corpus"]),
        (["analyze", "--dask", "--json"], ["analyze", "--dask", "local", "--json"]),
        (["ingest", "c", "--dask", "tcp://10.0.0.5:8786"], ["ingest", "c", "--dask", "tcp://10.0.0.5:8786"]),
        (["ingest", "c", "--dask", "sched:8786"], ["ingest", "c", "--dask", "sched:8786"]),
        (["ingest", "c"], ["ingest", "c"]),
    ],
)  # fmt: skip
def test_a_bare_dask_means_a_local_cluster(args: list[str], expected: list[str]) -> None:
    assert with_dask_default(args) == expected


def test_export_of_an_unknown_format_names_the_one_it_knows(tmp_path: Path) -> None:
    db, out = str(tmp_path / "x.db"), str(tmp_path / "out")
    result = subprocess.run(
        [sys.executable, "-m", "newsprism", "--db", db, "export", "--format", "xlsx", "--out", out],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 2
    assert "parquet" in result.stderr and "csv" in result.stderr
