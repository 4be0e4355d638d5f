"""The loaded record on the pages: provenance, the 7th ADGMIN, example activity."""

from io import StringIO

from django.core.management import call_command
from django.urls import reverse

from initiatives.models import Initiative, ProgressUpdate


def test_the_dashboard_names_the_seventh_and_links_to_what_is_due_before_it(
    loaded, client, officer
):
    client.force_login(officer)
    page = client.get("/").content.decode()
    assert "7th ASEAN Digital Ministers&#x27; Meeting" in page
    assert reverse("initiatives:meeting_before", args=["adgmin-7"]) in page


def test_before_the_seventh_lists_what_is_due_silent_and_not_updated(loaded, client, officer):
    client.force_login(officer)
    response = client.get(reverse("initiatives:meeting_before", args=["adgmin-7"]))
    assert response.status_code == 200
    before = response.context["before"]
    assert before.previous.number == 6
    assert "Digital Economy Framework Agreement" in [i.name for i in before.expected]
    assert "ASEAN Digital Masterplan 2030" not in [i.name for i in before.expected]
    silent = [c.initiative.name for c in before.silent]
    assert "ASEAN AI Safety Network" in silent  # named at the 5th, not at the 6th
    assert "Digital Economy Framework Agreement" not in silent
    not_updated = [i.name for i in before.not_updated]
    assert "ASEAN Digital Masterplan 2030" in not_updated
    assert "Hanoi Declaration" not in not_updated  # a one-off act has no progress to report
    assert "ASEAN Digital Masterplan 2025" not in not_updated  # completed


def test_an_update_since_the_sixth_takes_an_initiative_off_the_not_updated_list(
    loaded, client, officer
):
    adm2030 = Initiative.objects.get(acronym="ADM 2030")
    ProgressUpdate.objects.create(
        initiative=adm2030, author=officer, date="2026-04-01", summary="Plan circulated."
    )
    client.force_login(officer)
    before = client.get(reverse("initiatives:meeting_before", args=["adgmin-7"])).context["before"]
    assert "ASEAN Digital Masterplan 2030" not in [i.name for i in before.not_updated]


def test_the_meeting_page_shows_each_reports_evidence(loaded, client, officer):
    client.force_login(officer)
    page = client.get(reverse("initiatives:meeting_detail", args=["adgmin-6"])).content.decode()
    assert "evidence-report confidence-low" in page  # the 'central mechanism' report
    assert "Report · low confidence" in page and "Report · high confidence" in page
    assert 'href="https://vjst.vn/print/82420.html"' in page
    assert "How sure" in page and "high confidence" in page


def test_the_timeline_tells_a_quotation_from_a_report(loaded, client, officer):
    client.force_login(officer)
    page = client.get(reverse("initiatives:detail", args=["defa"])).content.decode()
    assert "From a public report of the meeting" in page
    assert "evidence-report confidence-high" in page
    assert "academicnewsletter.sufe.edu.cn" in page


def test_the_meeting_list_shows_the_series_with_the_seventh_planned(loaded, client, officer):
    client.force_login(officer)
    response = client.get(reverse("initiatives:meeting_list"))
    adgmin = [m for m in response.context["meetings"] if m.series == "ADGMIN"]
    assert sorted(m.number for m in adgmin) == [1, 2, 3, 4, 5, 6, 7]
    sixth = next(m for m in adgmin if m.number == 6)
    assert ("completed", "Completed", 1) in sixth.said
    assert reverse("initiatives:meeting_before", args=["adgmin-7"]) in response.content.decode()


def test_example_activity_is_marked_shown_and_removed_with_one_command(loaded, client):
    call_command("create_demo_users", stdout=StringIO())
    examples = ProgressUpdate.objects.filter(is_example=True)
    assert examples.count() == 7
    assert examples.filter(member_state__isnull=False).count() == 4
    statuses = dict(Initiative.objects.values_list("pk", "status"))
    assert not examples.exclude(status="").exists()  # examples never move a status

    from django.contrib.auth import get_user_model

    client.force_login(get_user_model().objects.get(username="officer"))
    page = client.get(reverse("initiatives:detail", args=["adm-2030"])).content.decode()
    assert 'class="example-label"' in page and ">Example<" in page
    assert 'class="example-label"' in client.get("/").content.decode()

    call_command("create_demo_users", stdout=StringIO())  # a second run adds nothing
    assert examples.count() == 7

    out = StringIO()
    call_command("remove_examples", stdout=out)
    assert "Removed 7 example entries" in out.getvalue()
    assert not ProgressUpdate.objects.filter(is_example=True).exists()
    assert ProgressUpdate.objects.exists()  # the record's own reported events stay
    assert dict(Initiative.objects.values_list("pk", "status")) == statuses
    page = client.get(reverse("initiatives:detail", args=["adm-2030"])).content.decode()
    assert 'class="example-label"' not in page


def test_the_export_says_which_evidence_each_initiative_has(loaded, client, officer):
    import csv
    import io

    client.force_login(officer)
    response = client.get("/initiatives/export.csv", {"q": "Digital Economy Framework"})
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    header = rows[0]
    assert "Evidence" in header
    defa = next(r for r in rows[1:] if r[header.index("Acronym")] == "DEFA")
    assert (
        defa[header.index("Evidence")] == "report (high confidence, academicnewsletter.sufe.edu.cn)"
    )
