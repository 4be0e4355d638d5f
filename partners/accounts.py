"""Users and roles (admins), and each user's reminder preferences: the pages that edit what
partners/models.py keeps about a user (profile, member state). Password reset and the token
revoked on a new password are tracker's (tracker/accounts.py)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth import get_user_model
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import include, path
from django.views.decorators.http import require_GET, require_http_methods

from tracker import permissions, roles
from tracker.record_views import run_service

from . import services
from .forms import PreferencesForm, SetPasswordForm, UserCreateForm, UserEditForm
from .models import UserProfile


def _user_form(request, form, title: str, edited=None):
    context = {"form": form, "title": title, **({"edited": edited} if edited else {})}
    return render(request, "accounts/user_form.html", context)


def _get_user_for_admin(request, pk: int):
    permissions.require_user_manager(request.user)
    return get_object_or_404(
        permissions.restrict(get_user_model().objects.all(), request.user, permissions.CHANGE),
        pk=pk,
    )


@require_GET
def user_list(request):
    permissions.require_user_manager(request.user)
    users = (
        get_user_model()
        .objects.select_related("profile__member_state")
        .prefetch_related(Prefetch("groups"))
        .order_by("-is_active", "username")
    )
    rows = [(user, services.role_of(user)) for user in users]
    return render(request, "accounts/user_list.html", {"rows": rows})


@require_http_methods(["GET", "POST"])
def user_create(request):
    permissions.require_user_manager(request.user)
    form = UserCreateForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        user, _ = run_service(
            form,
            lambda: services.user_create(
                actor=request.user,
                username=data["username"],
                email=data["email"],
                first_name=data["first_name"],
                last_name=data["last_name"],
                role=data["role"],
                member_state=data["member_state"],
                password=data["password1"],
            ),
        )
        if user:
            messages.success(request, f"User {user.username} created as {data['role']}.")
            return redirect("accounts:list")
    return _user_form(request, form, "New user")


@require_http_methods(["GET", "POST"])
def user_edit(request, pk: int):
    user = _get_user_for_admin(request, pk)
    profile = UserProfile.objects.filter(user=user).select_related("member_state").first()
    initial = {
        "email": user.email,
        "first_name": user.first_name,
        "last_name": user.last_name,
        "role": services.role_of(user),
        "member_state": profile.member_state if profile else None,
        "is_active": user.is_active,
    }
    form = UserEditForm(request.POST if request.method == "POST" else None, initial=initial)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        saved, _ = run_service(
            form, lambda: services.user_update(actor=request.user, user=user, **data)
        )
        if saved:
            messages.success(request, f"User {user.username} saved.")
            return redirect("accounts:list")
    return _user_form(request, form, f"Edit {user.username}", user)


@require_http_methods(["GET", "POST"])
def user_password(request, pk: int):
    user = _get_user_for_admin(request, pk)
    form = SetPasswordForm(request.POST if request.method == "POST" else None, user=user)
    if request.method == "POST" and form.is_valid():
        services.user_set_password(
            actor=request.user, user=user, password=form.cleaned_data["password1"]
        )
        messages.success(request, f"New password set for {user.username}.")
        return redirect("accounts:list")
    return _user_form(request, form, f"Set a new password for {user.username}", user)


@require_http_methods(["GET", "POST"])
def preferences(request):
    """Every signed-in user chooses which reminder emails they receive."""
    profile, _ = UserProfile.objects.get_or_create(user=request.user)
    form = PreferencesForm(request.POST if request.method == "POST" else None, instance=profile)
    if request.method == "POST" and form.is_valid():
        services.preferences_update(user=request.user, **form.cleaned_data)
        messages.success(request, "Your email preferences are saved.")
        return redirect("preferences")
    return render(
        request,
        "accounts/preferences.html",
        {"form": form, "profile": profile, "role": roles.role_label(request.user)},
    )


user_urlpatterns = [
    path("", user_list, name="list"),
    path("new/", user_create, name="create"),
    path("<int:pk>/edit/", user_edit, name="edit"),
    path("<int:pk>/password/", user_password, name="password"),
]
# Included by name from tracker/urls.py at the site's root: /users/ (namespace "accounts") and
# /preferences/.
urlpatterns = [
    path("users/", include((user_urlpatterns, "accounts"))),
    path("preferences/", preferences, name="preferences"),
]
