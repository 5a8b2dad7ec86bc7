"""Forms for the individual plan and the hand-over. Each error names its field and
how to fix it, in Norwegian; the services judge the whole."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from forlop.plans import forms as plan_forms
from forlop.plans.forms import (
    DATE,
    INVALID_DATE,
    DsForm,
    MeasureForm,
    RowForm,
    SignForm,
    change_note_field,
    text_field,
)


class PlanForm(DsForm):
    goals = text_field(_("Mål"), required=True, rows=4,
                       help_text=_("Pasientens egne mål, med pasientens egne ord."),
                       required_error=_("Skriv målene i planen, med pasientens egne ord."))
    change_note = change_note_field()


class ResponsibilityForm(MeasureForm):
    """A measure and who is responsible for it (the treatment plan's rows, relabelled)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["who"].label = _("Hvem har ansvaret (navn og tjeneste)")


class MemberForm(RowForm):
    name = forms.CharField(label=_("Navn"), max_length=200, required=False)
    service = forms.CharField(label=_("Tjeneste"), max_length=200, required=False,
                              help_text=_("For eksempel fastlege, psykisk helsetjeneste, "
                                          "NAV eller spesialisthelsetjenesten."))
    role = forms.CharField(label=_("Rolle i gruppen"), max_length=200, required=False,
                           help_text=_("For eksempel koordinator, pasient eller pårørende."))

    needed = (("name", _("Skriv navnet på deltakeren.")),
              ("service", _("Skriv hvilken tjeneste deltakeren er fra.")))
    key = "name"


ResponsibilityFormSet = forms.formset_factory(ResponsibilityForm, extra=2, can_delete=True)
DateFormSet = plan_forms.EvaluationDateFormSet
MemberFormSet = forms.formset_factory(MemberForm, extra=2, can_delete=True)


class CommentForm(plan_forms.CommentForm):
    comment_help = _("Skriv hva du vil endre, eller hva du lurer på. Koordinatoren din i "
                     "kommunen ser kommentaren.")


class ConfirmForm(DsForm):
    taken_over = forms.BooleanField(
        label=_("Kommunen har overtatt oppfølgingen etter denne planen, med den navngitte "
                "ansvarlige fagpersonen"),
        error_messages={"required": _("Kryss av for at kommunen har overtatt oppfølgingen.")})
    note = text_field(_("Merknad til spesialisthelsetjenesten"), rows=3)


__all__ = ["DATE", "INVALID_DATE", "CommentForm", "ConfirmForm", "DateFormSet",
           "MemberFormSet", "PlanForm", "ResponsibilityFormSet", "SignForm"]
