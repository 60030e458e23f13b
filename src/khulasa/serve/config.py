"""How a server is set up, checked before it listens.

A newsroom server holds editors' corrections and accepts articles: anyone who can reach it can
write. On the loopback interface that is the user alone, so no token is needed; on any other
address a token is required, and starting without one is refused rather than left open.
"""

from __future__ import annotations

import ipaddress
import os
import secrets
from dataclasses import dataclass, field
from pathlib import Path

TOKEN_ENV = "KHULASA_TOKEN"
MIN_TOKEN_LENGTH = 16


class ConfigError(ValueError):
    """The server cannot start as asked; the message says why and what to do."""


@dataclass(frozen=True)
class ServeConfig:
    db: Path
    host: str = "127.0.0.1"
    port: int = 8000
    token: str | None = None
    max_body_bytes: int = 8 * 2**20  # one POST, whatever its content
    max_batch: int = 500  # articles in one POST /api/articles
    page_size: int = 20
    report_workers: bool = True  # compute summaries and facts in worker processes
    feeds_interval: float | None = None  # poll the store's feeds every N seconds (None: never)
    watch: tuple[str, ...] = ()  # folders whose new files are ingested as they appear
    allowed_hosts: tuple[str, ...] = field(default=())

    @property
    def loopback(self) -> bool:
        return is_loopback(self.host)

    def trusted_hosts(self) -> list[str]:
        """Host headers accepted: on loopback only the loopback names, which stops a DNS
        rebinding page from reading the server through a name it controls."""
        if self.allowed_hosts:
            return list(self.allowed_hosts)
        if self.loopback:
            return ["127.0.0.1", "localhost", "::1", "[::1]"]
        return ["*"]


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def load_token(token_file: str | None, environ: dict[str, str] | None = None) -> str | None:
    """The write token from ``--token-file`` or ``$KHULASA_TOKEN`` (the file wins)."""
    environ = os.environ if environ is None else environ
    if token_file:
        try:
            token = Path(token_file).read_text(encoding="utf-8").strip()
        except OSError as exc:
            raise ConfigError(f"cannot read the token file {token_file}: {exc.strerror}") from None
        source = token_file
    else:
        token = environ.get(TOKEN_ENV, "").strip()
        source = f"${TOKEN_ENV}"
        if not token:
            return None
    if len(token) < MIN_TOKEN_LENGTH:
        raise ConfigError(
            f"the token in {source} is shorter than {MIN_TOKEN_LENGTH} characters; "
            f"make one with: python -c 'import secrets; print(secrets.token_urlsafe(24))'"
        )
    return token


def check(config: ServeConfig) -> None:
    """Refuse a configuration that would expose writes to the network."""
    if not config.loopback and not config.token:
        raise ConfigError(
            f"refusing to listen on {config.host} without a token: anyone on the network could "
            f"ingest articles and change stories. Set ${TOKEN_ENV} or pass --token-file, "
            "or listen on 127.0.0.1"
        )
    if not 0 < config.port < 65536:
        raise ConfigError(f"port {config.port} is not between 1 and 65535")


def same_token(given: str | None, expected: str) -> bool:
    return given is not None and secrets.compare_digest(given.encode(), expected.encode())
