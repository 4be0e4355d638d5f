"""Phrase-to-status rules for "Reading a statement: what the words mean" (shared/DESIGN.md).

The rules of 0002, 0003 and 0006 stay as they are (admins may have tuned them); these rows
outrank the ones they correct:

- negotiations are the object, not the agreement: "launched / noted the progress of / welcomed
  the (substantial) conclusion of the negotiations on X" leave X preparing (0002 and 0003 read a
  concluded negotiation as adopted; an agreement is adopted when signed). Outranks them at 560;
- a study, consultation, survey or pilot *of* X is under way: "launched a study on X" leaves X
  preparing (outranks "launch" at 340 and "completion" at 400, but not the completed pilot of
  0006 at 415, which means X itself is now carried out);
- operation and activity of a centre, network, index, platform, fund or programme is
  implementing: "welcomed the operation of X", "X is now fully operational", "X held its annual
  forum", "X released its latest report", "X has been used by seven Member States";
- ends: "discontinued", "terminated", "will no longer be pursued" are discontinued; "succeeded
  by" joins "replaced by" as superseded; "welcomed the full implementation of X" is completed.

Structure (which verb governs which name, lists, that-clauses, subjects) is code in
initiatives/importer/classify.py; only the words are here.
"""

from django.db import migrations

from ._status_rules import adder

R = "regex"
PREPARING, IMPLEMENTING = "preparing", "implementing"
COMPLETED, DISCONTINUED, SUPERSEDED = "completed", "discontinued", "superseded"

