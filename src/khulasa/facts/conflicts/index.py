"""Every sentence of a story as a comparable claim, and the claims several outlets share.

:class:`ClaimIndex` reads each sentence once (:func:`~khulasa.facts.conflicts.claims.read_claim`)
and answers the story's questions from those claims: agreements (grouped here), contradictions
(:mod:`.disputes`) and numeric conflicts (:mod:`.numeric`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from functools import cached_property
from itertools import combinations

from khulasa.facts.conflicts.claims import Claim, Mentions, Settings, read_claim
from khulasa.facts.conflicts.disputes import grouped, negation_conflict, reversal
from khulasa.facts.conflicts.numeric import numeric_conflicts
from khulasa.facts.model import Agreement, Conflict, NumberFact, Source
from khulasa.facts.pairs import cosine, sharing, similar
from khulasa.language import get_language


class ClaimIndex:
    """Every sentence of a story as a comparable claim."""

    def __init__(
        self,
        sources: Sequence[Source],
        mentions: Mentions | None = None,
        settings: Settings | None = None,
        speakers: Mapping[tuple[str, int], set[str]] | None = None,
    ) -> None:
        self.settings = settings or Settings()
        self._language = get_language("ar")
        self._mentions = mentions or {}
        self._speakers = speakers  # who is quoted in each sentence, when quotes were read
        self.claims = [
            read_claim(self._language, s, self._mentions.get((s.doc_id, s.sentence_index), ()))
            for s in sources
        ]

    # -- agreements ---------------------------------------------------------------------------

    def agreements(self) -> list[Agreement]:
        """Claims two or more outlets make in nearly the same words, each listed once.

        Greedy average-link grouping: the most similar cross-outlet pairs seed groups, and a
        sentence joins a group only if its mean similarity to every member is high enough and
        its outlet is not in the group yet, so loosely related sentences do not chain together.
        """
        s = self.settings
        usable = [c for c in self.claims if sum(c.terms.values()) >= s.min_terms]
        pairs = [
            (sim, a, b)
            for sim, a, b in similar([c.terms for c in usable], s.agree)
            if usable[a].source.outlet != usable[b].source.outlet
        ]
        pairs.sort(reverse=True)
        group_of: dict[int, int] = {}
        groups: list[list[int]] = []
        for _, a, b in pairs:
            for new, old in ((a, b), (b, a)):
                if new in group_of and old not in group_of:
                    self._join(groups[group_of[new]], old, usable, group_of, group_of[new])
            if a not in group_of and b not in group_of:
                group_of[a] = group_of[b] = len(groups)
                groups.append([a, b])
        found = []
        for members in groups:
            sims = [cosine(usable[x].terms, usable[y].terms) for x, y in combinations(members, 2)]
            central = max(
                members,
                key=lambda i: sum(cosine(usable[i].terms, usable[j].terms) for j in members),
            )
            sources = tuple(usable[i].source for i in sorted(members))
            found.append(Agreement(usable[central].source.sentence, sources, round(min(sims), 3)))
        found.sort(key=lambda g: (-len(g.outlets), -g.similarity))
        return found

    def _join(
        self,
        members: list[int],
        candidate: int,
        usable: list[Claim],
        group_of: dict[int, int],
        index: int,
    ) -> None:
        outlets = {usable[m].source.outlet for m in members}
        if usable[candidate].source.outlet in outlets:
            return
        mean = sum(cosine(usable[candidate].terms, usable[m].terms) for m in members) / len(members)
        if mean >= self.settings.agree:
            members.append(candidate)
            group_of[candidate] = index

    # -- contradictions -----------------------------------------------------------------------

    def contradictions(self) -> list[Conflict]:
        """Denied claims and stopped-vs-continued reports, with both sides' sentences.

        Pairs are grouped so a reader sees one item per dispute: a denial with every sentence
        it contradicts, and one "stopped vs went on" item per place with all sentences on each
        side.
        """
        return self._disputes[0]

    def possible_contradictions(self) -> list[Conflict]:
        """Claims another outlet negates with a bare لم/لا/لن/ليس, not with a denial verb.

        The weakest kind of contradiction: a bare negation matched to another outlet's claim
        usually negates something else in a sentence on the same subject (none of 15 was real on
        unseen news, bench/results/facts.md), so :func:`khulasa.facts.extract_facts` ranks these
        after the denials and reversals of :meth:`contradictions`, all of them leads to check.
        """
        return self._disputes[1]

    @cached_property
    def _disputes(self) -> tuple[list[Conflict], list[Conflict]]:
        """(denials and reversals, bare negations), from one pass over the pairs of claims."""
        strong: dict[tuple[str, ...], list[Conflict]] = {}
        bare: dict[tuple[str, ...], list[Conflict]] = {}
        for ca, cb in self._pairs_to_compare():
            for neg, pos in ((ca, cb), (cb, ca)):
                negation = negation_conflict(neg, pos, self.settings, self._speakers)
                if negation is not None:
                    ident = ("negation", neg.source.doc_id, str(neg.source.sentence_index))
                    (strong if neg.denial else bare).setdefault(ident, []).append(negation)
                reversed_ = reversal(neg, pos)
                if reversed_ is not None:
                    ident = ("reversal", *sorted(neg.places & pos.places))
                    strong.setdefault(ident, []).append(reversed_)
        return grouped(strong), grouped(bare)

    def _pairs_to_compare(self) -> list[tuple[Claim, Claim]]:
        """The pairs of claims, in order, that can hold a negation or a reversal.

        A negation needs the negated scope of one side to share ``contradict_shared`` stems with
        the other's words, a reversal a place on both sides: pairs are found through those, so
        the cost follows what claims share, not every pair of a story's sentences.
        """
        claims = self.claims
        need = self.settings.contradict_shared
        if need <= 0:
            return list(combinations(claims, 2))
        terms = [c.terms for c in claims]
        pairs = sharing([c.negated for c in claims], terms, need)
        pairs |= sharing(
            [c.places if c.halt else () for c in claims], [c.places for c in claims], 1
        )
        return [(claims[a], claims[b]) for a, b in sorted(pairs)]

    # -- numbers ------------------------------------------------------------------------------

    def numeric_conflicts(self, numbers: Sequence[NumberFact]) -> list[Conflict]:
        """Same quantity, different values, in sentences about the same thing."""
        return numeric_conflicts(self.claims, numbers, self.settings, self._language)
