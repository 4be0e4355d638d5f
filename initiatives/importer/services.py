"""Writes of the statement importer, in two rooms: jobs.py (upload, parse, review, confirm
and discard an import job) and confirm.py (`proposal_confirm`, saving a reviewed proposal in
one transaction through the domain services). The reads that prepare and check a proposal live
in compare.py; this module gathers what views, commands, tasks and tests call.
"""

from __future__ import annotations

from .compare import proposal_compare, proposal_prepare, statement_precheck
from .confirm import ImportOutcome, proposal_confirm
from .jobs import (
    import_job_confirm,
    import_job_create,
    import_job_discard,
    import_job_parse,
    import_job_review,
    job_proposal,
)

__all__ = [
    "ImportOutcome",
    "import_job_confirm",
    "import_job_create",
    "import_job_discard",
    "import_job_parse",
    "import_job_review",
    "job_proposal",
    "proposal_compare",
    "proposal_confirm",
    "proposal_prepare",
    "statement_precheck",
]
