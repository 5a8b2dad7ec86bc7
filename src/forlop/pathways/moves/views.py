"""Transfer, move and change of setting: GET a form, POST calls one service.

``pathway_page`` decides access (a clinical registration right on the pathway) and
writes the access log first; a refusal by a service or the kernel shows the form
again with the reason next to the field, and nothing is stored.
"""

from __future__ import annotations

from django.contrib import messages
from django.db import IntegrityError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.dateformat import format as date_format
from django.utils.translation import gettext as _

from forlop.access.authorize import NotPermitted
from forlop.access.guards import pathway_page
from forlop.access.permissions import Permission
from forlop.pathways import services
from forlop.pathways.kernel_bridge import PathwayRuleError
from forlop.pathways.models import Pathway
from forlop.pathways.moves.forms import MoveForm, SettingForm, TransferForm
from forlop.pathways.moves.refusals import TRANSFER_TEXTS, kernel_refusals, move_refusal
from forlop.pathways.services.transfer import TransferError

TEMPLATE = "pathways/moves/{}.html"


def _refuse(form, refusals) -> None:
    for field, message in refusals:
        form.add_error(field, message)


@pathway_page(Permission.REGISTER_CLINICAL, what="pathway_setting")
def change_setting(request, pathway, access):
    form = SettingForm(request.POST or None, pathway=pathway)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.change_setting(pathway=pathway, setting=data["setting"], on=data["on"],
                                    by=request.user, reason=data["reason"])
        except NotPermitted as refused:
            raise Http404 from refused
        except PathwayRuleError as refused:
            _refuse(form, kernel_refusals(refused.errors))
        else:
            messages.success(request, _("Omsorgsnivået er endret til %(setting)s fra %(on)s.")
                             % {"setting": pathway.get_setting_display().lower(),
                                "on": date_format(data["on"], "j.n.Y")})
            return redirect("pathway_detail", pathway.pk)
    return render(request, TEMPLATE.format("setting"), {"pathway": pathway, "form": form},
                  status=400 if form.errors else 200)


@pathway_page(Permission.REGISTER_CLINICAL, what="pathway_move")
def move(request, pathway, access):
    form = MoveForm(request.POST or None, pathway=pathway, user=request.user)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            services.move_pathway(pathway=pathway, to_unit=data["to_unit"], on=data["on"],
                                  by=request.user, reason=data["reason"])
        except NotPermitted as refused:
            raise Http404 from refused
        except services.MoveRefused as refused:
            _refuse(form, [move_refusal(refused)])
        else:
            messages.success(request, _("Forløpet er flyttet til %(unit)s.")
                             % {"unit": data["to_unit"].name})
            return redirect("pathway_detail", pathway.pk)
    return render(request, TEMPLATE.format("move"), {"pathway": pathway, "form": form},
                  status=400 if form.errors else 200)


@pathway_page(Permission.REGISTER_CLINICAL, what="pathway_transfer")
def transfer(request, pathway, access):
    form = TransferForm(request.POST or None, pathway=pathway)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            received = services.transfer_pathway(pathway=pathway, to_unit=data["to_unit"],
                                                 received_on=data["received_on"],
                                                 by=request.user)
        except NotPermitted as refused:
            raise Http404 from refused
        except PathwayRuleError as refused:
            _refuse(form, kernel_refusals(refused.errors, date_field="received_on"))
        except TransferError as refused:
            form.add_error("to_unit", TRANSFER_TEXTS[refused.code])
        except IntegrityError:
            form.add_error("to_unit", _("Pasienten har allerede et åpent forløp av denne "
                                        "typen i det helseforetaket. Avslutt eller bruk det "
                                        "forløpet."))
        else:
            return _after_transfer(request, received, data["to_unit"])
    return render(request, TEMPLATE.format("transfer"), {"pathway": pathway, "form": form},
                  status=400 if form.errors else 200)


def _after_transfer(request, received, unit):
    where = {"unit": unit.name, "trust": unit.trust.name}
    if Pathway.objects.visible_to(request.user).filter(pk=received.pk).exists():
        messages.success(request, _("Forløpet er overført til %(unit)s (%(trust)s). Dette er "
                                    "det nye forløpet der.") % where)
        return redirect("pathway_detail", received.pk)
    messages.success(request, _("Forløpet er overført til %(unit)s (%(trust)s) og avsluttet "
                                "her. Du har ikke tilgang til det nye forløpet der.") % where)
    return redirect("worklist")
