"""The selection program gives the true optimum, whichever HiGHS binding runs it."""

import itertools
import random

import pytest

from khulasa.summarizer import select
from khulasa.summarizer.select import select_sentences


def _brute_force(costs, concepts, weights, budget, bonus):
    best = -1.0
    for size in range(len(costs) + 1):
        for subset in itertools.combinations(range(len(costs)), size):
            if sum(costs[j] for j in subset) > budget:
                continue
            covered = set().union(*(concepts[j] for j in subset)) if subset else set()
            value = sum(weights.get(c, 0.0) for c in covered) + sum(bonus[j] for j in subset)
            best = max(best, value)
    return best


def _value(chosen, concepts, weights, bonus):
    covered = set().union(*(concepts[j] for j in chosen)) if chosen else set()
    return sum(weights.get(c, 0.0) for c in covered) + sum(bonus[j] for j in chosen)


@pytest.mark.parametrize("backend", ["highspy", "scipy"])
def test_random_small_programs_are_solved_exactly(backend, monkeypatch):
    if backend == "highspy":
        pytest.importorskip("highspy")
    else:
        monkeypatch.setattr(
            select, "_solve", lambda p, t, g, start=None: select._solve_scipy(p, t, g)
        )
    rng = random.Random(7)
    for _ in range(25):
        n = rng.randint(3, 9)
        costs = [rng.randint(3, 12) for _ in range(n)]
        concepts = [frozenset(rng.sample("abcdefgh", rng.randint(1, 4))) for _ in range(n)]
        weights = {c: float(rng.randint(1, 5)) for c in "abcdefg"}  # "h" has no weight
        bonus = [round(rng.random() * 3, 2) for _ in range(n)]
        budget = rng.randint(8, 30)
        chosen = select_sentences(costs, concepts, weights, budget, bonus=bonus)
        assert sum(costs[j] for j in chosen) <= budget
        assert _value(chosen, concepts, weights, bonus) == pytest.approx(
            _brute_force(costs, concepts, weights, budget, bonus)
        )


def test_greedy_keeps_the_budget_and_its_approximation_guarantee():
    rng = random.Random(11)
    ratios = []
    for _ in range(40):
        n = rng.randint(3, 9)
        costs = [rng.randint(3, 12) for _ in range(n)]
        concepts = [frozenset(rng.sample("abcdefgh", rng.randint(1, 4))) for _ in range(n)]
        weights = {c: float(rng.randint(1, 5)) for c in "abcdefg"}
        bonus = [round(rng.random() * 3, 2) for _ in range(n)]
        budget = rng.randint(8, 30)
        chosen = select.greedy_select(costs, concepts, weights, budget, bonus=bonus)
        assert sum(costs[j] for j in chosen) <= budget
        best = _brute_force(costs, concepts, weights, budget, bonus)
        value = _value(chosen, concepts, weights, bonus)
        assert value >= (1 - 1 / 2.718281828) / 2 * best - 1e-9
        ratios.append(value / best if best else 1.0)
    assert sum(ratios) / len(ratios) > 0.9  # far better than the worst case in practice


def test_greedy_never_takes_two_copies():
    costs = [5, 5, 5]
    concepts = [frozenset({"a"}), frozenset({"a", "b"}), frozenset({"c"})]
    weights = {"a": 2.0, "b": 2.0, "c": 1.0}
    chosen = select.greedy_select(costs, concepts, weights, 15, exclusive_groups=[[0, 1]])
    assert chosen == [1, 2]
