"""The status engine's rules, one by one, on plain values (no database)."""

from datetime import date

import pytest

from initiatives import status as engine
from initiatives.status import ChangeKind, Evidence, MeetingKey, Source

ADGMIN3 = MeetingKey(3, date(2023, 2, 9), "ADGMIN")
ADGMIN4 = MeetingKey(4, date(2024, 2, 1), "ADGMIN")
ADGMIN5 = MeetingKey(5, date(2025, 1, 16), "ADGMIN")
ADGMIN6 = MeetingKey(6, date(2026, 1, 15), "ADGMIN")
JAPAN5 = MeetingKey(16, date(2026, 1, 15), "ADGMIN+Japan")
ADGMIN7 = MeetingKey(7, date(2027, 1, 20), "ADGMIN", planned=True)


def said(meeting, status="", source=Source.STATEMENT, **extra) -> Evidence:
    return Evidence(on=meeting.on, status=status, source=source, meeting=meeting, **extra)


def update(on, status="", seq=0, **extra) -> Evidence:
    return Evidence(on=on, status=status, source=Source.UPDATE, seq=seq, **extra)


class TestWhichStatusHolds:
    def test_it_takes_the_latest_evidence(self):
        history = [said(ADGMIN3, "preparing"), said(ADGMIN4, "adopted")]
        assert engine.status_on(history).status == "adopted"

    def test_a_mention_without_status_carries_the_status_over(self):
        history = [said(ADGMIN3, "adopted"), said(ADGMIN4, "")]
        assert engine.status_on(history).status == "adopted"

    def test_at_one_meeting_a_statement_outranks_a_report_of_it(self):
        history = [said(ADGMIN4, "adopted", Source.REPORT), said(ADGMIN4, "preparing")]
        assert engine.status_at_meeting(history, ADGMIN4).status == "preparing"

    def test_a_report_counts_where_no_statement_said_a_status(self):
        history = [said(ADGMIN4, "adopted", Source.REPORT), said(ADGMIN4, "")]
        assert engine.status_at_meeting(history, ADGMIN4).status == "adopted"

    def test_several_statuses_at_one_meeting_resolve_to_the_furthest(self):
        history = [said(ADGMIN4, "adopted"), said(ADGMIN4, "preparing")]
        assert engine.status_on(history).status == "adopted"

    def test_an_end_outranks_the_ladder_at_one_meeting(self):
        history = [said(ADGMIN6, "completed"), said(ADGMIN6, "implementing")]
        assert engine.status_on(history).status == "completed"
        history = [said(ADGMIN6, "superseded"), said(ADGMIN6, "implementing")]
        assert engine.status_on(history).status == "superseded"

    def test_an_update_outranks_earlier_meetings_and_yields_to_the_next(self):
        history = [said(ADGMIN3, "preparing"), update(date(2023, 6, 1), "adopted")]
        assert engine.status_on(history).status == "adopted"
        history.append(said(ADGMIN4, "preparing"))
        assert engine.status_on(history).status == "preparing"

    def test_an_update_on_a_meeting_day_counts_after_the_meeting(self):
        history = [said(ADGMIN4, "preparing"), update(ADGMIN4.on, "adopted")]
        assert engine.status_on(history).status == "adopted"
        # ... but not in the status at the meeting itself.
        assert engine.status_at_meeting(history, ADGMIN4).status == "preparing"

    def test_a_withdrawn_update_counts_for_nothing(self):
        history = [said(ADGMIN3, "preparing"), update(date(2023, 6, 1), "adopted", withdrawn=True)]
        assert engine.status_on(history).status == "preparing"

    def test_a_replaced_report_and_a_planned_meeting_count_for_nothing(self):
        history = [
            said(ADGMIN4, "adopted", Source.REPORT, replaced=True),
            said(ADGMIN4, "preparing"),
            said(ADGMIN7, "completed"),
        ]
        assert engine.status_on(history).status == "preparing"

    def test_a_country_note_never_moves_the_status(self):
        history = [
            said(ADGMIN3, "preparing"),
            update(date(2023, 6, 1), "completed", country_note=True),
        ]
        assert engine.status_on(history).status == "preparing"

    def test_the_status_on_a_past_date_ignores_later_evidence(self):
        history = [said(ADGMIN3, "preparing"), said(ADGMIN4, "adopted")]
        assert engine.status_on(history, date(2023, 12, 31)).status == "preparing"
        assert engine.status_on(history, date(2022, 1, 1)).status == ""

    def test_meetings_of_one_day_in_two_series_both_count(self):
        history = [said(ADGMIN6, "preparing"), said(JAPAN5, "adopted")]
        assert engine.status_at_meeting(history, ADGMIN6).status == "adopted"


class TestSince:
    def test_a_reaffirmation_is_not_a_new_start(self):
        history = [said(ADGMIN4, "adopted"), said(ADGMIN5, ""), said(ADGMIN6, "adopted")]
        holding = engine.status_on(history)
        assert holding.since == ADGMIN4.on
        assert holding.reaffirmed_on == ADGMIN6.on

    def test_a_change_starts_the_status_anew(self):
        history = [said(ADGMIN4, "adopted"), said(ADGMIN6, "implementing")]
        assert engine.status_on(history).since == ADGMIN6.on


