"""The exchange tests share the API tests' fast copy of the demo dataset."""

from tests.api.conftest import demo  # noqa: F401 - a fixture, found by pytest by its name
