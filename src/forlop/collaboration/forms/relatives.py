from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from forlop.access.forms import DsForm
from forlop.patients.models import FollowUpBy, MinorKind, Relation


class RelativeForm(DsForm):
    name = forms.CharField(label=_("Navn"), max_length=200)
    relation = forms.ChoiceField(label=_("Relasjon til pasienten"), choices=Relation.choices)
    contact = forms.CharField(label=_("Telefon eller annen kontakt (valgfritt)"),
                              max_length=200, required=False)
    minor = forms.ChoiceField(label=_("Mindreårig barn eller søsken?"),
                              choices=MinorKind.choices, required=False)
    birth_year = forms.IntegerField(label=_("Fødselsår (for mindreårige)"), required=False,
                                    min_value=1900)
    information_needs = forms.CharField(
        label=_("Hvilken informasjon og oppfølging trenger barnet eller pårørende?"),
        required=False, widget=forms.Textarea(attrs={"rows": 3}))
    follow_up_by = forms.ChoiceField(label=_("Hvem gir barnet oppfølging?"),
                                     choices=FollowUpBy.choices, required=False)
    support_needs = forms.CharField(label=_("Pårørendes eget behov for støtte"),
                                    required=False, widget=forms.Textarea(attrs={"rows": 2}))
    username = forms.CharField(
        label=_("Brukernavn i Forløp (valgfritt)"), max_length=150, required=False,
        help_text=_("Har pårørende egen innlogging, kan samtykke til deling gis til hen."))

    def clean_birth_year(self):
        year = self.cleaned_data.get("birth_year")
        if year and year > timezone.localdate().year:
            raise forms.ValidationError(_("Fødselsåret kan ikke være etter i år."))
        return year

    def clean_username(self):
        from forlop.accounts.models import User

        name = self.cleaned_data["username"].strip()
        if not name:
            return None
        user = User.objects.filter(username=name, is_active=True).first()
        if user is None:
            raise forms.ValidationError(_("Fant ingen aktiv bruker med dette brukernavnet. "
                                          "Sjekk stavemåten, eller la feltet stå tomt."))
        return user

    def clean(self):
        data = super().clean()
        if data.get("minor") and not data.get("birth_year"):
            self.add_error("birth_year", _("Skriv fødselsåret til barnet eller søsken."))
        return data
