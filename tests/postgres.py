"""A throw-away PostgreSQL cluster for the tests: initdb in a temporary folder, a server that
listens on a Unix socket in that folder only (no TCP), one fresh database per test, and a stop
at the end of the session — also when pytest itself is killed, by a watchdog process.

``initdb`` and ``postgres`` refuse to run as root. As root (CI, containers) the cluster is run
as the ``postgres`` system user (Debian's package creates it) or ``nobody``, in a folder under
the system temporary directory that user owns: pytest's own temporary folders are private to
root (mode 0700) and that user could not enter them. As an ordinary user, everything runs as
that user in pytest's temporary folder.
"""

from __future__ import annotations

import itertools
import os
import pwd
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

# Debian's layout first, then whatever is on PATH.
_SEARCH = sorted(Path("/usr/lib/postgresql").glob("*/bin"), reverse=True)


def find_binaries() -> Path | None:
    """The folder holding ``initdb``, ``pg_ctl`` and ``postgres``, or ``None``."""
    for folder in _SEARCH:
        if all((folder / name).exists() for name in ("initdb", "pg_ctl", "postgres")):
            return folder
    initdb = shutil.which("initdb")
    if initdb:
        folder = Path(os.path.realpath(initdb)).parent
        if (folder / "pg_ctl").exists() and (folder / "postgres").exists():
            return folder
    return None


def _unprivileged_user() -> str | None:
    """Who runs the server when we are root; ``None`` when we are not."""
    if os.geteuid() != 0:
        return None
    for name in ("postgres", "nobody"):
        try:
            pwd.getpwnam(name)
        except KeyError:
            continue
        return name
    raise RuntimeError("running as root and no 'postgres' or 'nobody' user to run PostgreSQL")


_WATCHDOG = """
import os, shutil, subprocess, sys, time
parent, folder, command = int(sys.argv[1]), sys.argv[2], sys.argv[3:]
while True:
    try:
        os.kill(parent, 0)
    except ProcessLookupError:
        break
    time.sleep(1)
subprocess.run(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
shutil.rmtree(folder, ignore_errors=True)
"""


class Cluster:
    """One running server; :meth:`new_database` hands out URLs of empty databases."""

    USER = "khulasa"

    def __init__(self, base: Path, durable: bool = False) -> None:
        self.durable = durable  # fsync on, as a production server (benchmarks); tests need not
        self.bin = find_binaries()
        if self.bin is None:
            raise FileNotFoundError("no PostgreSQL binaries (initdb, pg_ctl, postgres)")
        self.runas = _unprivileged_user()
        if self.runas is not None:
            base = Path(tempfile.mkdtemp(prefix="khulasa-pg-"))
            uid, gid = pwd.getpwnam(self.runas)[2:4]
            os.chown(base, uid, gid)
        self.root = base
        self.data = base / "data"
        self.socket = base  # the socket file lives beside the data folder
        self.log = base / "server.log"
        self._numbers = itertools.count(1)
        self.watchdog: subprocess.Popen | None = None

    def _run(self, *args: str) -> subprocess.CompletedProcess:
        prefix = ["runuser", "-u", self.runas, "--"] if self.runas else []
        return subprocess.run(
            [*prefix, *args], capture_output=True, text=True, check=False, timeout=120
        )

    def _stop_command(self) -> list[str]:
        prefix = ["runuser", "-u", self.runas, "--"] if self.runas else []
        return [*prefix, str(self.bin / "pg_ctl"), "stop", "-D", str(self.data), "-m", "immediate"]

    def start(self) -> None:
        init = self._run(
            str(self.bin / "initdb"),
            "-D",
            str(self.data),
            "-U",
            self.USER,
            "--auth=trust",
            "--encoding=UTF8",
            "--no-locale",  # byte-order text comparison, as SQLite's
            "--no-sync",
        )
        if init.returncode != 0:
            raise RuntimeError(f"initdb failed: {init.stderr or init.stdout}")
        # The tests kill clients, never the server: durability of the server's own files
        # (fsync) is PostgreSQL's business and only slows a throw-away cluster down.
        options = f"-c listen_addresses='' -k {self.socket} -c max_connections=60"
        if not self.durable:
            options += " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        started = self._run(
            str(self.bin / "pg_ctl"),
            "start",
            "-D",
            str(self.data),
            "-l",
            str(self.log),
            "-w",
            "-o",
            options,
        )
        if started.returncode != 0:
            log = self.log.read_text() if self.log.exists() else ""
            raise RuntimeError(f"pg_ctl start failed: {started.stderr}{started.stdout}\n{log}")
        self.watchdog = subprocess.Popen(
            [
                sys.executable,
                "-c",
                _WATCHDOG,
                str(os.getpid()),
                str(self.root),
                *self._stop_command(),
            ],
            stdin=subprocess.DEVNULL,
            start_new_session=True,
        )

    def url(self, database: str) -> str:
        return f"postgresql://{self.USER}@/{database}?host={self.socket}"

    def new_database(self, copy_of: str | None = None) -> str:
        """The URL of a new database: empty, or a copy of the one at URL ``copy_of`` (which no
        one may be connected to), as copying a file copies a SQLite database."""
        import psycopg

        name = f"test_{next(self._numbers)}"
        template = ""
        if copy_of is not None:
            template = " TEMPLATE " + copy_of.split("?")[0].rsplit("/", 1)[1]
        # FILE_COPY: half the time of the default WAL_LOG for databases this small.
        with psycopg.connect(self.url("postgres"), autocommit=True) as conn:
            conn.execute(f"CREATE DATABASE {name}{template} STRATEGY = FILE_COPY")
        return self.url(name)

    def drop_database(self, url: str) -> None:
        """Drop a test's database (and any connection it left open), so a session's hundred
        databases do not pile up on the disk."""
        import psycopg

        name = url.split("?")[0].rsplit("/", 1)[1]
        with psycopg.connect(self.url("postgres"), autocommit=True) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")

    def stop(self) -> None:
        self._run(*self._stop_command())
        if self.watchdog is not None:
            self.watchdog.kill()
            self.watchdog.wait()
        shutil.rmtree(self.root, ignore_errors=True)


def start_cluster(base: Path) -> Cluster:
    """A started cluster, or a pytest skip that says what is missing (CI installs both)."""
    try:
        import psycopg  # noqa: F401
    except ImportError:
        pytest.skip("psycopg is not installed (pip install -e '.[postgres]')")
    if find_binaries() is None:
        pytest.skip(
            "PostgreSQL is not installed (no initdb/pg_ctl; apt-get install postgresql, "
            "as .ci/run does)"
        )
    cluster = Cluster(base)
    try:
        cluster.start()
    except BaseException:
        cluster.stop()
        raise
    return cluster
