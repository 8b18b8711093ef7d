"""`newsprism serve` through the real entry point: a real server answering on loopback."""

from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "bench"))

from live_server import free_port

NEWSPRISM = Path(sys.executable).with_name("newsprism")


def test_serve_answers_on_127_0_0_1_and_refuses_other_hosts(web_db: Path) -> None:
    port = free_port()
    server = subprocess.Popen(
        [str(NEWSPRISM), "--db", str(web_db), "serve", "--port", str(port)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        env={**os.environ, "NO_COLOR": "1"},
    )
    try:
        url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + 30
        while True:
            try:
                page = urllib.request.urlopen(url + "/", timeout=5).read().decode()
                break
            except OSError:
                assert server.poll() is None, server.stdout.read().decode() if server.stdout else ""
                assert time.monotonic() < deadline, "newsprism serve did not answer within 30 s"
                time.sleep(0.2)
        assert "Stories" in page and "Kessel" in page
        request = urllib.request.Request(url + "/", headers={"Host": "rebind.example"})
        try:
            urllib.request.urlopen(request, timeout=5)
            refused = False
        except urllib.error.HTTPError as exc:
            refused = exc.code == 400
        assert refused
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_serve_without_a_database_says_so(tmp_path: Path) -> None:
    missing = tmp_path / "none.db"
    result = subprocess.run(
        [str(NEWSPRISM), "--db", str(missing), "serve"], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 4
    assert f"No database at {missing}" in result.stderr.replace("\n", "")
    assert not missing.exists()
