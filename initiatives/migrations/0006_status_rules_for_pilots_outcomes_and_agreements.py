"""Phrase-to-status rules for pilots, achieved outcomes and what the ministers agreed.

The rules of 0002 and 0003 stay as they are (admins may have tuned them); these rows outrank the
general ones they refine:

- a completed or concluded pilot (phase) means the initiative itself is now being carried out:
  "noted the completion of the pilot of X" is implementing, not completed (outranks the
  "completion" rule at 400, but not "looked forward to the completion" at 530);
- how much of its outcomes an initiative has achieved: "has achieved most of its desired
  outcomes", "has been substantially implemented" are implementing; "has been fully
  implemented", "has achieved all of its targets" are completed. The completed form needs a
  past auxiliary, so that "will be fully implemented by 2027" is not read as done;
- "agreed on/upon X" right before the name agrees a text: adopted. "agreed to launch/develop/
  establish X" decides something still ahead: preparing (0002 read "agreed to develop" as an
  idea to explore); "agreed to implement X" is implementing; "agreed to explore/consider X"
  stays proposed, and "agreed to adopt/endorse X" stays adopted.
"""

from django.db import migrations

from ._status_rules import adder

S, R = "substring", "regex"
PREPARING, ADOPTED = "preparing", "adopted"
IMPLEMENTING, COMPLETED = "implementing", "completed"

FINISHED = r"(?:implemented|achieved|accomplished|delivered|realised|realized|completed|attained)"

RULES = [
    (
        R,
        r"\b(?:complet|conclu|finish|wrapp?)\w*\s+(?:up\s+)?(?:of\s+)?(?:the\s+|its\s+|their\s+)?"
        r"(?:\S+\s+){0,2}?pilot(?:ing)?\b",
        IMPLEMENTING,
        415,
        "the completion of the pilot (phase) of ...: the initiative itself is now carried out",
    ),
    (
        R,
        r"\bpilot(?:ing)?\b.{0,60}?\b(?:was|were|has been|have been|had been)\s+(?:\w+\s+)?"
        r"(?:completed|concluded|finished)",
        IMPLEMENTING,
        415,
        "the pilot (phase) of X was completed",
    ),
    (
        R,
        r"\b(?:achiev|attain|accomplish|deliver|realis|realiz|met\b)\w*\s+(?:\w+\s+)?"
        r"(?:most|many|much|some|several|part|parts|a\s+(?:majority|number|large|significant)"
        r"|the\s+majority|substantial|significant|the\s+bulk)\b",
        IMPLEMENTING,
        405,
        "has achieved most of its desired outcomes",
    ),
    (
        R,
        r"\b(?:substantially|largely|mostly|partially|partly|broadly|significantly|progressively)"
        r"\s+(?:been\s+)?" + FINISHED,
        IMPLEMENTING,
        405,
        "has been substantially implemented / largely completed",
    ),
    (
        R,
        r"\b(?:has|have|had|been|was|were)\s+(?:now\s+)?(?:been\s+)?(?:fully|completely|entirely"
        r"|successfully\s+(?:and\s+)?fully)\s+" + FINISHED,
        COMPLETED,
        406,
        "has been fully implemented (not 'will be fully implemented')",
    ),
    (
        R,
        r"\b(?:achiev|attain|accomplish|deliver|realis|realiz|met\b)\w*\s+(?:\w+\s+)?all\b",
        COMPLETED,
        406,
        "has achieved all of its targets/outcomes",
    ),
    (
        R,
        r"\bagree\w*\s+(?:on|upon)$",
        ADOPTED,
        345,
        "agreed on/upon X: the text is agreed (only right before the name, not 'agreed on the "
        "need to ...')",
    ),
    (
        R,
        r"\bagree\w*\s+to\s+(?:\w+\s+)?(?:launch|develop|establish|create|set up|introduce"
        r"|roll out|publish|release|convene|organi[sz]e|hold|prepare|draft|formulate|finali[sz]e"
        r"|complete|update|revise|sign|conclude)",
        PREPARING,
        442,
        "agreed to launch/develop/establish ...: decided, still ahead",
    ),
    (
        R,
        r"\bagree\w*\s+to\s+(?:\w+\s+)?(?:implement|operationali[sz]e|continue)",
        IMPLEMENTING,
        442,
        "agreed to implement ...",
    ),
]


class Migration(migrations.Migration):
    dependencies = [
        ("initiatives", "0005_stored_tracking_facts_and_dashboard_indexes"),
    ]

    operations = [
        migrations.RunPython(*adder(RULES)),
    ]
