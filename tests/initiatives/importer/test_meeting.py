"""Stage 2b: which meeting a statement is from, and the meeting it announces."""

from datetime import date

import pytest

from initiatives.importer.errors import ImportRefused
from initiatives.importer.matcher import Matcher
from initiatives.importer.meeting import parse_meeting, parse_next_meetings
from initiatives.importer.readers import read_markdown
from initiatives.importer.splitter import split_statement


def header(catalogue, text, metadata=None):
    split = split_statement(text)
    return parse_meeting(split, metadata or {}, Matcher(catalogue.entries)), split


def test_it_reads_the_seed_header(catalogue, seed_text):
    document = read_markdown(seed_text)
    meeting, split = header(catalogue, document.text, document.metadata)
    assert (meeting.series, meeting.number) == ("ADGMIN", 3)
    assert meeting.title == "3rd ASEAN Digital Ministers' Meeting"
    assert (meeting.start_date, meeting.end_date) == (date(2023, 2, 9), date(2023, 2, 10))
    assert meeting.venue == "Boracay Island, Aklan, Philippines"
    assert meeting.host == "Philippines"
    assert meeting.chair.name == "Ivan John E. Uy"
    assert meeting.chair.country == "Philippines"  # not written: the host chairs
    assert meeting.vice_chair.name == "Dr Janil Puthucheary"
    assert meeting.vice_chair.country == "Singapore"
    assert "Ministry of Health" in meeting.vice_chair.title
    planned = parse_next_meetings(split, meeting, Matcher(catalogue.entries))
    assert [(p.series, p.number, p.venue, p.host, p.date_text, p.start_date) for p in planned] == [
        ("ADGMIN", 4, "Singapore", "Singapore", "January/February 2024", date(2024, 1, 1))
    ]


def test_it_reads_a_capitals_title_block_and_chaired_by(catalogue):
    text = (
        "JOINT MEDIA STATEMENT\nTHE FOURTH ASEAN DIGITAL MINISTERS' MEETING\n"
        "1-2 FEBRUARY 2024, SINGAPORE\n\n"
        "1. The Meeting was chaired by Ms A. Tan, Minister for Digital Development of Singapore, "
        "and vice-chaired by H.E. Mr B. Wong, Minister of Digital Economy, Thailand.\n"
    )
    meeting, _ = header(catalogue, text)
    assert (meeting.series, meeting.number) == ("ADGMIN", 4)
    assert (meeting.start_date, meeting.end_date) == (date(2024, 2, 1), date(2024, 2, 2))
    assert (meeting.venue, meeting.host) == ("Singapore", "Singapore")
    assert (meeting.chair.name, meeting.chair.title, meeting.chair.country) == (
        "Ms A. Tan",
        "Minister for Digital Development",
        "Singapore",
    )
    assert (meeting.vice_chair.name, meeting.vice_chair.country) == ("Mr B. Wong", "Thailand")


def test_it_reads_held_in_a_city_from_to_dates_and_a_theme(catalogue):
    text = (
        "1. The 5th ASEAN Digital Ministers' Meeting (ADGMIN) was held in Bangkok, Thailand from "
        '16 to 17 January 2025 under the theme "Digital Trust for All". H.E. Mr B. Wong, '
        "Minister of Digital Economy, chaired the Meeting with Ms C. Pham of Viet Nam as the "
        "Vice-Chair.\n2. The Meeting agreed to convene the 6th ADGMIN in Viet Nam in 2026.\n"
    )
    meeting, split = header(catalogue, text)
    assert (meeting.number, meeting.venue, meeting.host) == (5, "Bangkok, Thailand", "Thailand")
    assert (meeting.start_date, meeting.end_date) == (date(2025, 1, 16), date(2025, 1, 17))
    assert meeting.theme == "Digital Trust for All"
    assert (meeting.chair.name, meeting.chair.country) == ("Mr B. Wong", "Thailand")
    assert (meeting.vice_chair.name, meeting.vice_chair.country) == ("Ms C. Pham", "Viet Nam")
    (planned,) = parse_next_meetings(split, meeting, Matcher(catalogue.entries))
    assert (planned.number, planned.host, planned.date_text) == (6, "Viet Nam", "2026")


def test_it_reads_an_announcement_worded_as_looking_forward(catalogue):
    text = (
        "1. The 4th ADGMIN was held on 1-2 February 2024 in Singapore.\n"
        "2. The Ministers looked forward to the 2nd ASEAN-China Cyber Dialogue and to the "
        "5th ADGMIN in Thailand in January 2025.\n"
    )
    meeting, split = header(catalogue, text)
    planned = parse_next_meetings(split, meeting, Matcher(catalogue.entries))
    assert [(p.series, p.number, p.host, p.date_text) for p in planned] == [
        ("ADGMIN", 5, "Thailand", "January 2025")
    ]


