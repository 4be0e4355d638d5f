"""What the migrations that add StatusRule rows share (the loader skips modules named with _).

Kept free of the app's models: a migration works on the historical model it is given.
"""


def adder(rules):
    """(seed, unseed) for RunPython: add the rows missing, and on reverse remove them.

    `rules` are (match_kind, pattern, status, priority, note). A row already there (an admin may
    have tuned it) is left as it is.
    """

    def seed(apps, schema_editor):
        StatusRule = apps.get_model("initiatives", "StatusRule")
        for match_kind, pattern, status, priority, note in rules:
            StatusRule.objects.get_or_create(
                pattern=pattern,
                match_kind=match_kind,
                defaults={"status": status, "priority": priority, "note": note, "enabled": True},
            )

    def unseed(apps, schema_editor):
        StatusRule = apps.get_model("initiatives", "StatusRule")
        for match_kind, pattern, *_ in rules:
            StatusRule.objects.filter(pattern=pattern, match_kind=match_kind).delete()

    return seed, unseed
