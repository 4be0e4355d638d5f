"""What every reader hands to the splitter."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Document:
    text: str
    format: str
    metadata: dict = field(default_factory=dict)
    original: str = ""
    encoding: str = ""

    def __post_init__(self) -> None:
        if not self.original:
            self.original = self.text
