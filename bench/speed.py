"""How fast khulasa summarizes a story, stage by stage, against sumy's LexRank on the same input.

    python bench/speed.py [--data ../shared/data/multiling2011-ar] [--runs 11] [-o FILE.md]

Inputs: every MultiLing 2011 topic (10 translated articles each) and the bundled 5-page example.
"Summarize" is the summarizer alone on the cleaned story (median of warm runs, after one
warm-up); sumy LexRank ranks the very same cleaned sentences with the same tokens and fills the
same 250-word budget, so the ratio compares the summarizers, not the preprocessing. Stage times
(ingest, clean, split, units, score, select, attribute) are medians too. Cold start is the wall
time of ``khulasa summarize`` on the example in a fresh process (import included), and of the
bare import.
"""

from __future__ import annotations

import argparse
import gc
import os
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from khulasa.clean import clean_articles
from khulasa.evaluation.baselines import sumy_summary
from khulasa.language import get_language
from khulasa.model import Budget, Document, Story
from khulasa.pipeline import load_articles
from khulasa.summarizer import ConceptSummarizer, SummarizerSettings

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data" / "multiling2011-ar"
EXAMPLE = ROOT / "examples" / "aleppo-2016-12" / "manifest.jsonl"
WORDS = 250
STAGES = ("ingest", "clean", "split", "units", "score", "select", "attribute")


def median_ms(
    funcs: dict[str, Callable[[], object]], runs: int, collect_generation: int = 1
) -> dict[str, tuple[float, float]]:
    """Median wall and CPU milliseconds of each function over ``runs`` warm runs.

    The functions take turns within each round, so a burst of load from other jobs hits all of
    them alike and the ratios stay fair. As in ``timeit``, the garbage collector is kept out of
    the timed calls; before each call the young generations are collected, so one function's
    garbage is never collected on another's clock. Not the oldest generation by default: in
    CPython a full collection also empties the interpreter's free lists of tuples, lists, dicts
    and floats, so the next call pays for refilling them, which a running program meets only at
    its rare full collections (``--full-gc`` measures that case). CPU time is shown beside wall
    time because the machine is shared.
    """
    for func in funcs.values():
        func()  # warm-up: caches, lazy imports
    wall: dict[str, list[float]] = {name: [] for name in funcs}
    cpu: dict[str, list[float]] = {name: [] for name in funcs}
    for _ in range(runs):
        for name, func in funcs.items():
            gc.collect(collect_generation)
            gc.disable()
            started, started_cpu = time.perf_counter(), time.process_time()
            try:
                func()
            finally:
                wall[name].append(time.perf_counter() - started)
                cpu[name].append(time.process_time() - started_cpu)
                gc.enable()
    return {
        name: (1000 * statistics.median(wall[name]), 1000 * statistics.median(cpu[name]))
        for name in funcs
    }


def measure(
    name: str, inputs: list[str], runs: int, collect_generation: int = 1
) -> dict[str, float | str | int]:
    """Stage and total times (ms) for one story."""
    language = get_language("ar")
    stages: dict[str, list[float]] = {s: [] for s in STAGES}
    end_to_end: list[float] = []
    story = None
    for _ in range(runs + 1):
        t0 = time.perf_counter()
        articles, _ = load_articles(inputs)
        t1 = time.perf_counter()
        cleaned = clean_articles(articles, language)
        t2 = time.perf_counter()
        documents = tuple(d for d in cleaned if isinstance(d, Document))
        # Splitting happens inside clean_articles; time it alone to show its share.
        for doc in documents:
            for paragraph in doc.text.split("\n"):
                language.split_sentences(paragraph)
        t3 = time.perf_counter()
        story = Story(id=name, documents=documents)
        summarizer = ConceptSummarizer(language=language)
        summarizer(story, Budget(words=WORDS))
        t4 = time.perf_counter()
        # Files in, summary out: read, clean (which splits), summarize; not the extra split.
        end_to_end.append(t2 - t0 + t4 - t3)
        stages["ingest"].append(t1 - t0)
        stages["split"].append(t3 - t2)
        stages["clean"].append(max(t2 - t1 - (t3 - t2), 0.0))
        for stage, seconds in summarizer.timings.items():
            stages[stage].append(seconds)
    assert story is not None
    row: dict[str, float | str | int] = {
        "input": name,
        "articles": len(story.documents),
        "sentences": sum(len(d.sentences) for d in story.documents),
    }
    for stage, values in stages.items():
        row[stage] = 1000 * statistics.median(values[1:])
    row["end_to_end"] = 1000 * statistics.median(end_to_end[1:])
    summarizer = ConceptSummarizer(language=language)
    exact = ConceptSummarizer(SummarizerSettings(selector="exact"), language)
    timed = median_ms(
        {
            "khulasa": lambda: summarizer(story, Budget(words=WORDS)),
            "exact": lambda: exact(story, Budget(words=WORDS)),
            "lexrank": lambda: sumy_summary(story, WORDS, language, "lexrank"),
        },
        runs,
        collect_generation,
    )
    for name, (wall, cpu) in timed.items():
        row[name], row[f"{name}_cpu"] = wall, cpu
    return row


