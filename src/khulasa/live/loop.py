"""The live-ingest loop: watch folders and poll feeds until told to stop.

Made to run in a background thread of the server (``khulasa serve``) as well as in the
foreground of ``khulasa watch`` / ``khulasa feeds poll``: it opens its own :class:`Store` (a
SQLite connection belongs to the thread that opened it), waits on a ``threading.Event`` rather
than sleeping (so a stop is obeyed within moments, even mid-way through a politeness pause), and
never lets one failure end it: an error in a scan or a poll is logged and the next round runs.
Writes go through the intake, which holds the database's writer lock, so the loop and an
``khulasa ingest`` or a server upload can run at the same time.
"""

from __future__ import annotations

import sys
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path

from khulasa.ingest.limits import DEFAULT_LIMITS, ReadLimits
from khulasa.live.feeds import poll_all
from khulasa.live.fetch import Fetcher, FetchSettings
from khulasa.live.watch import Watcher
from khulasa.render.safe import one_line
from khulasa.store import Store
from khulasa.stories.engine import IngestSettings
from khulasa.stories.intake import Intake

Log = Callable[[str], None]


def stderr_log(line: str) -> None:
    print(f"khulasa: {one_line(line)}", file=sys.stderr, flush=True)


def run_forever(
    db_path: str | Path,
    interval: float = 300.0,
    stop: threading.Event | None = None,
    allow_private: bool = False,
    folders: Sequence[str | Path] = (),
    log: Log = stderr_log,
    *,
    feeds: bool = True,
    watch_interval: float = 1.0,
    fetch_settings: FetchSettings | None = None,
    ingest_settings: IngestSettings | None = None,
    limits: ReadLimits = DEFAULT_LIMITS,
) -> None:
    """Until ``stop`` is set: scan ``folders`` every ``watch_interval`` seconds and poll the
    feeds that are due every ``interval`` seconds (a failing feed backs off).

    ``allow_private`` lets feeds and pages on private and loopback addresses be fetched (an
    intranet; tests); ``fetch_settings`` overrides every fetching bound at once."""
    stop = stop or threading.Event()
    settings = fetch_settings or FetchSettings(allow_private=allow_private)
    ingest = ingest_settings or IngestSettings(workers=0)
    with Store(db_path) as store, Fetcher(settings, stop=stop) as fetcher:
        intake = Intake(store, ingest)  # one clustering state for folders and feeds
        watchers = [Watcher(store, f, limits, ingest, log, intake) for f in folders]
        if watchers:
            intake.prepare()
            log("ready: watching " + ", ".join(str(w.folder) for w in watchers))
        next_poll = time.monotonic()
        while not stop.is_set():
            for watcher in watchers:
                _guarded(log, f"watching {watcher.folder}", watcher.scan)
            if feeds and time.monotonic() >= next_poll and not stop.is_set():
                _guarded(
                    log,
                    "polling feeds",
                    lambda: poll_all(store, fetcher, interval, ingest, stop, log, intake),
                )
                next_poll = time.monotonic() + _poll_tick(interval)
            wait = watch_interval if watchers else max(0.0, next_poll - time.monotonic())
            if feeds and watchers:
                wait = min(wait, max(0.0, next_poll - time.monotonic()))
            stop.wait(wait)


def _poll_tick(interval: float) -> float:
    """How often the loop looks for due feeds: each feed keeps its own schedule and back-off
    (``is_due``), so looking more often than ``interval`` only lets a new feed start sooner."""
    return max(0.05, min(interval, 60.0))


def _guarded(log: Log, doing: str, step: Callable[[], object]) -> None:
    try:
        step()
    except KeyboardInterrupt:
        raise
    except Exception as exc:  # the loop outlives any one failure; the next round retries
        log(f"error while {doing} ({type(exc).__name__}: {exc}); continuing")
