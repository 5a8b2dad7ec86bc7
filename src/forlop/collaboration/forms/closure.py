from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from forlop.access.forms import DsForm
from forlop.site.dates import norwegian_date

DATE = forms.DateInput(attrs={"type": "date"})


class ClosureForm(DsForm):
    """The checklist (every field optional: it is saved as it is filled in) and the
    closure's date and outcome. The close service decides what is missing."""

    patient_agrees = forms.BooleanField(label=_("Pasienten er enig i avslutningen"),
                                        required=False)
    service_agrees = forms.BooleanField(
        label=_("Spesialisthelsetjenesten er enig i avslutningen"), required=False)
    follow_up_plan = forms.CharField(
        label=_("Skriftlig plan for oppfølging i kommunen"), required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Konkret: hvem gjør hva, og når. Står det i individuell plan, kryss av "
                    "under i stedet."))
    individual_plan_used = forms.BooleanField(
        label=_("Pasientens individuelle plan er oppfølgingsplanen"), required=False)
    municipal_responsible = forms.CharField(
        label=_("Ansvarlig fagperson i kommunen (navn og tjeneste)"), max_length=200,
        required=False)
    final_meeting = forms.ModelChoiceField(
        label=_("Avsluttende samarbeidsmøte"), queryset=None, required=False,
        help_text=_("Et møte i dette forløpet med referat."))
    help_needs = forms.CharField(label=_("Hjelpebehov ved avslutning"), required=False,
                                 widget=forms.Textarea(attrs={"rows": 3}))
    knows_where_to_turn = forms.BooleanField(
        label=_("Pasient og pårørende vet hvor de skal henvende seg"), required=False)
    risk_passed_on = forms.BooleanField(
        label=_("Risikovurderinger (selvmord, vold) er overlevert"), required=False)
    risk_passed_to = forms.CharField(label=_("Overlevert til (fastlege, kommunal tjeneste)"),
                                     max_length=200, required=False)
    on = forms.DateField(label=_("Avslutningsdato"), widget=DATE, required=False)
    outcome = forms.ChoiceField(label=_("Avslutningsårsak"), required=False, choices=[
        ("completed", _("Fullført")),
        ("transferred_contracted_specialist", _("Overført til avtalespesialist"))])

    def __init__(self, *args, meetings, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["final_meeting"].queryset = meetings
        self.fields["final_meeting"].label_from_instance = lambda m: (
            f"{norwegian_date(m.held_on)}: {m.agenda[:60]}")
        self.fields["on"].initial = timezone.localdate()

    def checklist(self) -> dict:
        keys = ("patient_agrees", "service_agrees", "follow_up_plan", "individual_plan_used",
                "municipal_responsible", "final_meeting", "help_needs", "knows_where_to_turn",
                "risk_passed_on", "risk_passed_to")
        return {k: self.cleaned_data[k] for k in keys}