class TestComparison:
    def test_new_is_the_first_mention_ever(self):
        change = engine.change_at([said(ADGMIN4, "adopted")], ADGMIN4, ADGMIN3)
        assert change.kind == ChangeKind.NEW

    def test_returned_is_a_mention_after_silence(self):
        history = [said(ADGMIN3, "preparing"), said(ADGMIN5, "preparing")]
        change = engine.change_at(history, ADGMIN5, ADGMIN4)
        assert change.kind == ChangeKind.RETURNED
        assert change.last_seen == ADGMIN3

    def test_advanced_regressed_unchanged_compare_with_the_status_before(self):
        base = [said(ADGMIN4, "preparing")]
        assert engine.change_at([*base, said(ADGMIN5, "adopted")], ADGMIN5, ADGMIN4).kind == (
            ChangeKind.ADVANCED
        )
        assert engine.change_at([*base, said(ADGMIN5, "proposed")], ADGMIN5, ADGMIN4).kind == (
            ChangeKind.REGRESSED
        )
        assert engine.change_at([*base, said(ADGMIN5, "")], ADGMIN5, ADGMIN4).kind == (
            ChangeKind.UNCHANGED
        )

    def test_an_update_between_meetings_is_what_the_meeting_is_compared_with(self):
        history = [said(ADGMIN4, "preparing"), update(date(2024, 9, 1), "adopted")]
        history.append(said(ADGMIN5, "adopted"))
        assert engine.change_at(history, ADGMIN5, ADGMIN4).kind == ChangeKind.UNCHANGED

    def test_went_silent_is_mentioned_before_and_not_now(self):
        change = engine.change_at([said(ADGMIN4, "adopted")], ADGMIN5, ADGMIN4)
        assert change.kind == ChangeKind.SILENT and change.after == "adopted"

    def test_neither_meeting_mentioning_it_is_no_change(self):
        assert engine.change_at([said(ADGMIN3, "adopted")], ADGMIN5, ADGMIN4) is None


class TestExpectations:
    @pytest.mark.parametrize(
        ("on", "precision", "due"),
        [
            (date(2023, 1, 1), "year", date(2023, 12, 31)),
            (date(2026, 4, 1), "half", date(2026, 6, 30)),
            (date(2026, 8, 1), "half", date(2026, 12, 31)),
            (date(2024, 7, 1), "quarter", date(2024, 9, 30)),
            (date(2024, 2, 1), "month", date(2024, 2, 29)),
            (date(2024, 2, 10), "day", date(2024, 2, 10)),
        ],
    )
    def test_a_date_is_due_at_the_end_of_its_precision(self, on, precision, due):
        assert engine.due_by(on, precision) == due

    def test_an_expected_year_is_not_overdue_during_that_year(self):
        assert not engine.is_overdue(
            expected_on=date(2023, 1, 1),
            precision="year",
            expected_status="preparing",
            held="preparing",
            today=date(2023, 6, 1),
        )

    def test_an_expected_step_that_happened_is_never_overdue(self):
        assert not engine.is_overdue(
            expected_on=date(2023, 1, 1),
            precision="year",
            expected_status="preparing",
            held="adopted",
            today=date(2026, 12, 2),
        )

    def test_a_step_that_did_not_happen_is_overdue_after_its_period(self):
        assert engine.is_overdue(
            expected_on=date(2023, 1, 1),
            precision="half",
            expected_status="preparing",
            held="preparing",
            today=date(2023, 7, 1),
        )

    @pytest.mark.parametrize(
        ("words", "precision"),
        [
            ("in 2023", "year"),
            ("early 2023", "half"),
            ("by mid-2026", "half"),
            ("in March 2024", "month"),
            ("by 15 March 2024", "day"),
            ("Q3 2024", "quarter"),
        ],
    )
    def test_words_of_expectation_keep_their_precision(self, words, precision):
        assert engine.precision_of(words) == precision
        assert engine.format_expected(date(2024, 3, 15), precision)


class TestStale:
    def test_evidence_of_any_kind_within_the_period_is_not_stale(self):
        common = {"kind": "framework", "held": "adopted", "today": date(2026, 12, 2)}
        assert not engine.is_stale(last_evidence_on=date(2026, 1, 15), stale_days=365, **common)
        assert engine.is_stale(last_evidence_on=date(2025, 1, 15), stale_days=365, **common)
        assert engine.is_stale(last_evidence_on=None, stale_days=365, **common)

    def test_one_off_acts_and_ended_initiatives_are_never_stale(self):
        today = date(2026, 12, 2)
        assert not engine.is_stale(
            kind="declaration", held="adopted", last_evidence_on=None, today=today, stale_days=1
        )
        assert not engine.is_stale(
            kind="framework", held="completed", last_evidence_on=None, today=today, stale_days=1
        )


def test_status_labels_have_one_wording_for_no_status():
    assert engine.status_label("") == engine.status_label(None) == engine.NO_STATUS_LABEL
    assert engine.status_label("adopted") == "Adopted"
