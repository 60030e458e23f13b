"""What the claim aligner costs: per sentence read, per pair judged, per story.

    python bench/align_speed.py [-o FILE.md]

For each story (the example and the five MultiLing topics): reading every sentence into a view
(stems, numbers, cues) once, judging every cross-document pair that shares a content word with
the views cached, attributing each document's first sentence to the other documents, and the
story's aligned conflicts; beside them, in the same run, the lexical attribution the summarizer
uses (units, similarity, attribute for the same sentences). Medians of 5 runs, milliseconds.
No dense vectors are used, so nothing else is cached or stored.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

from khulasa.align.attribute import StoryAligner
from khulasa.align.conflicts import aligned_conflicts
from khulasa.align.features import read, story_idf
from khulasa.align.judge import Judge
from khulasa.facts import extract_facts
from khulasa.facts.entities import sources_of
from khulasa.language import get_language
from khulasa.pipeline import build_story, load_articles
from khulasa.summarizer.attribute import attribute
from khulasa.summarizer.units import build_units

ROOT = Path(__file__).resolve().parents[1]
MULTILING = ROOT.parent / "shared" / "data" / "multiling2011-ar"
RUNS = 5


def median_ms(job) -> float:
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        job()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-o", "--output", type=Path)
    args = parser.parse_args(argv)
    inputs = [("example (5 pages)", str(ROOT / "examples" / "aleppo-2016-12" / "manifest.jsonl"))]
    inputs += [
        (f"MultiLing {t}", str(MULTILING / t / "docs"))
        for t in sorted(p.name for p in MULTILING.glob("M00*"))
    ]
    lines = [
        "| story | sentences | pairs judged | read views | judge pairs | µs / pair | "
        "attribute (aligned) | attribute (lexical) | conflicts (aligned) | facts (rules) | "
        "facts (with aligner) |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    language = get_language("ar")
    for name, spec in inputs:
        lines.append(_row(name, spec, language))
    text = (
        "Command: `python bench/align_speed.py`; medians of 5 runs, ms (µs per pair). "
        "*read views*: every sentence read once (stems, numbers, cues), cold; *attribute*: each "
        "document's first sentence credited to the other documents, from a cold judge "
        "(aligned) or from scratch (lexical: units, similarity, attribute); *facts*: "
        "`extract_facts` without and with the aligner's conflicts (the default judge "
        "keeps its sentence cache between runs, so this column is warm).\n\n"
        + "\n".join(lines)
        + "\n"
    )
    print(text)
    if args.output:
        args.output.write_text(text, encoding="utf-8")
    return 0


def _row(name: str, spec: str, language) -> str:
    """One story's row."""
    articles, _ = load_articles([spec])
    story, _ = build_story(articles)
    texts = [(d.id, s.text) for d in story.documents for s in d.sentences]
    context = story_idf([t for _, t in texts])
    read_ms = median_ms(lambda: [read(t) for _, t in texts])
    judge = Judge()
    views = [(doc, judge.view(t)) for doc, t in texts]
    pairs = [
        (a, b)
        for i, (da, a) in enumerate(views)
        for db, b in views[i + 1 :]
        if da != db and a.weights.keys() & b.weights.keys()
    ]
    pair_ms = median_ms(lambda: [judge.judge_views(a, b, context) for a, b in pairs])
    firsts = [(d, d.sentences[0]) for d in story.documents if d.sentences]

    def aligned() -> None:
        aligner = StoryAligner(story.documents, judge=Judge())
        for d, s in firsts:
            aligner.attribute(s.text, d.id, s.index, d.outlet)

    def lexical() -> None:
        units = build_units(story.documents, language, "bigram", True)
        similarity = units.similarity(0.45)
        where = {(u.sentence.doc_id, u.sentence.index): j for j, u in enumerate(units.units)}
        for d, s in firsts:
            attribute(where[(d.id, s.index)], units, similarity, 0.45)

    sources = list(sources_of(story))
    return (
        f"| {name} | {len(texts)} | {len(pairs)} | {read_ms:.1f} | {pair_ms:.1f} | "
        f"{1000 * pair_ms / max(1, len(pairs)):.0f} | {median_ms(aligned):.1f} | "
        f"{median_ms(lexical):.1f} | "
        f"{median_ms(lambda: aligned_conflicts(sources, judge=Judge())):.1f} | "
        f"{median_ms(lambda: extract_facts(story, aligned=False)):.1f} | "
        f"{median_ms(lambda: extract_facts(story)):.1f} |"
    )


if __name__ == "__main__":
    sys.exit(main())
