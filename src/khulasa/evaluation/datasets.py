"""Summarization test sets on disk: MultiLing 2011 and a generic ``topic/docs`` + ``topic/refs``.

Both layouts are one folder per topic::

    TOPIC/docs/*.txt     the source articles (any encoding khulasa's ingest reads)
    TOPIC/refs/*.txt     human reference summaries
    TOPIC/peers/*.txt    optional: other systems' summaries, scored as extra rows

MultiLing 2011 names its peers ``IDn``; they are shown under the participating system's name.
Data that is missing or empty is reported and skipped, never a crash: the evaluation data is not
ours to ship, so a checkout without it must still run (and say why nothing was scored).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from khulasa.ingest import decode_bytes, read_articles
from khulasa.model import Article
from khulasa.problems import InputError

# Participants of the MultiLing 2011 pilot (Arabic), by peer file name.
MULTILING2011_PEERS = {
    "ID1": "CIST",
    "ID2": "CLASSY",
    "ID3": "JRC",
    "ID4": "LIF",
    "ID6": "TALN_UPF",
    "ID7": "UBSummarizer",
    "ID8": "UoEssex",
    "ID9": "centroid-doc (2011 baseline)",
    "ID10": "topline (saw the refs)",
}

_PEER_ID = re.compile(r"^ID\d+$")


@dataclass(frozen=True)
class Topic:
    """One story to summarize: its articles, the human summaries, and other systems' output."""

    id: str
    articles: tuple[Article, ...]
    references: dict[str, str]
    peers: dict[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class Dataset:
    """The usable topics of a test set, and a message for everything that was skipped."""

    name: str
    layout: str  # "multiling2011" or "generic"
    topics: tuple[Topic, ...]
    skipped: tuple[str, ...] = ()


def load_dataset(path: str | Path) -> Dataset:
    """Every usable topic under ``path`` (or ``path`` itself when it is a single topic)."""
    root = Path(path)
    name = root.name or str(root)
    if not root.is_dir():
        return Dataset(name, "generic", (), (f"{root}: no such folder (is the data there?)",))
    folders = (
        [root] if (root / "docs").is_dir() else sorted(p for p in root.iterdir() if p.is_dir())
    )
    layout = "multiling2011" if any(_has_peer_ids(f / "peers") for f in folders) else "generic"
    topics: list[Topic] = []
    skipped: list[str] = []
    for folder in folders:
        topic, problems = load_topic(folder, layout)
        skipped.extend(problems)
        if topic is not None:
            topics.append(topic)
    if not topics and not skipped:
        skipped.append(f"{root}: no topic folders (expected TOPIC/docs and TOPIC/refs)")
    return Dataset(name, layout, tuple(topics), tuple(skipped))


def load_topic(folder: Path, layout: str = "generic") -> tuple[Topic | None, list[str]]:
    """A topic, or None with the reasons it cannot be scored; also lists unreadable files."""
    problems: list[str] = []
    docs, refs = folder / "docs", folder / "refs"
    if not docs.is_dir() or not refs.is_dir():
        return None, [f"{folder.name}: skipped, needs both docs/ and refs/ folders"]
    articles = []
    for item in read_articles([str(docs)]):
        if isinstance(item, Article):
            if item.content.strip():
                articles.append(item)
        else:
            problems.append(f"{folder.name}: {item}")
    references, ref_problems = _read_texts(refs)
    problems += [f"{folder.name}: {p}" for p in ref_problems]
    peers, peer_problems = _read_texts(folder / "peers")
    problems += [f"{folder.name}: {p}" for p in peer_problems]
    if layout == "multiling2011":
        peers = {MULTILING2011_PEERS.get(k, k): v for k, v in peers.items()}
    if not articles:
        return None, [*problems, f"{folder.name}: skipped, no non-empty article in docs/"]
    if not references:
        return None, [*problems, f"{folder.name}: skipped, no non-empty reference in refs/"]
    return Topic(folder.name, tuple(articles), references, peers), problems


def _read_texts(folder: Path) -> tuple[dict[str, str], list[str]]:
    """Non-empty text files of a folder by file stem (natural order: ID2 before ID10)."""
    if not folder.is_dir():
        return {}, []
    texts: dict[str, str] = {}
    problems = []
    for file in sorted(folder.glob("*.txt"), key=lambda p: _natural(p.stem)):
        try:
            text, _ = decode_bytes(file.read_bytes())
        except (InputError, OSError) as exc:
            problems.append(f"{file.name}: cannot read ({exc})")
            continue
        if text.strip():
            texts[file.stem] = text
    return texts, problems


def _has_peer_ids(folder: Path) -> bool:
    return folder.is_dir() and any(_PEER_ID.match(p.stem) for p in folder.glob("*.txt"))


def _natural(name: str) -> tuple[str, int]:
    match = re.match(r"^(.*?)(\d+)$", name)
    return (match.group(1), int(match.group(2))) if match else (name, -1)
