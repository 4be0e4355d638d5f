"""An admin's correction in Django admin moves the stored status at once (no stale copy)."""

from datetime import date

import pytest

from initiatives import services
from initiatives.models import Initiative, Meeting, Mention


@pytest.mark.django_db
def test_it_refreshes_the_status_when_an_admin_corrects_a_mention(client, admin_user):
    meeting = Meeting.objects.create(
        series="ADGMIN", number=4, slug="adgmin-4", start_date=date(2024, 2, 1)
    )
    defa = Initiative.objects.create(name="Digital Economy Framework Agreement", slug="defa")
    mention = services.mention_record(
        meeting=meeting, initiative=defa, status="adopted", phrase="noted the progress of"
    )
    defa.refresh_from_db()
    assert defa.status == "adopted"
    client.force_login(admin_user)
    response = client.post(
        f"/admin/initiatives/mention/{mention.pk}/change/",
        {
            "meeting": meeting.pk,
            "initiative": defa.pk,
            "paragraph": "",
            "phrase": "noted the progress of the negotiations on",
            "matched_text": "",
            "status": "preparing",
            "expected_date": "",
            "expected_text": "",
            "expected_precision": "day",
            "evidence": "report",
            "source_url": "",
            "publisher": "",
            "confidence": "",
            "note": "",
            "replaced_by": "",
            "needs_review": "",
            "_save": "Save",
        },  # fmt: skip
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    defa.refresh_from_db()
    assert defa.status == "preparing"
    assert Mention.objects.get(pk=mention.pk).status == "preparing"
    # The initiative's own history holds no status row written by "system".
    assert not any(getattr(h, "status", None) for h in defa.history.all())


@pytest.mark.django_db
def test_refreshing_a_stale_copy_never_undoes_a_rename(admin_user):
    meeting = Meeting.objects.create(
        series="ADGMIN", number=4, slug="adgmin-4", start_date=date(2024, 2, 1)
    )
    stale = Initiative.objects.create(name="Old name", slug="old-name")
    services.initiative_update(
        initiative=stale, user=admin_user, expected_version=stale.version,
        seen_history_id=None, name="New name",
    )  # fmt: skip
    services.mention_record(meeting=meeting, initiative=stale, status="adopted")
    services.initiative_refresh_status(initiative=stale)  # the copy still says "Old name"
    fresh = Initiative.objects.get(pk=stale.pk)
    assert (fresh.name, fresh.status) == ("New name", "adopted")
    assert fresh.history.first().name == "New name"
    assert {h.history_user for h in fresh.history.all() if h.name == "New name"} == {admin_user}


@pytest.mark.django_db
def test_a_mention_without_a_paragraph_is_an_officer_entry_or_a_report():
    meeting = Meeting.objects.create(
        series="ADGMIN", number=4, slug="adgmin-4", start_date=date(2024, 2, 1)
    )
    typed = Initiative.objects.create(name="Typed in", slug="typed-in")
    cited = Initiative.objects.create(name="Cited", slug="cited")
    entry = services.mention_record(meeting=meeting, initiative=typed, status="adopted")
    report = services.mention_record(
        meeting=meeting, initiative=cited, status="adopted", source_url="https://example.org/r"
    )
    assert (entry.evidence, report.evidence) == ("officer", "report")
