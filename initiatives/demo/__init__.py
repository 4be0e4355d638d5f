"""The demo dataset (`manage.py load_demo`), owned by the app whose records it holds.

Apps above initiatives add their own demo records after the initiatives are loaded by
registering a step in their AppConfig.ready(): `register_step("app.demo.function")`, a function
called with the load's report. initiatives itself never imports them.
"""

from __future__ import annotations

# dotted paths of functions called with the LoadReport, in registration order
STEPS: list[str] = []


def register_step(dotted_path: str) -> None:
    if dotted_path not in STEPS:
        STEPS.append(dotted_path)
