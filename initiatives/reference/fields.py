"""Reading the reference file's YAML with line numbers, and its checked field readers.

Every reader raises ReferenceFileError with the line of the offending key, so that a person
fixing the file is sent to the right place. Dates stay text in the YAML (see `LineLoader`) and
are read here, so that a bad one ("2023-02-30") is refused with its line.
"""

from __future__ import annotations

import calendar
import re
from datetime import date
from typing import Any

import yaml

from ..choices import DatePrecision, InitiativeKind
from .facts import CONFIDENCES, FuzzyDate, ReferenceFileError


class Located(dict):
    """A mapping that remembers the line it and each of its keys start on."""

    line: int = 0
    key_lines: dict[str, int]

    def line_of(self, key: str) -> int:
        return self.key_lines.get(key, self.line)


class LineLoader(yaml.SafeLoader):
    pass


def _construct_mapping(loader: LineLoader, node: yaml.MappingNode) -> Located:
    loader.flatten_mapping(node)
    mapping = Located()
    mapping.line = node.start_mark.line + 1
    mapping.key_lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        mapping[key] = loader.construct_object(value_node, deep=True)
        mapping.key_lines[str(key)] = key_node.start_mark.line + 1
    return mapping


LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
# Dates stay text here, so that a bad one ("2023-02-30") is refused with its line below.
LineLoader.add_constructor(
    "tag:yaml.org,2002:timestamp", lambda loader, node: loader.construct_scalar(node)
)


def load_located(text: str) -> Any:
    """The YAML document, its mappings `Located`; invalid YAML is refused with its line."""
    try:
        return yaml.load(text, Loader=LineLoader)  # noqa: S506 - a SafeLoader subclass
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None) or getattr(error, "context_mark", None)
        reason = getattr(error, "problem", None) or str(error)
        raise ReferenceFileError(
            mark.line + 1 if mark else 0, f"not valid YAML: {reason}"
        ) from None


# ---------------------------------------------------------------------------------------------
# Field readers: each raises ReferenceFileError with the line of the offending key
# ---------------------------------------------------------------------------------------------


def require(row: Located, key: str, where: str) -> Any:
    if key not in row:
        raise ReferenceFileError(row.line, f"{where} has no {key!r}")
    return row[key]


def text_field(row: Located, key: str, where: str, *, required: bool = False) -> str:
    value = require(row, key, where) if required else row.get(key)
    if value is None:
        if required:
            raise ReferenceFileError(row.line_of(key), f"{where}: {key!r} is empty")
        return ""
    if isinstance(value, (dict, list)):
        raise ReferenceFileError(row.line_of(key), f"{where}: {key!r} must be text")
    text = str(value).strip()
    if required and not text:
        raise ReferenceFileError(row.line_of(key), f"{where}: {key!r} is empty")
    return text


def list_field(row: Located, key: str, where: str) -> list:
    value = row.get(key)
    if value is None:
        return []
    if not isinstance(value, list):
        raise ReferenceFileError(row.line_of(key), f"{where}: {key!r} must be a list")
    return value


def texts_field(row: Located, key: str, where: str) -> tuple[str, ...]:
    items = []
    for item in list_field(row, key, where):
        if isinstance(item, (dict, list)):
            raise ReferenceFileError(row.line_of(key), f"{where}: {key!r} must list text")
        if item is not None and str(item).strip():
            items.append(str(item).strip())
    return tuple(items)


def confidence_field(row: Located, key: str, where: str, *, required: bool = False) -> str:
    value = text_field(row, key, where, required=required).lower()
    if value and value not in CONFIDENCES:
        raise ReferenceFileError(
            row.line_of(key),
            f"{where}: unknown confidence {value!r} "
            f"(expected one of {', '.join(sorted(CONFIDENCES))})",
        )
    return "" if value == "none" else value


_DATE = re.compile(r"(\d{4})(?:-(\d{1,2}))?(?:-(\d{1,2}))?")


