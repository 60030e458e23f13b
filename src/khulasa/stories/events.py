"""Stories that are events: an article joins a story only when it is the same event as enough of
the story's members.

The older clusterer (:mod:`khulasa.stories.cluster`) compared an article with a story's
centroid, and a centroid drifts: each article close to the last few pulls it a little further,
until "the Abha bombing" has become "the news from Asir" and then "security news". Here there is
no centroid. A new article is compared, pair by pair, with the members it shares rare title or
lead terms with (candidates from an inverted index, within ``window_days``); a learned model
(:mod:`khulasa.stories.pairs`) gives each pair a probability of being one event; and a story's
score is the mean of its ``top_k`` strongest pairs, counting a story's missing pairs as zeros when
it is smaller than that (``decision="pairs"``, the default).

A second, story-level learned decision (:mod:`khulasa.stories.joins`: the article against the
whole story — members matched and their share, the story's core names and numbers, the day
from the story's first) is available as ``decision="story"`` (it decides alone) or ``"veto"``
(it may refuse what the pair rule proposes). On the development days neither beat the pair
rule's B³ F1 (``bench/results/events.md``), so it is not the default. Its story-to-story
links (``link_count``, off in the shipped model) are counted in memory only: an ingest
restarted between batches would start them again from zero.

A story's span is bounded (``max_span_days``).

After each batch the ingest asks :meth:`EventClusterer.merges` whether stories the batch touched
should be one: the scored pairs kept from the article decisions link stories, and the learned
story-merge decision (:mod:`khulasa.stories.merge`) rejoins the fragments of one big event
that the article-by-article rule leaves apart (``merge``, on by default).

Everything is decided in arrival order from state that is a pure function of what arrived
before, so a batch replayed gives the same stories; the ingest engine orders each batch by day
and content hash before placing it, so the order of a batch's input does not matter either.
Each member's arrival state (:mod:`khulasa.stories.arrival`) is stored with its batch, so an
ingest stopped and started again between two batches decides as one that ran on.
"""

from __future__ import annotations

import heapq
import math
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace

from khulasa.stories.arrival import ArrivalState
from khulasa.stories.joins import (
    StoryJoinModel,
    StoryStats,
    shipped_story_model,
    story_features,
)
from khulasa.stories.merge import (
    WEAK,
    StoryMergeModel,
    StoryView,
    cross_links,
    decide_merges,
    shipped_merge_model,
)
from khulasa.stories.pairs import (
    Member,
    SameEventModel,
    cosine,
    make_member,
    shipped_model,
)
from khulasa.stories.profile import EventProfile


@dataclass(frozen=True)
class EventSettings:
    """The story decision. ``join`` and ``top_k`` were chosen on the development days of the
    event gold (``bench/train_same_event.py --tune``); the rest bound the work per article."""

    # "story": the learned story-level decision (``joins.py``) with its shipped threshold;
    # "pairs": the earlier rule, the mean of a story's top_k pair probabilities against ``join``;
    # "veto": the pair rule, except where the story model gives the story less than its veto.
    # Measured on dev (bench/results/events.md): neither "story" nor "veto" beat "pairs".
    decision: str = "pairs"
    story_join: float | None = None  # overrides the story model's shipped threshold
    join: float = 0.4  # mean probability over a story's top_k pairs needed to join it
    top_k: int = 2  # pairs averaged (a smaller story counts its missing pairs as 0) ...
    grow_k: float = 0.0  # ... rising with the square root of the story's size times this
    # An article that is the same event as two stories by this much joins them into one: the
    # first reports of an event often open separate stories that a later one bridges (the
    # pair rule's bar; the story model ships its own).
    bridge: float = 1.1
    window_days: int = 3  # members compared: within this many days of the article
    max_span_days: int = 7  # a story never spans more days than this
    seed_terms: int = 15  # the article's rarest title and lead terms look up candidates
    candidates: int = 60  # members scored per article
    common_share: float = 0.03  # terms in more than this share of documents seed nothing
    keep_undated: int = 3000  # undated members kept for comparison (by arrival)
    # After each batch, stories linked by enough strong article pairs are put to the learned
    # merge decision (``merge.py``): the reports, reactions and funerals of one big event open
    # stories of their own that the article-by-article rule cannot rejoin.
    merge: bool = True
    merge_bar: float | None = None  # overrides the merge model's shipped bar


