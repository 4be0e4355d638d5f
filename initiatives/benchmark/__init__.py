"""The benchmark's synthetic dataset and its timings (`manage.py benchmark`).

Apps above initiatives add their own synthetic records by registering a step in their
AppConfig.ready(): `register_step("app.benchmark.function")`, called after the initiatives,
mentions and updates are written as `function(initiatives, states, rng=..., today=...)`.
"""

from __future__ import annotations

# dotted paths of the registered steps, in registration order
STEPS: list[str] = []


def register_step(dotted_path: str) -> None:
    if dotted_path not in STEPS:
        STEPS.append(dotted_path)
