"""Forms of the municipal pages: they parse; the services decide, and their refusals
come back next to the same fields (in Norwegian, saying how to fix it)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from forlop.access.forms import DsForm
from forlop.municipal.models import Need
from forlop.organisations.models import GpOffice
from forlop.patients.identifiers import identifier_problem


class IdentifiedPersonForm(DsForm):
    identifier = forms.CharField(
        label=_("Personens fødselsnummer eller D-nummer"), max_length=20,
        help_text=_("11 siffer."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}))
    name = forms.CharField(label=_("Personens navn"), max_length=200)

    def __init__(self, *args, municipalities, **kwargs):
        super().__init__(*args, **kwargs)
        if len(municipalities) > 1:
            self.fields["municipality"] = forms.ModelChoiceField(
                label=_("Kommune"), queryset=municipalities, empty_label=None,
                widget=forms.Select(attrs={"class": "ds-input"}))
        self.municipalities = municipalities

    def clean_identifier(self):
        value = self.cleaned_data["identifier"]
        problem = identifier_problem(value)
        if problem:
            raise forms.ValidationError(problem)
        return "".join(value.split())

    def chosen_municipality(self):
        return self.cleaned_data.get("municipality") or self.municipalities.first()


class NeedFields(forms.Form):
    need = forms.ChoiceField(label=_("Hva er behovet?"), choices=Need.choices,
                             widget=forms.RadioSelect)
    description = forms.CharField(
        label=_("Beskriv behovet"), max_length=2000, widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Hvilke tjenester personen har eller trenger, og hvorfor det trengs "
                    "en plan eller en koordinator."))


class StaffNoticeForm(IdentifiedPersonForm, NeedFields):
    field_order = ["municipality", "identifier", "name", "need", "description"]


class PathwayNoticeForm(DsForm, NeedFields):
    # Asked of the specialist service only (the template shows it to them).
    patient_agrees = forms.BooleanField(
        label=_("Pasienten er enig i at meldingen sendes til kommunen"), required=False)


class EarlyFlagForm(IdentifiedPersonForm):
    gp_office = forms.ModelChoiceField(
        label=_("Personens fastlegekontor"), queryset=GpOffice.objects.order_by("name"),
        help_text=_("Spør personen hvem som er fastlegen, eller se i Helsenorge."))
    concern = forms.CharField(
        label=_("Hva har du sett?"), max_length=2000, widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Det du har observert som gjør at fastlegen bør vurdere henvisning. "
                    "Ikke skriv mer enn fastlegen trenger."))
    field_order = ["municipality", "identifier", "name", "gp_office", "concern"]


class AppointForm(DsForm):
    coordinator = forms.ModelChoiceField(label=_("Kommunal koordinator"), queryset=None,
                                         empty_label=None)
    service = forms.CharField(
        label=_("Tjenesten som er mest involvert"), max_length=200,
        help_text=_("For eksempel «Psykisk helse og rus» eller «Hjemmetjenesten»."))
    phone = forms.CharField(label=_("Telefon"), max_length=30, required=False,
                            widget=forms.TextInput(attrs={"inputmode": "tel",
                                                          "autocomplete": "off"}))
    email = forms.EmailField(label=_("E-post"), required=False)

    def __init__(self, *args, coordinators, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["coordinator"].queryset = coordinators
        self.fields["coordinator"].label_from_instance = (
            lambda u: u.get_full_name() or u.username)


class AppointPersonForm(IdentifiedPersonForm, AppointForm):
    """Appointing without a notice: the person is named here."""

    field_order = ["municipality", "identifier", "name", "coordinator", "service", "phone",
                   "email"]


class HandleForm(DsForm):
    note = forms.CharField(label=_("Hva er gjort med meldingen?"), max_length=300)
