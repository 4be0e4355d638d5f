"""The import screens: who may use them, the upload, the progress, the review, the confirm."""

import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings
from django.urls import reverse

from initiatives.models import ImportJob, Initiative, Meeting, Mention, Statement

from .steps import SEED, START, STATEMENTS, review_post, table_counts, upload


def index_of(job, kind, predicate) -> int:
    rows = job.proposal["mentions" if kind == "m" else "candidates"]
    return next(i for i, row in enumerate(rows) if predicate(row))


@pytest.fixture(autouse=True)
def parse_on_commit(monkeypatch):
    """Run the parsing task when the upload commits, as eager Celery does outside tests (the
    test's transaction never commits, so on_commit callbacks would otherwise never run)."""
    from django.db import transaction

    monkeypatch.setattr(transaction, "on_commit", lambda fn, using=None, robust=False: fn())


@pytest.fixture
def officer_client(client, officer, tracker_without_statements):
    client.force_login(officer)
    return client


@pytest.fixture
def ready_job(officer_client):
    response = upload(officer_client)
    return ImportJob.objects.get(pk=response.url.rstrip("/").split("/")[-1])


class TestWhoMayImport:
    @pytest.mark.parametrize("name", ["import_start"])
    def test_it_sends_anonymous_visitors_to_login(self, client, db, name):
        response = client.get(reverse(f"initiatives:{name}"))
        assert response.status_code == 302 and "/accounts/login/" in response.url

    def test_it_refuses_a_focal_point_with_a_reason(self, client, focal_my, ready_job):
        client.force_login(focal_my)
        assert client.get(START).status_code == 403
        assert b"Only secretariat officers" in client.get(START).content
        assert upload(client).status_code == 403
        detail = reverse("initiatives:import_detail", args=[ready_job.pk])
        assert client.get(detail).status_code == 403
        confirm = reverse("initiatives:import_review", args=[ready_job.pk])
        assert client.post(confirm, {"confirm": "1"}).status_code == 403
        assert Statement.objects.count() == 0

    def test_only_officers_see_the_import_link(self, client, officer, focal_my):
        client.force_login(focal_my)
        assert START.encode() not in client.get(reverse("initiatives:home")).content
        client.force_login(officer)
        assert START.encode() in client.get(reverse("initiatives:home")).content

    def test_it_answers_wrong_methods_with_405(self, officer_client, ready_job):
        assert officer_client.put(START).status_code == 405
        for name in ("import_review", "import_discard"):
            url = reverse(f"initiatives:{name}", args=[ready_job.pk])
            assert officer_client.get(url).status_code == 405
        detail = reverse("initiatives:import_detail", args=[ready_job.pk])
        assert officer_client.post(detail).status_code == 405

    def test_an_unknown_import_is_a_404(self, officer_client):
        url = reverse("initiatives:import_detail", args=["00000000-0000-0000-0000-000000000000"])
        assert officer_client.get(url).status_code == 404


