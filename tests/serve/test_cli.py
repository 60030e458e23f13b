"""``khulasa serve`` as a user starts it: it prints its address, answers, refuses what it must."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import httpx

from .conftest import free_port

SERVE = [sys.executable, "-m", "khulasa", "serve"]


def descendants(pid: int) -> list[int]:
    """Every process started, directly or not, by ``pid`` (from /proc)."""
    parents: dict[int, int] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        parents[int(stat.parent.name)] = int(fields[1])
    found, frontier = [], [pid]
    while frontier:
        parent = frontier.pop()
        children = [child for child, ppid in parents.items() if ppid == parent]
        found += children
        frontier += children
    return found


def test_serve_with_two_processes_answers_and_stops(db: Path, tmp_path: Path) -> None:
    port = free_port()
    env = {**os.environ, "KHULASA_TOKEN": ""}
    log = tmp_path / "serve.log"
    server = subprocess.Popen(
        [*SERVE, "--db", str(db), "--port", str(port), "--workers", "2"],
        stderr=log.open("w"),
        env=env,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                health = httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=2)
                break
            except httpx.TransportError:
                assert server.poll() is None and time.monotonic() < deadline
                time.sleep(0.2)
        assert health.json()["articles"] == 5
        page = httpx.get(f"http://127.0.0.1:{port}/?min_outlets=1")
        assert page.status_code == 200 and "دويتشه فيله عربية" in page.text
        httpx.get(f"http://127.0.0.1:{port}/stories/1", timeout=60)  # starts report workers
        family = descendants(server.pid)
        assert len(family) >= 3  # two server processes and their report workers
    finally:
        server.terminate()
        server.wait(timeout=30)
    assert f"serving {db} at http://127.0.0.1:{port}/" in log.read_text()
    time.sleep(2)  # the server processes stop their report workers as they exit
    alive = [pid for pid in family if Path(f"/proc/{pid}").exists()]
    assert alive == [], "a process of the stopped server is still running"


def test_serve_refuses_an_open_address_without_a_token(db: Path) -> None:
    env = {**os.environ, "KHULASA_TOKEN": ""}
    refused = subprocess.run(
        [*SERVE, "--db", str(db), "--host", "0.0.0.0"], capture_output=True, env=env, timeout=60
    )
    assert refused.returncode == 2
    assert "refusing to listen on 0.0.0.0 without a token" in refused.stderr.decode()
