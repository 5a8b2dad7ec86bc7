"""Forms for the plan. Each error names its field and how to fix it, in Norwegian;
the service judges the whole (a plan without change, a closed pathway).

The individual plan (``forlop.followup.forms``) edits and answers its versions with
the same pieces: ``text_field``, ``change_note_field``, the measure and date rows
(``list_initial``, ``rows_of``, ``dates_of``) and the patient's ``SignForm`` and
``CommentForm``."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from forlop.plans.models import IndividualPlan

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
INVALID_DATE = _("Skriv en gyldig dato, for eksempel 31.12.2026.")


def text_field(label, *, required=False, rows=3, help_text="", required_error=""):
    field = forms.CharField(label=label, required=required, help_text=help_text,
                            widget=forms.Textarea(attrs={"rows": rows}))
    if required_error:
        field.error_messages["required"] = required_error
    return field


class DsForm(forms.Form):
    """Designsystemet's input class on every widget but checkboxes and radios."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if not isinstance(field.widget, forms.CheckboxInput | forms.RadioSelect):
                field.widget.attrs.setdefault("class", "ds-input")


def change_note_field() -> forms.CharField:
    """Why a version was made, shown in the version history."""
    return forms.CharField(label=_("Hva er endret, og hvorfor?"), max_length=300,
                           required=False, help_text=_("Vises i versjonshistorikken."))


class PlanForm(DsForm):
    goals = text_field(_("Pasientens egne mål"), required=True, rows=4,
                       help_text=_("Med pasientens egne ord: hva vil pasienten oppnå?"),
                       required_error=_("Skriv pasientens egne mål, med pasientens egne ord."))
    what_matters = text_field(_("Hva er viktig for pasienten?"))
    options_offered = text_field(_("Behandlingstilbud som er drøftet med pasienten"))
    option_chosen = text_field(_("Behandlingen pasienten har valgt"), rows=2)
    crisis_plan = text_field(_("Kriseplan og mestring"), rows=4,
                             help_text=_("Tegn på at det går dårlig, hva pasienten selv kan "
                                         "gjøre, og hvem pasienten kan ringe."))
    individual_plan = forms.ChoiceField(label=_("Individuell plan"),
                                        choices=IndividualPlan.choices,
                                        initial=IndividualPlan.NOT_ASKED)
    responsibility_group = text_field(_("Ansvarsgruppe"), rows=2,
                                      help_text=_("Hvem som er med, for eksempel fastlege, "
                                                  "kommunen og NAV."))
    change_note = change_note_field()


class RowForm(DsForm):
    """One row of a list in a plan (a measure; the individual plan's group member): left
    empty, or filled in with each field of ``needed`` (else its message says what is
    missing). ``as_row`` is the row as the version stores it, None for no row (no
    ``key``, or deleted)."""

    needed: tuple = ()
    key = ""

    def clean(self):
        data = super().clean()
        if not any(data.get(k) for k in self.base_fields) or data.get("DELETE"):
            return data
        for name, message in self.needed:
            if not data.get(name) and name not in self.errors:
                self.add_error(name, message)
        return data

    def as_row(self) -> dict | None:
        data = self.cleaned_data
        if not data.get(self.key) or data.get("DELETE"):
            return None
        return {name: data[name].isoformat() if isinstance(data[name], dt.date) else data[name]
                for name in self.base_fields}


class MeasureForm(RowForm):
    what = forms.CharField(label=_("Tiltak"), max_length=300, required=False)
    who = forms.CharField(label=_("Hvem gjør det"), max_length=200, required=False)
    by = forms.DateField(label=_("Innen"), required=False, widget=DATE,
                         error_messages={"invalid": INVALID_DATE})

    needed = (("what", _("Skriv hva tiltaket er.")),
              ("who", _("Skriv hvem som gjør det.")),
              ("by", _("Skriv når det skal være gjort.")))
    key = "what"


class EvaluationDateForm(DsForm):
    on = forms.DateField(label=_("Evalueringsdato"), required=False, widget=DATE,
                         error_messages={"invalid": INVALID_DATE})


MeasureFormSet = forms.formset_factory(MeasureForm, extra=2, can_delete=True)
EvaluationDateFormSet = forms.formset_factory(EvaluationDateForm, extra=2)


def list_initial(version) -> tuple[list[dict], list[dict]]:
    """The measure rows and the evaluation date rows of a version, to edit (none for
    no version)."""
    if version is None:
        return [], []
    return [dict(m) for m in version.measures], [{"on": d} for d in version.evaluation_dates]


def rows_of(formset) -> list[dict]:
    """The filled-in rows of a valid formset whose forms have ``as_row``."""
    return [row for form in formset.forms if (row := form.as_row()) is not None]


def dates_of(formset) -> list[str]:
    """The dates of a valid date formset, ISO, sorted."""
    return sorted(form.cleaned_data["on"].isoformat() for form in formset.forms
                  if form.cleaned_data.get("on"))


class MeetingForm(DsForm):
    held_on = forms.DateField(label=_("Dato for møtet"), widget=DATE,
                              error_messages={"invalid": INVALID_DATE,
                                              "required": _("Skriv datoen for møtet.")})
    present = text_field(_("Hvem var til stede?"), required=True, rows=2,
                         help_text=_("Pasienten og alle andre som var med, med rolle."),
                         required_error=_("Skriv hvem som var til stede."))

    def clean_held_on(self):
        held_on = self.cleaned_data["held_on"]
        if held_on > timezone.localdate():
            raise forms.ValidationError(_("Møtedatoen kan ikke være etter i dag."))
        return held_on


class SignForm(DsForm):
    agree = forms.BooleanField(label=_("Jeg har lest planen og er enig i den"),
                               error_messages={"required": _(
                                   "Kryss av for at du har lest planen og er enig, "
                                   "eller skriv en kommentar i stedet.")})


class CommentForm(DsForm):
    """A comment on a version; ``comment_help`` says who reads it."""

    comment_help = _("Skriv hva du vil endre, eller hva du lurer på. Behandleren din ser "
                     "kommentaren.")
    comment = text_field(_("Kommentar til planen"), required=True, rows=4,
                         required_error=_("Skriv kommentaren din før du sender den."))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["comment"].help_text = self.comment_help


class SelfReportForm(DsForm):
    how_it_goes = text_field(_("Hvordan går det med deg nå?"), required=True, rows=4,
                             required_error=_("Skriv litt om hvordan det går."))
    wants_to_discuss = text_field(_("Hva vil du snakke om på neste evaluering?"), rows=4)


class RelativeMessageForm(DsForm):
    text = text_field(_("Melding til behandleren"), required=True, rows=5,
                      help_text=_("Det du skriver, blir lagret i forløpet og kan leses av "
                                  "behandlerne. Du får ikke svar her; ring enheten hvis det "
                                  "haster."),
                      required_error=_("Skriv meldingen før du sender den."))
