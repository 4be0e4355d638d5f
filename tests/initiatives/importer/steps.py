"""Steps of an import that tests in several folders take: the seed statement, the catalogue
before any statement, an upload and the review form as the page posts it, and a row count of
every table (to prove a refused import wrote nothing)."""

from pathlib import Path

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from tests import ROOT
from tests.snapshot import row_counts

SEED = ROOT / "initiatives" / "demo" / "3rd-adgmin-2023-joint-media-statement.md"
STATEMENTS = Path(__file__).resolve().parent / "statements"
START = reverse("initiatives:import_start")


def upload(client, path=SEED, **extra):
    return client.post(START, {"file": SimpleUploadedFile(path.name, path.read_bytes()), **extra})


def review_post(job, **overrides) -> dict:
    """The review form as the page renders it, with `overrides` applied."""
    proposal = job.proposal
    values = proposal["meeting_values"]
    data = {
        "title": values["title"],
        "start_date": values["start_date"],
        "end_date": values["end_date"] or "",
        "venue": values["venue"],
        "host": values["host_id"] or "",
        "chair_name": values["chair_name"],
        "chair_title": values["chair_title"],
        "chair_country": values["chair_country_id"] or "",
        "vice_chair_name": values["vice_chair_name"],
        "vice_chair_title": values["vice_chair_title"],
        "vice_chair_country": values["vice_chair_country_id"] or "",
        "theme": values["theme"],
        "declaration": values["declaration"],
        "m-TOTAL_FORMS": len(proposal["mentions"]),
        "m-INITIAL_FORMS": len(proposal["mentions"]),
        "c-TOTAL_FORMS": len(proposal["candidates"]),
        "c-INITIAL_FORMS": len(proposal["candidates"]),
    }
    for i, m in enumerate(proposal["mentions"]):
        data.update(
            {
                f"m-{i}-key": m["key"],
                f"m-{i}-keep": "on",
                f"m-{i}-status": m["status"],
                f"m-{i}-expected_text": m["expected_text"],
            }
        )
    for i, c in enumerate(proposal["candidates"]):
        data.update(
            {
                f"c-{i}-key": c["key"],
                f"c-{i}-action": c["action"],
                f"c-{i}-merge_into": c["merge_into"] or "",
                f"c-{i}-name": c["name"],
                f"c-{i}-acronym": c["acronym"],
                f"c-{i}-kind": c["kind"],
            }
        )
    data.update(overrides)
    return data


def table_counts() -> dict[str, int]:
    """Rows in every table of the project, to prove that a refused import wrote nothing."""
    return {model._meta.db_table: n for model, n in row_counts().items()}


def load_tracker_without_statements() -> None:
    import yaml

    from initiatives.demo.loader import (
        DEMO_DIR,
        LoadReport,
        _load_initiatives,
        _load_meetings,
        _load_partners,
    )

    data = yaml.safe_load((DEMO_DIR / "demo.yaml").read_text(encoding="utf-8"))
    report = LoadReport()
    _load_partners(data["partners"], report)
    _load_meetings(data["meetings"], report)
    _load_initiatives(data["initiatives"], report)