class TestUpload:
    def test_it_parses_and_shows_the_proposal_without_saving_anything(self, officer_client):
        statements, initiatives = Statement.objects.count(), Initiative.objects.count()
        response = upload(officer_client)
        assert response.status_code == 302
        page = officer_client.get(response.url)
        assert page.status_code == 200
        html = page.content.decode()
        assert "Review: statement of the 3rd ASEAN Digital Ministers" in html
        assert '<mark class="mention-known">Digital Economy Framework Agreement (DEFA)</mark>' in (
            html
        )
        assert '<mark class="mention-new">ASEAN Cybersecurity Assessment Model (ACAM)</mark>' in (
            html
        )
        assert "January/February 2024" in html
        assert (Statement.objects.count(), Initiative.objects.count()) == (statements, initiatives)

    def test_pasted_text_is_imported_like_a_file(self, officer_client):
        text = (STATEMENTS / "fourth-plain-wrapped.txt").read_text(encoding="utf-8")
        response = officer_client.post(START, {"text": text})
        job = ImportJob.objects.get()
        assert response.url == reverse("initiatives:import_detail", args=[job.pk])
        assert job.state == ImportJob.State.READY and job.proposal["meeting"]["number"] == 4

    @pytest.mark.parametrize(
        ("data", "name", "message"),
        [
            (b"", "empty.md", "The file is empty"),
            (bytes(range(256)) * 8, "junk.bin", "neither text"),
            (b"A press release without numbers.", "note.txt", "No numbered paragraphs"),
        ],
    )
    def test_a_bad_file_gets_its_message_and_writes_nothing(
        self, officer_client, data, name, message
    ):
        before = table_counts()
        response = officer_client.post(START, {"file": SimpleUploadedFile(name, data)}, follow=True)
        assert response.status_code == 200
        assert message in response.content.decode()
        jobs = ImportJob._meta.db_table
        assert {t: n for t, n in table_counts().items() if t != jobs} == {
            t: n for t, n in before.items() if t != jobs
        }

    @override_settings(IMPORT_MAX_BYTES=1000)
    def test_a_file_over_the_limit_is_refused_before_it_is_read(self, officer_client):
        before = table_counts()
        response = upload(officer_client)
        assert "statements larger than" in response.content.decode()
        assert table_counts() == before

    def test_it_wants_either_a_file_or_text(self, officer_client):
        assert "Choose a file" in officer_client.post(START, {}).content.decode()
        both = {"file": SimpleUploadedFile("a.md", b"1. x"), "text": "1. y"}
        assert "not both" in officer_client.post(START, both).content.decode()

    def test_a_statement_already_imported_sends_the_officer_to_its_meeting(self, officer_client):
        job = ImportJob.objects.get(pk=upload(officer_client).url.split("/")[-2])
        officer_client.post(
            reverse("initiatives:import_review", args=[job.pk]), review_post(job, confirm="1")
        )
        before = table_counts()
        response = upload(officer_client)
        meeting = Meeting.objects.get(series="ADGMIN", number=3)
        page = officer_client.get(response.url).content.decode()
        assert "already in the tracker" in page and meeting.get_absolute_url() in page
        jobs = ImportJob._meta.db_table
        assert {t: n for t, n in table_counts().items() if t != jobs} == {
            t: n for t, n in before.items() if t != jobs
        }


class TestProgress:
    def test_a_waiting_job_shows_progress_that_refreshes_without_javascript(self, officer_client):
        job = ImportJob.objects.create(content=b"1. x", filename="x.md", progress=45)
        html = officer_client.get(reverse("initiatives:import_detail", args=[job.pk])).content
        assert b'<meta http-equiv="refresh" content="2">' in html
        assert b'<progress id="import-progress-bar" max="100" value="45">' in html
        assert b'hx-trigger="every 1s"' in html

    def test_htmx_polling_reloads_the_page_once_parsing_is_done(self, officer_client, ready_job):
        url = reverse("initiatives:import_progress", args=[ready_job.pk])
        response = officer_client.get(url, headers={"HX-Request": "true"})
        assert response.headers["HX-Refresh"] == "true"
        assert officer_client.get(url).status_code == 200

    def test_a_failed_parse_shows_its_message(self, officer_client):
        job = ImportJob.objects.create(
            content=b"x", state=ImportJob.State.FAILED, message="The PDF has no text layer."
        )
        page = officer_client.get(reverse("initiatives:import_detail", args=[job.pk]))
        assert b"The PDF has no text layer." in page.content
        assert b"Nothing was saved" in page.content


