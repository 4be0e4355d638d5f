"""The app's own 403 and 404 pages with DEBUG off, and times that name their zone (issue 17)."""

import re
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from django.conf import settings
from django.test import override_settings

from initiatives.models import ProgressUpdate
from tracker.history import _Labeller

TEMPLATES = Path(settings.BASE_DIR) / "templates"


@override_settings(DEBUG=False)
def test_a_refused_action_shows_the_apps_own_403_with_navigation(client, focal_my, world):
    client.force_login(focal_my)
    response = client.get("/initiatives/new/")
    assert response.status_code == 403
    body = response.content.decode()
    assert "You cannot do this" in body
    assert '<nav aria-label="Main">' in body
    # It says why, and where to go from here.
    assert re.search(r'class="refusal">[^<]{12,}<', body)
    assert 'href="/help/#roles"' in body


@override_settings(DEBUG=False)
def test_an_unknown_address_when_logged_out_offers_the_login(client, db):
    response = client.get("/no-such-page/")
    assert response.status_code == 404
    body = response.content.decode()
    assert "There is no page at this address" in body and 'href="/accounts/login/"' in body


def test_every_time_a_template_writes_names_its_zone():
    # A time of day (H:i, G:i, P) without the zone (T, e or O) after it, in any template.
    unzoned = []
    for path in TEMPLATES.rglob("*.html"):
        for fmt in re.findall(r'date:"([^"]*)"', path.read_text()):
            if re.search(r"(?<!\\)[HGgh]:i|(?<!\\)P", fmt) and not re.search(r"(?<!\\)[TeO]", fmt):
                unzoned.append(f"{path.relative_to(TEMPLATES)}: {fmt}")
    assert unzoned == []


def test_a_history_entry_writes_a_time_in_the_sites_zone_with_its_name(db):
    reader = _Labeller(ProgressUpdate, [], ["withdrawn_at"])
    utc_noon = datetime(2026, 3, 2, 12, 0, tzinfo=ZoneInfo("UTC"))
    local = utc_noon.astimezone(ZoneInfo(settings.TIME_ZONE))
    shown = reader.show("withdrawn_at", utc_noon)
    assert shown.startswith(f"{local:%-d %b %Y, %H:%M} ")
    assert shown.split()[-1] == local.tzname()
