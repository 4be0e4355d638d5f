"""The review shows what confirming would do to each known initiative's status (the engine)."""

from io import StringIO

import pytest
from django.core.management import call_command

from initiatives.importer.outlook import status_outlook
from initiatives.importer.proposal import Proposal
from initiatives.models import ImportJob, Initiative

LATER = """---
title: Joint Media Statement of the 4th ASEAN Digital Ministers' Meeting
date: 2024-02-01
---
1. The 4th ASEAN Digital Ministers' Meeting (ADGMIN) was held in Singapore on 1-2 February 2024.

2. The Meeting welcomed the on-going implementation of the ASEAN Digital Masterplan 2025.
"""


@pytest.mark.django_db
def test_it_reads_the_status_now_and_after_confirming_without_writing(tmp_path, officer):
    adm = Initiative.objects.create(name="ASEAN Digital Masterplan 2025", slug="adm-2025")
    path = tmp_path / "4th.md"
    path.write_text(LATER, encoding="utf-8")
    from initiatives.importer import services

    job = services.import_job_create(data=LATER.encode(), filename="4th.md", user=officer)
    services.import_job_parse(job=job)  # what the Celery task runs
    job.refresh_from_db()
    assert job.state == ImportJob.State.READY, job.message
    [row] = [
        r for r in status_outlook(Proposal.from_json(job.proposal)) if r.initiative.pk == adm.pk
    ]
    assert (row.now, row.after, row.changes) == ("", "implementing", True)
    adm.refresh_from_db()
    assert adm.status == "" and adm.mentions.count() == 0  # nothing written by the preview
    call_command("import_statement", str(path), "--confirm", stdout=StringIO())
    adm.refresh_from_db()
    assert adm.status == row.after  # the preview said what confirming did
