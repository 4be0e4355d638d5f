"""Create the three role groups with their model permissions.

Row-level rules (a focal point writes only their own state's notes) live in the services;
these permissions are the coarse gate that Django admin and the views check first.
"""

from django.contrib.auth.management import create_permissions
from django.db import migrations

OFFICER = "Secretariat officer"
FOCAL_POINT = "Focal point"
ADMIN = "Admin"

TRACKING_MODELS = {
    "partners": ["partner"],
    "initiatives": [
        "meeting",
        "statement",
        "paragraph",
        "initiative",
        "initiativepartner",
        "mention",
        "progressupdate",
        "desiredoutcome",
        "importjob",
    ],
}
READ_ONLY_FOR_OFFICERS = {"initiatives": ["statusrule"], "partners": ["userprofile"]}


def _ensure_permissions(apps):
    # Permissions are normally created after migrate; a data migration must ask for them.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None


def _perms(Permission, app_label, model, actions):
    return list(
        Permission.objects.filter(
            content_type__app_label=app_label,
            codename__in=[f"{action}_{model}" for action in actions],
        )
    )


def create_roles(apps, schema_editor):
    _ensure_permissions(apps)
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")

    officer, _ = Group.objects.get_or_create(name=OFFICER)
    focal, _ = Group.objects.get_or_create(name=FOCAL_POINT)
    admin, _ = Group.objects.get_or_create(name=ADMIN)

    officer_perms, focal_perms = [], []
    for app_label, models in TRACKING_MODELS.items():
        for model in models:
            officer_perms += _perms(Permission, app_label, model, ["add", "change", "delete", "view"])
            focal_perms += _perms(Permission, app_label, model, ["view"])
    for app_label, models in READ_ONLY_FOR_OFFICERS.items():
        for model in models:
            officer_perms += _perms(Permission, app_label, model, ["view"])
    # Country notes are progress updates scoped to the focal point's own state.
    focal_perms += _perms(Permission, "initiatives", "progressupdate", ["add", "change"])

    officer.permissions.set(officer_perms)
    focal.permissions.set(focal_perms)
    admin.permissions.set(Permission.objects.all())


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=[OFFICER, FOCAL_POINT, ADMIN]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("partners", "0001_initial"),
        ("initiatives", "0001_initial"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
