"""Dates in meeting headers and expectations in action phrases."""

from datetime import date

import pytest

from initiatives.importer.dates import find_date_range, find_expected


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("held in Boracay on 9-10 February 2023.", date(2023, 2, 9), date(2023, 2, 10)),
        ("held on 1 - 2 February 2024 in Singapore", date(2024, 2, 1), date(2024, 2, 2)),
        ("from 16 to 17 January 2025", date(2025, 1, 16), date(2025, 1, 17)),
        ("on 30 January - 1 February 2024", date(2024, 1, 30), date(2024, 2, 1)),
        ("on January 16-17, 2025", date(2025, 1, 16), date(2025, 1, 17)),
        ("1-2 FEBRUARY 2024, SINGAPORE", date(2024, 2, 1), date(2024, 2, 2)),
        ("on 9th and 10th Feb. 2023", date(2023, 2, 9), date(2023, 2, 10)),
        ("on 17 January 2025", date(2025, 1, 17), None),
    ],
)
def test_it_reads_meeting_dates_however_they_are_written(text, start, end):
    found = find_date_range(text)
    assert (found.start, found.end) == (start, end)


def test_it_ignores_impossible_dates():
    assert find_date_range("on 31-32 February 2023") is None


@pytest.mark.parametrize(
    ("text", "expected", "on"),
    [
        ("Ethics in 2023.", "2023", date(2023, 1, 1)),
        ("the Plan in early 2023.", "early 2023", date(2023, 1, 1)),
        ("by 2025", "by 2025", date(2025, 1, 1)),
        ("(2021-2025)", "2021-2025", date(2021, 1, 1)),
        ("in January/February 2024.", "January/February 2024", date(2024, 1, 1)),
        ("by the end of 2024", "by end of 2024", date(2024, 12, 1)),
        ("in mid-2024", "mid-2024", date(2024, 5, 1)),
        ("in the second half of 2024", "second half of 2024", date(2024, 7, 1)),
        ("from 2023 to 2027", "2023-2027", date(2023, 1, 1)),
    ],
)
def test_it_reads_expectations(text, expected, on):
    found = find_expected(text)
    assert (found.text, found.date) == (expected, on)


def test_a_year_inside_a_name_is_no_expectation():
    assert find_expected("the ASEAN-Japan 2023 Digital Work Plan") is None


@pytest.mark.parametrize(
    ("text", "expected", "on"),
    [
        ("signed in October 2025", "October 2025", date(2025, 10, 1)),
        ("in October/November 2025", "October/November 2025", date(2025, 10, 1)),
        ("by October to December 2025", "by October to December 2025", date(2025, 10, 1)),
        ("in January and February 2025", "January and February 2025", date(2025, 1, 1)),
        ("in Oct. 2025", "Oct. 2025", date(2025, 10, 1)),
    ],
)
def test_it_reads_months_whose_names_contain_a_joining_word(text, expected, on):
    """ "October" holds "to": a month is split from the next only at a whole joining word."""
    found = find_expected(text)
    assert (found.text, found.date) == (expected, on)
