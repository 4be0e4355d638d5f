"""Property test: every output reports the same status for every initiative, at every meeting
and on every date, whatever the history.

Hypothesis builds random histories in the database (held and planned meetings, two series
meeting on one day, mentions with and without status, quotations and reports, several mentions
of one initiative at one meeting, officer updates between meetings, withdrawn updates, country
notes) through the same services the app uses, then reads the status back from each output:
the stored status (lists, filters, API, export), the as-of page by date and by meeting, the
matrix with its carry-over, the timeline, the meeting comparison and the Atom feed.

The number of examples is bounded (HYPOTHESIS_EXAMPLES, 12 by default; CI sets more).
"""

import csv
import io
import os
from dataclasses import dataclass
from datetime import date, timedelta

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.django import TestCase

from initiatives import selectors, services
from initiatives import status as engine
from initiatives.as_of import statuses_as_of
from initiatives.feeds import status_changes
from initiatives.models import Initiative, Meeting, Mention, ProgressUpdate
from initiatives.selectors.evidence import evidence_by_initiative, meeting_keys
from partners.models import Partner, UserProfile
from tracker import roles

EXAMPLES = int(os.environ.get("HYPOTHESIS_EXAMPLES", "12"))
STATUSES = ["", "proposed", "preparing", "adopted", "implementing", "completed", "stalled",
            "superseded", "discontinued"]  # fmt: skip
FIRST = date(2021, 1, 21)


@dataclass(frozen=True)
class Said:
    meeting: int  # index into the meetings
    initiative: int
    status: str
    report: bool  # a report of the meeting rather than a quotation


@dataclass(frozen=True)
class Update:
    initiative: int
    after_meeting: int  # dated some days after this meeting
    days: int
    status: str
    withdrawn: bool
    country_note: bool


@st.composite
def histories(draw):
    held = draw(st.integers(min_value=2, max_value=4))
    planned = draw(st.booleans())
    japan_with = draw(st.one_of(st.none(), st.integers(min_value=0, max_value=held - 1)))
    initiatives = draw(st.integers(min_value=1, max_value=3))
    meetings = held + (1 if japan_with is not None else 0) + (1 if planned else 0)
    said = draw(
        st.lists(
            st.builds(
                Said,
                meeting=st.integers(0, meetings - 1),
                initiative=st.integers(0, initiatives - 1),
                status=st.sampled_from(STATUSES),
                report=st.booleans(),
            ),
            max_size=10,
        )
    )
    updates = draw(
        st.lists(
            st.builds(
                Update,
                initiative=st.integers(0, initiatives - 1),
                after_meeting=st.integers(-1, held - 1),
                days=st.integers(0, 200),
                status=st.sampled_from(STATUSES),
                withdrawn=st.booleans(),
                country_note=st.booleans(),
            ),
            max_size=5,
        )
    )
    # Then the meetings themselves change: one more is held, one is deleted, the planned one
    # is held after all, or one is moved in time. Stored readings must follow.
    later = draw(st.sampled_from(["nothing", "hold_next", "delete", "hold_planned", "move"]))
    return held, planned, japan_with, initiatives, said, updates, later


