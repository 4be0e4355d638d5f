"""The test suite: one folder an app (tracker, partners, initiatives, notifications,
implementation, briefings), plus e2e (browser journeys) and faults (real services failing)."""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
