"""The importer's first phrase-to-status rules. Admins extend and tune them in Django admin.

The importer applies enabled rules to the action phrase governing a mention, highest priority
first; the first rule that matches decides. Longer, more specific phrases carry more priority
("looked forward to the adoption" beats "adopt"). A rule with a blank status means the phrase
says nothing about progress ("expressed appreciation"): it stops weaker rules below it.

"substring" rules match their words in order from a word boundary, case-insensitively, so a stem
("endorse") covers "endorsed" and "endorsement". "regex" rules are Python regular expressions.
"""

from django.db import migrations

S, R = "substring", "regex"
PROPOSED, PREPARING, ADOPTED = "proposed", "preparing", "adopted"
IMPLEMENTING, COMPLETED, NONE = "implementing", "completed", ""

RULES = [
    # Replaced by something newer: "adopted the ADM 2030 as the successor of the ADM 2025".
    (R, r"\bsuccessor\s+(?:of|to)$", "superseded", 600, "as the successor of ..."),
    (R, r"\b(?:replaced|superseded)\b", "superseded", 600, "which was replaced by ..."),
    # Concluded negotiations: the text is agreed even before signature.
    (
        R,
        r"conclu\w*\s+(?:of\s+)?(?:the\s+)?(?:\S+\s+){0,4}negotiations?",
        ADOPTED,
        520,
        "negotiations concluded: the text is agreed",
    ),
    (R, r"negotiations?\s+(?:were|was|have been|has been)\s+(?:\w+\s+)?conclu", ADOPTED, 520, ""),
    # Waiting for something to happen: the initiative is still being prepared.
    (
        R,
        r"look\w*\s+forward\s+to\s+(?:the\s+)?(?:\w+\s+)?(?:adoption|endorsement|approval|launch"
        r"|completion|conclusion|finali[sz]ation|signing|signature|establishment|development"
        r"|publication|release|entry into force|operationali[sz]ation|roll-?out|delivery)",
        PREPARING,
        500,
        "looked forward to the completion/adoption/launch of ...",
    ),
    (
        R,
        r"will\s+be\s+(?:\w+\s+)?(?:launched|adopted|endorsed|completed|finali[sz]ed|signed"
        r"|developed|published|released|established|concluded|submitted|presented)",
        PREPARING,
        480,
        "will be launched/adopted ...",
    ),
    (
        R,
        r"\b(?:to be|yet to be|being)\s+(?:\w+\s+)?(?:launched|adopted|endorsed|completed"
        r"|finali[sz]ed|signed|developed|drafted|negotiated|published|established|reviewed)",
        PREPARING,
        470,
        "to be / being developed ...",
    ),
    (S, "under development", PREPARING, 460, ""),
    (S, "under negotiation", PREPARING, 460, ""),
    (S, "advanced stage", PREPARING, 460, "ongoing work that has reached an advanced stage"),
    (S, "ongoing work", PREPARING, 455, ""),
    (S, "on-going work", PREPARING, 455, ""),
    (S, "work in progress", PREPARING, 455, ""),
    (S, "negotiat", PREPARING, 450, "negotiation(s), negotiating"),
    # Ideas the ministers want explored.
    (
        R,
        r"task\w*\s+(?:\S+\s+){0,5}to\s+(?:explore|study|consider|look into|assess)",
        PROPOSED,
        445,
        "tasked ... to explore/study",
    ),
    (
        R,
        r"task\w*\s+(?:\S+\s+){0,5}to\s+(?:develop|prepare|draft|finali[sz]e|complete|conduct"
        r"|formulate|update|review|begin|start|commence)",
        PREPARING,
        445,
        "tasked ... to develop/finalise",
    ),
    (
        R,
        r"task\w*\s+(?:\S+\s+){0,5}to\s+(?:implement|operationali[sz]e|roll out)",
        IMPLEMENTING,
        445,
        "tasked ... to implement",
    ),
    (
        R,
        r"agree\w*\s+to\s+(?:explore|consider|study|look into|develop|establish|create|set up"
        r"|work on|work towards|pursue)",
        PROPOSED,
        440,
        "agreed to explore/develop ...",
    ),
    (
        R,
        r"encourag\w*\s+(?:\S+\s+){0,6}to\s+(?:\S+\s+){0,3}(?:implement|operationali[sz]e|utili[sz]e"
        r"|make use of)",
        IMPLEMENTING,
        440,
        "encouraged Member States to implement ...",
    ),
    (
        R,
        r"encourag\w*\s+(?:the\s+)?(?:\w+\s+)?(?:development|establishment|creation|exploration"
        r"|formulation)",
        PROPOSED,
        435,
        "encouraged the development of ...",
    ),
    (S, "explor", PROPOSED, 430, "explore, exploration"),
    (S, "called for", PROPOSED, 430, ""),
    (S, "calls for", PROPOSED, 430, ""),
    (S, "proposal", PROPOSED, 425, "welcomed the proposal to ..."),
    (S, "proposed", PROPOSED, 425, ""),
    (S, "feasibility", PROPOSED, 420, ""),
    (S, "concept note", PROPOSED, 420, ""),
    (S, "concept paper", PROPOSED, 420, ""),
    # The action is about a part of the initiative: its review, a phase, a study for it
    # ("the completion of the mid-term review of the ADM 2025", "... of the ADM 2025 Mid-Term
    # Review").
    (R, r"(?:completion|conclusion|launch|adoption|endorsement|start|commencement)\s+of\b"
        r".{0,40}?\b(?:review|evaluation|stocktake|stock-take|phase|year)\b", IMPLEMENTING, 410,
     "completion of the mid-term review of ..."),
    (R, r"(?:completion|conclusion)\s+of\b.{0,40}?\b(?:study|studies|survey|scoping)\b",
     PREPARING, 410, "completion of the study for ..."),
    # Finished.
    (S, "completion", COMPLETED, 400, "noted the completion of ..."),
    (S, "completed", COMPLETED, 400, ""),
    (S, "accomplish", COMPLETED, 400, "accomplished its target"),
    (S, "achieved its target", COMPLETED, 400, ""),
    (S, "concluded", COMPLETED, 395, ""),
    (S, "conclusion", COMPLETED, 395, "welcomed the conclusion of ..."),
    # In force.
    (S, "entry into force", IMPLEMENTING, 360, ""),
    (S, "entered into force", IMPLEMENTING, 360, ""),
    # Endorsed, adopted, approved, launched or signed.
    (S, "endorse", ADOPTED, 350, "endorsed, endorsement"),
    (S, "adopt", ADOPTED, 350, "adopted, adoption"),
    (S, "approv", ADOPTED, 350, "approved, approval"),
    (S, "ratif", ADOPTED, 340, ""),
    (S, "launch", ADOPTED, 340, "launched, launch of"),
    (R, r"\bsign(?:ed|ing|ature)\b", ADOPTED, 340, "signed, signing"),
    (S, "unveil", ADOPTED, 330, ""),
    (S, "inaugurat", ADOPTED, 330, ""),
    (S, "establishment", ADOPTED, 320, "welcomed the establishment of ..."),
    (S, "established", ADOPTED, 320, ""),
    (R, r"finali[sz](?:ed|ation)", ADOPTED, 320, "finalised, finalisation"),
    (S, "publication", ADOPTED, 300, ""),
    (S, "published", ADOPTED, 300, ""),
    (S, "issued", ADOPTED, 300, ""),
    # Being carried out.
    (S, "operationali", IMPLEMENTING, 260, "operationalisation"),
    (S, "mid-term review", IMPLEMENTING, 255, ""),
    (S, "implementation", IMPLEMENTING, 250, ""),
    (S, "implementing", IMPLEMENTING, 250, ""),
    (S, "implemented", IMPLEMENTING, 250, ""),
    (S, "plans and program", IMPLEMENTING, 250, "noted the plans and programmes"),
    (S, "progress", IMPLEMENTING, 240, "welcomed progress"),
    (S, "on-going", IMPLEMENTING, 230, ""),
    (S, "ongoing", IMPLEMENTING, 230, ""),
    (S, "continu", IMPLEMENTING, 220, "continued, continuing, continuous"),
    (S, "commence", IMPLEMENTING, 225, "welcomed the commencement of ..."),
    (R, r"kick(?:ed)?[- ]off", IMPLEMENTING, 225, "kicked off, the kick-off of"),
    (R, r"\b(?:renewal|renewed|extension|extended)\b", IMPLEMENTING, 215, "renewed, extended"),
    (S, "next phase", IMPLEMENTING, 210, ""),
    (S, "deliverables", IMPLEMENTING, 200, ""),
    (S, "achievements", IMPLEMENTING, 200, ""),
    # Being studied or drafted.
    (S, "development of", PREPARING, 240, "welcomed the development of ..."),
    (S, "developing", PREPARING, 240, ""),
    (S, "drafting", PREPARING, 240, ""),
    (S, "draft", PREPARING, 235, ""),
    (S, "preparation", PREPARING, 235, ""),
    (S, "preparatory", PREPARING, 230, ""),
    (S, "consultation", PREPARING, 200, ""),
    (S, "encourag", PROPOSED, 180, "encouraged ... (without a more specific phrase)"),
    (
        R,
        r"look\w*\s+forward",
        PREPARING,
        150,
        "looked forward to ... (without a more specific phrase)",
    ),
    # Said, but nothing about progress.
    (S, "expressed appreciation", NONE, 100, ""),
    (S, "appreciat", NONE, 100, ""),
    (S, "gratitude", NONE, 100, ""),
    (S, "acknowledg", NONE, 100, ""),
    (S, "commend", NONE, 100, ""),
    (S, "thank", NONE, 100, ""),
    (S, "congratulat", NONE, 100, ""),
    (S, "commemorat", NONE, 100, ""),
    (S, "noted", NONE, 90, ""),
    (S, "took note", NONE, 90, ""),
    (S, "recogni", NONE, 90, "recognised, recognized"),
    (S, "reaffirm", NONE, 90, ""),
    (S, "reiterat", NONE, 90, ""),
    (S, "supported", NONE, 90, ""),
    # Welcoming a document without saying more: it has been presented and accepted.
    (S, "welcom", ADOPTED, 50, "welcomed ... (without a more specific phrase)"),
]


def seed(apps, schema_editor):
    StatusRule = apps.get_model("initiatives", "StatusRule")
    for match_kind, pattern, status, priority, note in RULES:
        StatusRule.objects.update_or_create(
            pattern=pattern,
            match_kind=match_kind,
            defaults={"status": status, "priority": priority, "note": note, "enabled": True},
        )


def unseed(apps, schema_editor):
    StatusRule = apps.get_model("initiatives", "StatusRule")
    for match_kind, pattern, *_ in RULES:
        StatusRule.objects.filter(pattern=pattern, match_kind=match_kind).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("initiatives", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(seed, unseed),
    ]
