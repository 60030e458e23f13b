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


def test_serve_with_two_processes_answers_and_stops(db: Path) -> None:
    port = free_port()
    env = {**os.environ, "KHULASA_TOKEN": ""}
    server = subprocess.Popen(
        [*SERVE, "--db", str(db), "--port", str(port), "--workers", "2"],
        stderr=subprocess.PIPE,
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
    finally:
        server.terminate()
        server.wait(timeout=30)
    assert f"serving {db} at http://127.0.0.1:{port}/" in server.stderr.read().decode()


def test_serve_refuses_an_open_address_without_a_token(db: Path) -> None:
    env = {**os.environ, "KHULASA_TOKEN": ""}
    refused = subprocess.run(
        [*SERVE, "--db", str(db), "--host", "0.0.0.0"], capture_output=True, env=env, timeout=60
    )
    assert refused.returncode == 2
    assert "refusing to listen on 0.0.0.0 without a token" in refused.stderr.decode()
