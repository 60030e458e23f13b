"""Story facts for people: a Markdown report and an HTML fragment for the HTML report.

The fragment follows the report language (right-to-left in Arabic), escapes every piece of
source text with ``html.escape`` and shows outlets, by their display names, as
``<span class="badge">`` so the page's stylesheet can style them like the summary's. Headings,
labels, units and counts are UI strings (:mod:`khulasa.render.ui`), Arabic unless asked.
"""

from __future__ import annotations

from collections.abc import Iterable
from html import escape

from khulasa.facts.model import Conflict, Entity, NumberFact, StoryFacts, StoryNumber
from khulasa.render.safe import md_text
from khulasa.render.ui import UI, resolve_ui

# Entity kinds in the order a report lists them; their headings are UI strings facts.kind.*.
KINDS = ("person", "place", "org")
MAX_ENTITIES = 40
MAX_NUMBERS = 40


def format_value(number: NumberFact | StoryNumber, ui: UI | str | None = None) -> str:
    """ "أكثر من 300 مسلح", "80 %", "5 كم": the normalised number as a reader sees it."""
    ui = resolve_ui(ui)
    value = f"{number.value:,.0f}" if number.value.is_integer() else f"{number.value:g}"
    qualifier = ui.strings.get(f"qualifier.{number.qualifier}", "") if number.qualifier else ""
    unit = ui.strings.get(f"unit.{number.unit}", number.unit) if number.unit else ""
    return " ".join(p for p in (qualifier, value, unit, number.thing or "") if p)


def _number_groups(facts: StoryFacts, ui: UI) -> list[tuple[str, StoryNumber]]:
    """The story's quantities (each already once, with its outlets), most widely reported first."""
    ordered = sorted(facts.numbers, key=lambda n: -len(n.outlets))
    return [(format_value(number, ui), number) for number in ordered[:MAX_NUMBERS]]


# -- Markdown --------------------------------------------------------------------------------------


def facts_markdown(facts: StoryFacts, ui: UI | str | None = None) -> str:
    """The facts as a Markdown document (outlets in brackets after each item).

    Every field is source text, escaped with :func:`md_text`: a rendered report must not run a
    ``<script>`` or follow a link a page smuggled into a quote or a name."""
    ui = resolve_ui(ui)
    out = [f"# {ui.text('facts.heading')}", ""]
    out.append(ui.text("facts.outlets", names=_md_list(facts.outlets, ui)))
    out.append("")
    for kind in KINDS:
        items = [e for e in facts.entities if e.kind == kind][:MAX_ENTITIES]
        if not items:
            continue
        out += [f"## {ui.text(f'facts.kind.{kind}')}", ""]
        for entity in items:
            out.append(f"- {_md_entity(entity, ui)}")
        out.append("")
    if facts.numbers:
        out += [f"## {ui.text('facts.numbers')}", ""]
        for label, number in _number_groups(facts, ui):
            spellings = " / ".join(md_text(t) for t in number.texts)
            outlets = _md_list(number.outlets, ui)
            out.append(f"- **{md_text(label)}** — {spellings} \\[{outlets}\\]")
        out.append("")
    if facts.quotes:
        out += [f"## {ui.text('facts.quotes')}", ""]
        for quote in facts.quotes:
            who = md_text(quote.speaker or ui.text("facts.unknown_speaker"))
            said = md_text(quote.text)
            mark = f"«{said}»" if quote.kind == "direct" else said
            out.append(f"- **{who}**: {mark} \\[{md_text(ui.outlet(quote.source.outlet))}\\]")
        out.append("")
    if facts.timeline:
        out += [f"## {ui.text('facts.timeline')}", ""]
        for event in facts.timeline:
            outlets = _md_list(event.outlets, ui)
            out.append(f"- {event.day.isoformat()}: {md_text(event.text)} \\[{outlets}\\]")
        out.append("")
    if facts.agreements:
        out += [f"## {ui.text('facts.agreements')}", ""]
        for agreement in facts.agreements:
            outlets = _md_list(agreement.outlets, ui)
            out.append(f"- {md_text(agreement.text)} \\[{outlets}\\]")
        out.append("")
    if facts.conflicts:
        out += [f"## {ui.text('facts.conflicts')}", ""]
        for conflict in facts.conflicts:
            out += _md_conflict(conflict, ui)
        out.append("")
    if facts.possible_conflicts:
        out += [f"## {ui.text('facts.possible_conflicts')}", "", ui.text("facts.possible_note"), ""]
        for conflict in facts.possible_conflicts:
            out += _md_conflict(conflict, ui)
        out.append("")
    return "\n".join(out).rstrip() + "\n"


def _md_list(names: Iterable[str], ui: UI) -> str:
    return ui.join(md_text(name) for name in ui.outlets(names))


def _md_entity(entity: Entity, ui: UI) -> str:
    text = f"**{md_text(entity.name)}**"
    if entity.role:
        text += f" — {md_text(entity.role)}"
    others = [a for a in entity.aliases if a != entity.name]
    if others:
        aliases = ui.join(md_text(a) for a in others[:6])
        text += " " + ui.text("facts.aliases", names=aliases)
    mentions = ui.count(len(entity.mentions), "mention")
    return text + f" — {mentions} \\[{_md_list(entity.outlets, ui)}\\]"


def _md_conflict(conflict: Conflict, ui: UI) -> list[str]:
    lines = [f"- **{md_text(conflict_label(conflict, ui))}** — {md_text(_explain(conflict, ui))}"]
    for label, side in zip(_side_labels(ui), (conflict.side_a, conflict.side_b), strict=True):
        for source in side:
            outlet = md_text(ui.outlet(source.outlet))
            lines.append(f"  - {label} \\[{outlet}\\]: {md_text(source.sentence)}")
    return lines


