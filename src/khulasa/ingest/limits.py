"""The bounds every reader keeps, so one hostile file cannot exhaust memory, time or trust.

Khulasa reads pages scraped from the open web and manifests written by others. Each bound below
turns what would be a crash, a runaway allocation or a leak into one ``Problem`` naming the input
and the reason, while the rest of the batch goes on. The defaults are far above any real news
article (the largest SaudiNewsNet record is 0.1 MB; its largest day 12 MB) and far below what
would hurt a 2-core, few-GiB machine; the CLI's flags change them.
"""

from __future__ import annotations

from dataclasses import dataclass

MIB = 1024 * 1024


@dataclass(frozen=True)
class ReadLimits:
    """Bounds on what one read may take in.

    ``max_file_bytes``: one page, text file or stdin text (JSONL and archives are streamed and
    bounded per record instead). ``max_record_bytes``: one JSONL line or one record of a JSON
    array. ``max_depth``: JSON nesting within a record (a news record is 2 deep). ``max_records``:
    records read from one file. ``max_members`` and ``max_archive_bytes``: entries of one zip and
    their declared uncompressed total. ``allow_outside_paths``: whether a manifest's ``path`` may
    name a file outside the manifest's own folder (off: a manifest from elsewhere cannot make
    Khulasa read ``/etc/passwd`` or ``~/.ssh``).
    """

    max_file_bytes: int = 32 * MIB
    max_record_bytes: int = 4 * MIB
    max_depth: int = 32
    max_records: int = 2_000_000
    max_members: int = 10_000
    max_archive_bytes: int = 2048 * MIB
    allow_outside_paths: bool = False


DEFAULT_LIMITS = ReadLimits()


def describe_size(size: int) -> str:
    """``33554432`` → ``"32 MiB"``: sizes in messages a person can compare with a file listing."""
    if size >= MIB:
        return f"{size / MIB:.0f} MiB"
    if size >= 1024:
        return f"{size / 1024:.0f} KiB"
    return f"{size} bytes"
