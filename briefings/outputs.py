"""The pack's outputs, all from one BriefingPack: the printable HTML, a PDF of that same HTML
(WeasyPrint) and Word documents (python-docx) for the pack and the statement skeleton."""

from __future__ import annotations

import io

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string
from docx import Document
from docx.enum.text import WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt

from .content import SECTIONS, BriefingPack, Filters, InitiativeBrief
from .skeleton import Skeleton

SKELETON_TITLE = "Draft statement (skeleton)"
TITLES = {**dict(SECTIONS), "skeleton": SKELETON_TITLE}
DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PDF_TYPE = "application/pdf"


class PdfUnavailable(RuntimeError):
    """WeasyPrint or the Pango library it draws text with is not installed."""


def filter_summary(filters: Filters) -> str:
    parts = []
    if filters.kinds:
        parts.append("kind " + ", ".join(filters.kinds))
    if filters.outcomes:
        parts.append("outcome " + ", ".join(filters.outcomes))
    if filters.partner:
        parts.append(f"partner {filters.partner}")
    if filters.lead_body:
        parts.append(f"lead body {filters.lead_body}")
    if filters.only_changed:
        parts.append("only what changed")
    return "; ".join(parts)


def document_context(pack: BriefingPack, skeleton: Skeleton) -> dict:
    return {
        "pack": pack,
        "skeleton": skeleton,
        "titles": TITLES,
        "title_list": list(TITLES.items()),
        "filter_summary": filter_summary(pack.filters),
    }


def print_html(pack: BriefingPack, skeleton: Skeleton, *, for_pdf: bool = False) -> str:
    context = {**document_context(pack, skeleton), "for_pdf": for_pdf}
    return render_to_string("briefings/print.html", context)


def pack_pdf(pack: BriefingPack, skeleton: Skeleton, *, base_url: str = "") -> bytes:
    """The printable page as a PDF, with the same stylesheet."""
    try:
        from weasyprint import CSS, HTML
    except (ImportError, OSError) as error:  # OSError: Pango missing
        raise PdfUnavailable(f"PDF output needs WeasyPrint and Pango: {error}") from error
    stylesheet = CSS(filename=finders.find("briefings/print.css"))
    html = HTML(string=print_html(pack, skeleton, for_pdf=True), base_url=base_url or None)
    return html.write_pdf(stylesheets=[stylesheet])


def pdf_available() -> bool:
    try:
        import weasyprint  # noqa: F401
    except (ImportError, OSError):
        return False
    return True


# ---------------------------------------------------------------------------------------------
# Word
# ---------------------------------------------------------------------------------------------
def _fld_char(kind: str):
    element = OxmlElement("w:fldChar")
    element.set(qn("w:fldCharType"), kind)
    if kind == "begin":
        element.set(qn("w:dirty"), "true")  # Word refreshes it (page numbers) on opening
    return element


def _toc(document, entries: list[str]) -> None:
    """A table-of-contents field whose shown result already lists the sections, so a viewer
    that does not update fields still shows the contents; Word adds the page numbers."""
    first = document.add_paragraph()
    run = first.add_run()
    run._r.append(_fld_char("begin"))
    code = OxmlElement("w:instrText")
    code.set(qn("xml:space"), "preserve")
    code.text = 'TOC \\o "1-2" \\h \\z \\u'
    run._r.append(code)
    run._r.append(_fld_char("separate"))
    paragraphs = [first] + [document.add_paragraph() for _ in entries[1:]]
    for number, (paragraph, entry) in enumerate(zip(paragraphs, entries, strict=True), 1):
        paragraph.add_run(f"{number}. {entry}")
    paragraphs[-1].add_run()._r.append(_fld_char("end"))


def _table(document, header: list[str], rows: list[list[str]]) -> None:
    table = document.add_table(rows=1, cols=len(header))
    table.style = "Light Grid Accent 1"
    for cell, text in zip(table.rows[0].cells, header, strict=True):
        cell.text = text
    for row in rows:
        cells = table.add_row().cells
        for cell, text in zip(cells, row, strict=True):
            cell.text = text
    document.add_paragraph()


def _page_break(document) -> None:
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)


def _initiative(document, brief: InitiativeBrief) -> None:
    document.add_heading(f"{brief.label} — {brief.status_label}", level=3)
    facts = [brief.kind.replace("_", " ").capitalize()]
    if brief.lead_body:
        facts.append(f"led by {brief.lead_body}")
    if brief.partners:
        facts.append("with " + ", ".join(brief.partners))
    if brief.outcomes:
        facts.append(", ".join(brief.outcomes))
    if brief.status_since:
        facts.append(f"{brief.status_label.lower()} since {brief.status_since:%-d %b %Y}")
    document.add_paragraph(" · ".join(facts))
    words = brief.last_words
    if words is None:
        document.add_paragraph("Never mentioned at a meeting before this one.")
    elif words.quotation:
        document.add_paragraph(words.quotation, style="Quote")
        document.add_paragraph(f"{words.meeting}, paragraph {words.paragraph}: {words.link}")
    else:
        source = words.source_url or "source not recorded"
        by = f" by {words.publisher}" if words.publisher else ""
        phrase = f": “{words.phrase}”" if words.phrase else ""
        document.add_paragraph(
            f"Last said at the {words.meeting}{phrase} — from a report{by}: {source}"
        )
    if brief.due:
        when = brief.expected_text or str(brief.expected_date)
        label = "Overdue" if brief.due == "overdue" else "Due before the meeting"
        document.add_paragraph(f"{label}: {when}")
    if brief.silent_meetings:
        document.add_paragraph(f"Silent for {brief.silent_meetings} meetings, counting this one.")
    for update in brief.updates:
        extra = f" · {update.status.capitalize()}" if update.status else ""
        if update.percent_complete is not None:
            extra += f" · {update.percent_complete}%"
        document.add_paragraph(
            f"{update.date:%-d %b %Y}{extra} — {update.summary}", style="List Bullet"
        )


