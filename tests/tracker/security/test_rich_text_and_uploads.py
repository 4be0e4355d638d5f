"""Rich text is sanitised with nh3 (uploads: tests/initiatives/importer/test_hostile_files.py and
tests/initiatives/exchange/test_upload_limits.py)."""

import pytest
from django.template import Context, Template

from tracker.security import rich_text_to_plain, sanitize_rich_text


@pytest.mark.parametrize(
    "dirty",
    [
        "<script>alert(1)</script>Hello",
        '<img src=x onerror="alert(1)">Hello',
        '<a href="javascript:alert(1)">Hello</a>',
        '<p style="background:url(x)">Hello</p>',
        "<iframe src='https://evil.example'></iframe>Hello",
        "<svg><script>alert(1)</script></svg>Hello",
    ],
)
def test_dangerous_markup_is_removed(dirty):
    clean = sanitize_rich_text(dirty)
    assert "Hello" in clean
    for bad in ("script", "onerror", "javascript", "style", "iframe", "svg", "<img"):
        assert bad not in clean.lower()


def test_formatting_and_safe_links_are_kept():
    clean = sanitize_rich_text(
        '<p>Signed <strong>today</strong>; see <a href="https://asean.org/x">the text</a>.</p>'
        "<ul><li>one</li></ul>"
    )
    assert "<strong>today</strong>" in clean and "<li>one</li>" in clean
    assert 'href="https://asean.org/x"' in clean and 'rel="noopener noreferrer"' in clean


def test_sanitising_twice_changes_nothing():
    once = sanitize_rich_text("Tom & Jerry <b>5 < 6</b>")
    assert sanitize_rich_text(once) == once
    assert rich_text_to_plain(once) == "Tom & Jerry 5 < 6"


def test_the_template_filter_renders_clean_html_and_keeps_line_breaks():
    template = Template("{% load tracker_records %}{{ text|rich_text }}")
    html = template.render(Context({"text": "line one\nline two<script>x()</script>"}))
    assert html == "line one<br>line two"
