"""The three forms. Choices come from the data (units the user may act on); the
rules themselves are the services' and the kernel's."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from forlop.access.authorize import unit_permissions
from forlop.access.forms import DsForm
from forlop.access.permissions import Permission
from forlop.organisations.models import Unit
from forlop.organisations.presenters import unit_place
from forlop.pathways.models import CareSetting


class UnitChoice(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return unit_place(obj)


def _date_widget():
    return forms.DateInput(attrs={"type": "date", "class": "ds-input"}, format="%Y-%m-%d")


class TransferForm(DsForm):
    to_unit = UnitChoice(label=_("Mottakende enhet"), queryset=Unit.objects.none(),
                         empty_label=_("Velg enhet"),
                         help_text=_("Enheter i andre helseforetak og i private institusjoner "
                                     "med avtale i kraft. Innen samme helseforetak flytter "
                                     "du forløpet i stedet."),
                         error_messages={"required": _("Velg enheten som tar imot forløpet."),
                                         "invalid_choice": _("Velg en enhet fra listen.")})
    received_on = forms.DateField(label=_("Dato henvisningen er mottatt der"),
                                  widget=_date_widget(),
                                  error_messages={"required": _("Skriv inn datoen."),
                                                  "invalid": _("Skriv datoen som dd.mm.åååå.")})

    def __init__(self, *args, pathway, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["received_on"].initial = timezone.localdate()
        self.fields["to_unit"].queryset = (
            Unit.objects.receiving_on(timezone.localdate()).exclude(trust_id=pathway.trust_id)
            .select_related("trust").order_by("trust__name", "name"))


class MoveForm(DsForm):
    to_unit = UnitChoice(label=_("Flytt til enhet"), queryset=Unit.objects.none(),
                         empty_label=_("Velg enhet"),
                         help_text=_("Enheter i samme helseforetak der du har en rolle som "
                                     "kan registrere."),
                         error_messages={"required": _("Velg enheten forløpet flyttes til."),
                                         "invalid_choice": _("Velg en enhet fra listen.")})
    on = forms.DateField(label=_("Dato for flyttingen"), widget=_date_widget(),
                         error_messages={"required": _("Skriv inn datoen."),
                                         "invalid": _("Skriv datoen som dd.mm.åååå.")})
    reason = forms.CharField(label=_("Begrunnelse"), max_length=300,
                             widget=forms.Textarea(attrs={"rows": 3}),
                             error_messages={"required": _("Skriv hvorfor forløpet flyttes.")})

    def __init__(self, *args, pathway, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["on"].initial = timezone.localdate()
        units = Unit.objects.filter(trust_id=pathway.trust_id).exclude(pk=pathway.unit_id)
        allowed = [u.pk for u in units
                   if Permission.EDIT_PATHWAY in unit_permissions(user, u)]
        self.fields["to_unit"].queryset = (Unit.objects.filter(pk__in=allowed)
                                           .select_related("trust").order_by("name"))

    @property
    def has_units(self) -> bool:
        return self.fields["to_unit"].queryset.exists()


class SettingForm(DsForm):
    setting = forms.ChoiceField(label=_("Nytt omsorgsnivå"), choices=CareSetting.choices,
                                widget=forms.RadioSelect,
                                error_messages={"required": _("Velg poliklinisk eller døgn.")})
    on = forms.DateField(label=_("Gjelder fra"), widget=_date_widget(),
                         error_messages={"required": _("Skriv inn datoen."),
                                         "invalid": _("Skriv datoen som dd.mm.åååå.")})
    reason = forms.CharField(label=_("Merknad (valgfritt)"), max_length=300, required=False,
                             widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, pathway, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["on"].initial = timezone.localdate()
        other = [c for c in CareSetting.values if c != pathway.setting]
        self.fields["setting"].initial = other[0] if other else None
        self.fields["setting"].widget.attrs.pop("class", None)
