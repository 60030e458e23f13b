"""The words and patterns the quote rules read, and what a cue and a speaker are.

Kept apart from the rules so that the reader, the subject rules and the clause rules share one
copy; the word lists themselves are language data (:mod:`khulasa.facts.lexicon`), the few words
listed here are the quote rules' own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from khulasa.facts.lexicon import DENIAL_VERBS
from khulasa.facts.text import key

_QUOTE_SPAN = re.compile(r"“([^“”]+)[”“]|«([^«»]+)»|\"([^\"]+)\"|„([^“”„]+)[“”]")
# Extra speech markers that are not finite verbs: بالقول، قوله، قائلا.
_SPEECH_NOUNS = frozenset(
    key(w) for w in ("بالقول", "قوله", "قولها", "قولهم", "قائلا", "قائلة", "اكتفى")
)
# "X …، قائلا انه": a participle speaks for the sentence's subject, however far back it stands
_PARTICIPLES = frozenset(key(w) for w in ("قائلا", "قائلة"))
_MEANS = key("وسائل")  # وسائل إعلام: the noun takes its genitive, definite or not
_SUBJECT_WINDOW = 12
_BRACKETS = re.compile(r"\([^()]*\)")
# Words before which a speech word is a verbal noun, not a verb: عدم ذكر اسمه، بعد إعلان.
_NOUN_CONTEXT = frozenset(key(w) for w in ("عدم", "دون", "بدون", "بعد", "قبل"))
# Institutions that speak without a name: قيادة التحالف، وزارة الصحة، الحكومة.
_INSTITUTIONS = frozenset(
    key(w) for w in ("قيادة", "وزارة", "الحكومة", "الرئاسة", "الجيش", "رئاسة", "هيئة", "لجنة")
)
_REPORT_VERBS = frozenset(key(w) for w in ("نقل", "نقلت", "نقلا"))
# Verbs whose object (a verbal noun) is the content when no إن/أن follows: نفى فلان توصل …
_OBJECT_VERBS = DENIAL_VERBS
# Words between a verb and its subject; "ت" is a feminine ending split off in careless text
# ("أشار ت وزارة الخارجية").
_SKIP_BEFORE_SUBJECT = frozenset(
    key(w) for w in ("من", "جانبه", "جانبها", "فيه", "فيها", "ايضا", "ت")
)
_RELATIVE_PRONOUNS = frozenset(key(w) for w in ("الذي", "التي", "الذين", "اللذين", "اللتين"))
# An adverbial accusative of the فاعلاً pattern: "وأفاد راسخا بأنه"، "أكد جازما أن".
_ADVERB = re.compile(r"^\wا\w\wا$")
# "وفقا لما ذكره البيان": after ما the verb carries an object pronoun and its subject follows.
_RELATIVE_WHAT = frozenset(key(w) for w in ("ما", "لما", "كما", "بما"))
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
