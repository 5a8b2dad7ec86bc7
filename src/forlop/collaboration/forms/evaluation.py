from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from forlop.access.forms import DsForm
from forlop.collaboration.models import LIFESTYLE_TOPICS, ChildrenFollowUp, StillRight, Tool
from forlop.collaboration.presenters import LIFESTYLE_LABELS

DATE = forms.DateInput(attrs={"type": "date"})


def _text(label, rows=3, required=False):
    return forms.CharField(label=label, required=required,
                           widget=forms.Textarea(attrs={"rows": rows}))


class EvaluationForm(DsForm):
    on = forms.DateField(label=_("Dato for evalueringen"), widget=DATE)
    still_right = forms.ChoiceField(label=_("Er behandlingen fortsatt riktig?"),
                                    choices=StillRight.choices, widget=forms.RadioSelect)
    still_right_note = _text(_("Begrunnelse (valgfritt)"), 2)
    goals_progress = _text(_("Fremgang på pasientens mål"), required=True)
    user_involved = forms.BooleanField(label=_("Pasienten medvirket i evalueringen"),
                                       required=False)
    involvement_note = _text(_("Hvordan pasienten medvirket, med pasientens egne ord"), 2)
    tool = forms.ChoiceField(label=_("Standardisert verktøy for symptomer eller funksjon"),
                             choices=Tool.choices, required=False)
    tool_other = forms.CharField(label=_("Navn på annet verktøy"), max_length=100,
                                 required=False)
    score = forms.CharField(label=_("Skår"), max_length=50, required=False)
    children = forms.ChoiceField(
        label=_("Er barn som pårørende og mindreårige søsken fulgt opp?"),
        choices=ChildrenFollowUp.choices, widget=forms.RadioSelect)
    children_note = _text(_("Oppfølging av barn og søsken (hva, hvem)"), 2)
    satisfaction_asked = forms.BooleanField(
        label=_("Pasienten er spurt om hvor fornøyd hen er med behandlingen"), required=False)
    satisfaction_note = _text(_("Pasientens tilbakemelding (valgfritt)"), 2)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["on"].initial = timezone.localdate()
        for topic in LIFESTYLE_TOPICS:
            self.fields[f"{topic}_asked"] = forms.BooleanField(
                label=_("Tatt opp: %(topic)s") % {"topic": LIFESTYLE_LABELS[topic]},
                required=False)
            self.fields[f"{topic}_agreed"] = forms.CharField(
                label=_("Avtalt om %(topic)s") % {"topic": LIFESTYLE_LABELS[topic]},
                max_length=500, required=False)
        for name in ("still_right", "children"):
            self.fields[name].widget.attrs.pop("class", None)

    def lifestyle_rows(self):
        return [(LIFESTYLE_LABELS[t], self[f"{t}_asked"], self[f"{t}_agreed"])
                for t in LIFESTYLE_TOPICS]

    def lifestyle(self) -> dict:
        data = self.cleaned_data
        return {t: {"asked": data[f"{t}_asked"], "agreed": data[f"{t}_agreed"].strip()}
                for t in LIFESTYLE_TOPICS}

    def clean(self):
        data = super().clean()
        if data.get("tool") and not (data.get("score") or "").strip():
            self.add_error("score", _("Skriv skåren fra verktøyet."))
        if data.get("tool") == Tool.OTHER and not (data.get("tool_other") or "").strip():
            self.add_error("tool_other", _("Skriv navnet på verktøyet."))
        if data.get("on") and data["on"] > timezone.localdate():
            self.add_error("on", _("Evalueringen kan ikke dateres etter i dag."))
        for topic in LIFESTYLE_TOPICS:
            if (data.get(f"{topic}_agreed") or "").strip() and not data.get(f"{topic}_asked"):
                self.add_error(f"{topic}_asked", _(
                    "Kryss av for at temaet er tatt opp når noe er avtalt om det."))
        return data

    def service_kwargs(self) -> dict:
        data = self.cleaned_data
        keys = ("on", "still_right", "still_right_note", "goals_progress", "user_involved",
                "involvement_note", "tool", "tool_other", "score", "children",
                "children_note", "satisfaction_asked", "satisfaction_note")
        return {k: data[k] for k in keys} | {"lifestyle": self.lifestyle()}
