import secrets

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction

from initiatives.demo.examples import examples_add
from initiatives.models import Initiative
from partners.models import Partner, UserProfile
from tracker import roles
from tracker.commands import TrackerCommand

DEMO_USERS = [
    # username, role, member state, staff (may open Django admin)
    ("admin", roles.ADMIN, None, True),
    ("officer", roles.OFFICER, None, False),
    ("focal-my", roles.FOCAL_POINT, "Malaysia", False),
    ("focal-sg", roles.FOCAL_POINT, "Singapore", False),
]


class Command(TrackerCommand):
    help = "Create (or reset) the demo users and print their fresh passwords. Never in production."

    @transaction.atomic
    def handle(self, *args, **options):
        User = get_user_model()
        rows = []
        for username, role, state, staff in DEMO_USERS:
            user, _ = User.objects.get_or_create(
                username=username, defaults={"email": f"{username}@example.org"}
            )
            password = secrets.token_urlsafe(9)
            user.set_password(password)
            user.is_staff = staff
            user.is_superuser = role == roles.ADMIN
            user.save()
            user.groups.set([Group.objects.get(name=role)])
            member_state = Partner.objects.get(name=state) if state else None
            UserProfile.objects.update_or_create(user=user, defaults={"member_state": member_state})
            rows.append((username, password, role + (f" ({state})" if state else "")))
        officer = User.objects.get(username="officer")
        Initiative.objects.filter(owner__isnull=True).update(owner=officer)
        added = examples_add()  # written by the demo users, so only once they exist
        self.stdout.write("Demo users (passwords are new on every run):")
        for username, password, role in rows:
            self.stdout.write(f"  {username:<10} {password:<14} {role}")
        if added:
            parts = ", ".join(f"{n} {what}" for what, n in added.items())
            self.stdout.write(f"Example activity added ({parts}); remove it with remove_examples.")
