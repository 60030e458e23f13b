"""Who said what: direct quotes and reported speech, each with its speaker.

Arabic news attributes speech with a verb before the speaker (قال لافروف إن …، أعلن مسؤول
أميركي أن …), sometimes after it (فإن كيري قال …), with بحسب/وفق (بحسب وصف الرئيس السوري), or
with a name and a colon in headlines (كيري: …). A speech verb with no subject of its own
(وأضاف، وتابع، واعتبر أن، وقال: …) continues the previous speaker of the same article.

Quoted spans of one to three words with no speech verb are names or scare quotes (صحيفة «الوطن»،
تنظيم "داعش"), not speech, and are skipped.

The reader is a package of four modules so that each stays one concern: ``words`` (the cue
words and patterns the rules read), ``clauses`` (where reported speech starts and where a
speaker's phrase ends), ``subjects`` (who speaks with a verb, from the surest reading to the
weakest) and ``reader`` (one document's sentences in order: cues, quoted spans, headlines and
the quotes they make). Public names are importable from here.
"""

from khulasa.facts.quotes.reader import QuoteReader, extract_quotes
from khulasa.facts.quotes.words import Speaker

__all__ = ["QuoteReader", "Speaker", "extract_quotes"]
