"""Live ingest: watch folders and follow RSS/Atom feeds, feeding the same intake as the CLI.

``watch`` (a folder, polled), ``fetch`` (a guarded, polite HTTP client), ``feeds`` (follow, poll,
record each entry), ``loop`` (``run_forever``, for a foreground command or a server's thread).
"""

from khulasa.live.feeds import FeedError, follow, poll_all, poll_feed, unfollow
from khulasa.live.fetch import Fetcher, FetchError, FetchSettings
from khulasa.live.loop import run_forever
from khulasa.live.watch import Watcher, WatchError

__all__ = [
    "FeedError",
    "FetchError",
    "FetchSettings",
    "Fetcher",
    "WatchError",
    "Watcher",
    "follow",
    "poll_all",
    "poll_feed",
    "run_forever",
    "unfollow",
]
