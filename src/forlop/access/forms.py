"""Forms for consent (registered by staff on the patient's word), patient search,
emergency access and its review. Errors are per field, in Norwegian."""

from django import forms
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from forlop.access.models import ConsentScope, Participant
from forlop.accounts.roles import Role


class DsForm(forms.Form):
    """Designsystemet classes on every widget (templates render ``{{ field }}``)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.widget.attrs.setdefault("class", "ds-input")


class StaffConsentForm(DsForm):
    participant = forms.ChoiceField(label=_("Hvem skal få se"), choices=Participant.choices)
    participant_user = forms.ModelChoiceField(
        label=_("Person (pårørende eller samarbeidspart)"), required=False, queryset=None,
        help_text=_("Pårørende velges fra pasientens egen pårørendeliste; fastleger kan "
                    "være deltakere i samarbeidsmøte."))
    scope = forms.ChoiceField(label=_("Hva skal deles"), choices=ConsentScope.choices)
    only_this_pathway = forms.BooleanField(label=_("Gjelder bare dette forløpet"),
                                           required=False, initial=True)
    valid_from = forms.DateField(label=_("Gyldig fra"), widget=forms.DateInput(
        attrs={"type": "date"}))
    valid_to = forms.DateField(label=_("Gyldig til (valgfritt)"), required=False,
                               widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, patient, **kwargs):
        from forlop.accounts.models import RoleAssignment, User

        super().__init__(*args, **kwargs)
        self.patient = patient
        self.fields["valid_from"].initial = timezone.localdate()
        # Relatives only from this patient's own register (entries linked to a sign-in
        # account), never every relative in the system; GPs as meeting participants.
        self.relatives = patient.relatives.users()
        gps = RoleAssignment.objects.active().filter(role=Role.GP)
        self.fields["participant_user"].queryset = User.objects.filter(
            Q(pk__in=self.relatives.values("pk"))
            | Q(pk__in=gps.values("user_id"), is_active=True)).order_by("last_name",
                                                                        "first_name")

    def clean(self):
        data = super().clean()
        participant = data.get("participant")
        if participant == Participant.MUNICIPALITY and self.patient.municipality_id is None:
            self.add_error("participant", _("Pasienten har ingen registrert bostedskommune."))
        person = data.get("participant_user")
        if participant in (Participant.RELATIVE, Participant.MEETING) and not person:
            self.add_error("participant_user", _("Velg personen samtykket gjelder."))
        if (participant == Participant.RELATIVE and person
                and not self.relatives.filter(pk=person.pk).exists()):
            self.add_error("participant_user", _(
                "%(name)s står ikke i pasientens pårørendeliste. Registrer hen som pårørende "
                "med brukerkonto først.") % {"name": person.get_full_name() or person})
        start, end = data.get("valid_from"), data.get("valid_to")
        if start and end and end < start:
            self.add_error("valid_to", _("Sluttdatoen kan ikke være før startdatoen."))
        return data


class PatientSearchForm(DsForm):
    identifier = forms.CharField(label=_("Fødselsnummer, D-nummer eller FH-nummer"),
                                 min_length=11, max_length=11,
                                 widget=forms.TextInput(attrs={"inputmode": "numeric",
                                                               "autocomplete": "off"}))

    def clean_identifier(self):
        value = self.cleaned_data["identifier"].strip()
        if not value.isdigit():
            raise forms.ValidationError(_("Skriv 11 siffer, uten mellomrom."))
        return value


class BreakGlassForm(PatientSearchForm):
    # The length is checked by ``take_break_glass``, which logs every attempt.
    reason = forms.CharField(label=_("Begrunnelse for nødtilgang"),
                             widget=forms.Textarea(attrs={"rows": 3}),
                             help_text=_("Hvorfor trenger du tilgang nå? Begrunnelsen vises "
                                         "for pasienten og gjennomgås av leder."))


class ReviewForm(DsForm):
    note = forms.CharField(label=_("Merknad"), required=False, max_length=500)


class RoleGrantForm(DsForm):
    """The place is one choice over every place the administrator holds (units,
    municipalities, GP offices), as ``kind-id``; the service checks the role fits."""

    username = forms.CharField(label=_("Brukernavn"), max_length=150,
                               help_text=_("Brukernavnet til den som skal få rollen."))
    role = forms.ChoiceField(label=_("Rolle"))
    place = forms.ChoiceField(label=_("Sted"), help_text=_(
        "Enheten, ledernivået, kommunen eller fastlegekontoret der rollen gjelder."))
    valid_from = forms.DateField(label=_("Gyldig fra"), widget=forms.DateInput(
        attrs={"type": "date"}))
    valid_to = forms.DateField(label=_("Gyldig til (valgfritt)"), required=False,
                               widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args, places, **kwargs):
        from forlop.accounts.roles import GRANTABLE_AT, Role

        super().__init__(*args, **kwargs)
        self._places = {f"{kind}-{place.pk}": place for kind, qs in places.items()
                        for place in qs.order_by("name")}
        self.fields["place"].choices = [(key, str(place))
                                        for key, place in self._places.items()]
        kinds = {key.partition("-")[0] for key in self._places}
        grantable = {role for kind in kinds for role in GRANTABLE_AT[kind]}
        self.fields["role"].choices = [(r.value, r.label) for r in Role if r in grantable]
        self.fields["valid_from"].initial = timezone.localdate()

    def clean_place(self):
        return self._places[self.cleaned_data["place"]]

    def clean_username(self):
        from forlop.accounts.models import User

        user = User.objects.filter(username=self.cleaned_data["username"].strip(),
                                   is_active=True).first()
        if user is None:
            raise forms.ValidationError(_("Fant ingen aktiv bruker med dette brukernavnet. "
                                          "Sjekk stavemåten."))
        return user


class RoleEndForm(DsForm):
    on = forms.DateField(label=_("Siste dag med rollen"), widget=forms.DateInput(
        attrs={"type": "date"}))