class TestEveryOutputReportsTheSameStatus(TestCase):
    @classmethod
    def setUpTestData(cls):
        for name in (roles.OFFICER, roles.FOCAL_POINT, roles.ADMIN):
            Group.objects.get_or_create(name=name)
        cls.officer = get_user_model().objects.create_user("prop-officer", password="pw")
        cls.officer.groups.add(Group.objects.get(name=roles.OFFICER))
        UserProfile.objects.create(user=cls.officer)
        cls.malaysia, _ = Partner.objects.get_or_create(
            name="Malaysia", defaults={"slug": "malaysia", "kind": "member_state"}
        )

    def build(self, held, planned, japan_with, count, said, updates):
        meetings = [
            Meeting.objects.create(
                series="ADGMIN",
                number=n + 1,
                slug=f"adgmin-{n + 1}",
                start_date=FIRST.replace(year=FIRST.year + n),
            )  # fmt: skip
            for n in range(held)
        ]
        if japan_with is not None:
            meetings.append(
                Meeting.objects.create(
                    series="ADGMIN+Japan",
                    number=1,
                    slug="adgmin-japan-1",
                    start_date=meetings[japan_with].start_date,
                )  # fmt: skip
            )
        if planned:
            meetings.append(
                Meeting.objects.create(
                    series="ADGMIN",
                    number=held + 1,
                    slug=f"adgmin-{held + 1}",
                    is_planned=True,
                    start_date=FIRST.replace(year=FIRST.year + held),
                )  # fmt: skip
            )
        initiatives = [
            Initiative.objects.create(name=f"Initiative {i}", slug=f"initiative-{i}")
            for i in range(count)
        ]
        statements = {}
        for n, item in enumerate(said):
            meeting, initiative = meetings[item.meeting], initiatives[item.initiative]
            if item.report:
                Mention.objects.update_or_create(
                    meeting=meeting, initiative=initiative, paragraph=None,
                    defaults={"status": item.status, "evidence": "report",
                              "source_url": "https://example.org/report"},
                )  # fmt: skip
                continue
            statement = statements.get(meeting.pk)
            if statement is None:
                statement = statements[meeting.pk] = services.statement_create(
                    meeting=meeting, text=f"statement {meeting.pk}", paragraphs=[]
                )
            paragraph = statement.paragraphs.create(number=n + 1, text=f"Paragraph {n + 1}.")
            services.mention_record(
                meeting=meeting, initiative=initiative, paragraph=paragraph, status=item.status
            )
        for item in updates:
            base = meetings[item.after_meeting].start_date if item.after_meeting >= 0 else FIRST
            ProgressUpdate.objects.create(
                initiative=initiatives[item.initiative],
                author=self.officer,
                date=base + timedelta(days=item.days - (0 if item.after_meeting >= 0 else 300)),
                status="" if item.country_note and item.status == "" else item.status,
                summary="An update.",
                member_state=self.malaysia if item.country_note else None,
                withdrawn_at=timezone.now() if item.withdrawn else None,
            )
        return meetings, initiatives

    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(histories())
    def test_it_reports_one_status_everywhere(self, history):
        *built, later = history
        meetings, initiatives = self.build(*built)
        self.assert_same_everywhere(meetings, initiatives)
        meetings = self.change_meetings(meetings, later)
        self.assert_same_everywhere(meetings, initiatives)

    def change_meetings(self, meetings, later):
        adgmin = [m for m in meetings if m.series == "ADGMIN"]
        if later == "hold_next":
            last = max(adgmin, key=lambda m: m.number)
            number = last.number + 1
            meetings.append(
                Meeting.objects.create(
                    series="ADGMIN",
                    number=number,
                    slug=f"adgmin-{number}",
                    start_date=last.start_date.replace(year=last.start_date.year + 1),
                )  # fmt: skip
            )
        elif later == "delete":
            gone = adgmin[len(adgmin) // 2]
            gone.delete()
            meetings.remove(gone)
        elif later == "hold_planned":
            for meeting in meetings:
                if meeting.is_planned:
                    meeting.is_planned = False
                    meeting.save()
        elif later == "move":  # the first meeting moves after the second (dates only)
            first = adgmin[0]
            first.start_date = adgmin[1].start_date + timedelta(days=3)
            first.save()
        return meetings

    def assert_same_everywhere(self, meetings, initiatives):
        keys = meeting_keys()
        evidence = evidence_by_initiative(meetings=keys)
        today = timezone.localdate()

        # Now: the stored status (lists, filters), the API, the export, as-of today, the
        # matrix's last status, the feed's latest change.
        stored = {i.pk: i.status for i in Initiative.objects.all()}
        expected_now = {i.pk: engine.status_on(evidence.get(i.pk, [])).status for i in initiatives}
        assert stored == expected_now
        self.client.force_login(self.officer)
        api = self.client.get("/api/initiatives/?page_size=10").json()["results"]
        assert {row["slug"]: row["status"] for row in api} == {
            i.slug: stored[i.pk] for i in initiatives
        }
        export = self.client.get("/initiatives/export.csv").content.decode("utf-8-sig")
        by_name = {row["Name"]: row["Status"] for row in csv.DictReader(io.StringIO(export))}
        for initiative in initiatives:
            status = stored[initiative.pk]
            assert by_name[initiative.name] == (engine.status_label(status) if status else "")
        as_of_today = {row.initiative.pk: row.status for row in statuses_as_of(today)}
        assert as_of_today == stored
        matrix = selectors.status_matrix(Initiative.objects.order_by("name"))
        for row in matrix.rows:
            assert row.last_status == stored[row.initiative.pk]
        for change in status_changes():
            latest = max(
                (c for c in status_changes(initiative=change.initiative)), key=lambda c: c.on
            )
            assert latest.status == stored[change.initiative.pk]

        # At every meeting: the as-of page by meeting, the matrix cell (said or carried), the
        # timeline entry and the comparison with the previous meeting agree with the engine.
        column = {m.pk: i for i, m in enumerate(matrix.meetings)}
        timelines = {i.pk: selectors.initiative_timeline(i) for i in initiatives}
        for meeting in meetings:
            key = keys[meeting.pk]
            at = {
                i.pk: engine.status_at_meeting(evidence.get(i.pk, []), key).status
                for i in initiatives
            }
            if key.held:
                by_meeting = statuses_as_of(meeting.start_date, meeting=meeting)
                assert {r.initiative.pk: r.status for r in by_meeting} == at
            # The comparison lists exactly the initiatives the engine finds a change for, with
            # the engine's kind, before and after.
            previous = selectors.previous_meeting(meeting)
            previous_key = keys[previous.pk] if previous else None
            expected = {}
            for i in initiatives:
                change = engine.change_at(evidence.get(i.pk, []), key, previous_key)
                if change is not None:
                    expected[i.pk] = (
                        change.kind,
                        None if change.kind == "new" else change.before,
                        None if change.kind == "silent" else change.after,
                    )
            comparison = selectors.meeting_comparison(meeting)
            shown = {
                c.initiative.pk: (kind, c.before, c.after)
                for kind, changes in comparison.groups.items()
                for c in changes
            }
            assert shown == expected
            for row in matrix.rows:
                index = column.get(meeting.pk)
                cell = row.cells[index] if index is not None else None
                said = evidence.get(row.initiative.pk, [])
                mentioned = engine.mentioned_at(said, key)
                assert (cell is not None) == mentioned
                if cell is not None:
                    read = engine.at_meetings(said, [key])[key.id]
                    assert cell.holds == at[row.initiative.pk]
                    assert cell.status == read.said
                    assert cell.change == (read.change or "")
            for pk, entries in timelines.items():
                for entry in entries:
                    if entry.meeting.pk == meeting.pk and key.held:
                        assert entry.holds == at[pk]

        # On every date around the evidence: the as-of page agrees with the engine.
        days = {m.start_date for m in meetings} | set(
            ProgressUpdate.objects.values_list("date", flat=True)
        )
        for day in sorted(days)[:4]:
            for probe in (day - timedelta(days=1), day):
                rows = {r.initiative.pk: r.status for r in statuses_as_of(probe)}
                for initiative in initiatives:
                    said = evidence.get(initiative.pk, [])
                    assert rows[initiative.pk] == engine.status_on(said, probe).status
