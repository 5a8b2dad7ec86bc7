"""The user's own account page, signing out, and signing out everywhere."""

from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from forlop.accounts import sessions, totp
from forlop.accounts.sessions import Method

METHOD_LABELS = {
    Method.PASSWORD: _("passord"),
    Method.PASSWORD_TOTP: _("passord og engangskode"),
    Method.HELSEID: "HelseID",
    Method.IDPORTEN: "ID-porten",
}


@login_required
def account(request):
    return render(request, "accounts/account.html", {
        "method": METHOD_LABELS.get(sessions.method_of(request.session), _("ukjent")),
        "has_device": totp.confirmed_device(request.user) is not None,
        "local": request.user.has_usable_password(),
    })


@require_POST
def sign_out(request):
    """Sign out here: the session is flushed (a new, empty one takes its place)."""
    logout(request)
    return redirect("login")


@require_POST
@login_required
def sign_out_everywhere(request):
    """"Logg ut overalt": end every session of this user, on every device."""
    sessions.end_all_sessions(request.user)
    logout(request)
    return redirect("login")
