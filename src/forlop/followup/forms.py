"""Forms for the individual plan and the hand-over. Each error names its field and
how to fix it, in Norwegian; the services judge the whole."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from forlop.plans.forms import DATE, INVALID_DATE, DsForm, EvaluationDateForm, MeasureForm


def _text(label, *, required=False, rows=3, help_text="", required_error=""):
    field = forms.CharField(label=label, required=required, help_text=help_text,
                            widget=forms.Textarea(attrs={"rows": rows}))
    if required_error:
        field.error_messages["required"] = required_error
    return field


class PlanForm(DsForm):
    goals = _text(_("Mål"), required=True, rows=4,
                  help_text=_("Pasientens egne mål, med pasientens egne ord."),
                  required_error=_("Skriv målene i planen, med pasientens egne ord."))
    change_note = forms.CharField(label=_("Hva er endret, og hvorfor?"), max_length=300,
                                  required=False, help_text=_("Vises i versjonshistorikken."))


class ResponsibilityForm(MeasureForm):
    """A measure and who is responsible for it (the treatment plan's rows, relabelled)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["who"].label = _("Hvem har ansvaret (navn og tjeneste)")


class MemberForm(DsForm):
    name = forms.CharField(label=_("Navn"), max_length=200, required=False)
    service = forms.CharField(label=_("Tjeneste"), max_length=200, required=False,
                              help_text=_("For eksempel fastlege, psykisk helsetjeneste, "
                                          "NAV eller spesialisthelsetjenesten."))
    role = forms.CharField(label=_("Rolle i gruppen"), max_length=200, required=False,
                           help_text=_("For eksempel koordinator, pasient eller pårørende."))

    def clean(self):
        data = super().clean()
        if data.get("DELETE") or not any(data.get(k) for k in ("name", "service", "role")):
            return data
        for name, message in (("name", _("Skriv navnet på deltakeren.")),
                              ("service", _("Skriv hvilken tjeneste deltakeren er fra."))):
            if not data.get(name) and name not in self.errors:
                self.add_error(name, message)
        return data

    def as_row(self) -> dict | None:
        data = self.cleaned_data
        if not data.get("name") or data.get("DELETE"):
            return None
        return {"name": data["name"], "service": data["service"], "role": data["role"]}


ResponsibilityFormSet = forms.formset_factory(ResponsibilityForm, extra=2, can_delete=True)
DateFormSet = forms.formset_factory(EvaluationDateForm, extra=2)
MemberFormSet = forms.formset_factory(MemberForm, extra=2, can_delete=True)


class SignForm(DsForm):
    agree = forms.BooleanField(label=_("Jeg har lest planen og er enig i den"),
                               error_messages={"required": _(
                                   "Kryss av for at du har lest planen og er enig, "
                                   "eller skriv en kommentar i stedet.")})


class CommentForm(DsForm):
    comment = _text(_("Kommentar til planen"), required=True, rows=4,
                    help_text=_("Skriv hva du vil endre, eller hva du lurer på. Koordinatoren "
                                "din i kommunen ser kommentaren."),
                    required_error=_("Skriv kommentaren din før du sender den."))


class ConfirmForm(DsForm):
    taken_over = forms.BooleanField(
        label=_("Kommunen har overtatt oppfølgingen etter denne planen, med den navngitte "
                "ansvarlige fagpersonen"),
        error_messages={"required": _("Kryss av for at kommunen har overtatt oppfølgingen.")})
    note = _text(_("Merknad til spesialisthelsetjenesten"), rows=3)


__all__ = ["DATE", "INVALID_DATE", "CommentForm", "ConfirmForm", "DateFormSet",
           "MemberFormSet", "PlanForm", "ResponsibilityFormSet", "SignForm"]
