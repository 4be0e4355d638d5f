"""Accounts every app shares: the throttled password reset, and a new password ending the
user's API token. The user and preference pages are partners' (partners/accounts.py), beside
the profiles they edit."""

from __future__ import annotations

import hashlib

from django.contrib.auth import views as auth_views
from django.core.cache import cache
from django.http import HttpResponseRedirect

# ------------------------------------------------------------------------------
# Password reset: throttled, in the tracker's own pages and words
# ------------------------------------------------------------------------------

# One email per address per interval; a few requests per client address per hour. Counted in
# Django's cache (per web process unless CACHES points at a shared cache).
RESET_EMAIL_INTERVAL = 15 * 60
RESET_REQUESTS_PER_HOUR = 5


class PasswordResetView(auth_views.PasswordResetView):
    """Django's reset, throttled: the same address gets one email per RESET_EMAIL_INTERVAL (the
    page says the same whether or not it sent one, so nobody learns which addresses exist), and
    one client address may ask RESET_REQUESTS_PER_HOUR times an hour before it is told to wait."""

    template_name = "registration/password_reset_form.html"
    email_template_name = "registration/password_reset_email.txt"
    subject_template_name = "registration/password_reset_subject.txt"

    def form_valid(self, form):
        client = self.request.META.get("REMOTE_ADDR", "")
        requests_key = f"password-reset:client:{client}"
        if cache.get(requests_key, 0) >= RESET_REQUESTS_PER_HOUR:
            form.add_error(
                None, "Too many reset requests from your address. Please try again in an hour."
            )
            return self.render_to_response(self.get_context_data(form=form), status=429)
        cache.add(requests_key, 0, 60 * 60)
        cache.incr(requests_key)
        email = form.cleaned_data["email"].strip().lower()
        digest = hashlib.sha256(email.encode()).hexdigest()
        if not cache.add(f"password-reset:email:{digest}", 1, RESET_EMAIL_INTERVAL):
            return HttpResponseRedirect(self.get_success_url())  # sent one a moment ago
        return super().form_valid(form)


def revoke_token_on_password_change(sender, instance, raw=False, **kwargs) -> None:
    """A new password (set by the user, by a reset or by an admin) ends the API and feed token:
    whoever learnt the old password may have made one."""
    if raw or instance.pk is None:
        return
    stored = sender.objects.filter(pk=instance.pk).values_list("password", flat=True).first()
    if stored is not None and stored != instance.password:
        from rest_framework.authtoken.models import Token

        Token.objects.filter(user_id=instance.pk).delete()
