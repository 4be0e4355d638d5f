"""What the review page shows: highlighted paragraphs, word diffs, differences in words."""

from initiatives.importer.proposal import (
    ExistingMeeting,
    MeetingInfo,
    Proposal,
    Source,
    StatementInfo,
)
from initiatives.importer.review import meeting_differences, segments, word_diff
from partners.models import Partner


def test_segments_cut_a_paragraph_around_its_names():
    text = "The Meeting endorsed the A Plan and the B Guide."
    marks = [(25, 31, "new", "p1-cc2"), (40, 47, "known", "p1-i3")]
    assert segments(text, marks) == [
        {"text": "The Meeting endorsed the ", "mark": "", "key": ""},
        {"text": "A Plan", "mark": "new", "key": "p1-cc2"},
        {"text": " and the ", "mark": "", "key": ""},
        {"text": "B Guide", "mark": "known", "key": "p1-i3"},
        {"text": ".", "mark": "", "key": ""},
    ]


def test_word_diff_marks_what_was_removed_and_added():
    assert word_diff("looked forward to the study", "welcomed the study") == [
        {"op": "delete", "text": "looked forward to "},
        {"op": "insert", "text": "welcomed "},
        {"op": "equal", "text": "the study"},
    ]


def test_meeting_differences_are_said_in_words(db):
    japan = Partner.objects.create(name="Japan", slug="japan", kind="dialogue_partner")
    proposal = Proposal(
        source=Source(),
        statement=StatementInfo(text=""),
        meeting=MeetingInfo(),
        existing_meeting=ExistingMeeting(
            id=1,
            slug="adgmin-3",
            is_planned=False,
            differences={
                "chair_title": {"stored": "Secretary", "statement": "Minister"},
                "host_id": {"stored": 1, "statement": japan.pk},
            },
        ),
    )
    assert meeting_differences(proposal) == [
        {"label": "chair's title", "statement": "Minister"},
        {"label": "host", "statement": "Japan"},
    ]
