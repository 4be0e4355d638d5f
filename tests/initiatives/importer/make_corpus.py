"""Write the PDF and Word statements of the scoring corpus from their Markdown sources.

    .venv/bin/python -m tests.initiatives.importer.make_corpus

sources/ (beside this file) holds statements written once as Markdown; this turns each into the
file an officer would receive (reportlab for PDF, python-docx for Word, as conversions.py sets
them) in statements/, where score_importer reads them. The generated files are committed so that
scoring needs neither library; test_scoring checks that they read as the same paragraphs as their
sources.
"""

from __future__ import annotations

import os
from pathlib import Path

HERE = Path(__file__).resolve().parent
SOURCES = HERE / "sources"
STATEMENTS = HERE / "statements"
# Source file -> (format, target file name).
CONVERSIONS = {
    "2nd-adgmin-2022-chairmans-statement.md": ("pdf", "2nd-adgmin-2022-chairmans-statement.pdf"),
    "5th-asean-japan-2026-joint-statement.md": (
        "docx",
        "5th-asean-japan-2026-joint-statement.docx",
    ),
}


def build(name: str) -> bytes:
    from .conversions import to_docx, to_pdf

    convert = {"pdf": to_pdf, "docx": to_docx}[CONVERSIONS[name][0]]
    return convert((SOURCES / name).read_text(encoding="utf-8"))


def main() -> None:
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tracker.settings")
    django.setup()
    for name, (_, target) in CONVERSIONS.items():
        (STATEMENTS / target).write_bytes(build(name))
        print(f"wrote {STATEMENTS / target}")


if __name__ == "__main__":
    main()
