"""The statement importer: read -> split -> match -> discover -> classify -> review and save.

Each stage is a plain function in its own module with its own tests.
"""

from .readers import Document, read_markdown
from .splitter import ParsedParagraph, SplitStatement, split_statement

__all__ = ["Document", "ParsedParagraph", "SplitStatement", "read_markdown", "split_statement"]
