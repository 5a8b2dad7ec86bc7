from django.urls import path

from forlop.accounts.views import account, enrolment, local, oidc

urlpatterns = [
    path("logg-inn/", local.password_step, name="login"),
    path("logg-inn/kode/", local.code_step, name="login-code"),
    path("logg-inn/<slug:provider>/", oidc.start, name="oidc-start"),
    path("logg-inn/<slug:provider>/retur/", oidc.callback, name="oidc-callback"),
    path("logg-ut/", account.sign_out, name="logout"),
    path("logg-ut/overalt/", account.sign_out_everywhere, name="logout-everywhere"),
    path("konto/", account.account, name="account"),
    path("konto/engangskode/", enrolment.enrol, name="totp-enrol"),
]
