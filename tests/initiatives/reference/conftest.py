import pytest

from initiatives.reference import DEFAULT_PATH
from initiatives.reference.schema import parse_reference
from initiatives.reference.services import reference_load


@pytest.fixture
def reference_text() -> str:
    return DEFAULT_PATH.read_text(encoding="utf-8")


@pytest.fixture
def loaded(db, reference_text):
    """The reference record loaded into an empty tracker; returns the load's report."""
    return reference_load(record=parse_reference(reference_text))
