"""Writing implementation records: who may, what verification becomes, membership, conflicts."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from implementation import services
from implementation.models import ImplementationRecord
from tracker.history import ConcurrentEditError

from .conftest import record

pytestmark = pytest.mark.django_db


def save(user, initiative, state, **values):
    values.setdefault("stage", "in_progress")
    values.setdefault("as_of", date(2026, 3, 1))
    return services.implementation_record_save(
        initiative=initiative, member_state=state, user=user, **values
    )


def test_it_lets_a_focal_point_record_their_own_state(focal_my, malaysia, mccs):
    saved = save(focal_my, mccs, malaysia, stage="planning", note="Consultation opened.")
    assert saved.stage == "planning"
    assert saved.verification == "unverified"
    assert saved.updated_by == focal_my
    assert saved.history.count() == 1
    assert saved.history.first().history_user == focal_my


def test_it_refuses_a_focal_point_writing_another_state(focal_sg, malaysia, mccs):
    with pytest.raises(PermissionDenied, match="belongs to Malaysia"):
        save(focal_sg, mccs, malaysia)
    assert not ImplementationRecord.objects.exists()


def test_it_refuses_changing_another_states_existing_record(focal_sg, malaysia, mccs):
    existing = record(mccs, malaysia, stage="planning")
    with pytest.raises(PermissionDenied):
        save(focal_sg, mccs, malaysia, stage="implemented")
    existing.refresh_from_db()
    assert existing.stage == "planning"


def test_officers_write_any_state_and_verify(officer, malaysia, singapore, mccs):
    saved = save(officer, mccs, singapore, stage="implemented")
    verified = services.implementation_record_verify(record=saved, user=officer)
    assert verified.verification == "verified"
    assert verified.verified_by == officer
    assert verified.verified_at is not None


def test_a_focal_point_cannot_verify(focal_my, malaysia, mccs):
    existing = record(mccs, malaysia)
    with pytest.raises(PermissionDenied):
        services.implementation_record_verify(record=existing, user=focal_my)
    existing.refresh_from_db()
    assert existing.verification == "unverified"


def test_a_focal_points_change_after_verification_sets_it_back_to_unverified(
    officer, focal_my, malaysia, mccs
):
    existing = record(mccs, malaysia)
    verified = services.implementation_record_verify(record=existing, user=officer)
    changed = save(focal_my, mccs, malaysia, stage="implemented", expected_version=verified.version)
    assert changed.verification == "unverified"
    assert changed.verified_by is None and changed.verified_at is None
    # The history keeps who verified and when.
    assert changed.history.filter(verification="verified", verified_by=officer).exists()


def test_an_officers_edit_keeps_the_verification(officer, malaysia, mccs):
    existing = services.implementation_record_verify(record=record(mccs, malaysia), user=officer)
    changed = save(officer, mccs, malaysia, note="Typo fixed.", expected_version=existing.version)
    assert changed.verification == "verified"


def test_a_query_needs_a_reason_and_the_focal_points_answer_unqueries_it(
    officer, focal_my, malaysia, mccs
):
    existing = record(mccs, malaysia)
    with pytest.raises(ValidationError):
        services.implementation_record_query(record=existing, user=officer, reason="  ")
    queried = services.implementation_record_query(
        record=existing, user=officer, reason="Which law adopted the clauses?"
    )
    assert queried.verification == "queried"
    answered = save(focal_my, mccs, malaysia, evidence_url="https://example.org/gazette")
    assert answered.verification == "unverified"


def test_timor_leste_counts_from_its_admission(officer, timor, mccs):
    with pytest.raises(ValidationError, match="26 October 2025"):
        save(officer, mccs, timor, as_of=date(2025, 10, 25))
    assert save(officer, mccs, timor, as_of=date(2025, 10, 26)).member_state == timor


def test_it_refuses_an_initiative_not_implemented_nationally(officer, malaysia, regional_only):
    with pytest.raises(ValidationError, match="not marked as implemented nationally"):
        save(officer, regional_only, malaysia)


def test_it_refuses_a_future_as_of_date(officer, malaysia, mccs):
    with pytest.raises(ValidationError):
        save(officer, mccs, malaysia, as_of=date(2100, 1, 1))


def test_the_later_of_two_concurrent_saves_is_refused_with_what_changed(
    officer, focal_my, malaysia, mccs
):
    existing = record(mccs, malaysia, stage="planning")
    opened_version = existing.version
    seen = existing.history.order_by("-history_id").first().history_id
    save(officer, mccs, malaysia, stage="implemented", expected_version=opened_version)
    with pytest.raises(ConcurrentEditError) as refused:
        save(
            focal_my,
            mccs,
            malaysia,
            stage="in_progress",
            expected_version=opened_version,
            seen_history_id=seen,
        )
    assert "officer1" in refused.value.changed_by
    changes = {c.field: (c.before, c.after) for c in refused.value.changes}
    assert changes["stage"] == ("Planning", "Implemented")
    assert changes["as_of"] == ("1 Dec 2025", "1 Mar 2026")  # dates as the pages write them
    existing.refresh_from_db()
    assert existing.stage == "implemented"


def test_only_officers_mark_initiatives_as_implemented_nationally(officer, focal_my, regional_only):
    with pytest.raises(PermissionDenied):
        services.national_scope_set(
            initiative=regional_only, user=focal_my, implemented_nationally=True
        )
    scope = services.national_scope_set(
        initiative=regional_only, user=officer, implemented_nationally=True
    )
    assert scope.implemented_nationally
