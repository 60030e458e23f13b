"""Store: a SQLite database of ingested articles, their near-duplicate groups and stories."""

from khulasa.store.db import (
    DEFAULT_DB,
    ArticleRow,
    OpenStoryState,
    PendingRow,
    Store,
    StoredArticle,
    StoreError,
    StoryDelta,
    StoryRow,
)
from khulasa.store.schema import LATEST, current_version, migrate

__all__ = [
    "DEFAULT_DB",
    "LATEST",
    "ArticleRow",
    "OpenStoryState",
    "PendingRow",
    "Store",
    "StoreError",
    "StoredArticle",
    "StoryDelta",
    "StoryRow",
    "current_version",
    "migrate",
]
