from khulasa.summarizer.select import select_sentences


def test_picks_the_optimal_set_not_the_greedy_one():
    # Greedy by weight per cost takes sentence 0 first and then nothing fits; the optimum is 1+2.
    costs = [6, 5, 5]
    concepts = [frozenset({"a", "b"}), frozenset({"a", "c"}), frozenset({"b", "d"})]
    weights = {"a": 3.0, "b": 3.0, "c": 2.0, "d": 2.0}
    assert select_sentences(costs, concepts, weights, budget=10) == [1, 2]


def test_budget_is_never_exceeded_and_oversized_sentences_are_skipped():
    costs = [30, 4, 4, 4]
    concepts = [frozenset({"x", "y", "z"}), frozenset({"x"}), frozenset({"y"}), frozenset({"z"})]
    weights = {"x": 1.0, "y": 1.0, "z": 1.0}
    chosen = select_sentences(costs, concepts, weights, budget=8)
    assert sum(costs[j] for j in chosen) <= 8
    assert 0 not in chosen and len(chosen) == 2


def test_copies_in_an_exclusive_group_are_never_chosen_together():
    costs = [5, 5, 5]
    concepts = [frozenset({"a"}), frozenset({"a", "b"}), frozenset({"c"})]
    weights = {"a": 2.0, "b": 2.0, "c": 1.0}
    chosen = select_sentences(costs, concepts, weights, budget=15, exclusive_groups=[[0, 1]])
    assert chosen == [1, 2]


def test_redundant_sentence_adds_nothing():
    costs = [5, 5, 5]
    concepts = [frozenset({"a", "b"}), frozenset({"a", "b"}), frozenset({"c"})]
    weights = {"a": 2.0, "b": 2.0, "c": 1.0}
    assert len(select_sentences(costs, concepts, weights, budget=10)) == 2
    assert 2 in select_sentences(costs, concepts, weights, budget=10)
