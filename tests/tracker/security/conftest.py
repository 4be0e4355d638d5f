import pytest

from initiatives.models import Initiative


@pytest.fixture
def initiative_for_public(db):
    return Initiative.objects.create(
        name="Digital Economy Framework Agreement", slug="defa", acronym="DEFA"
    )