class TestReviewAndConfirm:
    def test_a_proposal_stored_by_an_older_importer_is_refused_with_its_message(
        self, officer_client
    ):
        job = ImportJob.objects.create(
            content=b"x", state=ImportJob.State.READY, proposal={"meeting": {}, "mentions": []}
        )
        page = officer_client.get(reverse("initiatives:import_detail", args=[job.pk]))
        assert b"older version of the importer" in page.content
        before = table_counts()
        url = reverse("initiatives:import_review", args=[job.pk])
        response = officer_client.post(url, {"confirm": "1"})
        assert b"older version of the importer" in response.content
        assert table_counts() == before

    def test_saving_corrections_keeps_them_and_still_saves_nothing(self, officer_client, ready_job):
        i = index_of(
            ready_job,
            "m",
            lambda m: m["target"].get("name") == "Digital Economy Framework Agreement",
        )
        url = reverse("initiatives:import_review", args=[ready_job.pk])
        response = officer_client.post(url, review_post(ready_job, **{f"m-{i}-status": "adopted"}))
        assert response.status_code == 302
        ready_job.refresh_from_db()
        assert ready_job.proposal["mentions"][i]["status"] == "adopted"
        assert Statement.objects.count() == 0

    def test_confirm_saves_everything_and_opens_the_meeting(self, officer_client, ready_job):
        c = index_of(ready_job, "c", lambda c: c["name"] == "ASEAN-ROK Solidarity Initiative")
        m = index_of(ready_job, "m", lambda m: m["target"].get("name") == "ASEAN 5G Roadmap")
        data = review_post(ready_job, confirm="1", **{f"c-{c}-action": "reject", f"m-{m}-keep": ""})
        del data[f"m-{m}-keep"]
        response = officer_client.post(
            reverse("initiatives:import_review", args=[ready_job.pk]), data
        )
        meeting = Meeting.objects.get(series="ADGMIN", number=3)
        assert response.status_code == 302 and response.url == meeting.get_absolute_url()
        assert Statement.objects.get().paragraphs.count() == 21
        assert not Initiative.objects.filter(name="ASEAN-ROK Solidarity Initiative").exists()
        assert not Mention.objects.filter(initiative__name="ASEAN 5G Roadmap").exists()
        page = officer_client.get(response.url).content.decode()
        assert "Imported the statement of the 3rd ADGMIN" in page
        ready_job.refresh_from_db()
        assert ready_job.state == ImportJob.State.CONFIRMED

    def test_merging_through_the_form_teaches_the_initiative_the_name(
        self, officer_client, ready_job
    ):
        c = index_of(ready_job, "c", lambda c: c["name"] == "ASEAN-U.S. Work Plan")
        target = Initiative.objects.get(acronym="ADM 2025")
        data = review_post(
            ready_job, confirm="1", **{f"c-{c}-action": "merge", f"c-{c}-merge_into": target.pk}
        )
        officer_client.post(reverse("initiatives:import_review", args=[ready_job.pk]), data)
        target.refresh_from_db()
        assert "ASEAN-U.S. Work Plan" in target.alias_list

    def test_a_merge_without_a_target_is_sent_back_with_nothing_saved(
        self, officer_client, ready_job
    ):
        c = index_of(ready_job, "c", lambda c: c["name"] == "ASEAN-U.S. Work Plan")
        data = review_post(ready_job, confirm="1", **{f"c-{c}-action": "merge"})
        before = table_counts()
        response = officer_client.post(
            reverse("initiatives:import_review", args=[ready_job.pk]), data
        )
        assert response.status_code == 400
        assert "Choose the initiative to merge into." in response.content.decode()
        assert table_counts() == before

    def test_an_end_before_the_start_is_refused(self, officer_client, ready_job):
        data = review_post(ready_job, confirm="1", end_date="2023-01-01")
        response = officer_client.post(
            reverse("initiatives:import_review", args=[ready_job.pk]), data
        )
        assert response.status_code == 400
        assert Statement.objects.count() == 0

    def test_a_discarded_import_cannot_be_confirmed(self, officer_client, ready_job):
        officer_client.post(reverse("initiatives:import_discard", args=[ready_job.pk]))
        ready_job.refresh_from_db()
        assert ready_job.state == ImportJob.State.DISCARDED and ready_job.content == b""
        officer_client.post(
            reverse("initiatives:import_review", args=[ready_job.pk]),
            review_post(ready_job, confirm="1"),
        )
        assert Statement.objects.count() == 0

    def test_recent_imports_are_listed(self, officer_client, ready_job):
        html = officer_client.get(START).content.decode()
        assert re.search(rf'href="/imports/{ready_job.pk}/">{SEED.name}</a>', html)
