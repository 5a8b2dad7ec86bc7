"""Forms of the GP's work. They parse; the services decide (their refusals come back
next to the same fields)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from forlop.access.forms import DsForm
from forlop.gpcare import feedback
from forlop.organisations.models import Unit


class AskConsultationForm(DsForm):
    office = forms.ModelChoiceField(label=_("Fastlegekontor"), queryset=None,
                                    empty_label=None)
    unit = forms.ModelChoiceField(
        label=_("Enhet i spesialisthelsetjenesten"),
        queryset=Unit.objects.select_related("trust").order_by("trust__name", "name"),
        help_text=_("Enheten du vil spørre, for eksempel DPS-et pasienten hører til."))
    identifier = forms.CharField(
        label=_("Pasientens fødselsnummer, D-nummer eller FH-nummer"), max_length=20,
        help_text=_("11 siffer. Pasienten må stå på listen til fastlegekontoret."),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}))
    name = forms.CharField(label=_("Pasientens navn"), max_length=200, required=False,
                           help_text=_("Trengs bare når pasienten er ny her."))
    question = forms.CharField(
        label=_("Spørsmålet ditt"), max_length=4000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Skriv bare det spesialisthelsetjenesten trenger for å svare."))

    def __init__(self, *args, offices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["office"].queryset = offices


class AnswerConsultationForm(DsForm):
    answer = forms.CharField(label=_("Svar til fastlegen"), max_length=4000,
                             widget=forms.Textarea(attrs={"rows": 6}))


class FeedbackForm(DsForm):
    kind = forms.ChoiceField(
        label=_("Tilbakemelding etter"), widget=forms.RadioSelect,
        choices=[(feedback.ASSESSMENT, _("vurdering av henvisningen")),
                 (feedback.DECISION, _("klinisk beslutning"))])
    next_steps = forms.CharField(
        label=_("Hva skjer videre"), max_length=4000, widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("For eksempel neste time, behandlingen som er planlagt, og hva "
                    "fastlegen bør gjøre."))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].widget.attrs["class"] = "ds-input"