def cold_start(runs: int) -> list[tuple[float, float]]:
    """Median (wall, CPU) seconds of the example through the CLI, and of the bare import."""
    exe = Path(sys.executable).with_name("khulasa")
    cli = [str(exe), "summarize", str(EXAMPLE), "--words", "80"]
    imp = [sys.executable, "-c", "import khulasa.pipeline, khulasa.cli"]
    results = []
    for command in (cli, imp):
        wall, cpu = [], []
        for _ in range(runs):
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            started = time.perf_counter()
            subprocess.run(command, check=True, capture_output=True)
            wall.append(time.perf_counter() - started)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            cpu.append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
        results.append((statistics.median(wall), statistics.median(cpu)))
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", default=str(DATA))
    parser.add_argument("--runs", type=int, default=11)
    parser.add_argument("-o", "--output", help="write the Markdown table here")
    parser.add_argument(
        "--full-gc",
        action="store_true",
        help="run a full garbage collection (which empties CPython's free lists) before each "
        "timed call, instead of collecting the young generations only",
    )
    args = parser.parse_args(argv)
    inputs = []
    data = Path(args.data)
    if data.is_dir():
        for topic in sorted(p for p in data.iterdir() if (p / "docs").is_dir()):
            inputs.append((f"MultiLing {topic.name}", [str(topic / "docs")]))
    else:
        print(f"{data} is absent: timing the example only", file=sys.stderr)
    inputs.append(("example (5 pages)", [str(EXAMPLE)]))
    load = os.getloadavg()[0]
    generation = 2 if args.full_gc else 1
    rows = [measure(name, paths, args.runs, generation) for name, paths in inputs]
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    (cli, cli_cpu), (imp, imp_cpu) = cold_start(max(3, args.runs // 2))
    head = [
        "input",
        "articles",
        "sentences",
        *STAGES,
        "khulasa",
        "(CPU)",
        "khulasa --exact",
        "(CPU)",
        "sumy LexRank",
        "(CPU)",
        "speed-up",
        "speed-up --exact",
        "files → summary",
    ]
    lines = [
        f"# Speed: summarizing one story ({WORDS} words), ms",
        "",
        f"Median of {args.runs} warm runs (after one warm-up) on this machine; `khulasa` and "
        "`sumy LexRank` are the summarizer alone on the same cleaned story, timed in turns "
        "within each round with the garbage collector paused, as `timeit` does, and "
        + ("a full collection" if args.full_gc else "the young generations collected")
        + " before each call. Stage columns: "
        "ingest (read + decode), clean (boilerplate filter, without splitting), split "
        "(sentence splitting alone), then the summarizer's units (tokens, stems, concepts), "
        "score (similarity, concept weights, bonuses), select (sentence selection: "
        "the default greedy; `--exact` runs the integer program instead) and "
        "attribute (supporting outlets). *files → summary* is the whole job from the input "
        "files: read, clean and split, summarize. Command: `python bench/speed.py`. "
        f"Load average when it started: {load:.1f} on {os.cpu_count()} cores.",
        "",
        "| " + " | ".join(head) + " |",
        "|---|" + "---:|" * (len(head) - 1),
    ]
    for row in rows:
        cells = [str(row["input"]), str(row["articles"]), str(row["sentences"])]
        cells += [f"{row[s]:.1f}" for s in STAGES]
        khulasa, lexrank = float(row["khulasa"]), float(row["lexrank"])
        exact = float(row["exact"])
        cells += [f"{khulasa:.1f}", f"{float(row['khulasa_cpu']):.1f}"]
        cells += [f"{exact:.1f}", f"{float(row['exact_cpu']):.1f}"]
        cells += [f"{lexrank:.1f}", f"{float(row['lexrank_cpu']):.1f}", f"{lexrank / khulasa:.1f}×"]
        cells += [f"{lexrank / exact:.1f}×", f"{float(row['end_to_end']):.1f}"]
        lines.append("| " + " | ".join(cells) + " |")
    median_k = statistics.median(float(r["khulasa"]) for r in rows)
    median_x = statistics.median(float(r["exact"]) for r in rows)
    lines += [
        "",
        f"- median over inputs of khulasa's warm summarize time: {median_k:.1f} ms "
        f"({median_x:.1f} ms with `--exact`; target < 50 ms); slowest files → summary "
        f"(read, clean, split, summarize): {max(float(r['end_to_end']) for r in rows):.1f} ms",
        f"- peak RSS of this benchmark process: {peak_mb:.0f} MB",
        f"- cold start, `khulasa summarize` on the example (fresh process, 80 words): "
        f"{cli:.2f} s wall, {cli_cpu:.2f} s CPU (target < 1.5 s); bare "
        f"`import khulasa.pipeline, khulasa.cli`: {imp:.2f} s wall, {imp_cpu:.2f} s CPU",
    ]
    text = "\n".join(lines) + "\n"
    print(text)
    if args.output:
        Path(args.output).write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
