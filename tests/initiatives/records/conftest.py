"""Records the workflow tests start from: one meeting, one initiative owned by the officer."""

from datetime import date

import pytest

from initiatives.models import Initiative, Meeting, Mention, ProgressUpdate
from tracker.history import latest_history_id


@pytest.fixture
def meeting(db):
    return Meeting.objects.create(
        series="ADGMIN", number=3, slug="adgmin-3", start_date=date(2023, 2, 9)
    )


@pytest.fixture
def initiative(meeting, officer):
    initiative = Initiative.objects.create(
        name="Digital Economy Framework Agreement", slug="defa", acronym="DEFA", owner=officer
    )
    Mention.objects.create(meeting=meeting, initiative=initiative, status="preparing")
    from initiatives.services import initiative_refresh_status

    return initiative_refresh_status(initiative=initiative)


@pytest.fixture
def note_my(initiative, focal_my, malaysia):
    return ProgressUpdate.objects.create(
        initiative=initiative,
        author=focal_my,
        date=date(2024, 3, 1),
        summary="Malaysia held national consultations.",
        member_state=malaysia,
    )


@pytest.fixture
def official_update(initiative, officer):
    return ProgressUpdate.objects.create(
        initiative=initiative,
        author=officer,
        date=date(2024, 1, 10),
        summary="Round 3 of negotiations.",
        status="preparing",
    )


def edit_form_data(record, **values) -> dict:
    """What the edit form posts: the hidden markers of the state it was opened at, plus values."""
    data = {"seen_history": latest_history_id(record) or ""}
    if hasattr(record, "version"):
        data["version"] = record.version
    data.update({k: "" if v is None else v for k, v in values.items()})
    return data
