"""The one exception the importer raises for input it will not take, with a message for people.

Every refusal carries a short machine code (for tests, the command line and logs) and a sentence
an officer can act on. Nothing is written to the database before a refusal can happen.
"""

from __future__ import annotations


class ImportRefused(Exception):
    """The statement cannot be imported as it stands; `message` says why and what to do."""

    EMPTY = "empty"
    TOO_LARGE = "too_large"
    BINARY = "binary"
    UNSUPPORTED = "unsupported"
    BAD_PDF = "bad_pdf"
    ENCRYPTED = "encrypted"
    NO_TEXT_LAYER = "no_text_layer"
    BAD_DOCX = "bad_docx"
    INVALID_UTF8 = "invalid_utf8"
    BAD_ENCODING = "bad_encoding"
    NO_PARAGRAPHS = "no_paragraphs"
    NO_MEETING = "no_meeting"
    CONTRADICTS = "contradicts_meeting"
    DUPLICATE = "duplicate"
    STALE = "stale"

    def __init__(self, code: str, message: str, *, statement=None):
        super().__init__(message)
        self.code = code
        self.message = message
        self.statement = statement  # for DUPLICATE: the statement already stored

    def __str__(self) -> str:
        return self.message
