"""Fit the section classifier (world, local, economy, sports, culture, opinion) from outlets'
own section labels.

No one has labelled SaudiNewsNet by section, but two of its outlets put the section in every
URL: al-Watan (``/Politics/``, ``/Sports/``, ...) and al-Jazirah (``/ln12.htm`` local news,
``/sp3.htm`` sports, ...). Their editors' choices are distant labels for a model that then reads
the other twelve outlets. The input is what the store already keeps of every article (its 100
heaviest stems, lead counted double: :class:`khulasa.stories.analyze.Analysis`), so a story's
section is read from the database without touching the text again.

Two held-out checks, printed as tables: the crawl days after ``--split`` (a model fitted on the
days before it) and one outlet's labels scored by a model fitted on the other outlet's alone
(the real use: outlets whose sections the model never saw). The shipped model is then fitted on
every labelled article but those of the days the section gold holds out, and written to
``src/khulasa/stories/data/sections_ar.json`` (the same bytes on every run).

    .venv/bin/python bench/train_sections.py
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import Counter
from pathlib import Path

import numpy as np
from sklearn.feature_extraction import DictVectorizer
from sklearn.feature_extraction.text import TfidfTransformer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import classification_report, f1_score

from khulasa.ingest.saudinewsnet import read_saudinewsnet
from khulasa.language import get_language
from khulasa.model import Article
from khulasa.stories.analyze import Analyzer
from khulasa.stories.sections import SECTIONS

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data" / "saudinewsnet"
MODEL_PATH = ROOT / "src/khulasa/stories/data/sections_ar.json"

# The outlets' own section names, mapped onto ours; pages left out (press releases, readers'
# letters, the rarer supplements) are not labels.
WATAN = {
    "Politics": "world",
    "Local": "local",
    "Nation": "local",
    "Economy": "economy",
    "Sports": "sports",
    "Culture": "culture",
    "Articles": "opinion",
    "Discussion": "opinion",
    "Dialogue": "opinion",
}
JAZIRAH = {
    "du": "world",
    "ln": "local",
    "lp": "local",
    "fe": "local",
    "ec": "economy",
    "sp": "sports",
    "cu": "culture",
    "ms": "culture",
    "ar": "opinion",
    "rj": "opinion",
    "rv": "opinion",
}
_WATAN_URL = re.compile(r"alwatan\.com\.sa/([A-Za-z_]+)/")
_JAZIRAH_URL = re.compile(r"al-jazirah\.com/\d{4}/\d{8}/([a-z]+)\d+\.htm")
# Days whose stories a blind reader labelled as the section gold's held-out part
# (bench/gold/sections/): their articles are never trained on.
HELD_OUT_DAYS = ("2015-07-22",)
MIN_DF = 3  # a stem seen in fewer labelled articles is noise, and weight in the shipped file
C = 4.0


def outlet_label(url: str | None) -> tuple[str, str] | None:
    """``(outlet, section)`` when the URL carries a section we map, else None."""
    if not url:
        return None
    if m := _WATAN_URL.search(url):
        section = WATAN.get(m.group(1))
        return ("alwatan", section) if section else None
    if m := _JAZIRAH_URL.search(url):
        section = JAZIRAH.get(m.group(1))
        return ("aljazirah", section) if section else None
    return None


def labelled(data: Path) -> list[tuple[str, str, str, dict[str, int]]]:
    """``(day, outlet, section, term counts)`` of every labelled article, in a fixed order."""
    analyzer = Analyzer(get_language("ar"))
    rows = []
    for path in sorted(data.glob("*.zip")):
        if path.stem in HELD_OUT_DAYS:
            continue
        for item in read_saudinewsnet(path):
            if not isinstance(item, Article):
                continue
            label = outlet_label(item.url)
            if label is None or not item.content.strip():
                continue
            counts = dict(analyzer(item.content).term_counts)
            if counts:
                rows.append((path.stem, label[0], label[1], counts))
    return rows


def fit(counts: list[dict[str, int]], labels: list[str]) -> tuple[DictVectorizer, object, object]:
    """Vectoriser, tf-idf and logistic regression fitted on the rows (stems in ≥ MIN_DF rows)."""
    df = Counter(t for c in counts for t in c)
    kept = [{t: n for t, n in c.items() if df[t] >= MIN_DF} for c in counts]
    vectorizer = DictVectorizer()
    x = vectorizer.fit_transform(kept)
    tfidf = TfidfTransformer(sublinear_tf=True)
    x = tfidf.fit_transform(x)
    model = LogisticRegression(C=C, max_iter=2000, class_weight="balanced")
    model.fit(x, labels)
    return vectorizer, tfidf, model


def predict(parts: tuple, counts: list[dict[str, int]]) -> list[str]:
    vectorizer, tfidf, model = parts
    return list(model.predict(tfidf.transform(vectorizer.transform(counts))))


def scored(name: str, gold: list[str], guess: list[str]) -> str:
    accuracy = sum(g == p for g, p in zip(gold, guess, strict=True)) / len(gold)
    macro = f1_score(gold, guess, average="macro", labels=list(SECTIONS))
    return f"| {name} | {len(gold)} | {accuracy:.3f} | {macro:.3f} |"


def export(parts: tuple) -> dict[str, object]:
    """The model as plain numbers: per stem its idf and one weight per section."""
    vectorizer, tfidf, model = parts
    classes = list(model.classes_)
    order = [classes.index(s) for s in SECTIONS]
    coef = model.coef_[order]
    names = vectorizer.get_feature_names_out()
    stems = {
        str(name): [round(float(tfidf.idf_[j]), 4), *(round(float(w), 4) for w in coef[:, j])]
        for j, name in sorted(enumerate(names), key=lambda p: p[1])
    }
    return {
        "sections": list(SECTIONS),
        "intercept": [round(float(b), 4) for b in model.intercept_[order]],
        "stems": stems,
        "trained_on": "SaudiNewsNet al-Watan and al-Jazirah articles, their URL sections "
        "(bench/train_sections.py)",
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--split", default="2015-08-05", help="first held-out crawl day")
    parser.add_argument("--no-write", action="store_true")
    args = parser.parse_args()
    rows = labelled(args.data)
    print(f"{len(rows)} labelled articles:", dict(Counter((r[1], r[2]) for r in rows)))
    print("\n| fitted on → scored on | articles | accuracy | macro F1 |\n|---|---|---|---|")
    train = [r for r in rows if r[0] < args.split]
    test = [r for r in rows if r[0] >= args.split]
    parts = fit([r[3] for r in train], [r[2] for r in train])
    guess = predict(parts, [r[3] for r in test])
    print(scored(f"days before {args.split} → days from it", [r[2] for r in test], guess))
    for source, target in (("alwatan", "aljazirah"), ("aljazirah", "alwatan")):
        tr = [r for r in rows if r[1] == source]
        te = [r for r in rows if r[1] == target]
        p = fit([r[3] for r in tr], [r[2] for r in tr])
        print(scored(f"{source} → {target}", [r[2] for r in te], predict(p, [r[3] for r in te])))
    print()
    print(classification_report([r[2] for r in test], guess, digits=3, zero_division=0))
    if not args.no_write:
        final = fit([r[3] for r in rows], [r[2] for r in rows])
        text = json.dumps(export(final), ensure_ascii=False, separators=(",", ":"), sort_keys=True)
        MODEL_PATH.write_text(text + "\n", encoding="utf-8")
        print(f"wrote {MODEL_PATH.relative_to(ROOT)} ({len(text) // 1024} KiB)")
    return 0


if __name__ == "__main__":
    np.set_printoptions(precision=3)
    sys.exit(main())
