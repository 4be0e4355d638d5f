"""A downloaded grid says what it holds in its name: the filters in use and the day it shows."""

import re

from django.urls import reverse
from django.utils import timezone


def test_the_grid_export_is_named_after_its_filters_and_its_day(client, officer):
    client.force_login(officer)
    url = reverse("implementation:export", args=["csv"])
    response = client.get(url, {"kind": "model", "ordering": "name", "on": "2026-02-01"})
    assert response.status_code == 200
    assert response["Content-Disposition"] == (
        'attachment; filename="implementation-kind-model-2026-02-01.csv"'
    )
    plain = client.get(url)["Content-Disposition"]
    today = timezone.localdate()
    assert plain == f'attachment; filename="implementation-{today:%Y-%m-%d}.csv"'
    assert re.search(r"\d{4}-\d\d-\d\d\.csv", plain)
