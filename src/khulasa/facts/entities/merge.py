"""Mentions of a story grouped into entities, across sentences, articles and outlets.

The rules see one sentence at a time; what a short form refers to (وزارة الدفاع after وزارة
الدفاع البريطانية) and which spelling names an entity are only known over the whole story, so
they are decided here, after every sentence has been read.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import replace

from khulasa.facts.entities.mention import RawMention
from khulasa.facts.model import Entity, Mention, Source
from khulasa.facts.text import key


def own_orphans(found: list[tuple[Source, RawMention]]) -> list[tuple[Source, RawMention]]:
    """Context-only aliases whose full name the story never uses become entities of their own.

    The listed short "وزارة الدفاع" means the Russian ministry only in a story that names it;
    elsewhere it is whichever ministry the article is about, found by :func:`attach_short_forms`.
    """
    anchored = {m.group for _, m in found if not m.context_only}
    out = []
    for source, mention in found:
        if mention.context_only and mention.group not in anchored:
            name = display_name(mention.surface)
            mention = replace(
                mention, canonical=name, group=f"{mention.kind}:{key(name)}", context_only=False
            )
        out.append((source, mention))
    return out


def attach_short_forms(found: list[tuple[Source, RawMention]]) -> list[tuple[Source, RawMention]]:
    """A shortened organisation or place name joins the full name used before it in the article.

    "وزارة الدفاع البريطانية … وقالت وزارة الدفاع": the second is the same ministry. Only an
    earlier full name of the same document counts, so a later, different "وزارة الخارجية
    الإيرانية" never absorbs the British "وزارة الخارجية" named before it.
    """
    seen: dict[str, list[tuple[tuple[str, ...], str]]] = defaultdict(list)
    out = []
    for source, mention in found:
        if mention.kind in ("org", "place") and not mention.context_only:
            words = tuple(key(w) for w in display_name(mention.surface).split())
            longer = [
                group
                for full, group in seen[source.doc_id]
                if len(full) > len(words) and full[: len(words)] == words
            ]
            if longer and longer[-1] != mention.group:
                mention = replace(mention, group=longer[-1])
            seen[source.doc_id].append((words, mention.group))
        out.append((source, mention))
    return out


def display_name(surface: str) -> str:
    """A surface spelling without a leading preposition on the article (للأمم → الأمم)."""
    if surface.startswith("لل") and len(surface) > 4:
        return "ال" + surface[2:]
    if surface[:1] in "وفبك" and surface[1:3] == "ال" and len(surface) > 5:
        return surface[1:]
    return surface


def merge_entities(found: list[tuple[Source, RawMention]]) -> tuple[Entity, ...]:
    """Group mentions by merge key into entities; drop context-only aliases with no anchor."""
    groups: dict[str, list[tuple[Source, RawMention]]] = defaultdict(list)
    for source, mention in found:
        groups[mention.group].append((source, mention))
    entities = []
    for group, items in groups.items():
        anchored = [it for it in items if not it[1].context_only]
        if not anchored:
            continue
        kind = anchored[0][1].kind
        names = Counter(m.canonical for _, m in anchored)
        longest = max(len(n.split()) for n in names)
        name = max((n for n in names if len(n.split()) == longest), key=lambda n: names[n])
        roles = Counter(key(m.role) for _, m in items if m.role)
        role = None
        if roles:
            best = roles.most_common(1)[0][0]
            role = next(m.role for _, m in items if m.role and key(m.role) == best)
        entities.append(
            Entity(
                id=group,
                kind=kind,
                name=name,
                role=role,
                aliases=tuple(dict.fromkeys(display_name(m.surface) for _, m in items)),
                mentions=tuple(Mention(s, m.surface, m.start, m.end, m.found_by) for s, m in items),
            )
        )
    entities.sort(key=lambda e: (-len(e.outlets), -len(e.mentions), e.name))
    return tuple(entities)