RULES = [
    # Negotiations: the agreement is still being prepared, however far they have come.
    (
        R,
        r"\b(?:substantial(?:ly)?\s+)?(?:conclu|complet|finali[sz])\w*\s+(?:of\s+)?(?:the\s+)?"
        r"(?:\S+\s+){0,4}?negotiations?\b",
        PREPARING,
        560,
        "the (substantial) conclusion of the negotiations on X: X is preparing until signed",
    ),
    (
        R,
        r"\bnegotiations?\s+(?:\S+\s+){0,4}?(?:were|was|have been|has been|had been)\s+"
        r"(?:\w+\s+)?(?:substantially\s+)?(?:conclu|complet|finali[sz])",
        PREPARING,
        560,
        "the negotiations on X were (substantially) concluded",
    ),
    (
        R,
        r"\bsubstantial(?:ly)?\s+conclu\w*",
        PREPARING,
        560,
        "substantial conclusion: negotiations, not an agreement",
    ),
    (
        R,
        r"\b(?:launch|start|commence|initiat|open|begin|began|begun|resum|continu|progress|"
        r"advanc|round)\w*\s+(?:\S+\s+){0,4}?negotiations?\b",
        PREPARING,
        560,
        "launched / progress of the negotiations on X",
    ),
    # A study, consultation or pilot of X: X is being prepared.
    (
        R,
        r"\b(?:stud(?:y|ies)|consultations?|survey|scoping(?:\s+study)?|feasibility(?:\s+study)?|"
        r"pilot(?:s|ing)?|trials?)\s+(?:\w+\s+)?(?:on|of|for|into|about|regarding|towards)$",
        PREPARING,
        412,
        "launched a study / consultation / pilot of X (right before the name)",
    ),
    (
        R,
        r"…\s+(?:stud(?:y|ies)|consultations?|pilot|survey)$",
        PREPARING,
        412,
        "launched the X study / pilot (the noun after the name)",
    ),
    (
        R,
        r"\b(?:preparations?|preparatory\s+work|groundwork|steps|efforts|work|progress|plans?)\s+"
        r"(?:for|towards|on)\s+(?:the\s+)?(?:\w+\s+)?(?:establishment|launch|adoption|"
        r"development|operationali[sz]ation|creation|setting\s+up|conclusion|signing)\s+of$",
        PREPARING,
        450,
        "preparations for / steps towards the establishment of X: not yet established",
    ),
    (
        R,
        r"\b(?:aligned|in\s+line|consistent|in\s+accordance|in\s+keeping|coherent|"
        r"complementary)\s+with$|\b(?:building|based|drawing)\s+(?:up)?on$|\bguided\s+by$|"
        r"\bpursuant\s+to$|\bin\s+the\s+context\s+of$",
        "",
        620,
        "X approved, aligned with Y / building on Y: Y is named, nothing said of its progress",
    ),
    (
        R,
        r"\b(?:amend|revis|updat|renew|extend)\w*\s+(?:the\s+|its\s+)?(?:terms\s+of\s+reference|"
        r"tor|mandate|governance\s+arrangements?)\s+(?:of|for)$",
        IMPLEMENTING,
        450,
        "agreed to amend the Terms of Reference of X: X exists and runs",
    ),
    (
        R,
        r"\b(?:plans?|intention|decision)\s+(?:of\s+(?:\S+\s+){1,3}?)?to\s+"
        r"(?:convene|establish|launch|set\s+up|create|hold|develop|introduce|organi[sz]e|host)$",
        PREPARING,
        446,
        "welcomed the plan of Thailand to convene X: decided, still ahead",
    ),
    # Operation and activity: the thing is running.
    (
        R,
        r"\b(?:operations?|functioning|running|activities|work|services?)\s+(?:\w+\s+)?(?:of|by)$",
        IMPLEMENTING,
        455,
        "welcomed the operation / activities / work of X",
    ),
    (
        R,
        r"\b(?:is|are|was|were|been|now|remains?|became|become|has become|have become)\s+"
        r"(?:\w+\s+){0,2}?operational\b",
        IMPLEMENTING,
        455,
        "X is now fully operational (not 'becoming operational in 2024')",
    ),
    (
        R,
        r"\b(?:in\s+(?:full\s+)?operation|up\s+and\s+running|been\s+operating|now\s+operating|"
        r"operating\s+since)\b",
        IMPLEMENTING,
        455,
        "X is in operation / up and running",
    ),
    (
        R,
        # (a pattern may hold 300 characters: StatusRule.pattern)
        r"^(?:\w+ly\s+|also\s+)?(?:held|holds|host(?:ed|s)|organi[sz]e[ds]|"
        r"convened|conduct(?:ed|s)|ran|runs)\s+(?:its|their|a|an|the)\s+(?:\S+\s+){0,3}?"
        r"(?:forum|meeting|workshop|training|course|exercise|drill|conference|dialogue|session|"
        r"summit|program(?:me)?|webinar|hackathon|competition|camp|series)s?\b",
        IMPLEMENTING,
        455,
        "X held its annual forum / a workshop / its training",
    ),
    (
        R,
        r"^(?:also\s+)?(?:released|published|issued|produced|launched|presented|releases|"
        r"publishes)\s+(?:its|their)\s+(?:\S+\s+){0,2}?(?:annual|latest|new|regular|"
        r"\d{4}|first|second|third|fourth|fifth|sixth|\d+(?:st|nd|rd|th)|quarterly|monthly)\b",
        IMPLEMENTING,
        455,
        "X released its latest / annual report",
    ),
    (
        R,
        r"\b(?:used|utili[sz]ed|applied|deployed|taken\s+up|accessed|relied\s+(?:up)?on)\s+by\b",
        IMPLEMENTING,
        455,
        "X has been used by seven Member States",
    ),
    (
        R,
        r"^(?:its|their)\s+(?:continued\s+|ongoing\s+|on-going\s+)?(?:support|assistance|"
        r"contributions?|activities|work|services|operations?|programmes?)\b",
        IMPLEMENTING,
        455,
        "welcomed X and its support for ... (what follows the name is X's own activity)",
    ),
    (
        R,
        r"…\s+(?:results|edition|activities|operations?)$",
        IMPLEMENTING,
        455,
        "the X 2024 results / latest edition / activities (the noun after the name)",
    ),
    (
        R,
        r"\b(?:support|assistance|funding|contributions?)\s+(?:to|for)$",
        IMPLEMENTING,
        260,
        "welcomed China's support for X: X is under way (outranked by any stage word)",
    ),
    (
        R,
        r"^(?:continues?|continued)\s+to\s+(?:\w+\s+)?(?:train|support|serve|provide|operate|run|"
        r"deliver|assist|build|help|benefit|coordinate|facilitate|host|offer|conduct|monitor|"
        r"publish|release)\b",
        IMPLEMENTING,
        455,
        "X continues to train officials",
    ),
    (
        R,
        r"\b(?:inaugural|first|second|third|annual|regular|\d+(?:st|nd|rd|th))\s+(?:\w+\s+)?"
        r"(?:meeting|forum|session|exercise|drill|workshop|conference|dialogue|edition|cohort|"
        r"report|training)s?\s+(?:of|by|under)$",
        IMPLEMENTING,
        455,
        "welcomed the inaugural meeting / annual forum / 3rd edition of X",
    ),
    (
        R,
        r"\b(?:will|would|shall|to|could|can|may)\s+(?:\w+\s+){0,2}?(?:enable|support|allow|"
        r"facilitate|pave\s+the\s+way\s+for|lead\s+to|prepare\s+for|guide|inform|help)\b"
        r"(?:\s+\S+){0,6}?\s+(?:operationali[sz]ation|establishment|launch|adoption|development|"
        r"creation|setting\s+up|implementation)\s+of$",
        PREPARING,
        470,
        "..., which will enable the operationalisation of X: still ahead",
    ),
    (
        R,
        r"…\s+(?:\w+\s+)?(?:implementation|operational|establishment|concept)\s+paper$",
        PREPARING,
        455,
        "endorsed the X Implementation Paper: X is being set up",
    ),
    # Ends.
    (
        R,
        r"\b(?:discontinu(?:ed|ation|e|es)|terminat(?:ed|ion|e|es)|abandon(?:ed|ment)|"
        r"no\s+longer\s+(?:be\s+)?(?:pursued|continued|implemented|carried\s+out|"
        r"active|operational|supported|funded)|wound\s+up|phased\s+out|"
        r"ceased\s+(?:operations?|to\s+(?:operate|exist|function)))\b",
        DISCONTINUED,
        610,
        "discontinued / terminated / will no longer be pursued",
    ),
    (
        R,
        r"\bsucceeded\s+by\b|\bgave\s+way\s+to\b",
        SUPERSEDED,
        610,
        "X was succeeded by Y (Y is its own initiative)",
    ),
    (
        R,
        r"\b(?:welcom|not|acknowledg|recogni|celebrat|commend|applaud|laud)\w*\s+"
        r"(?:with\s+\w+\s+)?(?:the\s+)?(?:successful\s+)?full\s+implementation\s+of$",
        COMPLETED,
        406,
        "welcomed the full implementation of X",
    ),
    (
        R,
        r"\b(?:successful(?:ly)?|satisfactory)\s+(?:full\s+)?(?:implementation|completion|"
        r"conclusion|delivery|implemented|completed|concluded|delivered)\b",
        COMPLETED,
        407,
        "noted the successful implementation / completion of X",
    ),
    (
        R,
        r"\bconclu\w*\s+(?:all\s+)?(?:its|their)\s+(?:\w+\s+)?(?:final|last|remaining)\s+"
        r"(?:activities|projects|phase|deliverables)\b",
        COMPLETED,
        406,
        "X concluded its final activities",
    ),
]


class Migration(migrations.Migration):
    dependencies = [
        ("initiatives", "0009_topics_and_search_synonyms"),
    ]

    operations = [
        migrations.RunPython(*adder(RULES)),
    ]