def test_it_names_a_related_meeting_with_a_dialogue_partner(catalogue):
    meeting, _ = header(
        catalogue, "1. The 4th ASEAN-Japan Digital Ministers' Meeting was held on 2 February 2024."
    )
    assert (meeting.series, meeting.number) == ("ADGMIN+Japan", 4)


def test_it_does_not_announce_the_meeting_it_is_about(catalogue):
    text = (
        "1. The 3rd ADGMIN was held on 9 February 2023.\n"
        "2. The Meeting agreed to convene the 3rd ADGMIN Related Meetings later in 2023.\n"
    )
    meeting, split = header(catalogue, text)
    assert parse_next_meetings(split, meeting, Matcher(catalogue.entries)) == []


def test_it_refuses_a_statement_that_never_names_its_meeting(catalogue):
    with pytest.raises(ImportRefused) as caught:
        header(catalogue, "1. The Ministers met.\n2. They agreed.\n")
    assert caught.value.code == ImportRefused.NO_MEETING


@pytest.mark.parametrize(
    ("paragraph", "chair", "vice"),
    [
        (
            "1. The 4th ADGMIN was held on 17-18 January 2024 in Singapore. H.E. Ms A. Tan, "
            "Minister for Digital Development of Singapore, chaired the Meeting, and H.E. Mr B. "
            "Wong, Minister of Digital Economy and Society of Thailand, was the Vice-Chair.",
            ("Ms A. Tan", "Singapore"),
            ("Mr B. Wong", "Thailand"),
        ),
        (
            "1. The 5th ADGMIN was convened on 16 January 2025 in Bangkok, Thailand. The Meeting "
            "was held under the chairmanship of H.E. Mr B. Wong, Minister of Digital Economy of "
            "Thailand. H.E. Ms C. Pham, Minister of Information of Viet Nam, served as Vice-Chair.",
            ("Mr B. Wong", "Thailand"),
            ("Ms C. Pham", "Viet Nam"),
        ),
        (
            "1. The 6th ADGMIN was held on 15 and 16 January 2026 in Hanoi, Viet Nam. Ms C. Pham, "
            "Minister of Science of Viet Nam, chaired the Meeting. Mr D. Lim, Minister of "
            "Communications of Singapore, vice-chaired the Meeting.",
            ("Ms C. Pham", "Viet Nam"),
            ("Mr D. Lim", "Singapore"),
        ),
        (
            "1. The 5th ADGMIN was held on 16-17 January 2025 in Bangkok, Thailand. The Meeting "
            "was co-chaired by H.E. Mr B. Wong of Thailand and H.E. Ms C. Pham of Viet Nam.",
            ("Mr B. Wong", "Thailand"),
            ("Ms C. Pham", "Viet Nam"),
        ),
    ],
)
def test_it_reads_chair_and_vice_chair_however_they_are_worded(catalogue, paragraph, chair, vice):
    meeting, _ = header(catalogue, paragraph + "\n")
    assert (meeting.chair.name, meeting.chair.country) == chair
    assert (meeting.vice_chair.name, meeting.vice_chair.country) == vice


def test_a_city_venue_takes_its_host_from_the_chair(catalogue):
    text = (
        "1. The 5th ADGMIN was held in Bangkok on January 16-17, 2025. It was chaired by "
        "H.E. Mr B. Wong, Minister of Digital Economy and Society, Thailand.\n"
    )
    meeting, _ = header(catalogue, text)
    assert (meeting.venue, meeting.host) == ("Bangkok", "Thailand")


def test_the_host_is_the_country_after_hosted_by(catalogue):
    text = (
        "1. The 7th ADGMIN was hosted by Viet Nam in Da Nang on 14-15 January 2027, chaired by "
        "Mr D. Hoang, Minister of Viet Nam and vice-chaired by Mr E. Lim of Singapore.\n"
    )
    meeting, _ = header(catalogue, text)
    assert (meeting.venue, meeting.host) == ("Da Nang", "Viet Nam")


def test_the_next_meetings_place_is_not_this_meetings_venue(catalogue):
    text = (
        "1. Ministers from ASEAN Member States met at the 5th ADGMIN in Bangkok, Thailand, on "
        "16-17 January 2025.\n2. The 6th ADGMIN will be held in Viet Nam in 2026.\n"
    )
    meeting, split = header(catalogue, text)
    assert (meeting.venue, meeting.host) == ("Bangkok, Thailand", "Thailand")
    (planned,) = parse_next_meetings(split, meeting, Matcher(catalogue.entries))
    assert (planned.number, planned.host) == (6, "Viet Nam")


def test_it_reads_an_announcement_told_in_the_conditional(catalogue):
    text = (
        "1. The 4th ADGMIN was held on 1-2 February 2024 in Singapore.\n"
        "2. The Meeting noted that the 5th ADGMIN would be hosted by Thailand in January 2025.\n"
    )
    meeting, split = header(catalogue, text)
    (planned,) = parse_next_meetings(split, meeting, Matcher(catalogue.entries))
    assert (planned.number, planned.host, planned.date_text) == (5, "Thailand", "January 2025")
