"""Two claims that cannot both be right: a denial or negation of what the other reports, or
"the fighting stopped" against "it went on" about one place; and one item per dispute.

Each rule reads two :class:`~khulasa.facts.conflicts.claims.Claim` and returns a pairwise
:class:`Conflict` or None; :func:`grouped` then joins the pairs of one dispute so a reader sees
it once with every sentence on each side.
"""

from __future__ import annotations

from collections.abc import Mapping

from khulasa.facts.conflicts.claims import Claim, Settings
from khulasa.facts.model import Conflict
from khulasa.facts.pairs import cosine


def negation_conflict(
    neg: Claim,
    pos: Claim,
    settings: Settings,
    speakers: Mapping[tuple[str, int], set[str]] | None,
) -> Conflict | None:
    """``neg`` negates or denies the very thing ``pos`` asserts (None when it does not)."""
    s = settings
    same_doc = neg.source.doc_id == pos.source.doc_id
    if (same_doc and not neg.denial) or not neg.negated or pos.negative:
        return None
    if same_doc and speakers is not None:
        # one article: the claim must come from someone other than the one denying it
        said = speakers.get((pos.source.doc_id, pos.source.sentence_index), set())
        denied_by = speakers.get((neg.source.doc_id, neg.source.sentence_index), set())
        if not said or said & denied_by:
            return None
    if sum(pos.terms.values()) < s.min_terms:
        return None
    shared = neg.negated & set(pos.terms)
    content = shared - neg.names - pos.names
    if len(shared) < s.contradict_shared or len(content) < s.contradict_content:
        return None
    if not neg.heads & set(pos.terms) or pos.reports_dispute:
        return None  # the other side must assert the very thing negated
    if cosine(neg.terms, pos.terms) < s.contradict_cosine:
        return None
    if not any(_asserts(scope, people, pos, s) for scope, people in neg.scopes):
        return None
    reason = "denial" if neg.denial else "negation"
    return Conflict(
        "contradiction",
        f"{reason}: one side negates what the other reports",
        (neg.source,),
        (pos.source,),
        tuple(sorted(shared)),
    )


def _asserts(scope: frozenset[str], people: frozenset[str], pos: Claim, settings: Settings) -> bool:
    """Does ``pos`` assert what one negation denies: most of its content, and its people?

    Sharing words is not enough: "Rummenigge denied plans to sell Müller to Manchester
    United" shares most of its words with "Bayern sold Schweinsteiger to Manchester United"
    but names another player; "the minister denied the postponement" shares only the
    minister with "the minister holds a meeting".
    """
    if not scope or not people <= pos.entities:
        return False
    return len(scope & set(pos.terms)) >= settings.contradict_coverage * len(scope)


def reversal(halt: Claim, go_on: Claim) -> Conflict | None:
    """``halt`` says the fighting stopped where ``go_on``, another outlet, says it went on."""
    if halt.source.outlet == go_on.source.outlet or not halt.halt or not go_on.goes_on:
        return None
    if halt.goes_on or go_on.halt or not halt.places & go_on.places:
        return None  # one-sided claims about the same place only ("a truce that lasts …")
    actors = (halt.halt & go_on.goes_on) - {"*"}
    if not actors and "*" not in go_on.goes_on:
        return None
    shared = sorted(actors | (halt.places & go_on.places))
    return Conflict(
        "contradiction",
        "reversal: one side says the fighting stopped, the other that it went on",
        (halt.source,),
        (go_on.source,),
        tuple(shared),
    )


def grouped(groups: dict[tuple[str, ...], list[Conflict]]) -> list[Conflict]:
    """One item per dispute, the ones more outlets take part in first."""
    merged = _join_disputes([merge(items) for items in groups.values()])
    merged.sort(key=lambda c: (-len(c.outlets), c.reason))
    return merged


def _join_disputes(conflicts: list[Conflict]) -> list[Conflict]:
    """One item per dispute: conflicts of the same kind that share a sentence are joined.

    Four outlets reporting one denial against one claim are one dispute with four sentences on
    one side, not four conflicts.
    """
    joined: list[Conflict] = []
    for conflict in conflicts:
        ids = {(s.doc_id, s.sentence_index) for s in (*conflict.side_a, *conflict.side_b)}
        for n, other in enumerate(joined):
            other_ids = {(s.doc_id, s.sentence_index) for s in (*other.side_a, *other.side_b)}
            if other.kind == conflict.kind and other.reason == conflict.reason and ids & other_ids:
                joined[n] = merge([other, conflict])
                break
        else:
            joined.append(conflict)
    return joined


def merge(items: list[Conflict]) -> Conflict:
    """One conflict from several pairs that share a side."""
    side_a = tuple(dict.fromkeys(src for c in items for src in c.side_a))
    side_b = tuple(dict.fromkeys(src for c in items for src in c.side_b))
    order = {s: i for i, s in enumerate(side_a)}
    side_b = tuple(s for s in side_b if s not in order)
    shared = tuple(sorted({w for c in items for w in c.shared}))
    return Conflict(items[0].kind, items[0].reason, side_a, side_b, shared)
