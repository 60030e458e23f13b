"""Attribution by the judge: every outlet whose document holds the summary sentence's claim.

Where the lexical rule compares the sentence with each other sentence one by one, this looks
for the claim in a document as a whole: in one sentence or two adjacent ones (a claim split
over two sentences), weighed by the story's own word frequencies, so that a paraphrase or a
longer sentence that contains the claim still counts.
"""

from __future__ import annotations

from collections.abc import Sequence

from khulasa.align.features import Idf, story_idf
from khulasa.align.judge import Judge, default_judge
from khulasa.model import Document, SummarySentence, Support


class StoryAligner:
    """The judge bound to one story: its sentences and its IDF, computed once."""

    def __init__(
        self,
        documents: Sequence[Document],
        judge: Judge | None = None,
        threshold: float | None = None,
    ) -> None:
        self.judge = judge or default_judge()
        self.threshold = self.judge.model.thresholds["support"] if threshold is None else threshold
        self.documents = tuple(documents)
        self.sentences = [[s.text for s in d.sentences] for d in self.documents]
        self.context: Idf = story_idf([t for doc in self.sentences for t in doc])

    def supporting(self, claim: str, own_doc: str) -> list[tuple[Document, tuple[int, int], float]]:
        """(document, window, P(related)) of every other document that reports ``claim``,
        surest first."""
        found = []
        for doc, sentences in zip(self.documents, self.sentences, strict=True):
            if doc.id == own_doc:
                continue
            best = self.judge.best_window(claim, sentences, self.context)
            if best is not None and best[1].same >= self.threshold:
                found.append((doc, best[0], best[1].same))
        found.sort(key=lambda item: -item[2])
        return found

    def attribute(
        self, text: str, doc_id: str, sentence_index: int, outlet: str
    ) -> SummarySentence:
        """The summary sentence with its own source first, then every supporting outlet's
        window (its first sentence's index, the window's text)."""
        support = [Support(doc_id, outlet, sentence_index, text, 1.0)]
        for doc, (first, last), probability in self.supporting(text, doc_id):
            window = " ".join(s.text for s in doc.sentences[first : last + 1])
            support.append(Support(doc.id, doc.outlet, first, window, round(probability, 3)))
        return SummarySentence(
            text=text, doc_id=doc_id, sentence_index=sentence_index, support=tuple(support)
        )
