"""Place articles that are stored but not analysed: a schema-v1 database's, or every article of
a database being reclustered (``khulasa recluster``).

They go through the same decisions as a fresh ingest, in the order of their ids — the order a
fresh ingest stored them in — so reclustering a database gives the stories a fresh ingest of its
articles would give.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from khulasa.store import StoryDelta

if TYPE_CHECKING:  # the engine imports this module
    from khulasa.stories.engine import Ingestor


class Backfill:
    """The backfill half of :class:`khulasa.stories.engine.Ingestor`."""

    def _backfill(self: Ingestor) -> None:
        from khulasa.stories.engine import _analyse, _headline

        store = self.store
        after = 0
        while rows := store.pending_analysis(after, self.settings.batch_size):
            deltas: dict[int, StoryDelta] = {}
            saved: list[tuple] = []
            touched: set[int] = set()
            with store.transaction():
                for row in rows:
                    published = date.fromisoformat(row.published) if row.published else None
                    analysis, profile, html_title, _ = _analyse(
                        self.analyzer, row.kind, row.content, row.title, published, row.clean
                    )
                    day = row.day if row.story_id is not None else profile.day
                    duplicate, story_id, vector = self._decide(analysis, day)
                    kept = row.story_id is not None  # v1 already placed it: keep that
                    if kept:
                        story_id = row.story_id
                        vector = None if duplicate else self.clusterer.vector(analysis.term_counts)
                    member = None
                    if self.events is not None:
                        member = self.events.member(
                            row.id, row.source, profile, analysis.term_counts, analysis.signature
                        )
                        if story_id is None:
                            story_id, _ = self.events.decide(member)
                    if story_id is None:
                        story_id = store.new_story(_headline(row.title or html_title, row.content))
                        self._report.new_stories += 1
                    if member is not None:
                        self.events.add(member, story_id)  # type: ignore[union-attr]
                        touched.add(story_id)
                    dup_of = duplicate.root_id if duplicate else None
                    store.assign(row.id, story_id, dup_of, day, profile.day_inferred)
                    if kept:
                        self.clusterer.add(story_id, vector, day, row.id)
                        self.dedup.add(
                            row.id,
                            analysis.signature,
                            day,
                            dup_of or row.id,
                            story_id,
                            analysis.bands,
                        )
                    else:
                        self._record(row.id, analysis, day, duplicate, story_id, vector, deltas)
                    saved.append(
                        (
                            row.id,
                            analysis.signature,
                            analysis.length,
                            analysis.terms_json,
                            profile.to_json(),
                            analysis.section,
                        )
                    )
                    self._report.backfilled += 1
                if self.events is not None:  # as an ingest does after each batch
                    touched = {self._current(s) for s in touched}
                    self._merge_linked(touched)
                self._write_stories(saved, deltas, touched)
            after = rows[-1].id
            if self.events is not None:
                self.events.expire(self.clusterer.clock)
