"""Forms of the referral intake. They parse and say what is missing; the rules are the
services' (and the kernel's), whose refusals come back next to the same fields."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from forlop.access.forms import DsForm
from forlop.gpcare.selectors import gp_users
from forlop.intake.selectors import intake_units, unit_staff
from forlop.organisations.models import GpOffice
from forlop.pathways.models import CareSetting, PathwayType, ReferrerKind, Severity
from forlop.patients.identifiers import identifier_problem


def _date(label, **kwargs):
    return forms.DateField(label=label, widget=forms.DateInput(attrs={"type": "date"}),
                           **kwargs)


class RegisterReferralForm(DsForm):
    identifier = forms.CharField(
        label=_("Pasientens fødselsnummer, D-nummer eller FH-nummer"), max_length=20,
        help_text=_("11 siffer. Finnes pasienten, brukes den; ellers opprettes pasienten."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}))
    name = forms.CharField(label=_("Pasientens navn"), max_length=200,
                           help_text=_("Som på henvisningen."))
    birth_date = _date(_("Pasientens fødselsdato (for en ny pasient)"), required=False)
    unit = forms.ModelChoiceField(label=_("Mottakende enhet"), queryset=None,
                                  empty_label=None)
    received_on = _date(_("Mottatt dato"))
    referrer_kind = forms.ChoiceField(label=_("Henviser er"), choices=ReferrerKind.choices)
    gp_office = forms.ModelChoiceField(
        label=_("Fastlegekontor"), queryset=GpOffice.objects.order_by("name"), required=False,
        help_text=_("Når fastlegen henviser."))
    referring_gp = forms.ModelChoiceField(
        label=_("Fastlegen som henviste (når fastlegen er bruker her)"), queryset=None,
        required=False, empty_label=_("Ikke bruker her: skriv navnet under"),
        help_text=_("Fastlegen må arbeide ved fastlegekontoret over. Navn og HPR-nummer "
                    "hentes fra brukeren."))
    referrer_name = forms.CharField(
        label=_("Henvisers navn"), max_length=200, required=False,
        help_text=_("Fastlegen når hen ikke er bruker her, eller navnet på annen henviser."))
    referrer_hpr = forms.CharField(label=_("Henvisers HPR-nummer (valgfritt)"), max_length=9,
                                   required=False,
                                   widget=forms.TextInput(attrs={"inputmode": "numeric"}))
    first_trust_name = forms.CharField(
        label=_("Første helseforetak (ved videresendt henvisning)"), max_length=200,
        required=False, help_text=_("Fyll ut begge feltene bare når henvisningen er "
                                    "videresendt fra et annet helseforetak."))
    first_trust_started_on = _date(_("Start pakkeforløp i første helseforetak"),
                                   required=False)

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = intake_units(user)
        self.fields["received_on"].initial = timezone.localdate()
        self.fields["referring_gp"].queryset = gp_users()
        self.fields["referring_gp"].label_from_instance = _gp_label

    def clean_identifier(self):
        value = self.cleaned_data["identifier"]
        problem = identifier_problem(value)
        if problem:
            raise forms.ValidationError(problem)
        return "".join(value.split())

    def clean_referrer_hpr(self):
        value = self.cleaned_data["referrer_hpr"].strip()
        if value and not (value.isascii() and value.isdigit()):
            raise forms.ValidationError(_("HPR-nummeret har bare sifre. Fjern andre tegn."))
        return value

    def clean(self):
        data = super().clean()
        name, started = data.get("first_trust_name", ""), data.get("first_trust_started_on")
        if name and not started:
            self.add_error("first_trust_started_on", _(
                "Skriv datoen forløpet startet i første helseforetak, eller tøm navnet."))
        if started and not name:
            self.add_error("first_trust_name", _(
                "Skriv navnet på første helseforetak, eller tøm datoen."))
        if not data.get("referring_gp") and not data.get("referrer_name", "").strip():
            self.add_error("referrer_name", _(
                "Skriv navnet på henviseren, eller velg fastlegen i listen over."))
        return data


def _gp_label(user) -> str:
    name = user.get_full_name() or user.username
    return f"{name} (HPR {user.hpr_number})" if user.hpr_number else name


class AssessReferralForm(DsForm):
    right_granted = forms.TypedChoiceField(
        label=_("Rett til nødvendig helsehjelp"), widget=forms.RadioSelect,
        choices=[("yes", _("Ja, pasienten har rett til nødvendig helsehjelp")),
                 ("no", _("Nei, ikke rett til nødvendig helsehjelp"))],
        coerce=lambda v: v == "yes")
    assessed_on = _date(_("Vurdert dato"))
    type = forms.ChoiceField(label=_("Forløp"), required=False,
                             choices=[("", _("Velg forløp")), *PathwayType.choices],
                             help_text=_("Når pasienten har rett til helsehjelp."))
    setting = forms.ChoiceField(label=_("Omsorgsnivå"), required=False,
                                choices=[("", _("Velg omsorgsnivå")), *CareSetting.choices])
    severity = forms.ChoiceField(label=_("Alvorlighetsgrad (spiseforstyrrelser)"),
                                 required=False,
                                 choices=[("", _("Ikke aktuelt")), *Severity.choices])
    coordinator = forms.ModelChoiceField(label=_("Forløpskoordinator (valgfritt)"),
                                         queryset=None, required=False,
                                         empty_label=_("Ingen ennå"))

    def __init__(self, *args, unit, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["coordinator"].queryset = unit_staff(unit)
        self.fields["assessed_on"].initial = timezone.localdate()
        self.fields["right_granted"].widget.attrs["class"] = "ds-input"
