"""The implementation record form makes its fields as every record form does (tracker.forms)."""

from implementation.forms import ImplementationRecordForm


def test_a_bare_evidence_link_is_taken_as_https_and_a_date_outside_the_range_is_refused(db):
    form = ImplementationRecordForm(
        data={
            "stage": "planning",
            "as_of": "1890-01-01",
            "evidence_url": "example.gov.my/plan",
            "note": "",
            "version": 0,
        }
    )

    assert not form.is_valid()
    assert "as_of" in form.errors
    assert form.cleaned_data["evidence_url"] == "https://example.gov.my/plan"
