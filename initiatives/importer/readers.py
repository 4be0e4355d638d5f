"""Stage 1 of the importer: a file's bytes -> clean text with paragraph breaks.

Only the text formats live here for now; one reader per format, chosen by `read_document`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import yaml

FRONT_MATTER = re.compile(r"\A---\s*\n(.*?)\n---\s*\n", re.DOTALL)


@dataclass
class Document:
    text: str
    format: str
    metadata: dict = field(default_factory=dict)


def read_markdown(text: str) -> Document:
    """Markdown, with an optional YAML front-matter block whose fields become metadata."""
    metadata: dict = {}
    match = FRONT_MATTER.match(text)
    if match:
        try:
            loaded = yaml.safe_load(match.group(1))
        except yaml.YAMLError:
            loaded = None
        if isinstance(loaded, dict):
            metadata = {str(k): v for k, v in loaded.items()}
        text = text[match.end() :]
    return Document(text=text, format="markdown", metadata=metadata)
