"""More phrase-to-status rules, found by reading statements of later meetings.

The rules of 0002 stay as they are (admins may have tuned them); these rows add what they missed:

- an expectation outranks the completion it waits for: "looked forward to the substantial
  conclusion of the negotiations" is still being prepared, although "conclusion of ...
  negotiations" alone means the text is agreed;
- "substantial conclusion" is the term for negotiations whose text is agreed, with or without
  the word "negotiations", and "completion of the negotiations" says the same;
- a future told with "would be", "is expected to be", "is scheduled to be" ... is preparation;
- officials are tasked with work in many words ("instructed", "directed", "requested", "with the
  development of"), and the body tasked can be a long name ("the ADGSOM Working Group on ...");
- "the plans for X" is X being prepared (unlike "the plans and programmes" of an initiative);
- "announced X" is a launch.
"""

from django.db import migrations

from ._status_rules import adder

S, R = "substring", "regex"
PROPOSED, PREPARING, ADOPTED, IMPLEMENTING = "proposed", "preparing", "adopted", "implementing"

TASKED = r"(?:task|instruct|direct|mandat|request|entrust)\w*\s+(?:\S+\s+){0,12}?(?:to|with)\s+"

RULES = [
    (
        R,
        r"look\w*\s+forward\s+to\s+(?:the\s+)?(?:\w+\s+){0,2}(?:adoption|endorsement|approval"
        r"|launch|completion|conclusion|finali[sz]ation|signing|signature|establishment"
        r"|development|publication|release|entry into force|ratification|roll-?out|delivery)",
        PREPARING,
        530,
        "looked forward to the (substantial) conclusion/adoption of ...: waiting outranks done",
    ),
    (R, r"\bsubstantial(?:ly)?\s+conclu", ADOPTED, 520, "substantial conclusion: text agreed"),
    (
        R,
        r"complet\w*\s+(?:of\s+)?(?:the\s+)?(?:\S+\s+){0,4}negotiations?",
        ADOPTED,
        520,
        "completion of the negotiations: the text is agreed",
    ),
    (
        R,
        r"(?:would|shall|expected to|scheduled to|set to|planned to|due to)\s+be\s+(?:\w+\s+)?"
        r"(?:launched|adopted|endorsed|completed|finali[sz]ed|signed|developed|published"
        r"|released|established|concluded|submitted|presented|approved)",
        PREPARING,
        480,
        "would be / is expected to be launched ...",
    ),
    (
        R,
        TASKED + r"(?:the\s+)?(?:develop|prepar|draft|finali[sz]|complet|conduct|formulat"
        r"|updat|review|begin|start|commenc)",
        PREPARING,
        446,
        "instructed/directed/requested ... to develop, tasked ... with the development of",
    ),
    (
        R,
        TASKED + r"(?:the\s+)?(?:explor|stud|consider|look into|assess)",
        PROPOSED,
        446,
        "instructed/requested ... to explore/study",
    ),
    (
        R,
        TASKED + r"(?:the\s+)?(?:implement|operationali[sz]|roll out)",
        IMPLEMENTING,
        446,
        "instructed/requested ... to implement",
    ),
    (
        R,
        r"\bplans?\s+(?:for|to\s+(?:develop|launch|establish|adopt|create|introduce|prepare))\b",
        PREPARING,
        245,
        "the plans for ... (not 'the plans and programmes of')",
    ),
    (S, "announc", ADOPTED, 200, "announced"),
]


class Migration(migrations.Migration):
    dependencies = [
        ("initiatives", "0002_seed_status_rules"),
    ]

    operations = [
        migrations.RunPython(*adder(RULES)),
    ]
