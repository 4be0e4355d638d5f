"""The public read-only view: off by default, and when on, reads only."""

from django.test import override_settings
from django.urls import reverse

from initiatives.models import ProgressUpdate


def test_anonymous_visitors_see_nothing_by_default(client, initiative_for_public):
    for url in (reverse("initiatives:list"), initiative_for_public.get_absolute_url()):
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response.url


@override_settings(PUBLIC_READ_ONLY=True)
def test_when_on_anonymous_visitors_read_the_public_pages(client, initiative_for_public):
    assert client.get(reverse("initiatives:list")).status_code == 200
    page = client.get(initiative_for_public.get_absolute_url())
    assert page.status_code == 200 and b"DEFA" in page.content
    assert b"Log out" not in page.content and b"Record progress" not in page.content


@override_settings(PUBLIC_READ_ONLY=True)
def test_when_on_anonymous_visitors_still_cannot_write_or_see_history(
    client, initiative_for_public
):
    slug = initiative_for_public.slug
    for url in (
        reverse("initiatives:edit", args=[slug]),
        reverse("initiatives:note_create", args=[slug]),
        reverse("initiatives:history", args=[slug]),
        reverse("accounts:list"),
    ):
        assert client.get(url).status_code == 302, url
    response = client.post(
        reverse("initiatives:note_create", args=[slug]), {"date": "2024-01-01", "summary": "x"}
    )
    assert response.status_code == 302
    assert not ProgressUpdate.objects.exists()
    # A POST to a public page is not a read either.
    assert client.post(reverse("initiatives:list")).status_code == 302
