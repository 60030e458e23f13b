"""Errors a store raises, and the words a user can act on for the engines' own messages."""

from __future__ import annotations

import sqlite3
from urllib.parse import urlsplit, urlunsplit


class StoreError(Exception):
    """A database that cannot be used as asked (missing, not Khulasa's, read-only, damaged)."""


def without_password(url: str) -> str:
    """``url`` fit for a message: a password in it is replaced by ``***``."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    netloc = parts.netloc.replace(f":{parts.password}@", ":***@", 1)
    return urlunsplit(parts._replace(netloc=netloc))


def one_line_reason(exc: Exception) -> str:
    return " ".join(str(exc).split()) or type(exc).__name__


def describe(exc: Exception) -> str:
    """SQLite's message, with the cause a user can act on where SQLite's words are cryptic."""
    if not isinstance(exc, sqlite3.Error):
        return one_line_reason(exc)
    text = str(exc)
    if "file is not a database" in text:
        return "not a database file (damaged, or another kind of file)"
    if "readonly" in text or "read-only" in text:
        return "the database is read-only (use a writable copy)"
    if "disk I/O error" in text or "database or disk is full" in text:
        return f"{text} (is the disk full?)"
    if "unable to open" in text:
        return "cannot open the database file (check the folder's permissions)"
    return text
