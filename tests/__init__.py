"""The test suite: one folder an app (tracker, partners, initiatives, notifications,
implementation, briefings), plus e2e (browser journeys) and faults (real services failing)."""

import os
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def in_ci() -> bool:
    """Under CI=true a missing service or browser fails a test instead of skipping it."""
    return os.environ.get("CI", "").lower() in {"1", "true", "yes"}
