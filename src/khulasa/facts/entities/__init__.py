"""People, places and organisations, found by rules and gazetteers and merged across outlets.

No NER model can be installed offline, so recognition is lexical:

- gazetteer phrases (curated + CLDR countries and cities), longest match first, with the
  first word's clitics peeled (ولافروف، للأمم المتحدة);
- people by a given-name rule: a known given name, optional middle names or particles (عبد،
  أبو), then one surname word that is not a function word, role word or clause break;
- a bare surname (لافروف، كيري) once the story has named that person in full;
- places after a place noun (حي، جبل، ضاحية …) and organisations after an organisation noun with
  a quoted name (صحيفة «الوطن»);
- a person's role from the title before the name (وزير الخارجية الروسي سيرغي لافروف) or the
  apposition after it (جوش إرنست المتحدث باسم البيت الأبيض);
- names no list knows, from where they stand: after an honorific, an office, a kinship noun or
  a subject-first speech verb, or as a list entry with an age or a colon;
- transliterated names with no cue at all (ماوريسيو أفونسو): two or more words in a row that
  no Arabic dictionary lists (:mod:`khulasa.facts.dictionary`);
- organisations from construct patterns (وزارة الدفاع البريطانية، حرس الحدود الإيراني) and
  places from context (ولد في …، … على بعد، lists after a known place);
- short names joined to the full name used earlier in the article, and "المعروف باسم" aliases.

Spellings are merged by key (hamza, ة, ى folded, أميركي/أمريكي) and, for people, by the
consonant skeleton of the surname with ج/غ folded (سيرجي/سيرغي, إرنست/إيرنست).

The package: :mod:`.recognizer` (the rules in priority order, two passes over a story),
:mod:`.people`, :mod:`.unlisted`, :mod:`.name_cues`, :mod:`.organisations`, :mod:`.places` (the
rules by label), :mod:`.cues` (the words and patterns they read), :mod:`.mention` (a mention and
its merge keys) and :mod:`.merge` (mentions into entities across outlets).
"""

from khulasa.facts.entities.mention import RawMention, sources_of
from khulasa.facts.entities.merge import merge_entities
from khulasa.facts.entities.recognizer import EntityRecognizer, extract_entities

__all__ = ["EntityRecognizer", "RawMention", "extract_entities", "merge_entities", "sources_of"]
