"""The reference record of the ADGMIN series (public reports, 2021-2026) and its loader.

`schema.parse_reference` reads a file of the reference format into typed dataclasses and
refuses a malformed one with the line and the reason; `services.reference_load` writes it
idempotently in one transaction. `python manage.py load_reference [PATH]` runs both; the
default file is the copy kept here, so that a fresh clone loads it without ../shared/.

Reading: facts.py (the dataclasses, the contract between the two stages), fields.py (YAML
with line numbers, checked field readers), schema.py (the file's sections). Writing: loader.py
(shared state, create-or-update, finding by name), records.py (partners and initiatives),
meetings.py, mentions.py (reported outcomes, timelines, statements already stored), names.py
(spellings, kinds, confidences), services.py (the stages in order).
"""

from pathlib import Path

DEFAULT_PATH = Path(__file__).resolve().parent / "adgmin-facts-2021-2026.yaml"

# Apps above initiatives add what the record means for them by registering a step in their
# AppConfig.ready(): `register_step("app.module.function")`, called with the load's report at
# the end of every load, inside its transaction. initiatives itself never imports them.
STEPS: list[str] = []


def register_step(dotted_path: str) -> None:
    if dotted_path not in STEPS:
        STEPS.append(dotted_path)
