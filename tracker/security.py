"""Security helpers shared by every app: login throttling, rich-text sanitising, archive limits."""

from __future__ import annotations

import html
import io
import zipfile
from datetime import date

import nh3
import yaml
from axes.backends import AxesStandaloneBackend
from django.core.exceptions import ValidationError
from django.utils.safestring import SafeString, mark_safe
from rest_framework import parsers
from rest_framework.exceptions import ParseError

# ------------------------------------------------------------------------------
# Login throttling
# ------------------------------------------------------------------------------


class LoginThrottleBackend(AxesStandaloneBackend):
    """django-axes' lockout check, applied to every login that comes with an HTTP request.

    Axes refuses `authenticate()` calls without a request, to catch web paths that forget to pass
    one. Every web path here (the login form, the admin, DRF) passes it; what calls without one is
    code running on the server itself (the test client's `login()`, the shell), which nobody
    outside can use to guess passwords, so it is let through to the next backend.
    """

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


# ------------------------------------------------------------------------------
# Rich text: summaries of progress updates and country notes
# ------------------------------------------------------------------------------

RICH_TEXT_TAGS = frozenset(
    {"p", "br", "strong", "b", "em", "i", "u", "ul", "ol", "li", "a", "blockquote", "code"}
)
RICH_TEXT_ATTRIBUTES = {"a": frozenset({"href", "title"})}
RICH_TEXT_URL_SCHEMES = frozenset({"http", "https", "mailto"})


def sanitize_rich_text(value: str) -> str:
    """The submitted text as safe HTML: a few formatting tags kept, everything else escaped.

    Scripts, styles, event handlers and javascript: links are removed; links get
    rel="noopener noreferrer". The result is what the database stores, so every screen, export
    and email that shows it starts from clean markup.
    """
    cleaned = nh3.clean(
        (value or "").strip(),
        tags=set(RICH_TEXT_TAGS),
        attributes={tag: set(attrs) for tag, attrs in RICH_TEXT_ATTRIBUTES.items()},
        url_schemes=set(RICH_TEXT_URL_SCHEMES),
        link_rel="noopener noreferrer",
    )
    return cleaned.strip()


def render_rich_text(value: str) -> SafeString:
    """Stored rich text for a template: cleaned again (cheap), with line breaks kept."""
    cleaned = sanitize_rich_text(value)
    if "<p>" not in cleaned and "<br" not in cleaned:
        cleaned = "<br>".join(cleaned.splitlines())
    return mark_safe(cleaned)  # noqa: S308 - nh3 has just removed everything unsafe


def rich_text_to_plain(value: str) -> str:
    """Rich text as plain text, for emails and exports."""
    stripped = nh3.clean(
        (value or "").replace("<br>", "\n").replace("</p>", "\n"), tags=set(), link_rel=None
    )
    return html.unescape(stripped).strip()


# ------------------------------------------------------------------------------
# Uploads
# ------------------------------------------------------------------------------

# The statement importer's upload check (initiatives/importer/readers.py: upload_precheck) and
# the spreadsheet uploads (tracker/spreadsheet.py: open_xlsx) refuse an archive past these
# limits before any reader unpacks it; the Word reader also counts what actually comes out.
DOCX_MAX_UNCOMPRESSED = 50 * 1024 * 1024
DOCX_MAX_MEMBERS = 500


class ArchiveTooLarge(ValueError):
    """A ZIP archive (a .docx, an .xlsx) that unpacks to more than the limit allows."""


def archive_within_limits(data: bytes, max_uncompressed: int | None = None) -> bool:
    """True when the archive's directory promises at most `max_uncompressed` bytes in all.

    The directory can lie (it is written by whoever made the file), so readers must also
    unpack through `read_archive_member`, which counts what actually comes out.
    """
    limit = DOCX_MAX_UNCOMPRESSED if max_uncompressed is None else max_uncompressed
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, ValueError, OSError):
        return False
    return len(infos) <= DOCX_MAX_MEMBERS and sum(i.file_size for i in infos) <= limit


