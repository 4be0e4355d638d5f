"""An officer's progress update is recorded as what it is: not as that officer editing the
initiative's own fields (its expected date, its owner)."""

from datetime import date

from initiatives import services
from tracker.history import record_history


def test_a_progress_update_does_not_show_as_the_officer_editing_the_initiative(
    client, officer, admin_user
):
    initiative = services.initiative_create(
        user=admin_user,
        name="ASEAN Data Framework",
        owner=admin_user,
        expected_date=date(2026, 6, 30),
        expected_text="by mid-2026",
    )
    before = record_history(initiative)
    client.force_login(officer)
    response = client.post(
        f"/initiatives/{initiative.slug}/progress/new/",
        {"date": "2025-05-01", "status": "preparing", "summary": "Drafting started."},
    )
    assert response.status_code == 302
    after = record_history(initiative)
    new = after[: len(after) - len(before)]
    for entry in new:
        fields = {change.label.lower() for change in entry.changes}
        assert not fields & {"owner", "expected date", "expected text"}, (entry.who, fields)
