import datetime as dt

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from forlop.access.forms import DsForm
from forlop.collaboration.models import MeetingMode

DATE = forms.DateInput(attrs={"type": "date"})


class MeetingForm(DsForm):
    """``candidates``: (key, label) of the people and the municipality who may be
    invited (presenters.invite_candidates); the service decides on consent."""

    day = forms.DateField(label=_("Dato"), widget=DATE)
    time = forms.TimeField(label=_("Klokkeslett"), widget=forms.TimeInput(
        attrs={"type": "time"}))
    mode = forms.ChoiceField(label=_("Møteform"), choices=MeetingMode.choices,
                             widget=forms.RadioSelect)
    place = forms.CharField(label=_("Sted eller videolenke"), max_length=200)
    agenda = forms.CharField(label=_("Saksliste"), widget=forms.Textarea(attrs={"rows": 4}))
    for_evaluation = forms.BooleanField(label=_("Møtet forbereder evalueringen som er til frist"),
                                        required=False)
    is_final = forms.BooleanField(label=_("Avsluttende samarbeidsmøte før avslutning"),
                                  required=False)
    participants = forms.MultipleChoiceField(
        label=_("Deltakere utenfor spesialisthelsetjenesten"), required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Hver deltaker må ha samtykke fra pasienten som gjelder dette forløpet."))

    def __init__(self, *args, candidates, evaluation_due=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["participants"].choices = candidates
        self.evaluation_due = evaluation_due
        if evaluation_due is None:
            del self.fields["for_evaluation"]
        for name in ("mode", "participants"):
            self.fields[name].widget.attrs.pop("class", None)

    def clean(self):
        data = super().clean()
        if data.get("day") and data["day"] < timezone.localdate():
            self.add_error("day", _("Velg en dato fra i dag og fremover."))
        return data

    def starts_at(self) -> dt.datetime:
        data = self.cleaned_data
        return timezone.make_aware(dt.datetime.combine(data["day"], data["time"]))


class MinutesForm(DsForm):
    held_on = forms.DateField(label=_("Møtet ble holdt"), widget=DATE)
    minutes = forms.CharField(label=_("Referat"), widget=forms.Textarea(attrs={"rows": 6}),
                              help_text=_("Hva ble drøftet og besluttet, og hvem var til stede."))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["held_on"].initial = timezone.localdate()


class ActionForm(DsForm):
    what = forms.CharField(label=_("Tiltak"), max_length=300)
    owner = forms.ModelChoiceField(label=_("Ansvarlig"), queryset=None,
                                   help_text=_("Tiltaket vises på arbeidslisten til den "
                                               "ansvarlige."))
    due = forms.DateField(label=_("Frist"), widget=DATE)

    def __init__(self, *args, owners, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = owners
