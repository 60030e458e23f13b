"""The JSON form of a summary: the contract the README documents (schema version 1)."""

from __future__ import annotations

from typing import Any

from khulasa.model import Document, Summary, SummarySentence

SCHEMA_VERSION = 1


def summary_to_dict(summary: Summary) -> dict[str, Any]:
    """A plain-data view of ``summary``, safe to ``json.dumps``."""
    from khulasa import __version__

    return {
        "schema_version": SCHEMA_VERSION,
        "khulasa_version": __version__,
        "story": {
            "id": summary.story.id,
            "outlets": list(summary.story.outlets),
            "documents": [_document(d) for d in summary.story.documents],
        },
        "budget": {
            "unit": summary.budget.unit,
            "limit": summary.budget.limit,
            "used": summary.length,
        },
        "summary": [_sentence(s) for s in summary.sentences],
        "warnings": list(summary.warnings),
        "problems": [
            {"origin": p.origin, "reason": p.reason, "severity": p.severity}
            for p in summary.problems
        ],
    }


def _sentence(sentence: SummarySentence) -> dict[str, Any]:
    return {
        "text": sentence.text,
        "doc_id": sentence.doc_id,
        "sentence_index": sentence.sentence_index,
        "outlets": list(sentence.outlets),
        "support_count": sentence.support_count,
        "support": [
            {
                "doc_id": s.doc_id,
                "outlet": s.outlet,
                "sentence_index": s.sentence_index,
                "similarity": s.similarity,
                "text": s.text,
            }
            for s in sentence.support
        ],
    }


def _document(doc: Document) -> dict[str, Any]:
    article = doc.article
    return {
        "id": doc.id,
        "outlet": doc.outlet,
        "title": article.title,
        "url": article.url,
        "published": article.published.isoformat() if article.published else None,
        "origin": article.origin,
        "sentences": len(doc.sentences),
        "dropped_lines": len(doc.dropped),
    }
