"""Exact sentence selection: the concept-coverage integer program, solved by HiGHS.

Maximise the summed weight of the concepts the summary covers, where a concept counts once
however many chosen sentences carry it, under the length budget (Gillick & Favre, 2009).
Redundancy control is built into the objective — a second sentence repeating covered concepts
adds nothing — and near-identical sentences (syndicated copies) are also barred from appearing
together by an at-most-one constraint per group. The solver proves optimality, so the budget can
never be exceeded and a sentence is never cut.

HiGHS is called through ``highspy`` when it is installed (it imports in a fraction of the time
``scipy.optimize`` takes, which is most of a cold start), otherwise through SciPy's ``milp``;
both run the same solver.
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass

import numpy as np
from scipy.sparse import csr_array


def select_sentences(
    costs: Sequence[int],
    concepts: Sequence[frozenset[Hashable]],
    weights: Mapping[Hashable, float],
    budget: int,
    exclusive_groups: Sequence[Sequence[int]] = (),
    bonus: Sequence[float] | None = None,
    time_limit: float = 10.0,
    mip_gap: float = 1e-6,
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
    groups = _concept_groups(eligible, concepts, weights)
    sentence_value = np.zeros(n_sent)
    if bonus is not None:
        sentence_value += np.asarray(bonus, dtype=float)
    shared: list[tuple[tuple[int, ...], float]] = []
    for carriers, weight in groups.items():
        if len(carriers) == 1:
            # Carried by one sentence only: covered exactly when that sentence is chosen.
            sentence_value[carriers[0]] += weight
        else:
            shared.append((carriers, weight))
    n_conc = len(shared)
    n_vars = n_sent + n_conc

    objective = np.zeros(n_vars)
    objective[:n_sent] = -sentence_value
    for k, (_, weight) in enumerate(shared):
        objective[n_sent + k] = -weight

    starts, cols, vals = [0], [], []
    lower, upper = [], []

    def add_row(entries: list[tuple[int, float]], lo: float, hi: float) -> None:
        for c, v in entries:
            cols.append(c)
            vals.append(v)
        starts.append(len(cols))
        lower.append(lo)
        upper.append(hi)

    add_row([(j, float(costs[j])) for j in eligible], -np.inf, float(budget))
    # A concept is covered only if some chosen sentence carries it.
    for k, (carriers, _) in enumerate(shared):
        add_row([(n_sent + k, 1.0)] + [(j, -1.0) for j in carriers], -np.inf, 0.0)
    eligible_set = set(eligible)
    for group in exclusive_groups:
        members = [j for j in group if j in eligible_set]
        if len(members) > 1:
            add_row([(j, 1.0) for j in members], -np.inf, 1.0)

    upper_bounds = np.ones(n_vars)
    ineligible = np.setdiff1d(np.arange(n_sent), eligible)
    upper_bounds[ineligible] = 0.0
    problem = _Problem(
        objective=objective,
        starts=np.array(starts, dtype=np.int32),
        cols=np.array(cols, dtype=np.int32),
        vals=np.array(vals, dtype=float),
        lower=np.array(lower),
        upper=np.array(upper),
        upper_bounds=upper_bounds,
        # Only sentences need to be integral: with them fixed, the best concept values are 0 or 1
        # anyway (a concept is worth covering exactly when a chosen sentence carries it), so the
        # solver branches on fewer variables.
        integral=np.concatenate([np.ones(n_sent), np.zeros(n_conc)]),
    )
    start = np.zeros(n_vars)
    picked = greedy_select(costs, concepts, weights, budget, exclusive_groups, bonus)
    start[picked] = 1.0
    for k, (carriers, _) in enumerate(shared):
        start[n_sent + k] = float(any(start[j] for j in carriers))
    x = _solve(problem, time_limit, mip_gap, start)
    if x is None:
        return []
    return [j for j in range(n_sent) if x[j] > 0.5]


@dataclass(frozen=True)
class _Problem:
    """A 0–1 program in row-wise sparse form: minimise objective·x, lower ≤ A x ≤ upper."""

    objective: np.ndarray
    starts: np.ndarray  # row r's entries are cols/vals[starts[r]:starts[r + 1]]
    cols: np.ndarray
    vals: np.ndarray
    lower: np.ndarray
    upper: np.ndarray
    upper_bounds: np.ndarray
    integral: np.ndarray


def _solve(
    problem: _Problem, time_limit: float, mip_gap: float, start: np.ndarray | None = None
) -> np.ndarray | None:
    try:
        import highspy
        from highspy._core import _Highs
    except ImportError:
        return _solve_scipy(problem, time_limit, mip_gap)
    inf = highspy.kHighsInf
    lp = highspy.HighsLp()
    lp.num_col_ = len(problem.objective)
    lp.num_row_ = len(problem.lower)
    lp.col_cost_ = problem.objective
    lp.col_lower_ = np.zeros(len(problem.objective))
    lp.col_upper_ = problem.upper_bounds
    lp.row_lower_ = np.where(np.isinf(problem.lower), -inf, problem.lower)
    lp.row_upper_ = np.where(np.isinf(problem.upper), inf, problem.upper)
    lp.a_matrix_.format_ = highspy.MatrixFormat.kRowwise
    lp.a_matrix_.start_ = problem.starts
    lp.a_matrix_.index_ = problem.cols
    lp.a_matrix_.value_ = problem.vals
    lp.integrality_ = [
        highspy.HighsVarType.kInteger if v else highspy.HighsVarType.kContinuous
        for v in problem.integral
    ]
    # The core class: highspy's Python wrapper (highspy.Highs) prints a banner to stdout when it
    # is created, which would end up in the CLI's output, and sets up callbacks we do not use.
    solver = _Highs()
    solver.setOptionValue("output_flag", False)
    solver.setOptionValue("time_limit", float(time_limit))
    solver.setOptionValue("mip_rel_gap", float(mip_gap))
    solver.setOptionValue("threads", 1)
    solver.setOptionValue("random_seed", 0)
    solver.passModel(lp)
    if start is not None:
        incumbent = highspy.HighsSolution()
        incumbent.col_value = list(start)
        incumbent.value_valid = True
        solver.setSolution(incumbent)
    solver.run()
    solution = solver.getSolution()
    if not solution.value_valid:
        return None
    return np.asarray(solution.col_value)


def _solve_scipy(problem: _Problem, time_limit: float, mip_gap: float) -> np.ndarray | None:
    from scipy.optimize import Bounds, LinearConstraint, milp

    n_vars = len(problem.objective)
    matrix = csr_array(
        (problem.vals, problem.cols, problem.starts), shape=(len(problem.lower), n_vars)
    )
    result = milp(
        problem.objective,
        constraints=LinearConstraint(matrix, problem.lower, problem.upper),
        integrality=problem.integral,
        bounds=Bounds(np.zeros(n_vars), problem.upper_bounds),
        options={"time_limit": time_limit, "mip_rel_gap": mip_gap},
    )
    return result.x


def _concept_groups(
    eligible: Sequence[int],
    concepts: Sequence[frozenset[Hashable]],
    weights: Mapping[Hashable, float],
) -> dict[tuple[int, ...], float]:
    """Weighted concepts merged by the set of sentences that carry them.

    Concepts carried by exactly the same sentences are covered together or not at all, so one
    variable with their summed weight gives the same optimum with far fewer variables — most
    bigrams of a news story occur in one or two sentences, and this is what keeps the integer
    program small enough to solve in milliseconds.
    """
    carriers: dict[Hashable, list[int]] = {}
    for j in eligible:
        for concept in sorted(concepts[j]):
            if weights.get(concept, 0.0) > 0:
                carriers.setdefault(concept, []).append(j)
    groups: dict[tuple[int, ...], float] = {}
    for concept, sentences in carriers.items():
        key = tuple(sentences)
        groups[key] = groups.get(key, 0.0) + weights[concept]
    return groups


def greedy_select(
    costs: Sequence[int],
    concepts: Sequence[frozenset[Hashable]],
    weights: Mapping[Hashable, float],
    budget: int,
    exclusive_groups: Sequence[Sequence[int]] = (),
    bonus: Sequence[float] | None = None,
    cost_exponent: float = 1.0,
) -> list[int]:
    """The same objective as :func:`select_sentences`, maximised greedily in milliseconds.

    Concept coverage plus a per-sentence bonus is monotone submodular, and for such objectives
    under a knapsack budget the cost-scaled greedy — take the sentence with the best marginal gain
    per unit of length that still fits, repeat — followed by a comparison with the best single
    sentence is guaranteed at least (1 - 1/e)/2 of the optimum (Khuller, Moss & Naor, 1999; Lin &
    Bilmes, 2010). In practice it is much closer, and it never exceeds the budget either.
    """
    n_sent = len(costs)
    eligible = [j for j in range(n_sent) if 0 < costs[j] <= budget]
    if not eligible:
        return []
    concept_ids = {c: k for k, c in enumerate(c for c, w in weights.items() if w > 0)}
    # Set intersection and a mapped lookup run in C; only the list of ids is Python.
    columns_of = {
        j: list(map(concept_ids.__getitem__, concept_ids.keys() & concepts[j])) for j in eligible
    }
    concept_weight = np.array([weights[concept] for concept in concept_ids], dtype=float)
    carriers: list[list[int]] = [[] for _ in concept_ids]
    for j, columns in columns_of.items():
        for k in columns:
            carriers[k].append(j)
    # Each sentence's value of still-uncovered concepts, kept up to date as concepts get covered
    # (no matrix product per step).
    rows = np.fromiter((j for j, cs in columns_of.items() for _ in cs), dtype=np.intp)
    cols = np.fromiter((k for cs in columns_of.values() for k in cs), dtype=np.intp)
    coverage = np.bincount(rows, concept_weight[cols], minlength=n_sent)
    single_value = coverage + (0.0 if bonus is None else np.asarray(bonus, dtype=float))
    extra = np.zeros(n_sent) if bonus is None else np.asarray(bonus, dtype=float)
    cost = np.asarray(costs, dtype=float)
    scale = np.power(cost, cost_exponent, where=cost > 0, out=np.ones(n_sent))
    # a sentence may sit in several groups (its copies, and pairs the claim aligner excludes)
    groups_of: dict[int, list[int]] = {}
    for g, members in enumerate(exclusive_groups):
        for j in members:
            groups_of.setdefault(j, []).append(g)

    open_ = np.zeros(n_sent, dtype=bool)
    open_[eligible] = True
    uncovered = concept_weight.copy()
    chosen: list[int] = []
    spent = 0.0
    while True:
        fits = open_ & (cost <= budget - spent)
        if not fits.any():
            break
        gain = coverage + extra
        # Rounded so that float noise (sums taken in whatever order a set of concepts comes in,
        # which follows Python's hash seed) cannot break an exact tie differently between runs.
        ratio = np.where(fits, np.round(gain / scale, 9), -np.inf)
        best = int(np.argmax(ratio))
        if gain[best] <= 0:
            break
        chosen.append(best)
        spent += cost[best]
        open_[best] = False
        for k in columns_of[best]:
            if uncovered[k]:
                coverage[carriers[k]] -= uncovered[k]
                uncovered[k] = 0.0
        for g in groups_of.get(best, ()):
            for j in exclusive_groups[g]:
                open_[j] = False
    best_single = max(eligible, key=lambda j: single_value[j])
    covered = {k for j in chosen for k in columns_of[j]}
    total = float(concept_weight[sorted(covered)].sum() + extra[chosen].sum())
    if single_value[best_single] > total:
        return [best_single]
    return sorted(chosen)
