"""The words and patterns the quote rules read, and what a cue and a speaker are.

Kept apart from the rules so that the reader, the subject rules and the clause rules share one
copy; the words are language data (``language/data/ar_quote_*.json`` and the shared lists of
:mod:`khulasa.facts.lexicon`), read here under the names the quote rules import.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from khulasa.facts.lexicon import DENIAL_VERBS
from khulasa.facts.text import lexicon_keys

_QUOTE_SPAN = re.compile(r"“([^“”]+)[”“]|«([^«»]+)»|\"([^\"]+)\"|„([^“”„]+)[“”]")
# Extra speech markers that are not finite verbs: بالقول، قوله، قائلا.
_SPEECH_NOUNS = lexicon_keys("quote_speech_nouns")
# "X …، قائلا انه": a participle speaks for the sentence's subject, however far back it stands
_PARTICIPLES = lexicon_keys("quote_participles")
_MEANS = lexicon_keys("quote_media_nouns")  # وسائل إعلام: the noun takes its genitive
_SUBJECT_WINDOW = 12
_BRACKETS = re.compile(r"\([^()]*\)")
# Words before which a speech word is a verbal noun, not a verb: عدم ذكر اسمه، بعد إعلان.
_NOUN_CONTEXT = lexicon_keys("quote_noun_context")
# Institutions that speak without a name: قيادة التحالف، وزارة الصحة، الحكومة.
_INSTITUTIONS = lexicon_keys("quote_institutions")
_REPORT_VERBS = lexicon_keys("quote_report_verbs")
# نُقل عن لافروف: the source follows عن
_SOURCE_PREPOSITIONS = lexicon_keys("quote_source_prepositions")
# Between a speech verb and its subject (قال اليوم الوزير), and between a subject and its verb
# in subject-first order (لافروف قد أعلن، وكان مسؤول أميركي قال).
_ADVERBS_BEFORE_SUBJECT = lexicon_keys("quote_adverbs_before_subject")
_AUXILIARIES = lexicon_keys("quote_auxiliaries")
_ALSO = lexicon_keys("quote_also_words")  # قال أيضا: an adverb, not a word of a name
# Verbs whose object (a verbal noun) is the content when no إن/أن follows: نفى فلان توصل …
_OBJECT_VERBS = DENIAL_VERBS
# Words between a verb and its subject; "ت" is a feminine ending split off in careless text
# ("أشار ت وزارة الخارجية").
_SKIP_BEFORE_SUBJECT = lexicon_keys("quote_words_before_subject")
_RELATIVE_PRONOUNS = lexicon_keys("quote_relative_pronouns")
# An adverbial accusative of the فاعلاً pattern: "وأفاد راسخا بأنه"، "أكد جازما أن".
_ADVERB = re.compile(r"^\wا\w\wا$")
# "وفقا لما ذكره البيان": after ما the verb carries an object pronoun and its subject follows.
_RELATIVE_WHAT = lexicon_keys("quote_relative_what")
# A sentence that opens with a quotation mark and never closes it.
_OPENS_QUOTATION = re.compile(r"^\s*[“«\"][^”»\"]{20,}$")


@dataclass(frozen=True)
class Speaker:
    name: str
    entity_id: str | None


@dataclass(frozen=True)
class _Cue:
    """A speech verb or attribution marker in a sentence, with the speaker it names (if any)."""

    token: int
    verb: str
    speaker: Speaker | None
    complement: int | None  # token index after إن/أن, when reported speech follows
