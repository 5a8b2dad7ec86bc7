"""Forms of the worklist's own pages: saving a view, reassigning coordinators."""

from django import forms
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from forlop.worklist.filters import FilterForm

PERSONAL = ""


class DsForm(forms.Form):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            if not isinstance(field.widget, forms.CheckboxSelectMultiple):
                field.widget.attrs.setdefault("class", "ds-input")


class SaveViewForm(DsForm):
    name = forms.CharField(label=_("Navn på visningen"), max_length=80)
    share = forms.ChoiceField(label=_("Hvem skal se visningen"), required=False)
    query = forms.CharField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, units, named_coordinator=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.named = named_coordinator
        self.units = {str(u.pk): u for u in units}
        self.fields["share"].choices = [(PERSONAL, _("Bare meg")), *[
            (pk, _("Alle i %(unit)s") % {"unit": u.name}) for pk, u in self.units.items()]]

    def clean(self):
        data = super().clean()
        # The view is the filter form's validated data, never the string as sent.
        filters = FilterForm(QueryDict(data.get("query", "")), named_coordinator=self.named)
        found = filters.filters()
        if filters.errors:
            self.add_error(None, _("Visningen har ugyldige filtre. Gå tilbake til "
                                   "arbeidslisten og velg filtrene på nytt."))
        elif found.is_default:
            self.add_error(None, _("Velg minst ett filter eller en annen sortering før du "
                                   "lagrer visningen."))
        data["params"] = dict(QueryDict(found.query_string()).items())
        data["unit"] = self.units.get(data.get("share") or "")
        return data


class ReassignForm(DsForm):
    pathways = forms.MultipleChoiceField(label=_("Forløp som skal få ny koordinator"),
                                         widget=forms.CheckboxSelectMultiple)
    to = forms.ChoiceField(label=_("Ny forløpskoordinator"))
    reason = forms.CharField(label=_("Begrunnelse"), max_length=500,
                             help_text=_("Minst 10 tegn. Vises i forløpets historikk."),
                             widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, pathways, coordinators, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["pathways"].choices = pathways
        self.fields["to"].choices = [("", _("Velg koordinator")), *coordinators]
