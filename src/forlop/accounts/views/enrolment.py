"""Enrol or replace the TOTP second factor.

The secret is shown as text and as a QR code drawn on the server. Replacing a
device asks for the password again, and a new device ends the user's other
sessions (a lost phone should not keep anyone signed in).
"""

from django.contrib import messages
from django.contrib.auth import authenticate
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters

from forlop.accounts import sessions, totp
from forlop.accounts.forms import EnrolForm
from forlop.accounts.sessions import Method


@never_cache
@login_required
@sensitive_post_parameters("code", "password")
def enrol(request):
    user = request.user
    if not user.has_usable_password():
        return render(request, "accounts/enrol.html", {"local": False})
    replacing = totp.confirmed_device(user) is not None
    device = totp.pending_device(user)
    form = EnrolForm(request.POST or None, replacing=replacing,
                     verify_password=lambda password: authenticate(
                         request, username=user.get_username(), password=password) is not None)
    if request.method == "POST" and form.is_valid():
        if totp.confirm(device, form.cleaned_data["code"]):
            sessions.keep_only_this_session(request)
            request.session[sessions.METHOD] = str(Method.PASSWORD_TOTP)
            messages.success(request, _("Engangskoder er slått på for kontoen din."))
            return redirect("account")
        form.add_error("code", _("Feil kode. Prøv igjen med koden appen viser nå."))
    return render(request, "accounts/enrol.html", {
        "local": True, "form": form, "replacing": replacing,
        "secret": totp.secret_text(device),
        "qr": totp.qr_svg(device, _("QR-kode for engangskoder i Forløp")),
    })
