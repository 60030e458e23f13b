"""Conflicts by the judge: one claim, told by two outlets with figures or polarity that differ.

A pair is a conflict only when the judge holds both sentences to be about one claim (P(related)
at or above the shipped threshold) *and* an aligned span differs: a figure of the same quantity
that cannot be squared with the other side's ("27 killed" against "30 killed"; not "at least 30"
against "30"), or an explicit denial on one side only. Bare negations (لم، لا) are not enough:
in news they mostly negate something else in a sentence on the same subject. Pairs that name
the same two figures of one quantity are one disagreement, listed once with every sentence on
each side.

Which pairs of related sentences are conflicts is decided by one of two rules, ``decision``:
``"rules"``, the hand-written test above (the judge's conflicting figures, or a one-sided
denial); or ``"learned"``, the logistic regression of :mod:`khulasa.align.disagreement`,
fitted on the dev part of the blind conflict gold. :data:`DEFAULT_DECISION` is the one
``khulasa.facts.extract_facts`` gets; bench/results/align-conflicts.md says why.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Literal

from khulasa.align.disagreement import decide, load_conflict_model
from khulasa.align.features import Number, View, story_idf
from khulasa.align.judge import Judge, default_judge
from khulasa.facts.model import Conflict, Source
from khulasa.facts.pairs import sharing

MIN_SHARED = 2  # content stems two sentences must share before the judge is asked
Decision = Literal["rules", "learned"]
DEFAULT_DECISION: Decision = "rules"


def aligned_conflicts(
    sources: Sequence[Source],
    judge: Judge | None = None,
    threshold: float | None = None,
    decision: Decision | None = None,
) -> list[Conflict]:
    """Cross-outlet conflicts among a story's sentences, each disagreement once.

    ``threshold``: the P(related) a pair needs before it can conflict; ``decision``: which rule
    then says it does (:data:`DEFAULT_DECISION` when None)."""
    judge = judge or default_judge()
    decision = decision or DEFAULT_DECISION
    threshold = judge.model.thresholds["conflict"] if threshold is None else threshold
    context = story_idf([s.sentence for s in sources])
    views = [judge.view(s.sentence) for s in sources]
    groups: dict[tuple, tuple[dict[Source, None], dict[Source, None], set[str], str, str]] = {}
    for i, j in _candidate_pairs(views):
        a, va, b, vb = sources[i], views[i], sources[j], views[j]
        if a.outlet == b.outlet or not _worth_judging(va, vb):
            continue
        verdict = judge.judge_views(va, vb, context)
        if verdict.related < threshold:
            continue
        shared = set(va.weights) & set(vb.weights)
        if decision == "learned":
            learned = _learned(judge, a, va, b, vb)
            if learned is None:
                continue
            ident, low_first, reason, kind = learned
        elif numbers := verdict.evidence.conflicting_numbers:
            x, y = numbers[0]
            nx, ny = _number(va, x), _number(vb, y)
            # one disagreement: one quantity (27 and 30 *killed*), whoever says which
            ident: tuple = ("numeric", nx.quantity, *sorted((nx.value, ny.value)))
            low_first = nx.value <= ny.value
            reason = f"different numbers: {x if low_first else y} vs {y if low_first else x}"
            kind = "numeric"
        elif bool(va.denials) != bool(vb.denials):
            denier = a if va.denials else b
            ident = ("denial", denier.doc_id, denier.sentence_index)
            low_first = bool(va.denials)
            reason = "denial: one side denies what the other reports"
            kind = "contradiction"
        else:
            continue
        first, second = (a, b) if low_first else (b, a)
        side_a, side_b, words, _, _ = groups.setdefault(ident, ({}, {}, set(), reason, kind))
        side_a[first] = None
        side_b[second] = None
        words |= shared
    found = []
    for side_a, side_b, words, reason, kind in groups.values():
        b_only = tuple(s for s in side_b if s not in side_a)
        found.append(Conflict(kind, reason, tuple(side_a), b_only, tuple(sorted(words))))
    found.sort(key=lambda c: (-len(c.outlets), c.reason))
    return found


def _learned(
    judge: Judge, a: Source, va: View, b: Source, vb: View
) -> tuple[tuple, bool, str, str] | None:
    """(identity, a's figure the lower, reason, kind) of a conflict by the learned decision, or
    None when the model holds that both can be true."""
    model = load_conflict_model()
    verdict = decide(judge, va, vb, model)
    if verdict.probability < model.threshold:
        return None
    if verdict.figures:
        x, y = verdict.figures
        low_first = x.value <= y.value
        low, high = (x, y) if low_first else (y, x)
        return (
            ("numeric", x.quantity, low.value, high.value),
            low_first,
            f"different numbers: {low.text} vs {high.text}",
            "numeric",
        )
    if bool(va.denials) != bool(vb.denials):
        denier = a if va.denials else b
        ident = ("denial", denier.doc_id, denier.sentence_index)
        return (
            ident,
            bool(va.denials),
            "denial: one side denies what the other reports",
            ("contradiction"),
        )
    ident = ("claim", *sorted(((a.doc_id, a.sentence_index), (b.doc_id, b.sentence_index))))
    return ident, True, "the two accounts of one claim cannot both be true", "contradiction"


def _candidate_pairs(views: Sequence[View]) -> list[tuple[int, int]]:
    """The pairs (a < b, in order) that :func:`_worth_judging` can accept, and a few more.

    Pairs sharing fewer content stems than it asks for are never formed, nor pairs in which
    neither side denies and one side holds no figure: a story's sentences mostly hold no figure
    and no denial, so this leaves a small part of the pairs that share two stems.
    """
    denying = [v.weights if v.denials else () for v in views]
    figured = [v.weights if v.numbers else () for v in views]
    return sorted(
        sharing(denying, [v.weights for v in views], MIN_SHARED)
        | sharing(figured, figured, MIN_SHARED)
    )


def _worth_judging(a: View, b: View) -> bool:
    """Two sentences with almost nothing in common cannot report one claim."""
    return len(a.weights.keys() & b.weights.keys()) >= MIN_SHARED and bool(
        (a.numbers and b.numbers) or a.denials or b.denials
    )


def _number(view: View, text: str) -> Number:
    return next(n for n in view.numbers if n.text == text)


def merge_conflicts(first: Sequence[Conflict], second: Sequence[Conflict]) -> list[Conflict]:
    """``first``, then each conflict of ``second`` that shares no sentence with one already
    listed: two detectors that see one disagreement must not show it twice."""
    merged = list(first)
    seen = {(s.doc_id, s.sentence_index) for c in merged for s in (*c.side_a, *c.side_b)}
    for conflict in second:
        ids = {(s.doc_id, s.sentence_index) for s in (*conflict.side_a, *conflict.side_b)}
        if not ids & seen:
            merged.append(conflict)
            seen |= ids
    return merged
