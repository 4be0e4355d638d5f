"""The Word reader: paragraphs in order, with the list numbers Word computes."""

from __future__ import annotations

import io
import zipfile

from .document import Document
from .errors import ImportRefused

# One XML part (the body, the numbering, the styles) of a statement is well under a megabyte.
MAX_XML_PART = 10 * 1024 * 1024


def is_docx(data: bytes) -> bool:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return "word/document.xml" in archive.namelist()
    except (zipfile.BadZipFile, ValueError, OSError):
        return False


def read_docx(data: bytes) -> Document:
    """Word: paragraphs in order, with the list numbers Word computes (they are not in the text)."""
    import docx
    from docx.oxml.ns import qn

    try:
        check_package_size(data)
        document = docx.Document(io.BytesIO(data))
    except ImportRefused:
        raise
    except Exception as exc:  # python-docx raises many kinds on a damaged package
        raise ImportRefused(
            ImportRefused.BAD_DOCX, f"This Word file cannot be opened ({exc.__class__.__name__})."
        ) from exc

    numbering = _DocxNumbering(document, qn)
    blocks: list[str] = []
    body = document.element.body
    for child in body.iterchildren():
        if child.tag == qn("w:p"):
            paragraph = docx.text.paragraph.Paragraph(child, document)
            blocks.append(_docx_paragraph(paragraph, numbering, qn))
        elif child.tag == qn("w:tbl"):
            table = docx.table.Table(child, document)
            for row in table.rows:
                for cell in row.cells:
                    for paragraph in cell.paragraphs:
                        blocks.append(_docx_paragraph(paragraph, numbering, qn))
    metadata = {}
    if document.core_properties.title:
        metadata["title"] = document.core_properties.title
    text = "\n\n".join(b for b in blocks if b.strip())
    return Document(text=text, format="docx", metadata=metadata)


def check_package_size(data: bytes) -> None:
    """Refuse a package that unpacks past tracker.security's limit, before python-docx reads it.

    The archive's directory is checked first (cheap); then every part is unpacked in chunks and
    counted, since the directory is written by whoever made the file and may lie.
    """
    from tracker import security  # Django-bound: imported when used

    limit = security.DOCX_MAX_UNCOMPRESSED
    refusal = ImportRefused(
        ImportRefused.BAD_DOCX,
        f"This Word file unpacks to more than {limit // (1024 * 1024)} MB, far more than a "
        "statement needs: it is refused. Save the statement again without embedded media.",
    )
    if not security.archive_within_limits(data, limit):
        raise refusal
    total = 0
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for info in archive.infolist():
            budget = limit - total
            if info.filename.endswith((".xml", ".rels")):
                budget = min(budget, MAX_XML_PART)
            try:
                total += len(security.read_archive_member(archive, info.filename, budget))
            except security.ArchiveTooLarge as exc:
                raise refusal from exc


def _docx_paragraph(paragraph, numbering: _DocxNumbering, qn) -> str:
    text = paragraph.text.replace("\t", " ")
    if not text.strip():
        return ""
    style = (paragraph.style.name if paragraph.style is not None else "") or ""
    prefix = numbering.prefix(paragraph, qn)
    if style.lower().startswith("heading") or style.lower() == "title":
        return f"## {text.strip()}"
    runs = [run for run in paragraph.runs if run.text.strip()]
    style_bold = bool(paragraph.style is not None and paragraph.style.font.bold)
    bold = bool(runs) and all(run.bold or (run.bold is None and style_bold) for run in runs)
    if bold and not prefix:
        return f"**{text.strip()}**"
    return f"{prefix}{text.strip()}"


class _DocxNumbering:
    """Computes the visible number of auto-numbered Word paragraphs ("1.", "2.", ...)."""

    def __init__(self, document, qn):
        self.formats: dict[tuple[str, int], tuple[str, int]] = {}
        self.abstract_of: dict[str, str] = {}
        self.start_override: dict[tuple[str, int], int] = {}
        self.counters: dict[str, dict[int, int]] = {}
        try:
            root = document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            return
        for abstract in root.findall(qn("w:abstractNum")):
            aid = abstract.get(qn("w:abstractNumId"))
            for lvl in abstract.findall(qn("w:lvl")):
                ilvl = int(lvl.get(qn("w:ilvl"), "0"))
                fmt = lvl.find(qn("w:numFmt"))
                start = lvl.find(qn("w:start"))
                self.formats[(aid, ilvl)] = (
                    fmt.get(qn("w:val")) if fmt is not None else "decimal",
                    int(start.get(qn("w:val"))) if start is not None else 1,
                )
        for num in root.findall(qn("w:num")):
            nid = num.get(qn("w:numId"))
            abstract = num.find(qn("w:abstractNumId"))
            if abstract is not None:
                self.abstract_of[nid] = abstract.get(qn("w:val"))
            for override in num.findall(qn("w:lvlOverride")):
                start = override.find(qn("w:startOverride"))
                if start is not None:
                    ilvl = int(override.get(qn("w:ilvl"), "0"))
                    self.start_override[(nid, ilvl)] = int(start.get(qn("w:val")))

    def _num_pr(self, paragraph, qn):
        p_pr = paragraph._p.pPr
        num_pr = p_pr.find(qn("w:numPr")) if p_pr is not None else None
        style = paragraph.style
        while num_pr is None and style is not None:
            s_pr = style.element.find(qn("w:pPr"))
            num_pr = s_pr.find(qn("w:numPr")) if s_pr is not None else None
            style = style.base_style
        return num_pr

    def prefix(self, paragraph, qn) -> str:
        num_pr = self._num_pr(paragraph, qn)
        if num_pr is None:
            return ""
        num_id_el, ilvl_el = num_pr.find(qn("w:numId")), num_pr.find(qn("w:ilvl"))
        nid = num_id_el.get(qn("w:val")) if num_id_el is not None else None
        ilvl = int(ilvl_el.get(qn("w:val"))) if ilvl_el is not None else 0
        if not nid or nid == "0" or nid not in self.abstract_of:
            return ""
        aid = self.abstract_of[nid]
        fmt, start = self.formats.get((aid, ilvl), ("decimal", 1))
        start = self.start_override.pop((nid, ilvl), None) or start
        levels = self.counters.setdefault(aid, {})
        levels[ilvl] = levels[ilvl] + 1 if ilvl in levels else start
        for deeper in [lvl for lvl in levels if lvl > ilvl]:
            del levels[deeper]
        n = levels[ilvl]
        if fmt == "bullet":
            return "- "
        if fmt == "decimal" and ilvl == 0:
            return f"{n}. "
        if fmt in ("lowerLetter", "upperLetter"):
            letter = chr(ord("a") + (n - 1) % 26)
            return f"({letter.upper() if fmt == 'upperLetter' else letter}) "
        if fmt in ("lowerRoman", "upperRoman"):
            return f"({_roman(n).lower() if fmt == 'lowerRoman' else _roman(n)}) "
        return f"({n}) "


def _roman(n: int) -> str:
    out = ""
    for value, numeral in (
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ):
        while n >= value:
            out += numeral
            n -= value
    return out
