"""Forms on the pathway page. Their choices come from the kernel (what it would
accept next); the kernel, not the form, judges the registration, and its reasons
are shown next to the field they concern."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from forlop.kernel.next_events import NextEvent
from forlop.pathways.presenters.kernel_errors import error_text, form_field
from forlop.pathways.presenters.labels import OUTCOME_LABELS, event_label, outcome_label

DATE_INPUT = {"type": "date"}


class KernelErrorsMixin:
    def add_kernel_errors(self, errors) -> None:
        """Each kernel refusal in plain nb/nn, next to its field (or on top)."""
        for error in errors:
            field = form_field(error)
            self.add_error(field if field in self.fields else None, error_text(error))


class _Form(KernelErrorsMixin, forms.Form):
    last_event = forms.IntegerField(min_value=0, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if not isinstance(field.widget, forms.HiddenInput | forms.CheckboxInput):
                field.widget.attrs.setdefault("class", "ds-input")


class RegisterEventForm(_Form):
    event = forms.ChoiceField(label=_("Hendelse"))
    on = forms.DateField(label=_("Dato"), widget=forms.DateInput(DATE_INPUT))
    outcome = forms.ChoiceField(label=_("Utfall"), required=False,
                                help_text=_("Gjelder vurdering av henvisning, klinisk "
                                            "beslutning og avslutning."))
    postponed_from = forms.DateField(
        label=_("Opprinnelig avtaledato"), required=False, widget=forms.DateInput(DATE_INPUT),
        help_text=_("Bare ved pasientutsettelse: avtalen pasienten utsatte."))
    postponed_to = forms.DateField(
        label=_("Ny avtaledato"), required=False, widget=forms.DateInput(DATE_INPUT),
        help_text=_("Bare ved pasientutsettelse: den nye datoen pasienten ønsket."))

    def __init__(self, *args, offer: tuple[NextEvent, ...], **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["event"].choices = [("", _("Velg hendelse")),
                                        *((item.event, event_label(item.event)) for item in offer)]
        self.fields["outcome"].choices = [("", _("Uten utfall")), *(
            (event_label(item.event), [(word, outcome_label(item.event, word))
                                       for word in item.outcomes])
            for item in offer if item.outcomes)]
        self.fields["event"].error_messages["invalid_choice"] = _(
            "Velg en hendelse fra listen.")
        self.fields["outcome"].error_messages["invalid_choice"] = _(
            "Velg et utfall fra listen.")

    def event_data(self) -> dict:
        """The extra attributes the event carries (the postponement of a patient delay)."""
        data = self.cleaned_data
        if data["event"] != "patient_delay":
            return {}
        return {key: data[key] for key in ("postponed_from", "postponed_to") if data.get(key)}


class CorrectEventForm(_Form):
    on = forms.DateField(label=_("Riktig dato"), required=False,
                         widget=forms.DateInput(DATE_INPUT))
    outcome = forms.ChoiceField(label=_("Riktig utfall"), required=False)
    retract = forms.BooleanField(label=_("Trekk tilbake registreringen (den var feil)"),
                                 required=False)
    reason = forms.CharField(label=_("Begrunnelse"), max_length=300,
                             widget=forms.Textarea(attrs={"rows": 3}),
                             help_text=_("Hvorfor registreringen rettes. Begrunnelsen vises "
                                         "i forløpet."))

    def __init__(self, *args, event, **kwargs):
        super().__init__(*args, **kwargs)
        outcomes = OUTCOME_LABELS.get(event.event, {})
        if outcomes:
            self.fields["outcome"].choices = [(k, str(v)) for k, v in outcomes.items()]
            self.fields["outcome"].initial = event.outcome
        else:
            del self.fields["outcome"]
        self.fields["on"].initial = event.on
        self.fields["reason"].error_messages["required"] = _(
            "Skriv hvorfor registreringen rettes.")
