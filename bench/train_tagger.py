"""Train the shipped entity tagger (a CRF) on NewsFANE Gold and report it on a held-out split.

    .venv/bin/python bench/train_tagger.py                  # tune on dev, train, test once, write
    .venv/bin/python bench/train_tagger.py --c1 0.05 --c2 0.1   # skip the tuning grid

The corpus (../shared/data/newsfane-ner/NewsFANE_Gold_2014_170K.txt, CC BY-SA 3.0) is read in
place and never copied: only the trained model is written, to
``src/khulasa/facts/models/ner-ar.crfsuite``, which ships under the same licence (NOTICE beside
it). Training is deterministic: the same corpus and options give the same model file byte for
byte (L-BFGS from zero weights, sequences appended in a fixed order, a fixed split seed).

The split: the corpus has no document marks, so its sentences are cut into blocks of
``BLOCK`` consecutive sentences (neighbouring sentences share an article and its names, and a
random split of single sentences would put one article's names on both sides); the blocks are
shuffled with a fixed seed and dealt 80 / 10 / 10 into train / dev / test. c1 and c2 are chosen
on dev; the final model is fitted on train + dev and scored once on test.

The 50 fine classes are mapped to the three the facts use (:data:`COARSE`); works of art,
vehicles, software and groups of people (العرب، المسلمين: nationalities, which the facts gold does
not label as entities) become O.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
from collections import Counter
from collections.abc import Iterable, Sequence
from pathlib import Path

import pycrfsuite

from khulasa.facts.crf_features import FeatureExtractor

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT.parent / "shared/data/newsfane-ner/NewsFANE_Gold_2014_170K.txt"
MODEL = ROOT / "src/khulasa/facts/models/ner-ar.crfsuite"
SEED = 16
BLOCK = 25
SHARES = (0.8, 0.1, 0.1)
MAX_ITERATIONS = 150
GRID = ((0.0, 0.1), (0.05, 0.01), (0.05, 0.1), (0.05, 0.5), (0.2, 0.01), (0.2, 0.1))

COARSE = {
    "PER": (
        "Politician Athlete Artist Other_PER Religious_PER Scientist Businessperson Lawyer "
        "Engineer Police"
    ),
    "LOC": (
        "Nation Population-Center State-or-Province GPE-Cluster County-or-District Continent "
        "Water-Body Land-Region-Natural Building-Grounds Airport Path Subarea-Facility"
    ),
    "ORG": (
        "Government Non-Governmental Media Commercial Educational Sports Medical-Science "
        "Religious_ORG Entertainment"
    ),
}
_FINE_TO_COARSE = {fine: coarse for coarse, names in COARSE.items() for fine in names.split()}

Sentence = tuple[list[str], list[str]]


def coarse(label: str) -> str:
    """B-Politician → B-PER; classes outside the three → O."""
    if label[:2] not in ("B-", "I-"):
        return "O"
    mapped = _FINE_TO_COARSE.get(label[2:])
    return f"{label[:2]}{mapped}" if mapped else "O"


def read_corpus(path: Path) -> list[Sentence]:
    """Sentences of ``token<TAB>label`` lines, blank-line separated; marks and BOM dropped."""
    sentences: list[Sentence] = []
    words: list[str] = []
    labels: list[str] = []
    for raw in path.read_text(encoding="utf-8-sig").splitlines():
        line = raw.replace("\u200e", "").replace("\ufeff", "").strip("\r\n")
        token, _, label = line.partition("\t")
        token = token.strip()
        if not token:
            if words:
                sentences.append(glue_conjunctions(words, labels))
            words, labels = [], []
            continue
        words.append(token)
        labels.append(coarse(label.strip()))
    if words:
        sentences.append(glue_conjunctions(words, labels))
    # fix BIO: an I- after O or after another class starts the entity
    return [(w, _repair(labels)) for w, labels in sentences]


def glue_conjunctions(words: list[str], labels: list[str]) -> Sentence:
    """The corpus writes the conjunction و apart (و لبنان); running text does not (ولبنان).

    Glued back, the training tokens are what :func:`khulasa.facts.crf_features.tag_tokens`
    gives at run time. The glued word takes the word's label, or و's own when it is inside an
    entity (مجلس التعاون و…).
    """
    out_w: list[str] = []
    out_l: list[str] = []
    i = 0
    while i < len(words):
        if words[i] == "و" and i + 1 < len(words) and words[i + 1][:1].isalpha():
            out_w.append("و" + words[i + 1])
            out_l.append(labels[i] if labels[i] != "O" else labels[i + 1])
            i += 2
            continue
        out_w.append(words[i])
        out_l.append(labels[i])
        i += 1
    return out_w, out_l


def _repair(labels: list[str]) -> list[str]:
    out = []
    for n, label in enumerate(labels):
        if label.startswith("I-") and (n == 0 or out[-1][2:] != label[2:]):
            label = "B-" + label[2:]
        out.append(label)
    return out


def split(sentences: Sequence[Sentence], seed: int = SEED) -> tuple[list[Sentence], ...]:
    """Blocks of consecutive sentences, shuffled with ``seed``, dealt into train/dev/test."""
    blocks = [list(sentences[i : i + BLOCK]) for i in range(0, len(sentences), BLOCK)]
    order = list(range(len(blocks)))
    random.Random(seed).shuffle(order)
    cut1 = round(len(order) * SHARES[0])
    cut2 = round(len(order) * (SHARES[0] + SHARES[1]))
    parts = (sorted(order[:cut1]), sorted(order[cut1:cut2]), sorted(order[cut2:]))
    return tuple([s for b in part for s in blocks[b]] for part in parts)


def featurize(extractor: FeatureExtractor, data: Iterable[Sentence]) -> list:
    return [(extractor.sentence(words), labels) for words, labels in data]


def train(items: list, model: Path, c1: float, c2: float, iterations: int) -> None:
    trainer = pycrfsuite.Trainer(verbose=False)
    for xseq, yseq in items:
        trainer.append(xseq, yseq)
    trainer.set_params(
        {
            "c1": c1,
            "c2": c2,
            "max_iterations": iterations,
            "feature.possible_transitions": True,
        }
    )
    model.parent.mkdir(parents=True, exist_ok=True)
    trainer.train(str(model))


def spans(labels: Sequence[str]) -> set[tuple[str, int, int]]:
    """Entities as (class, start, end) from BIO labels."""
    out: set[tuple[str, int, int]] = set()
    start, kind = None, None
    for n, label in enumerate([*labels, "O"]):
        if start is not None and not (label.startswith("I-") and label[2:] == kind):
            out.add((kind, start, n))  # type: ignore[arg-type]
            start, kind = None, None
        if label.startswith("B-") or (label.startswith("I-") and start is None):
            start, kind = n, label[2:]
    return out


def score(model: Path, items: list) -> dict[str, tuple[int, int, int]]:
    """Exact-span counts per class (true positives, predicted, gold) and over all classes."""
    tagger = pycrfsuite.Tagger()
    tagger.open(str(model))
    counts: Counter = Counter()
    for xseq, gold in items:
        pred = spans(tagger.tag(xseq))
        want = spans(gold)
        for kind in ("PER", "LOC", "ORG"):
            p = {s for s in pred if s[0] == kind}
            g = {s for s in want if s[0] == kind}
            counts[(kind, "tp")] += len(p & g)
            counts[(kind, "pred")] += len(p)
            counts[(kind, "gold")] += len(g)
    table = {k: (counts[(k, "tp")], counts[(k, "pred")], counts[(k, "gold")]) for k in COARSE}
    table["all"] = tuple(sum(v[i] for v in table.values()) for i in range(3))  # type: ignore[assignment]
    return table


def prf(tp: int, pred: int, gold: int) -> tuple[float, float, float]:
    p = tp / pred if pred else 0.0
    r = tp / gold if gold else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def report(table: dict[str, tuple[int, int, int]], title: str) -> list[str]:
    lines = [f"**{title}**", "", "| class | P | R | F1 | tp | predicted | gold |"]
    lines.append("|---|---|---|---|---|---|---|")
    for kind, (tp, pred, gold) in table.items():
        p, r, f = prf(tp, pred, gold)
        lines.append(f"| {kind} | {p:.3f} | {r:.3f} | {f:.3f} | {tp} | {pred} | {gold} |")
    return [*lines, ""]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--corpus", type=Path, default=CORPUS)
    parser.add_argument("--model", type=Path, default=MODEL, help="where to write the model")
    parser.add_argument("--c1", type=float, help="skip the grid: use this c1 (with --c2)")
    parser.add_argument("--c2", type=float)
    parser.add_argument("--iterations", type=int, default=MAX_ITERATIONS)
    parser.add_argument("--limit", type=int, help="use only the first N sentences (tests)")
    parser.add_argument("-o", "--output", type=Path, help="write the markdown report here")
    args = parser.parse_args(argv)
    if not args.corpus.exists():
        print(f"train_tagger: corpus not found: {args.corpus}", file=sys.stderr)
        return 2
    sentences = read_corpus(args.corpus)[: args.limit]
    train_s, dev_s, test_s = split(sentences)
    extractor = FeatureExtractor()
    train_x, dev_x, test_x = (featurize(extractor, part) for part in (train_s, dev_s, test_s))
    lines = [
        f"Sentences: {len(train_s)} train / {len(dev_s)} dev / {len(test_s)} test "
        f"(blocks of {BLOCK}, seed {SEED}); tokens "
        f"{sum(len(w) for w, _ in train_s)} / {sum(len(w) for w, _ in dev_s)} / "
        f"{sum(len(w) for w, _ in test_s)}.",
        "",
    ]
    if args.c1 is not None and args.c2 is not None:
        c1, c2 = args.c1, args.c2
    else:
        lines += ["| c1 | c2 | dev P | dev R | dev F1 |", "|---|---|---|---|---|"]
        best = None
        with tempfile.TemporaryDirectory() as tmp:
            for c1, c2 in GRID:
                path = Path(tmp) / "dev.crfsuite"
                train(train_x, path, c1, c2, args.iterations)
                p, r, f = prf(*score(path, dev_x)["all"])
                lines.append(f"| {c1} | {c2} | {p:.3f} | {r:.3f} | {f:.3f} |")
                print(f"c1={c1} c2={c2} dev F1 {f:.3f}", file=sys.stderr)
                if best is None or f > best[0]:
                    best = (f, c1, c2)
        assert best is not None
        _, c1, c2 = best
        lines += ["", f"Chosen on dev: c1 = {c1}, c2 = {c2}.", ""]
    train(train_x + dev_x, args.model, c1, c2, args.iterations)
    lines += report(score(args.model, test_x), "Held-out test (model fitted on train + dev)")
    text = "\n".join(lines)
    print(text)
    if args.output:
        args.output.write_text(text + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
