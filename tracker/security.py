"""Security helpers shared by every app: login throttling, rich-text sanitising, upload checks."""

from __future__ import annotations

import html
import io
import zipfile
from collections.abc import Iterable
from pathlib import PurePath

import nh3
from axes.backends import AxesStandaloneBackend
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.deconstruct import deconstructible
from django.utils.safestring import SafeString, mark_safe

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

TEXT_EXTENSIONS = frozenset({".md", ".markdown", ".txt", ".html", ".htm"})
DOCX_MAX_UNCOMPRESSED = 50 * 1024 * 1024


def _looks_like_pdf(head: bytes, data: bytes) -> bool:
    return head.startswith(b"%PDF-")


def _looks_like_docx(head: bytes, data: bytes) -> bool:
    if not head.startswith(b"PK\x03\x04"):
        return False
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
            uncompressed = sum(info.file_size for info in archive.infolist())
    except zipfile.BadZipFile:
        return False
    # A few kilobytes that inflate to gigabytes are an attack on the reader, not a statement.
    return "word/document.xml" in names and uncompressed <= DOCX_MAX_UNCOMPRESSED


def _looks_like_text(head: bytes, data: bytes) -> bool:
    if b"\x00" in data[:8192] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return False
    from charset_normalizer import from_bytes

    return from_bytes(data[:65536]).best() is not None


CONTENT_CHECKS = {
    ".pdf": _looks_like_pdf,
    ".docx": _looks_like_docx,
    **dict.fromkeys(TEXT_EXTENSIONS, _looks_like_text),
}


@deconstructible
class UploadValidator:
    """Check an uploaded file's name, size and content before anything reads it.

    The extension must be one of `extensions`, the size within `max_bytes` (default
    settings.IMPORT_MAX_BYTES), and the first bytes must match what the extension promises (a
    PDF header, a Word archive, decodable text), so a renamed executable is refused.
    """

    def __init__(self, extensions: Iterable[str] | None = None, max_bytes: int | None = None):
        self.extensions = tuple(sorted(extensions or CONTENT_CHECKS))
        self.max_bytes = max_bytes

    def __eq__(self, other) -> bool:
        return (
            isinstance(other, UploadValidator)
            and self.extensions == other.extensions
            and self.max_bytes == other.max_bytes
        )

    def __call__(self, upload) -> None:
        name = PurePath(getattr(upload, "name", "") or "").name
        extension = PurePath(name).suffix.lower()
        if extension not in self.extensions:
            allowed = ", ".join(self.extensions)
            raise ValidationError(
                "Files of type %(ext)s are not accepted. Upload one of: %(allowed)s.",
                code="extension",
                params={"ext": extension or "(none)", "allowed": allowed},
            )
        max_bytes = self.max_bytes or settings.IMPORT_MAX_BYTES
        size = getattr(upload, "size", None)
        if size == 0:
            raise ValidationError("The file is empty.", code="empty")
        if size is not None and size > max_bytes:
            raise ValidationError(
                "The file is %(size)s bytes; the largest accepted is %(max)s bytes.",
                code="too_large",
                params={"size": size, "max": max_bytes},
            )
        data = _read_all(upload, max_bytes)
        if len(data) > max_bytes:
            raise ValidationError(
                "The file is larger than %(max)s bytes.",
                code="too_large",
                params={"max": max_bytes},
            )
        check = CONTENT_CHECKS.get(extension)
        if check is not None and not check(data[:16], data):
            raise ValidationError(
                "The file's content does not match its %(ext)s name.",
                code="content",
                params={"ext": extension},
            )


def _read_all(upload, max_bytes: int) -> bytes:
    """Read at most max_bytes + 1 bytes and rewind, so the caller can read the file again."""
    if hasattr(upload, "seek"):
        upload.seek(0)
    data = upload.read(max_bytes + 1)
    if hasattr(upload, "seek"):
        upload.seek(0)
    return data


def validate_upload(upload, *, extensions: Iterable[str] | None = None, max_bytes=None) -> None:
    """Function form of UploadValidator, for code that is not a form field."""
    UploadValidator(extensions, max_bytes)(upload)
