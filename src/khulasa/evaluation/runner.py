"""Score khulasa, baselines, peers and a human ceiling on a test set, with intervals over topics.

Every row is scored by the same :class:`RougeEvaluator` in the same run, so khulasa's numbers are
comparable with the 2011 peers' (the published Arabic figures are not: ROUGE-1.5.5 dropped Arabic
letters). With five topics the spread between topics is large, so each mean comes with a 95 %
bootstrap interval over topics: two systems whose intervals overlap widely are not shown apart.
"""

from __future__ import annotations

import json
import random
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace

from khulasa.evaluation import DEFAULT_WORDS, SYSTEMS, baselines
from khulasa.evaluation.datasets import Dataset, Topic
from khulasa.evaluation.rouge import METRICS, RougeEvaluator, RougeScore
from khulasa.language import Language, get_language
from khulasa.model import Budget, Story
from khulasa.pipeline import build_story
from khulasa.summarizer import ConceptSummarizer, SummarizerSettings

METRIC_LABELS = {"rouge1": "R-1", "rouge2": "R-2", "rougeSU4": "R-SU4"}
BOOTSTRAP_SAMPLES = 2000

Scores = dict[str, RougeScore]


@dataclass
class SystemResult:
    """One row of the table: a system's scores on each topic it produced a summary for."""

    name: str
    kind: str  # "khulasa", "baseline", "peer" or "ceiling"
    topics: dict[str, Scores] = field(default_factory=dict)

    def values(self, metric: str, stat: str) -> list[float]:
        """Per-topic values of ``stat`` ("recall", "precision" or "f") of ``metric``, in %."""
        return [100 * getattr(s[metric], stat) for s in self.topics.values()]


@dataclass
class EvalReport:
    """The whole run: which data, which budget, and one result per system."""

    dataset: str
    words: int
    topics: list[str]
    skipped: list[str]
    results: list[SystemResult]


def evaluate(
    dataset: Dataset,
    systems: Sequence[str] = SYSTEMS,
    words: int = DEFAULT_WORDS,
    settings: SummarizerSettings | None = None,
    language: str = "ar",
) -> EvalReport:
    """Score each requested system on each topic of ``dataset``."""
    unknown = set(systems) - set(SYSTEMS)
    if unknown:
        raise ValueError(f"unknown system(s): {', '.join(sorted(unknown))}")
    lang = get_language(language)
    rows: dict[str, SystemResult] = {}

    def add(name: str, kind: str, topic: str, scores: Scores) -> None:
        rows.setdefault(name, SystemResult(name, kind)).topics[topic] = scores

    for topic in dataset.topics:
        evaluator = RougeEvaluator(list(topic.references.values()), words)
        story, _ = build_story(list(topic.articles), language)
        for name, kind, summaries in _topic_summaries(topic, story, systems, words, settings, lang):
            add(name, kind, topic.id, _mean_scores([evaluator.score(s) for s in summaries]))
        if "peers" in systems:
            for peer, text in topic.peers.items():
                add(f"peer {peer}", "peer", topic.id, evaluator.score(text))
        if "human" in systems and len(topic.references) > 1:
            add("human (each ref vs the others)", "ceiling", topic.id, _human(topic, words))
    order = {"khulasa": 0, "baseline": 1, "peer": 2, "ceiling": 3}
    results = sorted(rows.values(), key=lambda r: order[r.kind])
    return EvalReport(
        dataset=dataset.name,
        words=words,
        topics=[t.id for t in dataset.topics],
        skipped=list(dataset.skipped),
        results=results,
    )


def _topic_summaries(
    topic: Topic,
    story: Story,
    systems: Sequence[str],
    words: int,
    settings: SummarizerSettings | None,
    lang: Language,
) -> list[tuple[str, str, list[str]]]:
    """(row name, kind, summaries) for every extractive system asked for; scores are averaged."""
    if not story.documents:
        return []
    makers: dict[str, Callable[[], list[tuple[str, str, list[str]]]]] = {
        "khulasa": lambda: [
            ("khulasa", "khulasa", [ConceptSummarizer(settings, lang)(story, Budget(words)).text])
        ],
        "khulasa-exact": lambda: [
            (
                "khulasa --exact",
                "khulasa",
                [ConceptSummarizer(_exact(settings), lang)(story, Budget(words)).text],
            )
        ],
        "lead": lambda: [
            ("lead (first article)", "baseline", [baselines.lead(story, words, "first")]),
            ("lead (latest article)", "baseline", [baselines.lead(story, words, "latest")]),
        ],
        "centroid": lambda: [("centroid", "baseline", [baselines.centroid(story, words, lang)])],
        "random": lambda: [
            (
                f"random (mean of {baselines.RANDOM_RUNS})",
                "baseline",
                baselines.random_summaries(story, words),
            )
        ],
        "oracle": lambda: [
            (
                "oracle (greedy R-2, saw the refs)",
                "ceiling",
                [
                    baselines.oracle(
                        story, words, RougeEvaluator(list(topic.references.values()), words)
                    )
                ],
            )
        ],
    }
    for method in baselines.SUMY_METHODS:
        makers[method] = lambda m=method: [
            (f"sumy {m}", "baseline", [baselines.sumy_summary(story, words, lang, m)])
        ]
    rows = []
    for name in systems:
        if name in makers:
            rows.extend(makers[name]())
    return rows


