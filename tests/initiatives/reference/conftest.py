import pytest

from initiatives.reference import DEFAULT_PATH
from tests.snapshot import REFERENCE


@pytest.fixture
def reference_text() -> str:
    return DEFAULT_PATH.read_text(encoding="utf-8")


@pytest.fixture
def loaded(db):
    """The reference record loaded into an empty tracker; returns the load's report."""
    return REFERENCE.load()
