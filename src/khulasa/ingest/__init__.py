"""Ingest: turn what the user points at (files, folders, JSONL, stdin) into ``Article`` objects."""

from khulasa.ingest.decode import decode_bytes
from khulasa.ingest.readers import read_articles

__all__ = ["decode_bytes", "read_articles"]