def _table_section(
    document, title: str, headers: list[str], rows: list[list[str]], *, empty: str, intro=""
) -> None:
    """A section of the pack: its heading, then its rows as a table (after a line introducing
    them), or one line saying there is nothing to show."""
    document.add_heading(title, level=1)
    if not rows:
        document.add_paragraph(empty)
        return
    if intro:
        document.add_paragraph(intro)
    _table(document, headers, rows)


def pack_docx(pack: BriefingPack, skeleton: Skeleton) -> bytes:
    document = Document()
    document.styles["Normal"].font.size = Pt(10.5)
    document.core_properties.title = f"Briefing pack: {pack.meeting.title}"
    document.add_heading(pack.meeting.title, level=0)
    facts = [pack.meeting.name, pack.meeting.when, pack.meeting.venue]
    document.add_paragraph(" · ".join(f for f in facts if f))
    summary = filter_summary(pack.filters)
    document.add_paragraph(
        f"The record as it stood on {pack.as_on:%-d %B %Y}."
        + (f" Narrowed to: {summary}." if summary else "")
    )
    document.add_heading("Contents", level=1)
    _toc(document, list(TITLES.values()))
    _page_break(document)

    last = pack.last_meeting
    _table_section(
        document,
        TITLES["changes"],
        ["Initiative", "Change", "Before", "After"],
        [[c.name, c.kind.capitalize(), c.before, c.after] for c in pack.changes] if last else [],
        intro=f"At the {last.name}, against the meeting before it." if last else "",
        empty="Nothing new, advanced, regressed or gone silent.",
    )

    document.add_heading(f"{TITLES['initiatives']} ({len(pack.initiatives)})", level=1)
    for brief in pack.initiatives:
        _initiative(document, brief)

    _table_section(
        document,
        TITLES["due"],
        ["Initiative", "Expected", "When", "Status"],
        [
            [
                i.label,
                "Overdue" if i.due == "overdue" else "Before the meeting",
                i.expected_text or str(i.expected_date),
                i.status_label,
            ]
            for i in pack.due
        ],
        empty="Nothing is due before the meeting.",
    )
    _table_section(
        document,
        TITLES["silent"],
        ["Initiative", "Last said", "Meetings without a word", "Status"],
        [
            [
                i.label,
                i.last_words.meeting if i.last_words else "never",
                str(i.silent_meetings),
                i.status_label,
            ]
            for i in pack.silent
        ],
        empty="No open initiative has gone unmentioned since the last meeting.",
    )

    document.add_heading(TITLES["countries"], level=1)
    if not pack.countries:
        document.add_paragraph("No country notes since the last meeting.")
    for country in pack.countries:
        document.add_heading(country.member_state, level=2)
        for note in country.notes:
            document.add_paragraph(
                f"{note.date:%-d %b %Y} · {note.initiative} — {note.summary}", style="List Bullet"
            )

    _table_section(
        document,
        TITLES["work_plans"],
        ["Partner", "Latest work plan", "Its year", "Renewal for"],
        [
            [w.partner, w.latest, str(w.latest_year or "not said"), str(w.renewal_year)]
            for w in pack.work_plans
        ],
        empty="Every partner's work plan covers the meeting's year.",
    )

    _page_break(document)
    document.add_heading(TITLES["skeleton"], level=1)
    _skeleton_body(document, skeleton)
    return _bytes(document)


def _skeleton_body(document, skeleton: Skeleton) -> None:
    document.add_paragraph(f"1. {skeleton.opening}")
    for title, rows in skeleton.sections():
        paragraph = document.add_paragraph()
        paragraph.add_run(title).bold = True
        for row in rows:
            document.add_paragraph(f"{row.number}. {row.text}")


def skeleton_docx(skeleton: Skeleton) -> bytes:
    """The draft statement alone, in the statements' layout, for the secretariat to edit."""
    document = Document()
    document.add_heading(skeleton.title, level=0)
    paragraph = document.add_paragraph()
    paragraph.add_run("Joint Media Statement").italic = True
    _skeleton_body(document, skeleton)
    if skeleton.skipped:
        document.add_heading("Not drafted", level=2)
        for item in skeleton.skipped:
            document.add_paragraph(f"{item.name}: {item.reason}", style="List Bullet")
    return _bytes(document)


def _bytes(document) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
