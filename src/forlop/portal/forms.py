"""Forms on Min side. Labels and errors are plain Norwegian; choices come from the
patient's own record (``forlop.portal.selectors``), never from all staff or units."""

from __future__ import annotations

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from forlop.access.models import ConsentScope


class DsForm(forms.Form):
    """Designsystemet's input class on every widget; Django adds ``aria-invalid`` and
    ``aria-describedby`` (``<id>_helptext``, ``<id>_error``) itself."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            field.widget.attrs.setdefault("class", "ds-input")


class ConsentForm(DsForm):
    """Consent to share with the patient's own municipality."""

    scope = forms.ChoiceField(label=_("Hva skal kommunen få se?"), choices=ConsentScope.choices,
                              widget=forms.RadioSelect,
                              error_messages={"required": _("Velg hva kommunen skal få se."),
                                              "invalid_choice": _("Velg ett av alternativene.")})
    valid_to = forms.DateField(
        label=_("Gjelder til og med (valgfritt)"), required=False,
        help_text=_("La feltet stå tomt hvis samtykket skal gjelde til du trekker det tilbake."),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"invalid": _("Skriv en gyldig dato, for eksempel 31.12.2030.")})

    def clean_valid_to(self):
        valid_to = self.cleaned_data["valid_to"]
        if valid_to is not None and valid_to < timezone.localdate():
            raise forms.ValidationError(_("Sluttdatoen kan ikke være tilbake i tid."))
        return valid_to


class StaffChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return obj.get_full_name() or obj.username


class UnitChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return f"{obj.name} ({obj.trust.name})"


class RestrictionForm(DsForm):
    """Bar one unit or one person: ``barred`` is the choice, ``kwarg`` its name in
    ``add_restriction``. Choices come from the caller (the patient's own record)."""

    kwarg = ""
    reason = forms.CharField(label=_("Begrunnelse (valgfritt)"), required=False,
                             max_length=300,
                             help_text=_("Du trenger ikke begrunne en sperring."))
    field_order = ["barred", "reason"]

    def __init__(self, *args, choices, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["barred"].queryset = choices

    def barred_label(self) -> str:
        return self.fields["barred"].label_from_instance(self.cleaned_data["barred"])


class RestrictUnitForm(RestrictionForm):
    kwarg = "barred_unit"
    barred = UnitChoiceField(
        label=_("Enhet"), queryset=None, empty_label=_("Velg enhet"),
        error_messages={"required": _("Velg enheten du vil sperre."),
                        "invalid_choice": _("Velg en enhet fra listen.")})


class RestrictPersonForm(RestrictionForm):
    kwarg = "barred_user"
    barred = StaffChoiceField(
        label=_("Person"), queryset=None, empty_label=_("Velg person"),
        error_messages={"required": _("Velg personen du vil sperre."),
                        "invalid_choice": _("Velg en person fra listen.")})
