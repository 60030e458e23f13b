"""Summarize: pick whole sentences that cover what the story's outlets report, with sources."""

from khulasa.summarizer.concept import ConceptSummarizer, SummarizerSettings

__all__ = ["ConceptSummarizer", "SummarizerSettings"]
