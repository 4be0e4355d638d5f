"""The benchmark's synthetic dataset is consistent, and every page it times answers."""

import pytest

from initiatives.benchmark import dataset, measure
from initiatives.models import Initiative
from initiatives.signals import refresh_tracking

# Enough initiatives and meetings for the pages measure.pages() names (synthetic-00042, adgmin-3).
TINY = dataset.Size(
    "tiny", initiatives=50, meetings=4, partners=8, member_states=5, paragraphs_per_statement=3
)


@pytest.fixture
def built(db):
    return dataset.build(TINY)


def stored_facts():
    return list(
        Initiative.objects.order_by("pk").values_list(
            "pk", "mention_count", "last_mentioned_on", "last_update_on"
        )
    )


def test_it_builds_the_asked_size_with_the_facts_the_signals_would_keep(built):
    assert built["initiatives"] == TINY.initiatives + 1  # and the masterplan
    assert built["meetings"] == TINY.meetings and built["partners"] == TINY.partners
    assert built["mentions"] > 0 and built["progress updates"] == 5 * TINY.initiatives
    assert dataset.is_built()
    as_built = stored_facts()
    assert refresh_tracking() == 0  # nothing left for the signals to correct
    assert stored_facts() == as_built
    assert Initiative.objects.exclude(status="").count() > TINY.initiatives // 2


def test_every_timed_page_answers_200(built):
    timings = measure.time_pages(username="bench-officer", repeat=1)
    labels = {t.page for t in timings}
    assert {"dashboard", "meeting page", "CSV export, 2,000 rows"} <= labels
    assert [t.page for t in timings if t.status != 200] == []
    assert all(t.queries <= 15 for t in timings)
