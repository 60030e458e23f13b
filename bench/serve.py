"""The server under load: 16 concurrent clients against the whole SaudiNewsNet corpus.

Starts ``khulasa serve`` (worker processes for reports, as a user runs it) on 127.0.0.1 over a
database holding the whole corpus, warms the reports of a sample of stories (their summaries
and facts computed once, as the background worker does), then sends a fixed number of requests
per page kind from 16 concurrent clients and reports latency percentiles, throughput and
errors. ``/healthz`` (one count query, no page) is measured in the same run as the floor: what
the server, the client and the machine cost before any work of Khulasa's.

    .venv/bin/python bench/serve.py --db corpus.db [--requests 400] [-o bench/results/serve.md]

Without ``--db`` the corpus is ingested first into a temporary database (about 2 minutes).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared" / "data" / "saudinewsnet"
KHULASA = [sys.executable, "-m", "khulasa"]
CLIENTS = 16


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", help="a database holding the corpus (default: ingest it now)")
    parser.add_argument("--requests", type=int, default=400, help="requests per page kind")
    parser.add_argument("--stories", type=int, default=40, help="story pages sampled")
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2], help="server processes")
    parser.add_argument("-o", "--output", help="also write the table here (markdown)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "corpus.db"
        if args.db:
            shutil.copy(args.db, db)  # the server writes its report cache: keep the original
        elif CORPUS.is_dir():
            subprocess.run([*KHULASA, "ingest", str(CORPUS), "--db", str(db)], check=True)
        else:
            print(f"no corpus at {CORPUS} and no --db: nothing to measure", file=sys.stderr)
            return 0
        report = "\n\n".join(
            asyncio.run(measure(db, args.requests, args.stories, n)) for n in args.workers
        )
    print(report)
    if args.output:
        Path(args.output).write_text(report + "\n", encoding="utf-8")
    return 0


async def measure(db: Path, per_kind: int, sampled: int, workers: int) -> str:
    port = _free_port()
    server = subprocess.Popen(
        [*KHULASA, "serve", "--db", str(db), "--port", str(port), "--workers", str(workers)],
        stderr=subprocess.PIPE,
        env={**os.environ, "KHULASA_TOKEN": ""},
    )
    base = f"http://127.0.0.1:{port}"
    try:
        async with httpx.AsyncClient(base_url=base, timeout=600) as client:
            await _wait_up(client, server)
            counts = (await client.get("/healthz")).json()
            stories = await _sample(client, sampled)
            started = time.perf_counter()
            for story in stories:  # summaries and facts, computed once by the workers
                (await client.get(f"/api/stories/{story}")).raise_for_status()
            warmed = time.perf_counter() - started
            outlets = [o["outlet"] for o in await _outlets(client, stories)]
            kinds = {
                "/healthz (floor)": ["/healthz"],
                "stories page": ["/", "/?page=2", "/?page=5", "/?min_outlets=3"],
                "stories page, filtered": [
                    "/?q=الحوثيين",
                    "/?q=أسعار+النفط",
                    "/?since=2015-08-01&until=2015-08-02",
                    *[f"/?outlet={o}" for o in outlets[:4]],
                ],
                "story page (warm)": [f"/stories/{s}" for s in stories],
                "GET /api/stories": ["/api/stories", "/api/stories?q=مكة"],
                "GET /api/stories/{id} (warm)": [f"/api/stories/{s}" for s in stories],
            }
            for paths in kinds.values():  # each listing once: it schedules its lead sentences
                for path in paths[:8]:
                    await client.get(path)
            idle = await _settle(client)
            rows = []
            for kind, paths in kinds.items():
                rows.append((kind, *await _load(client, paths, per_kind)))
    finally:
        server.terminate()
        server.wait(timeout=30)
    return _table(rows, counts, len(stories), warmed, per_kind, idle, workers)


async def _wait_up(client: httpx.AsyncClient, server: subprocess.Popen) -> None:
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(server.stderr.read().decode()[-2000:])
        try:
            if (await client.get("/healthz")).status_code == 200:
                return
        except httpx.TransportError:
            pass
        await asyncio.sleep(0.2)
    raise RuntimeError("the server did not start in 120 s")


async def _settle(client: httpx.AsyncClient, limit: float = 600) -> float:
    """Wait until the report workers are idle (the prewarm of the first pages' summaries
    done), so the load is measured warm, not beside a background computation."""
    started = time.monotonic()
    while time.monotonic() - started < limit:
        if (await client.get("/healthz")).json()["reports_in_progress"] == 0:
            break
        await asyncio.sleep(1)
    return time.monotonic() - started


async def _sample(client: httpx.AsyncClient, count: int) -> list[int]:
    """Multi-outlet stories of every size, drawn with a fixed seed from the first 25 pages."""
    found: list[int] = []
    for page in range(1, 26):
        body = (await client.get("/api/stories", params={"page": page})).json()
        found += [s["id"] for s in body["stories"]]
        if not body["has_next"]:
            break
    return random.Random(13).sample(found, min(count, len(found)))


async def _outlets(client: httpx.AsyncClient, stories: list[int]) -> list[dict]:
    first = (await client.get(f"/api/stories/{stories[0]}", params={"facts": False})).json()
    return [{"outlet": a["source"]} for a in first["articles"] if a["source"]]


async def _load(client: httpx.AsyncClient, paths: list[str], total: int) -> tuple:
    """``total`` requests over ``paths``, from CLIENTS concurrent clients."""
    queue = [paths[i % len(paths)] for i in range(total)]
    random.Random(7).shuffle(queue)
    latencies: list[float] = []
    errors = 0

    async def worker() -> None:
        nonlocal errors
        while queue:
            path = queue.pop()
            started = time.perf_counter()
            try:
                answer = await client.get(path)
                if answer.status_code != 200:
                    errors += 1
            except httpx.HTTPError:
                errors += 1
            latencies.append(time.perf_counter() - started)

    started = time.perf_counter()
    await asyncio.gather(*(worker() for _ in range(CLIENTS)))
    elapsed = time.perf_counter() - started
    latencies.sort()
    p = lambda q: latencies[min(len(latencies) - 1, int(q * len(latencies)))] * 1000  # noqa: E731
    return (len(latencies), p(0.5), p(0.95), latencies[-1] * 1000, len(latencies) / elapsed, errors)


def _table(
    rows: list[tuple],
    counts: dict,
    sampled: int,
    warmed: float,
    per_kind: int,
    idle: float,
    workers: int,
) -> str:
    lines = [
        f"## The server under load: {workers} server process{'es' if workers > 1 else ''}",
        "",
        f"{counts['articles']:,} articles in {counts['stories']:,} stories (the whole SaudiNewsNet "
        f"corpus); {CLIENTS} concurrent clients on 127.0.0.1, {per_kind} requests per kind; "
        f"{sampled} sampled multi-outlet story pages, warmed first ({warmed:.1f} s to compute "
        f"their summaries and facts), then {idle:.0f} s more until the background workers were "
        f"idle; `khulasa serve --workers {workers}` (each with its report worker processes); "
        f"{os.cpu_count()} cores.",
        "",
        "| requests | n | p50 ms | p95 ms | max ms | requests/s | errors |",
        "|---|---|---|---|---|---|---|",
    ]
    for kind, n, p50, p95, worst, rate, errors in rows:
        lines.append(
            f"| {kind} | {n} | {p50:.0f} | {p95:.0f} | {worst:.0f} | {rate:.0f} | {errors} |"
        )
    median = statistics.median(r[2] for r in rows[1:])
    lines += ["", f"Median p50 over the page kinds: {median:.0f} ms."]
    return "\n".join(lines)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


if __name__ == "__main__":
    sys.exit(main())