# -- HTML ------------------------------------------------------------------------------------------


def facts_html(facts: StoryFacts, ui: UI | str | None = None) -> str:
    """An HTML fragment (a ``<section>``) for embedding in a report page.

    What an editor checks first comes first: where the outlets disagree, then what they agree
    on, then the timeline, the quotes, the numbers and the cast of entities.
    """
    ui = resolve_ui(ui)

    def heading(key: str) -> str:
        return f"<h3>{escape(ui.text(key))}</h3>"

    parts = [
        f'<section class="facts" dir="{ui.dir}" lang="{ui.lang}">',
        f"<h2>{escape(ui.text('facts.heading'))}</h2>",
    ]
    if facts.conflicts:
        parts.append(heading("facts.conflicts") + '<ul class="conflicts">')
        parts += [_html_conflict(c, ui) for c in facts.conflicts]
        parts.append("</ul>")
    if facts.possible_conflicts:
        note = escape(ui.text("facts.possible_note"))
        parts.append(heading("facts.possible_conflicts") + f'<p class="note">{note}</p>')
        parts.append('<ul class="possible-conflicts">')
        parts += [_html_conflict(c, ui) for c in facts.possible_conflicts]
        parts.append("</ul>")
    if facts.agreements:
        parts.append(heading("facts.agreements") + '<ul class="agreements">')
        for agreement in facts.agreements:
            parts.append(
                f'<li><span dir="auto">{escape(agreement.text)}</span> '
                f"{_badges(agreement.outlets, ui)}</li>"
            )
        parts.append("</ul>")
    if facts.timeline:
        parts.append(heading("facts.timeline") + '<ol class="timeline">')
        for event in facts.timeline:
            parts.append(
                f'<li><time datetime="{event.day.isoformat()}">{event.day.isoformat()}</time> '
                f'<span dir="auto">{escape(event.text)}</span> {_badges(event.outlets, ui)}</li>'
            )
        parts.append("</ol>")
    if facts.quotes:
        parts.append(heading("facts.quotes") + '<ul class="quotes">')
        for quote in facts.quotes:
            said = escape(quote.text)
            body = f"<q>{said}</q>" if quote.kind == "direct" else said
            who = escape(quote.speaker or ui.text("facts.unknown_speaker"))
            parts.append(
                f'<li class="{quote.kind}"><strong>{who}</strong>: '
                f"{body} {_badges([quote.source.outlet], ui)}</li>"
            )
        parts.append("</ul>")
    if facts.numbers:
        parts.append(heading("facts.numbers") + '<ul class="numbers">')
        for label, number in _number_groups(facts, ui):
            spellings = " / ".join(escape(t) for t in number.texts)
            parts.append(
                f"<li><strong>{escape(label)}</strong> — {spellings} "
                f"{_badges(number.outlets, ui)}</li>"
            )
        parts.append("</ul>")
    for kind in KINDS:
        items = [e for e in facts.entities if e.kind == kind][:MAX_ENTITIES]
        if items:
            parts.append(heading(f"facts.kind.{kind}") + f'<ul class="entities {kind}">')
            parts += [f"<li>{_html_entity(e, ui)}</li>" for e in items]
            parts.append("</ul>")
    parts.append("</section>")
    return "\n".join(parts) + "\n"


def _badges(outlets: Iterable[str], ui: UI) -> str:
    return " ".join(f'<span class="badge">{escape(o)}</span>' for o in ui.outlets(outlets))


def _html_entity(entity: Entity, ui: UI) -> str:
    html = f"<strong>{escape(entity.name)}</strong>"
    if entity.role:
        html += f' <span class="role">{escape(entity.role)}</span>'
    others = [a for a in entity.aliases if a != entity.name][:6]
    if others:
        aliases = escape(ui.text("facts.aliases", names=ui.join(others)))
        html += f' <span class="aliases">{aliases}</span>'
    return html + f" {_badges(entity.outlets, ui)}"


def _reason_id(conflict: Conflict) -> str:
    """The machine word a conflict's reason starts with (denial, negation, reversal, different)."""
    words = conflict.reason.split(":")[0].split()
    return words[0] if words else "other"


def conflict_label(conflict: Conflict, ui: UI | str | None = None) -> str:
    """A short heading for a conflict in the report language, from the first word of its reason."""
    return resolve_ui(ui).label(f"conflict.label.{_reason_id(conflict)}")


def _explain(conflict: Conflict, ui: UI) -> str:
    """Why the two sides conflict, in the report language. The English reason (with the values
    set against each other) is what the extractor wrote; the Arabic one says the same in words,
    the values being on the two sides shown below it."""
    explanation = ui.label(f"conflict.explain.{_reason_id(conflict)}")
    return ui.text("conflict.reason", explanation=explanation, reason=conflict.reason)


def _side_labels(ui: UI) -> tuple[str, str]:
    return ui.text("conflict.side_a"), ui.text("conflict.side_b")


def _html_conflict(conflict: Conflict, ui: UI) -> str:
    rows = [
        f'<li class="{conflict.kind}"><p><strong>{escape(conflict_label(conflict, ui))}</strong> '
        f'<span class="reason" dir="auto">{escape(_explain(conflict, ui))}</span></p>'
    ]
    sides = (("side-a", conflict.side_a), ("side-b", conflict.side_b))
    for (css, side), label in zip(sides, _side_labels(ui), strict=True):
        rows.append(f'<p class="side-label">{escape(label)}</p><ul class="{css}">')
        rows += [
            f'<li><span dir="auto">{escape(s.sentence)}</span> {_badges([s.outlet], ui)}</li>'
            for s in side
        ]
        rows.append("</ul>")
    rows.append("</li>")
    return "".join(rows)
