"""The words and patterns the entity rules read around a name, in one place.

The word lists are language data (``language/data/ar_entity_*.json``, each with its gloss and
examples); the patterns stay here, beside a comment on which rule reads them and why. The rules
themselves live in the modules of this package (people, unlisted, name_cues, organisations,
places). Lists shared with the other extractors (speech verbs, titles, name stops) are in
:mod:`khulasa.facts.lexicon`.
"""

from __future__ import annotations

import re

from khulasa.facts.text import key, lexicon_keys
from khulasa.language.lexicons import load_lexicon


def _alternation(words: tuple[str, ...]) -> str:
    """A regex alternation of lexicon words as written (escaped)."""
    return "|".join(re.escape(w) for w in words)


# Single cue words by entry (language/data/ar_entity_cue_words.json, ar_entity_person_name_words)
_CUE_WORDS = load_lexicon("entity_cue_words").values
_NAME_WORDS = load_lexicon("entity_person_name_words").values

QUOTED_NAME = re.compile(r"^\s*[«“\"]([^«»“”\"]{2,40})[»”\"]")
MAX_ROLE = 8
# و/ف/ب + the article + a common-noun or adjective ending starts a new phrase (والروسي,
# بالمدينة), while names like فالتر keep going.
CLITIC_PHRASE = re.compile(r"^(?:لل|[وفب]ال\w*(?:ي|يه|ين|ون|ات|ه)$)")
# و + a word with a pronoun suffix (ومرافقه) coordinates a new phrase; it is not a surname.
CONJ_PRONOUN = re.compile(r"^و\w{2,}(?:ه|ها|هم|هما)$")
# Nouns that follow a place noun without being a name (أحياء مدينة تدمر).
GENERIC_PLACE = lexicon_keys("entity_not_place_names")
# Place nouns as written (hamza kept), so إحياء (revival) is not read as أحياء (districts).
_PLACE_HEAD_LEXICON = load_lexicon("entity_place_heads")
RAW_PLACE_HEADS = frozenset(_PLACE_HEAD_LEXICON.all_words())
PLURAL_PLACE_HEADS = frozenset(_PLACE_HEAD_LEXICON.values["plural"])
# Generic place nouns: their name is a proper noun without the article (منطقة بيرلي, محطة لوتون);
# with it they are common phrases (منطقة القتال، المدينة الأثرية). Not part of the name.
OPEN_PLACE_HEADS = frozenset(_PLACE_HEAD_LEXICON.values["open"])
# A town or village is named after its noun (بلدة سروج، قرية القديح is "Al-Qudaih"), unlike a
# mountain or a camp whose noun belongs to the name (جبل الهيال، مخيم اليرموك).
NOT_IN_PLACE_NAME = OPEN_PLACE_HEADS | frozenset(_PLACE_HEAD_LEXICON.values["town"])
# Participles that say where a place lies (بلدة سروج الواقعة على الحدود): never its name.
LOCATED = lexicon_keys("entity_located_words")
# State bodies that a nationality adjective turns into a named organisation.
STATE_BODIES = lexicon_keys("entity_state_bodies")
# More state bodies that are named only with a nationality (السلطات الإيرانية، التلفزيون الإيراني،
# الخطوط الجوية البريطانية): alone or with another adjective they are common phrases.
NATIONAL_BODIES = lexicon_keys("entity_national_bodies")
# What joins a name to another name of the same person: "و المعروف ايضا باسم"، "(ويسمى أيضا".
_AKA = load_lexicon("entity_aka_words").values
AKA = re.compile(
    rf"^\s*[,،(]?\s*و?\s*(?:ال)?(?:{_alternation(_AKA['named'])})"
    rf"\s*(?:{_alternation(_AKA['also'])})?\s*(?:{_alternation(_AKA['by_name'])}|ب)?\s*$"
)
# Punctuation that opens an apposition or an aside after a name: "، المتحدث …", " (74 عاما)".
APPOSITION_BREAK = re.compile(r"^\s*[,،(]")
# "One of …" opens an apposition about the name just given. (A relative pronoun does not: it
# follows any noun phrase, "أكدت قوات التحالف التي …".)
# Profession nouns do the same ("وقال يوجيرو جوتو محلل أسواق الصرف"), though as titles before
# a name they were too loose (an office cue from الخبير made names of common phrases).
APPOSITION_OPENERS = lexicon_keys("entity_apposition_openers")
PARTY = key(_CUE_WORDS["party"][0])
# "وقال أدهم باشو وهو سياسي محلي": "who is" after a bare name opens its description.
WHO_IS = lexicon_keys("entity_who_is")
# Organisation heads that are also verbal nouns; behind ب/ل they are the verb's sense.
VERBAL_HEADS = lexicon_keys("entity_verbal_org_heads")
PLACE_PREPOSITIONS = lexicon_keys("entity_place_prepositions")
# "لـ«": a quoted name right after the preposition ل (told X).
TOLD = re.compile(r"(?:^|\s)ل[ـ]?\s*[«\"“]$")
# Speech opening right after a word: a colon, or a quotation of four words or more (or cut by the
# sentence end): "وقال فيرلوم "اننا …", "وقال ماسيموف:"; not a quoted name (وتقول مجموعة
# «برنامج نونهيومان»، ذكر مسرح «ذا بابليك ثييتر»).
SPEECH_OPENS = re.compile(r"^\s*(?::|[«“\"](?:[^«»“”\"]*$|\s*[^«»“”\"\s]+(?:\s+[^«»“”\"\s]+){3}))")
# Words that tie a person to the body they speak for (X من وفد …، X مع غرينبيس).
AFFILIATION_WORDS = lexicon_keys("entity_affiliation_words")
# An age in commas or brackets right after a name: "شاهزاد تنوير ,22,".
AGE_AFTER = re.compile(r"^\s*[,،(]\s*\d{1,2}\s*[,،)]")
# Nouns followed by a definite name: صحيفة الوئام، قناة الجزيرة، جماعة الحوثي.
NAMED_BY_NOUN = lexicon_keys("entity_named_by_noun")
# Feminine heads whose own name follows them bare (جامعة إنديانا، وكالة دوغان): an adjective
# after one is feminine too (جامعة حكومية), so a word without a feminine, plural or nisba ending
# right after it names the body. Not شركة, مؤسسة or منظمة: on SaudiNewsNet they were followed by
# common nouns as often as by names (شركة طيران، مؤسسة حدث، منظمة برامج).
NAMED_AFTER_FEMININE_HEAD = lexicon_keys("entity_feminine_heads_named_bare")
# "وكالة أنباء …": a news agency, the name comes after the genitive noun
NOT_A_NAME_AFTER_HEAD = lexicon_keys("entity_not_name_after_head")
DOMAIN_SUFFIXES = frozenset(("com", "org", "net", "gov", "edu"))
NASAB = lexicon_keys("entity_lineage_words")
ON_BEHALF = key(_CUE_WORDS["on_behalf"][0])
# عبد starts a compound given name (عبد الله، عبدالعزيز); بن joins a name to its lineage
SERVANT_OF = key(_NAME_WORDS["servant_of"][0])
SON_OF = key(_NAME_WORDS["son_of"][0])
# من is a place preposition, but a transliterated name after it is not therefore a place
NOT_PLACE_PREPOSITIONS = lexicon_keys("entity_not_place_preposition")
NOT_A_NAME_HERE = lexicon_keys("entity_not_name_here")
HONORIFICS = lexicon_keys("entity_honorifics")
# Words that stop the search back from a name for its title: another clause or phrase starts.
ROLE_STOPS = lexicon_keys("entity_role_stops")
# An honorific right after a name opens the next name, not an apposition with a role.
NOT_ROLE_AFTER = lexicon_keys("entity_not_role_after")
_HONORIFICS_AFTER_ROLE = load_lexicon("entity_honorifics_after_role").words
HONORIFIC_TAIL = re.compile(rf"[\s،,]+(?:{_alternation(_HONORIFICS_AFTER_ROLE)})$")
# Transliterated names that are places or bodies, not people, told by a word of the name: the
# first word of a compound place (نيو جيرسي، لوس أنجلوس، سان فرانسيسكو) or a street or square
# (داوننغ ستريت), or a word of a newspaper, agency or company name (فايننشال تايمز، هيومن رايتس
# ووتش، ستاندرد آند بورز).
FOREIGN_PLACE_LEADS = lexicon_keys("entity_foreign_place_leads")
FOREIGN_PLACE_TAILS = lexicon_keys("entity_foreign_place_tails")
FOREIGN_ORG_WORDS = lexicon_keys("entity_foreign_org_words")
# Nouns before a transliterated name that make it a body (شركة رويال داتش، نادي بارتيزان
# بلجراد) or a work or product, which is no entity at all (لعبة جيومتري داش، فيلم …).
FOREIGN_ORG_BEFORE = lexicon_keys("entity_foreign_org_before")
NOT_NAMED_BEFORE = lexicon_keys("entity_not_named_before")
ARABIC_LETTERS = re.compile(r"^[\u0621-\u064A\u0640]+$")  # no vowel marks: those are verse
# A role noun in the dual (وزيرا الخارجية): the role keeps the singular.
_DUAL_HEADS = load_lexicon("entity_dual_heads").words
DUAL_HEAD = re.compile(rf"^({_alternation(_DUAL_HEADS)})[اي](?=\s)")
