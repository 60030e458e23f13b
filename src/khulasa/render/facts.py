"""Story facts for people: a Markdown report and an HTML fragment for the HTML report.

The fragment is right-to-left, escapes every piece of source text with ``html.escape`` and shows
outlets as ``<span class="badge">`` so the page's stylesheet can style them like the summary's.
"""

from __future__ import annotations

from collections.abc import Iterable
from html import escape

from khulasa.facts.model import Conflict, Entity, NumberFact, Source, StoryFacts
from khulasa.render.safe import md_text

KIND_LABELS = {"person": "أشخاص", "place": "أماكن", "org": "منظمات"}
UNIT_LABELS = {
    "percent": "%",
    "km": "كم",
    "m": "م",
    "mile": "ميل",
    "hour": "ساعة",
    "minute": "دقيقة",
    "day": "يوم",
    "week": "أسبوع",
    "month": "شهر",
    "year": "عام",
    "usd": "دولار",
    "eur": "يورو",
    "ton": "طن",
    "kg": "كغ",
}
QUALIFIER_LABELS = {"more": "أكثر من", "less": "أقل من", "about": "نحو"}
# Conflict reasons start with a machine word (denial, negation, reversal, different numbers).
CONFLICT_LABELS = {
    "denial": "نفي",
    "negation": "نفي",
    "reversal": "توقّف أم استمرار؟",
    "different": "أرقام مختلفة",
}
SIDE_LABELS = ("الرواية الأولى", "الرواية الثانية")
MAX_ENTITIES = 40
MAX_NUMBERS = 40


def format_value(number: NumberFact) -> str:
    """ "أكثر من 300 مسلح", "80 %", "5 كم": the normalised number as a reader sees it."""
    value = f"{number.value:,.0f}" if number.value.is_integer() else f"{number.value:g}"
    parts = [QUALIFIER_LABELS.get(number.qualifier or "", ""), value]
    parts.append(UNIT_LABELS.get(number.unit or "", number.unit or ""))
    parts.append(number.thing or "")
    return " ".join(p for p in parts if p)


def _number_groups(facts: StoryFacts) -> list[tuple[str, list[NumberFact]]]:
    """Numbers grouped by normalised value+unit+thing, most widely reported first."""
    groups: dict[str, list[NumberFact]] = {}
    for number in facts.numbers:
        groups.setdefault(format_value(number), []).append(number)
    ordered = sorted(groups.items(), key=lambda kv: -len({n.source.outlet for n in kv[1]}))
    return ordered[:MAX_NUMBERS]


def _outlets(sources: Iterable[Source]) -> list[str]:
    return list(dict.fromkeys(s.outlet for s in sources))


# -- Markdown --------------------------------------------------------------------------------------


def facts_markdown(facts: StoryFacts) -> str:
    """The facts as a Markdown document (outlets in brackets after each item).

    Every field is source text, escaped with :func:`md_text`: a rendered report must not run a
    ``<script>`` or follow a link a page smuggled into a quote or a name."""
    out = ["# الوقائع / Story facts", ""]
    out.append(f"Outlets: {_md_list(facts.outlets)}")
    out.append("")
    for kind, label in KIND_LABELS.items():
        items = [e for e in facts.entities if e.kind == kind][:MAX_ENTITIES]
        if not items:
            continue
        out += [f"## {label} ({kind})", ""]
        for entity in items:
            out.append(f"- {_md_entity(entity)}")
        out.append("")
    if facts.numbers:
        out += ["## الأرقام (numbers)", ""]
        for label, numbers in _number_groups(facts):
            spellings = " / ".join(md_text(t) for t in dict.fromkeys(n.text for n in numbers))
            outlets = _md_list(_outlets(n.source for n in numbers))
            out.append(f"- **{md_text(label)}** — {spellings} \\[{outlets}\\]")
        out.append("")
    if facts.quotes:
        out += ["## التصريحات (quotes)", ""]
        for quote in facts.quotes:
            who = md_text(quote.speaker or "?")
            said = md_text(quote.text)
            mark = f"«{said}»" if quote.kind == "direct" else said
            out.append(f"- **{who}**: {mark} \\[{md_text(quote.source.outlet)}\\]")
        out.append("")
    if facts.timeline:
        out += ["## التسلسل الزمني (timeline)", ""]
        for event in facts.timeline:
            out.append(
                f"- {event.day.isoformat()}: {md_text(event.text)} \\[{_md_list(event.outlets)}\\]"
            )
        out.append("")
    if facts.agreements:
        out += ["## ما تتفق عليه المصادر (agreements)", ""]
        for agreement in facts.agreements:
            out.append(f"- {md_text(agreement.text)} \\[{_md_list(agreement.outlets)}\\]")
        out.append("")
    if facts.conflicts:
        out += ["## ما تختلف فيه المصادر (conflicts)", ""]
        for conflict in facts.conflicts:
            out += _md_conflict(conflict)
        out.append("")
    if facts.possible_conflicts:
        out += [f"## {POSSIBLE_HEADING} (possible conflicts, to check)", "", POSSIBLE_NOTE, ""]
        for conflict in facts.possible_conflicts:
            out += _md_conflict(conflict)
        out.append("")
    return "\n".join(out).rstrip() + "\n"


def _md_list(names: Iterable[str]) -> str:
    return ", ".join(md_text(name) for name in names)


