"""What the ministers decided and when: meetings, statements, initiatives, mentions, progress.

Writes go through initiatives/services.py; these classes hold the data, its constraints and
small derived properties only. One module per subject; import them from here.
"""

from .evidence import Mention, ProgressUpdate, StatusAtMeeting
from .importing import ImportJob, StatusRule
from .meetings import Meeting, Paragraph, Statement
from .records import DesiredOutcome, Initiative, InitiativePartner, format_period
from .topics import SearchSynonym, Topic

__all__ = [
    "DesiredOutcome",
    "ImportJob",
    "Initiative",
    "InitiativePartner",
    "Meeting",
    "Mention",
    "Paragraph",
    "ProgressUpdate",
    "SearchSynonym",
    "Statement",
    "StatusAtMeeting",
    "StatusRule",
    "Topic",
    "format_period",
]
