"""Local sign-in: username and password, then a code when the user has a device.

Until the code is right the user is not signed in: the session only remembers,
for five minutes, who passed the password step and where they were going.
"""

import time

from django.contrib.auth import get_user_model
from django.contrib.auth import views as auth_views
from django.http import HttpResponseRedirect
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters

from forlop.accounts import lockout, totp
from forlop.accounts.forms import CodeForm
from forlop.accounts.oidc import providers
from forlop.accounts.sessions import Method, sign_in

PENDING = "forlop.pending_sign_in"
PENDING_SECONDS = 5 * 60


class PasswordStepView(auth_views.LoginView):
    template_name = "registration/login.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs, providers=providers.configured())

    def form_valid(self, form):
        user = form.get_user()
        if totp.confirmed_device(user) is None:
            sign_in(self.request, user, method=Method.PASSWORD, backend=user.backend)
            return HttpResponseRedirect(self.get_success_url())
        self.request.session.cycle_key()
        self.request.session[PENDING] = {"user": user.pk, "backend": user.backend,
                                         "at": time.time(), "next": self.get_success_url()}
        return redirect("login-code")


@never_cache
@sensitive_post_parameters("code")
def code_step(request):
    pending = request.session.get(PENDING)
    fresh = pending is not None and time.time() - pending["at"] <= PENDING_SECONDS
    user = fresh and get_user_model().objects.filter(pk=pending["user"], is_active=True).first()
    if not user:
        request.session.pop(PENDING, None)
        return redirect("login")
    if lockout.is_locked(request, user.username):
        request.session.pop(PENDING, None)
        return lockout.lockout_response(request, credentials={"username": user.username})
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = totp.confirmed_device(user)
        if device is not None and device.verify_token(form.cleaned_data["code"]):
            del request.session[PENDING]
            sign_in(request, user, method=Method.PASSWORD_TOTP, backend=pending["backend"])
            return HttpResponseRedirect(pending["next"])
        if lockout.count_failed_code(request, user.username):
            request.session.pop(PENDING, None)
            return lockout.lockout_response(request, credentials={"username": user.username})
        form.add_error("code", _("Feil kode. Prøv igjen med koden appen viser nå."))
    return render(request, "accounts/code.html", {"form": form})


password_step = PasswordStepView.as_view()
