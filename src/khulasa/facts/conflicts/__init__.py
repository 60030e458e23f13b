"""Where outlets agree and where they cannot all be right.

Claims are sentences, compared by their content stems (``Language.terms``):

- **agreements**: sentences from two or more outlets that say nearly the same thing (cosine of
  stem counts at least ``agree``), grouped so each claim is listed once with all its outlets;
- **contradictions**: one sentence denies or negates what another asserts (نفى، لم، لا، غير
  صحيح …) with the negation's scope covering words both share, or one says something stopped
  (أوقف، توقفت) where the other says it went on (تواصل، تجدد، استمر);
- **numeric conflicts**: the same quantity (unit and counted thing) with different values in
  sentences that are otherwise about the same thing.

Precision comes first: a wrong conflict misleads a reader more than a missed one helps, so
every rule demands several shared content words, and pairs from one outlet count only when one
side is an explicit denial (نفى X ما أعلنه Y).

The package is split by responsibility: what one sentence claims (:mod:`.claims`), claims
grouped into agreements and the index a story's rules read (:mod:`.index`), denials and
reversals between two claims (:mod:`.disputes`) and figures that differ (:mod:`.numeric`).
"""

from __future__ import annotations

from khulasa.facts.conflicts.claims import Settings
from khulasa.facts.conflicts.index import ClaimIndex

__all__ = ["ClaimIndex", "Settings"]