def parse_fuzzy_date(value: Any, line: int, where: str) -> tuple[FuzzyDate, FuzzyDate | None, str]:
    """'2021-01-21..2021-01-22', '2022-01 (note)', 2025, a date -> (first, end or None, note)."""
    if isinstance(value, date):
        day = FuzzyDate(value, value, DatePrecision.DAY)
        return day, None, ""
    text = str(value).strip() if value is not None else ""
    match = re.fullmatch(
        rf"({_DATE.pattern})(?:\s*\.\.\s*({_DATE.pattern}))?\s*(?:\((.*)\))?\s*", text
    )
    if not match:
        raise ReferenceFileError(
            line, f"{where}: {text!r} is not a date (YYYY, YYYY-MM or YYYY-MM-DD)"
        )
    first = fuzzy_date(match.group(1), line, where)
    end = fuzzy_date(match.group(5), line, where) if match.group(5) else None
    if end is not None and end.last < first.first:
        raise ReferenceFileError(line, f"{where}: the dates {text!r} end before they start")
    return first, end, (match.group(9) or "").strip()


def fuzzy_date(text: str, line: int, where: str) -> FuzzyDate:
    year, month, day = (int(g) if g else None for g in _DATE.fullmatch(text).groups())
    try:
        if day is not None:
            on = date(year, month, day)
            return FuzzyDate(on, on, DatePrecision.DAY)
        if month is not None:
            last = calendar.monthrange(year, month)[1]
            return FuzzyDate(date(year, month, 1), date(year, month, last), DatePrecision.MONTH)
        return FuzzyDate(date(year, 1, 1), date(year, 12, 31), DatePrecision.YEAR)
    except ValueError as error:
        raise ReferenceFileError(line, f"{where}: {text!r} is not a valid date ({error})") from None


_PERIOD = re.compile(
    r"^\s*(?:(?P<from>from)\s+|(?P<to>to|until)\s+)?(?P<a>(?:19|20)\d{2})"
    r"(?:\s*[-–]\s*(?P<b>(?:19|20)\d{2})?)?"
)


def parse_period(text: str) -> tuple[int | None, int | None]:
    """'2021-2025' -> (2021, 2025); 'from 2024', '2025-' -> (2024, None); 'to 2024' -> (None,
    2024); what does not start with a year ('annual', 'negotiated 2023-2026') has no period."""
    match = _PERIOD.match(text or "")
    if not match:
        return None, None
    a, b = int(match["a"]), int(match["b"]) if match["b"] else None
    if match["to"]:
        return None, a
    if b is not None and b < a:
        return None, None
    return a, b


_KINDS = {value: value for value in InitiativeKind.values} | {
    "work plan": InitiativeKind.WORK_PLAN,
    "guideline": InitiativeKind.GUIDE,
    "guidelines": InitiativeKind.GUIDE,
    "program": InitiativeKind.PROGRAMME,
    "project": InitiativeKind.PROGRAMME,
    "center": InitiativeKind.CENTRE,
}


def kind_field(row: Located, where: str) -> str:
    text = text_field(row, "kind", where, required=True).lower()
    kind = _KINDS.get(text) or _KINDS.get(text.replace("_", " "))
    if kind is None:
        raise ReferenceFileError(row.line_of("kind"), f"{where}: unknown kind {text!r}")
    return str(kind)


def status_field(row: Located, key: str, where: str, allowed: set[str] | dict) -> str:
    value = text_field(row, key, where, required=True).lower()
    if value not in allowed:
        raise ReferenceFileError(
            row.line_of(key),
            f"{where}: unknown status {value!r} (expected one of {', '.join(allowed)})",
        )
    return value


def as_mapping(value: Any, line: int, where: str) -> Located:
    if not isinstance(value, Located):
        raise ReferenceFileError(line, f"{where} must be a mapping of fields")
    return value


def web_address(value: Any, line: int, where: str) -> str:
    if value is None:
        return ""
    text = str(value).strip()
    if text and not re.match(r"https?://\S+$", text):
        raise ReferenceFileError(line, f"{where}: {text!r} is not a web address")
    return text


def web_address_field(row: Located, key: str, where: str) -> str:
    return web_address(row.get(key), row.line_of(key), where)


def web_addresses(row: Located, key: str, where: str) -> tuple[str, ...]:
    """A list of web addresses, each checked."""
    return tuple(web_address(u, row.line_of(key), where) for u in texts_field(row, key, where))
