"""HTML → main text, through trafilatura (the maintained tool for exactly this job)."""

from __future__ import annotations


def html_to_text(html: str) -> tuple[str, str | None]:
    """The page's main text (one paragraph per line) and its title, if the page names one.

    Comments, tables and link lists are left out: they are the furniture we are here to remove.
    trafilatura is imported here, not at module level: it costs ~0.5 s and plain text needs none.
    """
    import trafilatura

    text = trafilatura.extract(
        html,
        include_comments=False,
        include_tables=False,
        include_links=False,
        include_images=False,
        favor_recall=True,
        deduplicate=False,  # its memory is process-wide: a long-running server would lose repeats
    )
    metadata = trafilatura.extract_metadata(html)
    title = metadata.title if metadata is not None else None
    return text or "", title
