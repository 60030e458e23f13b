"""Exact sentence selection: the concept-coverage integer program, solved by HiGHS.

Maximise the summed weight of the concepts the summary covers, where a concept counts once
however many chosen sentences carry it, under the length budget (Gillick & Favre, 2009).
Redundancy control is built into the objective — a second sentence repeating covered concepts
adds nothing — and near-identical sentences (syndicated copies) are also barred from appearing
together by an at-most-one constraint per group. The solver proves optimality, so the budget can
never be exceeded and a sentence is never cut.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence

import numpy as np
from scipy.optimize import Bounds, LinearConstraint, milp
from scipy.sparse import coo_array


def select_sentences(
    costs: Sequence[int],
    concepts: Sequence[frozenset[Hashable]],
    weights: Mapping[Hashable, float],
    budget: int,
    exclusive_groups: Sequence[Sequence[int]] = (),
    bonus: Sequence[float] | None = None,
    time_limit: float = 10.0,
) -> list[int]:
    """Indices of the sentences that cover the most concept weight within ``budget``.

    ``costs[j]`` is sentence j's length; ``concepts[j]`` its concepts; ``weights`` the value of
    each concept (concepts without a weight are ignored); ``exclusive_groups`` lists sets of
    sentences of which at most one may be chosen; ``bonus[j]`` adds a per-sentence value (e.g. a
    position prior) to the objective.
    """
    n_sent = len(costs)
    eligible = [j for j in range(n_sent) if 0 < costs[j] <= budget]
    if not eligible:
        return []
    concept_ids: dict[Hashable, int] = {}
    for j in eligible:
        for concept in concepts[j]:
            if weights.get(concept, 0.0) > 0:
                concept_ids.setdefault(concept, len(concept_ids))
    n_conc = len(concept_ids)
    n_vars = n_sent + n_conc

    objective = np.zeros(n_vars)
    if bonus is not None:
        objective[:n_sent] = -np.asarray(bonus, dtype=float)
    for concept, k in concept_ids.items():
        objective[n_sent + k] = -weights[concept]

    rows, cols, vals = [], [], []
    lower, upper = [], []

    def add_row(entries: list[tuple[int, float]], lo: float, hi: float) -> None:
        r = len(lower)
        for c, v in entries:
            rows.append(r)
            cols.append(c)
            vals.append(v)
        lower.append(lo)
        upper.append(hi)

    add_row([(j, float(costs[j])) for j in eligible], -np.inf, float(budget))
    # A concept is covered only if some chosen sentence carries it.
    carriers: dict[int, list[int]] = {k: [] for k in range(n_conc)}
    for j in eligible:
        for concept in concepts[j]:
            k = concept_ids.get(concept)
            if k is not None:
                carriers[k].append(j)
    for k, sentences in carriers.items():
        add_row([(n_sent + k, 1.0)] + [(j, -1.0) for j in sentences], -np.inf, 0.0)
    eligible_set = set(eligible)
    for group in exclusive_groups:
        members = [j for j in group if j in eligible_set]
        if len(members) > 1:
            add_row([(j, 1.0) for j in members], -np.inf, 1.0)

    matrix = coo_array((vals, (rows, cols)), shape=(len(lower), n_vars)).tocsr()
    upper_bounds = np.ones(n_vars)
    ineligible = np.setdiff1d(np.arange(n_sent), eligible)
    upper_bounds[ineligible] = 0.0
    result = milp(
        objective,
        constraints=LinearConstraint(matrix, np.array(lower), np.array(upper)),
        integrality=np.ones(n_vars),
        bounds=Bounds(np.zeros(n_vars), upper_bounds),
        options={"time_limit": time_limit, "mip_rel_gap": 1e-6},
    )
    if result.x is None:
        return []
    return [j for j in range(n_sent) if result.x[j] > 0.5]
