"""The statement importer: read -> split -> match -> discover -> classify -> review and save.

Each stage is a plain function in its own module with its own tests (tests/initiatives/importer/):

- readers.py   bytes -> Markdown-like text, for Markdown (+ front matter) and plain text, and the
               entry point for HTML (html_reader), PDF (pdf_reader: text layer, page furniture
               removed) and Word (docx_reader: list numbers restored); encoding detection and
               the size limit; every refusal is an ImportRefused with a message.
- splitter.py  text -> title block, numbered paragraphs, section headings; copes with wrapped
               lines, single newlines, hyphenation, stray spaces, bold fragments, bullets.
- meeting.py   the meeting header (series, ordinal, dates, venue, host, theme) and the announced
               next meeting; chairs.py reads the chair and vice-chair with their countries.
- matcher.py   one Aho-Corasick automaton over the folded spellings of every known initiative
               and partner; matches map back to the original text; the longest wins.
- discover/    capitalised titles with a kind word that the tracker does not know yet, with a
               suggested kind, acronym, partner and year, and merge suggestions.
- classify/    small readers (verb, object, coordination, clause, expected date) and one rule
               that picks (mention.py): the status the StatusRule table gives each mention.
- proposal.py  the typed proposal (rows.py: its rows), the contract every later step reads;
               to_json/from_json, with the migration of older stored proposals.
- pipeline.py  the stages chained into a Proposal; the --json summary.
- compare.py   the database side, reads: what is stored (duplicate, correction, contradiction).
- jobs.py      import jobs: upload, parse (Celery), review, confirm, discard.
- confirm.py   the one-transaction confirmation, through the domain services.
- services.py  what views, commands and tasks call (gathers jobs.py and confirm.py).

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
