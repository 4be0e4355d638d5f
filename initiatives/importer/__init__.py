"""The statement importer: read -> split -> match -> discover -> classify -> review and save.

Each stage is a plain function in its own module with its own tests (tests/importer/):

- readers.py   bytes -> Markdown-like text, for Markdown (+ front matter) and plain text, and the
               entry point for HTML (html_reader), PDF (pdf_reader: text layer, page furniture
               removed) and Word (docx_reader: list numbers restored); encoding detection and
               the size limit; every refusal is an ImportRefused with a message.
- splitter.py  text -> title block, numbered paragraphs, section headings; copes with wrapped
               lines, single newlines, hyphenation, stray spaces, bold fragments, bullets.
- meeting.py   the meeting header (series, ordinal, dates, venue, host, chair and vice-chair
               with countries, theme) and the announced next meeting.
- matcher.py   one Aho-Corasick automaton over the folded spellings of every known initiative
               and partner; matches map back to the original text; the longest wins.
- discover.py  capitalised titles with a kind word that the tracker does not know yet, with a
               suggested kind, acronym, partner and year, and merge suggestions.
- classify.py  the action phrase governing each mention and the status the StatusRule table
               gives it; expected dates.
- pipeline.py  the stages chained into a JSON-serialisable proposal; the --json summary.
- compare.py   the database side, reads: what is stored (duplicate, correction, contradiction).
- services.py  the database side, writes: import jobs and the one-transaction confirmation.

Nothing in the stages up to pipeline.py reads the database: selectors.py loads the catalogue and the
rules, so the same pipeline runs in tests, the benchmark, the command line and Celery.
"""

from .readers import Document, read_document, read_markdown
from .splitter import ParsedParagraph, SplitStatement, split_statement

__all__ = [
    "Document",
    "ParsedParagraph",
    "SplitStatement",
    "read_document",
    "read_markdown",
    "split_statement",
]
