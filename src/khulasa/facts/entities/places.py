"""Places no list knows, named by the noun before them or the context around them.

After a place noun (حي، بلدة، جبل، محطة …) or a quoted name after an organisation or place noun,
after "ولد في"، before "على بعد"، or listed after a known place. The gazetteer cannot hold every
village and district a story mentions.
"""

from __future__ import annotations

from khulasa.facts.entities.cues import (
    GENERIC_PLACE,
    LOCATED,
    NOT_IN_PLACE_NAME,
    OPEN_PLACE_HEADS,
    PLACE_PREPOSITIONS,
    PLURAL_PLACE_HEADS,
    QUOTED_NAME,
    RAW_PLACE_HEADS,
)
from khulasa.facts.entities.mention import RawMention, place_group, verb_shaped
from khulasa.facts.lexicon import PLACE_AFTER, PLACE_CUES
from khulasa.facts.model import EntityKind
from khulasa.facts.text import Token, clitic_forms, ends_clause, key, verb_forms


class PlaceRules:
    """The place-noun and placed-word rules (mixed into
    :class:`~khulasa.facts.entities.recognizer.EntityRecognizer`)."""

    @staticmethod
    def _group(kind: EntityKind, name: str) -> str:
        """The merge key of a rule-found place or body (not a listed one)."""
        return place_group(name) if kind == "place" else f"{kind}:{key(name)}"

    def _head_rule(self, text: str, tokens: list[Token], i: int) -> tuple[RawMention, int] | None:
        head = next(
            (
                f
                for f in clitic_forms(tokens[i].key)
                if f in self.gaz.place_heads | self.gaz.org_heads
            ),
            None,
        )
        if head is None or i + 1 >= len(tokens):
            return None
        quoted = QUOTED_NAME.match(text[tokens[i].end :])
        if quoted and head in self.gaz.org_heads | self.gaz.place_heads:
            name = quoted.group(1).strip()
            kind: EntityKind = "org" if head in self.gaz.org_heads else "place"
            known = self.gaz.lookup(tuple(key(w) for w in name.split()))
            if known is not None:
                name, kind = known.canonical, known.kind
            start = tokens[i].end + quoted.start(1)
            end = start + len(quoted.group(1))
            j = i + 1
            while j < len(tokens) and tokens[j].start < end:
                j += 1
            return RawMention(
                kind, name, self._group(kind, name), text[start:end], start, end, None
            ), j
        raw_head = tokens[i].text[len(tokens[i].text) - len(head) :]
        if head not in self.gaz.place_heads or raw_head not in RAW_PLACE_HEADS:
            return None
        nxt = tokens[i + 1]
        if ends_clause(text, tokens[i].end, nxt.start) or not self._name_word(nxt.key):
            return None
        if nxt.key in GENERIC_PLACE or nxt.key in self.gaz.place_heads:
            return None
        if nxt.key.endswith(("ها", "هم", "هما")):
            return None  # بلدة مهرجانها، قرية لمساعدتهم: a pronoun suffix, no name
        if self.gaz.is_nationality(nxt.key) or (
            not nxt.key.startswith("ال") and nxt.key.endswith("يه")
        ):
            return None  # قاعدة عسكرية، قاعدة روسية: an adjective, not a name
        if raw_head in OPEN_PLACE_HEADS and (
            nxt.key.startswith("ال") or nxt.key.isdigit() or nxt.key.endswith("ه")
        ):
            return None  # منطقة القتال، مدينة أثرية، محطة كبيرة: common phrases, not names
        if (nxt.key,) in self.gaz.phrases:
            return None  # حي + a known place: the gazetteer match at i+1 handles it
        j = i + 2
        if (
            raw_head in OPEN_PLACE_HEADS
            and j < len(tokens)
            and not ends_clause(text, nxt.end, tokens[j].start)
            and self._name_word(tokens[j].key)
            and not tokens[j].key.startswith(("ال", "و"))
            and not self._clitic_led(tokens[j])  # منطقة عسير بأداء …
            and not verb_shaped(tokens[j].key)  # جزيرة لاريونيون يتناسب …
            and (tokens[j].key,) not in self.gaz.phrases
        ):
            j += 1  # محطة كينجز كروس: foreign names often take two words
        elif (
            not nxt.key.startswith("ال")
            and j < len(tokens)
            and tokens[j].key.startswith("ال")
            and not tokens[j].key.endswith(("ي", "يه"))
            and tokens[j].key not in LOCATED
            and not ends_clause(text, nxt.end, tokens[j].start)
            and self._name_word(tokens[j].key)
        ):
            j += 1
        start, end = nxt.start, tokens[j - 1].end
        if raw_head not in PLURAL_PLACE_HEADS | NOT_IN_PLACE_NAME:  # جبل الهيال: noun in name
            start = tokens[i].end - len(raw_head)
        name = text[start:end]
        return RawMention("place", name, place_group(name), name, start, end, None), j

    def _placed_word(
        self, text: str, tokens: list[Token], i: int, last: RawMention | None
    ) -> tuple[RawMention, int] | None:
        """An unknown word that its context makes a place.

        After "ولد في / مقيم في" (a birthplace or residence), before "على بعد" (a distance
        from it), or listed after a place with a comma or و: "منطقة بيرلي,بيستون و هولبيك".
        The word must be bare (no article) and look like a name.
        """
        tok = tokens[i]
        forms = clitic_forms(tok.key)
        # before "على بعد" the place follows في or carries ب/ل (لكيركستال على بعد ميل), not
        # any noun (ضوء شمعة على بعد 2.6 كلم)
        distance = tuple(t.key for t in tokens[i + 1 : i + 3]) == PLACE_AFTER and (
            forms[-1] != tok.key or (i > 0 and tokens[i - 1].key in PLACE_PREPOSITIONS)
        )
        # a preposition is peeled only there; elsewhere only و (وخريص), so بيستون stays whole
        form = forms[-1] if distance else verb_forms(tok.key)[-1]
        if form.startswith("ال") or len(form) < 4:
            return None
        if not all(self._unlisted_word(f) for f in verb_forms(tok.key)):
            return None  # وقال: a verb behind و
        before = tuple(t.key for t in tokens[max(0, i - 2) : i])
        cued = before in PLACE_CUES and not ends_clause(text, tokens[i - 1].end, tok.start)
        at_end = i + 1 >= len(tokens) or ends_clause(text, tok.end, tokens[i + 1].start)
        cued = cued or distance
        if not cued and last is not None and last.kind == "place" and i:
            gap = text[last.end : tok.start].strip()
            listed = gap in {",", "،", "و"} or (
                gap.startswith(("،", ",")) and gap[1:].strip() == "و"
            )
            nxt = tokens[i + 1].key if i + 1 < len(tokens) else ""
            cued = listed and (at_end or nxt == "و")
        if not cued:
            return None
        start = tok.end - len(form)
        name = text[start : tok.end]
        return RawMention("place", name, place_group(name), name, start, tok.end, None), i + 1
