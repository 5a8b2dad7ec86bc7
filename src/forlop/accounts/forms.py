from django import forms
from django.utils.translation import gettext_lazy as _


class CodeForm(forms.Form):
    """A six-digit code from the authenticator app (spaces allowed, as apps show them)."""

    code = forms.CharField(label=_("Engangskode"), max_length=12)

    def clean_code(self):
        code = self.cleaned_data["code"].replace(" ", "")
        if not (code.isascii() and code.isdigit() and len(code) == 6):
            raise forms.ValidationError(_("Koden er seks sifre."))
        return code


class EnrolForm(CodeForm):
    """Confirm a new device; replacing one also asks for the password (re-authentication)."""

    password = forms.CharField(label=_("Passord"), required=False, strip=False,
                               widget=forms.PasswordInput)

    def __init__(self, *args, replacing: bool, verify_password, **kwargs):
        super().__init__(*args, **kwargs)
        self.replacing, self.verify_password = replacing, verify_password

    def clean_password(self):
        password = self.cleaned_data["password"]
        if self.replacing and not self.verify_password(password):
            raise forms.ValidationError(_("Feil passord."))
        return password