def _exact(settings: SummarizerSettings | None) -> SummarizerSettings:
    """The same settings with the integer-program selector."""
    return replace(settings or SummarizerSettings(), selector="exact")


def _human(topic: Topic, words: int) -> Scores:
    """Each reference scored against the others, averaged: how much humans agree."""
    refs = list(topic.references.values())
    scores = [
        RougeEvaluator(refs[:i] + refs[i + 1 :], words).score(ref) for i, ref in enumerate(refs)
    ]
    return _mean_scores(scores)


def _mean_scores(scores: Sequence[Scores]) -> Scores:
    n = len(scores)
    return {
        m: RougeScore(
            precision=sum(s[m].precision for s in scores) / n,
            recall=sum(s[m].recall for s in scores) / n,
            f=sum(s[m].f for s in scores) / n,
        )
        for m in scores[0]
    }


def bootstrap(values: Sequence[float], samples: int = BOOTSTRAP_SAMPLES, seed: int = 0) -> tuple:
    """Mean and 95 % percentile-bootstrap interval of ``values`` (resampling topics)."""
    if not values:
        return (float("nan"), float("nan"), float("nan"))
    rng = random.Random(seed)
    n = len(values)
    means = sorted(sum(rng.choices(values, k=n)) / n for _ in range(samples))
    low = means[int(0.025 * samples)]
    high = means[min(int(0.975 * samples), samples - 1)]
    return (sum(values) / n, low, high)


def to_json(report: EvalReport) -> str:
    """The report with per-topic scores and the summary statistics, in %."""
    systems = []
    for result in report.results:
        summary = {
            m: {stat: _stat_dict(result.values(m, stat)) for stat in ("recall", "f")}
            for m in METRICS
        }
        per_topic = {
            topic: {
                m: {k: round(100 * getattr(s[m], k), 3) for k in ("precision", "recall", "f")}
                for m in METRICS
            }
            for topic, s in result.topics.items()
        }
        systems.append(
            {"name": result.name, "kind": result.kind, "summary": summary, "topics": per_topic}
        )
    data = {
        "dataset": report.dataset,
        "words": report.words,
        "protocol": "summary cut to the word limit; Arabic-normalized tokens, no stemming, no "
        "stopword removal; mean over references; mean over topics with a 95% bootstrap "
        "interval over topics; values in %",
        "topics": report.topics,
        "skipped": report.skipped,
        "systems": systems,
    }
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def to_markdown(report: EvalReport) -> str:
    """A table: mean over topics [95 % bootstrap interval], recall and F of each metric."""
    head = ["system"] + [f"{METRIC_LABELS[m]} {s}" for m in METRICS for s in ("R", "F")]
    lines = [
        f"# ROUGE on {report.dataset} ({len(report.topics)} topics, {report.words} words)",
        "",
        "Mean over topics, in %, with the 95 % bootstrap interval over topics. Each summary is cut "
        f"to {report.words} words, tokens are Arabic-normalized (no stemming, no stopword "
        "removal), scores are averaged over the references.",
        "",
        "| " + " | ".join(head) + " |",
        "|" + "---|" * len(head),
    ]
    for result in report.results:
        cells = [result.name]
        for m in METRICS:
            for stat in ("recall", "f"):
                mean, low, high = bootstrap(result.values(m, stat))
                cells.append(f"{mean:.2f} [{low:.1f}, {high:.1f}]")
        lines.append("| " + " | ".join(cells) + " |")
    if report.skipped:
        lines += ["", "Skipped:", *(f"- {s}" for s in report.skipped)]
    return "\n".join(lines) + "\n"


def to_text(report: EvalReport) -> str:
    """A compact terminal table (means only, then the R-2 recall interval)."""
    width = max([len(r.name) for r in report.results] + [6])
    head = "".join(f"{METRIC_LABELS[m] + ' ' + s:>10}" for m in METRICS for s in ("R", "F"))
    lines = [f"{'system':<{width}}{head}{'R-2 R 95% CI':>16}"]
    for result in report.results:
        cells = "".join(
            f"{bootstrap(result.values(m, s))[0]:>10.2f}" for m in METRICS for s in ("recall", "f")
        )
        _, low, high = bootstrap(result.values("rouge2", "recall"))
        lines.append(f"{result.name:<{width}}{cells}{f'[{low:.1f}, {high:.1f}]':>16}")
    return "\n".join(lines) + "\n"


def _stat_dict(values: list[float]) -> dict[str, float]:
    mean, low, high = bootstrap(values)
    return {"mean": round(mean, 3), "ci95_low": round(low, 3), "ci95_high": round(high, 3)}