def _md_entity(entity: Entity) -> str:
    text = f"**{md_text(entity.name)}**"
    if entity.role:
        text += f" — {md_text(entity.role)}"
    others = [a for a in entity.aliases if a != entity.name]
    if others:
        text += f" (also: {_md_list(others[:6])})"
    return text + f" — {len(entity.mentions)} mentions \\[{_md_list(entity.outlets)}\\]"


def _md_conflict(conflict: Conflict) -> list[str]:
    lines = [
        f"- **{md_text(conflict_label(conflict))}** ({conflict.kind}) — {md_text(conflict.reason)}"
    ]
    for label, side in zip(SIDE_LABELS, (conflict.side_a, conflict.side_b), strict=True):
        for source in side:
            lines.append(f"  - {label} \\[{md_text(source.outlet)}\\]: {md_text(source.sentence)}")
    return lines


# -- HTML ------------------------------------------------------------------------------------------


POSSIBLE_HEADING = "تعارض محتمل: للتحقق"
# Shown above the leads so a reader knows how far to trust them.
POSSIBLE_NOTE = (
    "نفي أو تكذيب في مصدر يقابل خبرا في مصدر آخر، أو توقف يقابل استمرارا؛ كثيرا ما يكون "
    "الكلام عن أمر آخر أو وقت آخر، فتحقق منه قبل اعتماده."
)


def facts_html(facts: StoryFacts) -> str:
    """An HTML fragment (a ``<section>``) for embedding in a report page.

    What an editor checks first comes first: where the outlets disagree, then what they agree
    on, then the timeline, the quotes, the numbers and the cast of entities.
    """
    parts = ['<section class="facts" dir="rtl" lang="ar">', "<h2>الوقائع</h2>"]
    if facts.conflicts:
        parts.append('<h3>ما تختلف فيه المصادر</h3><ul class="conflicts">')
        parts += [_html_conflict(c) for c in facts.conflicts]
        parts.append("</ul>")
    if facts.possible_conflicts:
        parts.append(f'<h3>{POSSIBLE_HEADING}</h3><p class="note">{escape(POSSIBLE_NOTE)}</p>')
        parts.append('<ul class="possible-conflicts">')
        parts += [_html_conflict(c) for c in facts.possible_conflicts]
        parts.append("</ul>")
    if facts.agreements:
        parts.append('<h3>ما تتفق عليه المصادر</h3><ul class="agreements">')
        for agreement in facts.agreements:
            parts.append(f"<li>{escape(agreement.text)} {_badges(agreement.outlets)}</li>")
        parts.append("</ul>")
    if facts.timeline:
        parts.append('<h3>التسلسل الزمني</h3><ol class="timeline">')
        for event in facts.timeline:
            parts.append(
                f'<li><time datetime="{event.day.isoformat()}">{event.day.isoformat()}</time> '
                f"{escape(event.text)} {_badges(event.outlets)}</li>"
            )
        parts.append("</ol>")
    if facts.quotes:
        parts.append('<h3>التصريحات</h3><ul class="quotes">')
        for quote in facts.quotes:
            said = escape(quote.text)
            body = f"<q>{said}</q>" if quote.kind == "direct" else said
            parts.append(
                f'<li class="{quote.kind}"><strong>{escape(quote.speaker or "؟")}</strong>: '
                f"{body} {_badges([quote.source.outlet])}</li>"
            )
        parts.append("</ul>")
    if facts.numbers:
        parts.append('<h3>الأرقام</h3><ul class="numbers">')
        for label, numbers in _number_groups(facts):
            spellings = " / ".join(escape(t) for t in dict.fromkeys(n.text for n in numbers))
            parts.append(
                f"<li><strong>{escape(label)}</strong> — {spellings} "
                f"{_badges(_outlets(n.source for n in numbers))}</li>"
            )
        parts.append("</ul>")
    for kind, label in KIND_LABELS.items():
        items = [e for e in facts.entities if e.kind == kind][:MAX_ENTITIES]
        if items:
            parts.append(f'<h3>{escape(label)}</h3><ul class="entities {kind}">')
            parts += [f"<li>{_html_entity(e)}</li>" for e in items]
            parts.append("</ul>")
    parts.append("</section>")
    return "\n".join(parts) + "\n"


def _badges(outlets: Iterable[str]) -> str:
    return " ".join(f'<span class="badge">{escape(o)}</span>' for o in outlets)


def _html_entity(entity: Entity) -> str:
    html = f"<strong>{escape(entity.name)}</strong>"
    if entity.role:
        html += f' <span class="role">{escape(entity.role)}</span>'
    others = [a for a in entity.aliases if a != entity.name][:6]
    if others:
        html += f' <span class="aliases">({escape("، ".join(others))})</span>'
    return html + f" {_badges(entity.outlets)}"


def conflict_label(conflict: Conflict) -> str:
    """A short Arabic heading for a conflict, from the first word of its reason."""
    return CONFLICT_LABELS.get(conflict.reason.split(":")[0].split()[0], conflict.kind)


def _html_conflict(conflict: Conflict) -> str:
    rows = [
        f'<li class="{conflict.kind}"><p><strong>{escape(conflict_label(conflict))}</strong> '
        f'<span class="reason" dir="ltr" lang="en">{escape(conflict.reason)}</span></p>'
    ]
    sides = (("side-a", conflict.side_a), ("side-b", conflict.side_b))
    for (css, side), label in zip(sides, SIDE_LABELS, strict=True):
        rows.append(f'<p class="side-label">{escape(label)}</p><ul class="{css}">')
        rows += [f"<li>{escape(s.sentence)} {_badges([s.outlet])}</li>" for s in side]
        rows.append("</ul>")
    rows.append("</li>")
    return "".join(rows)
