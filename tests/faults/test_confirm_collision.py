"""Two imports confirmed at the same moment that both create an initiative of the same name: the
later one meets the unique name (IntegrityError) and is rolled back whole; the officer is told
to confirm again (the review then asks to merge) instead of getting a 500. Found by
scripts/two_of_everything.py. Runs in every suite: the collision is made by failing the
confirmation after it has written everything."""

import pytest
from django.contrib.messages import get_messages
from django.db import IntegrityError, transaction
from django.urls import reverse

from initiatives.importer import services
from initiatives.models import ImportJob, Statement
from initiatives.views.imports import CONFIRM_COLLIDED
from tests.initiatives.importer.steps import (
    load_tracker_without_statements,
    review_post,
    table_counts,
    upload,
)


@pytest.fixture(autouse=True)
def parse_on_commit(monkeypatch):
    monkeypatch.setattr(transaction, "on_commit", lambda fn, using=None, robust=False: fn())


def test_a_confirmation_that_collides_with_another_import_writes_nothing_and_can_be_retried(
    client, officer, monkeypatch
):
    load_tracker_without_statements()
    client.force_login(officer)
    job = ImportJob.objects.get(pk=upload(client).url.rstrip("/").split("/")[-1])
    real_confirm = services.import_job_confirm

    def colliding(**kwargs):
        with transaction.atomic():
            real_confirm(**kwargs)  # everything written, then the last insert collides
            raise IntegrityError('duplicate key value violates "initiatives_initiative_name_key"')

    monkeypatch.setattr(services, "import_job_confirm", colliding)
    before = table_counts()
    review = reverse("initiatives:import_review", args=[job.pk])
    response = client.post(review, review_post(job, confirm="1"))

    assert response.status_code == 302
    assert response.url == reverse("initiatives:import_detail", args=[job.pk])
    assert [str(m) for m in get_messages(response.wsgi_request)] == [CONFIRM_COLLIDED]
    assert table_counts() == before
    job.refresh_from_db()
    assert job.state == ImportJob.State.READY

    monkeypatch.setattr(services, "import_job_confirm", real_confirm)
    retry = client.post(review, review_post(job, confirm="1"))
    assert retry.status_code == 302 and Statement.objects.count() == 1
