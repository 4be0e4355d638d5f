"""The display helpers of the tracking templates."""

from django.template import Context, Template
from django.test import RequestFactory

from initiatives.templatetags.tracking import quote, status_chart


def test_it_highlights_a_phrase_across_line_breaks_and_case():
    text = "The Meeting Looked forward to the\ncompletion of study for the DEFA."
    html = quote(text, "looked forward to the completion of study", "DEFA")
    assert "<mark>Looked forward to the\ncompletion of study</mark>" in html
    assert "<strong>DEFA</strong>" in html


def test_it_escapes_the_text_it_quotes():
    html = quote("<b>endorsed</b> & <i>adopted</i>", "endorsed")
    assert html == "&lt;b&gt;<mark>endorsed</mark>&lt;/b&gt; &amp; &lt;i&gt;adopted&lt;/i&gt;"


def test_it_leaves_the_text_alone_when_the_phrase_is_not_in_it():
    assert quote("The Meeting noted it.", "welcomed / endorsed") == "The Meeting noted it."


def test_it_keeps_the_first_of_two_overlapping_highlights():
    html = quote("endorsed the ASEAN Guide", "endorsed the ASEAN", "ASEAN Guide")
    assert html == "<mark>endorsed the ASEAN</mark> Guide"


def test_it_replaces_one_query_parameter_and_keeps_the_others():
    request = RequestFactory().get("/initiatives/?status=adopted&status=preparing&page=3")
    rendered = Template("{% load tracking %}{% query_replace page=4 %}").render(
        Context({"request": request})
    )
    assert rendered == "?status=adopted&amp;status=preparing&amp;page=4"


def test_it_scales_the_bars_to_the_largest_count():
    chart = status_chart(
        [("adopted", "Adopted", 4), ("preparing", "Preparing", 2), ("stalled", "Stalled", 0)]
    )
    adopted, preparing, stalled = chart["bars"]
    assert adopted["length"] == chart["plot"]
    assert preparing["length"] == chart["plot"] // 2
    assert stalled["length"] == 0 and chart["total"] == 6
