"""The data model that flows one way through Khulasa.

``Article`` (raw input) → ``Document`` (clean text split into sentences) → ``Story`` (documents
about one event) → ``Summary`` (sourced sentences). Every stage takes the previous stage's objects
and returns new ones; nothing is mutated in place, so any intermediate result can be inspected,
cached or serialised without surprises.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date
from typing import Literal

from khulasa.problems import Problem

ContentKind = Literal["text", "html"]


@dataclass(frozen=True)
class Article:
    """One raw article as it arrived: the bytes already decoded, nothing else touched."""

    id: str
    content: str
    kind: ContentKind = "text"
    source: str | None = None
    url: str | None = None
    published: date | None = None
    title: str | None = None
    origin: str | None = None  # where it was read from (a path, "stdin", "file.jsonl:3")

    @property
    def outlet(self) -> str:
        """The outlet name to show to a reader; the article id when the outlet is unknown."""
        return self.source or self.id

    @property
    def content_hash(self) -> str:
        """A stable key for the content, so the same article ingested twice is recognised."""
        return hashlib.sha1(self.content.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Sentence:
    """A sentence of a cleaned document, with its place in that document."""

    doc_id: str
    index: int  # position among the document's sentences, from 0
    text: str
    paragraph: int = 0  # which paragraph of the clean text it came from


@dataclass(frozen=True)
class Document:
    """An article after cleaning: body text only, split into sentences.

    ``dropped`` keeps the lines the boilerplate filter removed, so a user can see (and a test can
    check) what was thrown away rather than trusting it blindly.
    """

    article: Article
    text: str
    sentences: tuple[Sentence, ...]
    language: str = "ar"
    dropped: tuple[str, ...] = ()

    @property
    def id(self) -> str:
        return self.article.id

    @property
    def outlet(self) -> str:
        return self.article.outlet


@dataclass(frozen=True)
class Story:
    """Documents that report one event. v0 treats one call's input as one story."""

    id: str
    documents: tuple[Document, ...]

    @property
    def outlets(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(d.outlet for d in self.documents))


@dataclass(frozen=True)
class Support:
    """A source sentence that says (nearly) the same thing as a summary sentence."""

    doc_id: str
    outlet: str
    sentence_index: int
    text: str
    similarity: float  # 1.0 for the sentence the summary quotes; cosine of stems otherwise


@dataclass(frozen=True)
class SummarySentence:
    """One sentence of the summary, quoted whole from a source, with everyone who reports it."""

    text: str
    doc_id: str
    sentence_index: int
    support: tuple[Support, ...]

    @property
    def outlets(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(s.outlet for s in self.support))

    @property
    def support_count(self) -> int:
        """How many distinct outlets report this sentence's content."""
        return len(self.outlets)


@dataclass(frozen=True)
class Budget:
    """A length limit: ``words`` or ``chars``, never both."""

    words: int | None = None
    chars: int | None = None

    def __post_init__(self) -> None:
        if (self.words is None) == (self.chars is None):
            raise ValueError("give exactly one of words= or chars=")
        limit = self.words if self.words is not None else self.chars
        if limit is None or limit <= 0:
            raise ValueError("the budget must be a positive number")

    @property
    def unit(self) -> Literal["words", "chars"]:
        return "words" if self.words is not None else "chars"

    @property
    def limit(self) -> int:
        return self.words if self.words is not None else self.chars  # type: ignore[return-value]

    def cost(self, text: str) -> int:
        """Length of ``text`` in this budget's unit."""
        return len(text.split()) if self.words is not None else len(text)

    def sentence_cost(self, text: str) -> int:
        """What adding ``text`` to a summary costs, counting the space that joins it (chars)."""
        return self.cost(text) + (0 if self.words is not None else 1)

    @property
    def sentence_limit(self) -> int:
        """The limit that ``sentence_cost`` sums are held to (one joining space is free)."""
        return self.limit + (0 if self.words is not None else 1)


@dataclass(frozen=True)
class Summary:
    """A story's summary: ordered sentences, the budget it respects, and the documents used."""

    sentences: tuple[SummarySentence, ...]
    budget: Budget
    story: Story
    warnings: tuple[str, ...] = field(default=())
    problems: tuple[Problem, ...] = field(default=())  # inputs that could not be used

    @property
    def text(self) -> str:
        return " ".join(s.text for s in self.sentences)

    @property
    def length(self) -> int:
        """The summary's length in the budget's unit; never more than ``budget.limit``."""
        return self.budget.cost(self.text)