@dataclass
class _Story:
    members: set[int] = field(default_factory=set)
    first_day: int | None = None
    last_day: int | None = None
    stats: StoryStats = field(default_factory=StoryStats)

    def span_with(self, day: int | None) -> int:
        days = [d for d in (self.first_day, self.last_day, day) if d is not None]
        return max(days) - min(days) if days else 0


class EventClusterer:
    """Open members and stories; document frequencies come from ``frequencies()``."""

    def __init__(
        self,
        frequencies: Callable[[], tuple[Counter[str], int]],
        settings: EventSettings | None = None,
        model: SameEventModel | None = None,
        story_model: StoryJoinModel | None = None,
        merge_model: StoryMergeModel | None = None,
    ) -> None:
        self.settings = settings or EventSettings()
        self.model = model or shipped_model()
        self.merge_model = (merge_model or shipped_merge_model()) if self.settings.merge else None
        if story_model is None and self.settings.decision != "pairs":
            story_model = shipped_story_model()
        self.story_model = story_model
        if self.settings.decision != "pairs" and self.story_model is None:
            raise ValueError("no story model shipped; run bench/train_story_join.py")
        self._frequencies = frequencies
        self.members: dict[int, Member] = {}
        self.story_of: dict[int, int] = {}
        self.stories: dict[int, _Story] = {}
        self._postings: dict[str, set[int]] = {}
        self._links: Counter[tuple[int, int]] = Counter()  # story pairs, joiners likely for both
        self._undated: list[int] = []
        # Scored article pairs at least WEAK likely, (older, newer) → P: the merge evidence.
        self._evidence: dict[tuple[int, int], float] = {}
        self._unscored: set[int] = set()  # reloaded members whose pairs are not scored yet
        # What a member was built with on arrival, until the batch stores it (``take_states``):
        # its terms' weights, its rare terms and its scored pairs. A restarted engine rebuilds
        # the member from these, not from today's frequencies, so it decides as one that ran on.
        self._arrived: dict[int, ArrivalState] = {}
        self._gone: list[int] = []  # expired members whose stored state can go

    # -- members ----------------------------------------------------------------------------

    def member(
        self,
        article_id: int,
        outlet: str | None,
        profile: EventProfile,
        body_terms: Sequence[tuple[str, int]],
        signature: bytes,
    ) -> Member:
        """The comparable form of an article, weighted by the stream's current frequencies."""
        df, n_docs = self._frequencies()
        idf = {t: self._idf(df, n_docs, t) for t in {*profile.title, *profile.lead}}
        idf.update((t, self._idf(df, n_docs, t)) for t, _ in body_terms)
        rare_cut = max(3, 0.002 * n_docs)
        rare = frozenset(t for t in {*profile.title, *profile.lead} if df.get(t, 0) <= rare_cut)
        self._arrived[article_id] = ArrivalState(idf, rare, [])
        return make_member(article_id, outlet, profile, body_terms, signature, idf, rare)

    def restore_member(
        self,
        article_id: int,
        outlet: str | None,
        profile: EventProfile,
        body_terms: Sequence[tuple[str, int]],
        signature: bytes,
        state: ArrivalState,
    ) -> Member:
        """A member reloaded from the store as it was built on arrival, with its scored pairs
        (those whose other side is still open are kept once every member is loaded)."""
        member = make_member(
            article_id, outlet, profile, body_terms, signature, state.idf, state.rare
        )
        for other, p in state.evidence:
            self._evidence[(other, article_id)] = p
        return member

    def restore_days(self, story_id: int, first: int | None, last: int | None) -> None:
        """A reloaded story's first and last day, over all its articles (not only the open
        ones), as the running engine held them: its span bound depends on them."""
        story = self.stories.get(story_id)
        if story is not None:
            story.first_day, story.last_day = first, last

    def settle_restored(self) -> None:
        """After a reload: drop the scored pairs whose other side is no longer open."""
        members = self.members
        self._evidence = {
            k: p for k, p in self._evidence.items() if k[0] in members and k[1] in members
        }

    def take_states(self) -> list[tuple[int, ArrivalState]]:
        """The arrival states of the members added since the last call, for the store."""
        states = [(i, st) for i, st in self._arrived.items() if i in self.members]
        self._arrived = {}
        return states

    def forget_states(self, article_ids: set[int]) -> None:
        """Stored states of members that are no longer open: dropped with the next batch."""
        self._gone += sorted(article_ids)

    def take_gone(self) -> list[int]:
        """The members expired since the last call, whose stored states can be dropped."""
        gone, self._gone = self._gone, []
        return gone

    @staticmethod
    def _idf(df: Counter[str], n_docs: int, term: str) -> float:
        return math.log((n_docs + 1) / (df.get(term, 0) + 1)) + 1.0

    def candidates(self, member: Member) -> list[Member]:
        """Open members sharing the article's rarest title/lead terms, best first."""
        df, n_docs = self._frequencies()
        settings = self.settings
        common = settings.common_share * max(n_docs, 1)
        seeds = heapq.nsmallest(
            settings.seed_terms,
            (t for t in member.keys if df.get(t, 0) <= max(common, 5)),
            key=lambda t: (df.get(t, 0), t),
        )
        score: Counter[int] = Counter()
        for term in seeds:
            weight = self._idf(df, n_docs, term)
            for other in self._postings.get(term, ()):
                score[other] += weight
        found = []
        for other_id, _ in sorted(score.items(), key=lambda kv: (-kv[1], kv[0])):
            other = self.members[other_id]
            dated = member.day is not None and other.day is not None
            if dated and abs(member.day - other.day) > settings.window_days:  # type: ignore[operator]
                continue
            found.append(other)
            if len(found) >= settings.candidates:
                break
        return found

    # -- the decision -----------------------------------------------------------------------

    def decide(self, member: Member) -> tuple[int | None, float]:
        """``(story to join or None for a new one, its score)``."""
        story, score, _ = self.decide_with_bridges(member)
        return story, score

    def decide_with_bridges(self, member: Member) -> tuple[int | None, float, list[int]]:
        """``(story to join or None, its score, other stories it bridges into that one)``."""
        settings = self.settings
        scored = self.story_candidates(member, features=settings.decision != "pairs")
        if not scored:
            return None, 0.0, []
        if settings.decision == "veto":
            assert self.story_model is not None
            p = self.story_model.probability([row for _, row, _ in scored]).tolist()
            veto = self.story_model.veto
            scores = {
                story_id: old if q >= veto else 0.0
                for (story_id, _, old), q in zip(scored, p, strict=True)
            }
            bar, fold = settings.join, settings.bridge
        elif settings.decision == "story":
            assert self.story_model is not None
            ids = [story_id for story_id, _, _ in scored]
            p = self.story_model.probability([row for _, row, _ in scored]).tolist()
            scores = dict(zip(ids, p, strict=True))
            bar = self.story_model.threshold if settings.story_join is None else settings.story_join
            fold = self.story_model.bridge
        else:
            scores = {story_id: old for story_id, _, old in scored}
            bar, fold = settings.join, settings.bridge
        best = min(scores, key=lambda s: (-scores[s], s))
        if scores[best] < bar:
            return None, scores[best], []
        bridged = sorted(s for s, v in scores.items() if s != best and v >= fold)
        if settings.decision == "story":
            bridged = sorted({*bridged, *self._linked(best, scores)})
        return best, scores[best], bridged

    def _linked(self, best: int, scores: dict[int, float]) -> list[int]:
        """Count this joiner as a link between its story and each other story it is likely
        for; the stories whose links reach the model's ``link_count`` are to be folded in."""
        model = self.story_model
        assert model is not None
        if model.link_count <= 0:
            return []
        out = []
        for other, p in scores.items():
            if other == best or p < model.link_p:
                continue
            key = (min(best, other), max(best, other))
            self._links[key] += 1
            if self._links[key] >= model.link_count:
                out.append(other)
        return out

    def story_candidates(
        self, member: Member, features: bool = True
    ) -> list[tuple[int, list[float], float]]:
        """``(story, its story-level feature row, the old top_k score)`` for every open story
        the article's candidate members belong to and that its day does not stretch too far
        (the row is empty when ``features`` is false: the pair rule does not need it)."""
        found = self.candidates(member)
        if not found:
            return []
        rows, probability = self.model.score(member, found)
        self._keep_evidence(member, found, probability)
        by_story: dict[int, tuple[list[float], list[float]]] = {}
        for other, row, p in zip(found, rows, probability, strict=True):
            ps, titles = by_story.setdefault(self.story_of[other.article_id], ([], []))
            ps.append(p)
            titles.append(row[0])
        df, n_docs = self._frequencies()
        idf = {t: self._idf(df, n_docs, t) for t in member.rare}
        k = self.settings.top_k
        out = []
        for story_id, (ps, titles) in sorted(by_story.items()):
            story = self.stories[story_id]
            span = story.span_with(member.day)
            if span > self.settings.max_span_days:
                continue
            size = len(story.members)
            need = min(max(k, round(self.settings.grow_k * math.sqrt(size))), size)
            old = sum(heapq.nlargest(need, ps)) / need
            row = (
                story_features(member, story.stats, ps, titles, story.first_day, span, idf)
                if features
                else []
            )
            out.append((story_id, row, old))
        return out

    def _keep_evidence(self, member: Member, found: list[Member], probability: list[float]) -> None:
        if self.merge_model is None:
            return
        arrived = self._arrived.get(member.article_id)
        for other, p in zip(found, probability, strict=True):
            if p >= WEAK:
                self._evidence[(other.article_id, member.article_id)] = p
                if arrived is not None:
                    arrived.evidence.append((other.article_id, p))

    def restored(self, member: Member) -> None:
        """Mark a member reloaded without its arrival state (placed before schema v7 kept
        it): its scored pairs are scored again, but only when a batch touches its story
        (:meth:`_rescore`). Rescoring every open member at start-up cost 6 s of CPU for one
        day's 3,100 members, paid by every ``khulasa ingest`` and every rebuild of the live
        intake."""
        if self.merge_model is not None:
            self._unscored.add(member.article_id)

    def _rescore(self, stories: set[int]) -> None:
        """Score the reloaded members of ``stories`` against their candidates (the merge
        evidence they had before the restart, under today's frequencies)."""
        ids = sorted(i for s in stories for i in self.stories[s].members & self._unscored)
        for article_id in ids:
            self._unscored.discard(article_id)
            member = self.members[article_id]
            found = [o for o in self.candidates(member) if o.article_id != article_id]
            if not found:
                continue
            _, p = self.model.score(member, found)
            for other, q in zip(found, p, strict=True):
                if q >= WEAK:
                    key = (min(article_id, other.article_id), max(article_id, other.article_id))
                    self._evidence[key] = q

    def merges(self, touched: set[int]) -> list[tuple[int, int]]:
        """``(gone, into)``: the stories to merge now, among those linked to a ``touched``
        one, by the learned merge decision; the caller folds them in this order."""
        if self.merge_model is None or not touched:
            return []
        if self._unscored:
            self._rescore({s for s in touched if s in self.stories})
        story_of = self.story_of
        pairs = [
            (i, j, p)
            for (i, j), p in self._evidence.items()
            if story_of.get(i) in touched or story_of.get(j) in touched
        ]
        links = cross_links(pairs, story_of)
        views: dict[int, StoryView] = {}

        def view(story_id: int) -> StoryView:
            if story_id not in views:
                ids = sorted(self.stories[story_id].members & self.members.keys())
                views[story_id] = StoryView.of([self.members[i] for i in ids])
            return views[story_id]

        df, n_docs = self._frequencies()
        model = self.merge_model
        if self.settings.merge_bar is not None:
            model = replace(model, bar=self.settings.merge_bar)
        return decide_merges(links, view, df, n_docs, model, self.settings.max_span_days)

    def add(self, member: Member, story_id: int) -> None:
        """Hold ``member`` as part of ``story_id`` (a new id opens a story)."""
        self.members[member.article_id] = member
        self.story_of[member.article_id] = story_id
        story = self.stories.setdefault(story_id, _Story())
        story.members.add(member.article_id)
        story.stats.add(member)
        if member.day is not None:
            story.first_day = min(member.day, story.first_day or member.day)
            story.last_day = max(member.day, story.last_day or member.day)
        else:
            self._undated.append(member.article_id)
        for term in member.keys:
            self._postings.setdefault(term, set()).add(member.article_id)

    def merge(self, gone: int, into: int) -> None:
        """Story ``gone`` is now part of ``into`` (an editor's merge, or a copy's original)."""
        story = self.stories.pop(gone, None)
        if story is None:
            return
        target = self.stories.setdefault(into, _Story())
        for article_id in story.members:
            self.story_of[article_id] = into
        target.members |= story.members
        target.stats.absorb(story.stats)
        if self._links:
            moved = [key for key in self._links if gone in key]
            for key in moved:
                count = self._links.pop(key)
                other = key[0] if key[1] == gone else key[1]
                if other != into:
                    self._links[(min(into, other), max(into, other))] += count
        days = [
            d for d in (story.first_day, story.last_day, target.first_day, target.last_day) if d
        ]
        if days:
            target.first_day, target.last_day = min(days), max(days)

    def medoid(self, story_id: int, limit: int = 60) -> int | None:
        """The member most like the others (title and lead): the story's representative
        article, whose title is its headline. Large stories are judged on their newest
        ``limit`` open members."""
        story = self.stories.get(story_id)
        if not story:
            return None
        ids = sorted(i for i in story.members if i in self.members)[-limit:]
        if not ids:
            return None
        members = [self.members[i] for i in ids]
        best, best_score = ids[0], -1.0
        for a in members:
            total = sum(
                cosine(a.title, b.title) + cosine(a.lead, b.lead) for b in members if b is not a
            )
            if total > best_score + 1e-12:
                best, best_score = a.article_id, total
        return best

    def expire(self, clock: int | None) -> None:
        """Forget members that no new article can be compared with any more."""
        settings = self.settings
        gone = []
        if clock is not None:
            horizon = clock - settings.window_days - 1
            gone = [i for i, m in self.members.items() if m.day is not None and m.day < horizon]
        if len(self._undated) > settings.keep_undated:
            cut = len(self._undated) - settings.keep_undated
            gone += self._undated[:cut]
            self._undated = self._undated[cut:]
        for article_id in gone:
            member = self.members.pop(article_id, None)
            if member is None:
                continue
            self._gone.append(article_id)
            story = self.stories.get(self.story_of.get(article_id, -1))
            if story is not None:
                story.stats.remove(member)
            for term in member.keys:
                posting = self._postings.get(term)
                if posting is not None:
                    posting.discard(article_id)
                    if not posting:
                        del self._postings[term]
        live = set(self.story_of) & set(self.members)
        self.story_of = {i: self.story_of[i] for i in live}
        for story_id in [s for s, st in self.stories.items() if not (st.members & live)]:
            del self.stories[story_id]
        for story in self.stories.values():
            story.members &= live
        self._links = Counter(
            {k: c for k, c in self._links.items() if k[0] in self.stories and k[1] in self.stories}
        )
        self._unscored &= self.members.keys()
        if gone and self._evidence:
            members = self.members
            self._evidence = {
                k: p for k, p in self._evidence.items() if k[0] in members and k[1] in members
            }
