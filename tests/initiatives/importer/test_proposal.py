"""The typed proposal: what the pipeline gives, what an import job stores, and how a proposal
stored by an older importer is migrated or refused."""

from datetime import date

import pytest

from initiatives.importer.errors import ImportRefused
from initiatives.importer.pipeline import build_proposal
from initiatives.importer.proposal import PROPOSAL_VERSION, Candidate, Mention, Proposal

from .steps import SEED


@pytest.fixture
def seed(catalogue, seeded_rules):
    return build_proposal(
        SEED.read_bytes(), catalogue=catalogue, rules=seeded_rules, filename=SEED.name
    )


def test_the_pipeline_gives_typed_rows(seed):
    assert isinstance(seed, Proposal) and seed.version == PROPOSAL_VERSION
    assert seed.meeting.start_date == date(2023, 2, 9)
    assert all(isinstance(m, Mention) for m in seed.mentions)
    assert all(isinstance(c, Candidate) for c in seed.candidates)
    defa = next(m for m in seed.mentions if m.expected_text == "early 2023")
    assert defa.expected_date == date(2023, 1, 1) and defa.expected_precision == "half"


def test_json_and_back_is_the_same_proposal(seed):
    stored = seed.to_json()
    assert stored["version"] == PROPOSAL_VERSION
    assert stored["meeting"]["start_date"] == "2023-02-09"
    assert Proposal.from_json(stored) == seed
    assert Proposal.from_json(stored).to_json() == stored


def test_a_version_1_proposal_is_migrated(seed):
    stored = seed.to_json()
    stored["version"] = 1
    # Version 1 could lack a mention's keep and precision and a candidate's decision.
    row = next(m for m in stored["mentions"] if m["expected_text"] == "early 2023")
    del row["keep"], row["expected_precision"]
    candidate = stored["candidates"][0]
    del candidate["action"], candidate["merge_into"]
    migrated = Proposal.from_json(stored)
    assert migrated.version == PROPOSAL_VERSION
    mention = next(m for m in migrated.mentions if m.key == row["key"])
    assert mention.keep is True and mention.expected_precision == "half"
    expected = "merge" if candidate["suggested_merge_id"] else "accept"
    assert migrated.candidates[0].action == expected


@pytest.mark.parametrize(
    "stored",
    [
        {"request": {"encoding": ""}},  # an upload that was never parsed
        {"meeting": {}, "mentions": []},  # no version: an importer older than version 1
        {"version": PROPOSAL_VERSION + 1},  # written by a newer importer
        {"version": 1, "mentions": []},  # version 1, but not a whole proposal
    ],
)
def test_what_cannot_be_read_is_refused_with_a_message(stored):
    with pytest.raises(ImportRefused) as refused:
        Proposal.from_json(stored)
    assert refused.value.code == ImportRefused.STALE
    assert "upload the statement again" in refused.value.message