def read_archive_member(archive: zipfile.ZipFile, name: str, limit: int) -> bytes:
    """One member of an open archive, unpacked in chunks; ArchiveTooLarge past `limit` bytes."""
    chunks, total = [], 0
    with archive.open(name) as member:
        while chunk := member.read(1024 * 1024):
            total += len(chunk)
            if total > limit:
                raise ArchiveTooLarge(f"{name} unpacks to more than {limit} bytes")
            chunks.append(chunk)
    return b"".join(chunks)


# ------------------------------------------------------------------------------
# YAML from uploads (statement front matter)
# ------------------------------------------------------------------------------

YAML_MAX_CHARS = 20_000


class UnsafeYaml(ValueError):
    """YAML that a person's upload should never need: anchors, aliases, or too much of it."""


class _PlainYamlLoader(yaml.SafeLoader):
    """yaml.SafeLoader without anchors and aliases: a few hundred bytes of nested aliases
    expand to billions of items (the "billion laughs"), and front matter never needs them."""

    def compose_node(self, parent, index):
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            raise UnsafeYaml("anchors and aliases are not accepted")
        return super().compose_node(parent, index)


def load_plain_yaml(text: str):
    """Parse YAML from an upload with the safe loader, refusing anchors, aliases, deep nesting
    and more than YAML_MAX_CHARS characters (UnsafeYaml); yaml.YAMLError when it is broken."""
    if len(text) > YAML_MAX_CHARS:
        raise UnsafeYaml(f"more than {YAML_MAX_CHARS} characters")
    try:
        return yaml.load(text, Loader=_PlainYamlLoader)  # noqa: S506 - a SafeLoader subclass
    except RecursionError as error:
        raise UnsafeYaml("nested too deeply") from error


# ------------------------------------------------------------------------------
# Dates: one range for every date a person or a file can enter
# ------------------------------------------------------------------------------

# Meetings, statements, progress and expected dates of this tracker fall well inside it; a date
# outside is a typing slip (or an attack on whatever adds days to it) and is refused.
EARLIEST_DATE = date(1990, 1, 1)
LATEST_DATE = date(2100, 12, 31)


def date_out_of_range(value: date | None) -> str:
    """A message when `value` lies outside EARLIEST_DATE..LATEST_DATE; "" when it is fine."""
    if value is None or EARLIEST_DATE <= value <= LATEST_DATE:
        return ""
    return f"Enter a date between {EARLIEST_DATE.year} and {LATEST_DATE.year}."


def validate_sane_date(value: date | None) -> None:
    """Validator form of date_out_of_range, for form fields and serializer fields."""
    message = date_out_of_range(value)
    if message:
        raise ValidationError(message, code="date_range")


# ------------------------------------------------------------------------------
# JSON request bodies
# ------------------------------------------------------------------------------

JSON_MAX_DEPTH = 32


def json_depth_exceeds(value, limit: int = JSON_MAX_DEPTH) -> bool:
    """True when lists and objects nest deeper than `limit` (checked without recursion)."""
    stack = [(value, 1)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, dict):
            item = list(item.values())
        if isinstance(item, list):
            if depth > limit:
                return True
            stack.extend((child, depth + 1) for child in item)
    return False


class JSONParser(parsers.JSONParser):
    """DRF's JSON parser, refusing bodies nested deeper than JSON_MAX_DEPTH with a 400.

    Without it, a few hundred kilobytes of "[" exhaust Python's recursion limit inside the
    decoder (a RecursionError, answered 500) before any view code runs.
    """

    def parse(self, stream, media_type=None, parser_context=None):
        try:
            data = super().parse(stream, media_type, parser_context)
        except RecursionError as error:
            raise ParseError("JSON parse error - nested too deeply.") from error
        if json_depth_exceeds(data):
            raise ParseError(f"JSON parse error - nested deeper than {JSON_MAX_DEPTH} levels.")
        return data
