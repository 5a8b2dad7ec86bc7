"""The pieces the treatment plan and the individual plan share (``plans.models.cosigned``,
``plans.forms``, ``plans.views.answer``, ``plans.views.writes``): each once, for both."""

import datetime as dt
from types import SimpleNamespace

import pytest
from django import forms
from django.contrib.messages.storage.fallback import FallbackStorage
from django.http import Http404
from django.test import RequestFactory
from django.urls import reverse

from forlop.access.authorize import NotPermitted
from forlop.access.permissions import Permission
from forlop.followup import forms as ip_forms
from forlop.followup import models as ip_models
from forlop.pathways.kernel_bridge import PathwayRuleError
from forlop.plans import forms as plan_forms
from forlop.plans import models as plan_models
from forlop.plans.models import ResponseKind
from forlop.plans.views.answer import PatientAnswer
from forlop.plans.views.writes import attempt
from tests.access import builders


class Refused(Exception):
    pass


def _raise(exc):
    raise exc


def _form() -> forms.Form:
    """A form as a view has it when it calls a service: posted and valid."""
    form = forms.Form({})
    assert form.is_valid()
    return form


def test_attempt_returns_what_the_service_saved():
    assert attempt(_form(), (Refused,), lambda **kw: kw, n=1) == {"n": 1}


def test_attempt_puts_a_refusal_on_the_form_and_saves_nothing():
    form = _form()
    saved = attempt(form, (Refused,), lambda: _raise(Refused("Forløpet er avsluttet.")))
    assert (saved, form.non_field_errors()) == (None, ["Forløpet er avsluttet."])


def test_attempt_words_each_kernel_error():
    form = _form()
    refusal = PathwayRuleError([SimpleNamespace(code="no_start_event", message="no start",
                                                params={}, field=None)])
    attempt(form, (PathwayRuleError,), lambda: _raise(refusal))
    assert form.non_field_errors() == [
        "Forløpet mangler mottatt henvisning eller start. Registrer det først."]


def test_attempt_answers_not_permitted_with_404():
    with pytest.raises(Http404):
        attempt(_form(), (Refused,),
                lambda: _raise(NotPermitted(Permission.REGISTER_CLINICAL)))


def test_attempt_lets_another_error_through():
    with pytest.raises(ValueError):
        attempt(_form(), (Refused,), lambda: _raise(ValueError("bug")))


class Version:
    measures = [{"what": "Samtale", "who": "Kari", "by": "2027-03-01"}]
    evaluation_dates = ["2027-01-15", "2026-12-01"]


def test_list_initial_is_the_versions_rows_and_none_without_one():
    assert plan_forms.list_initial(Version()) == (
        [{"what": "Samtale", "who": "Kari", "by": "2027-03-01"}],
        [{"on": "2027-01-15"}, {"on": "2026-12-01"}])
    assert plan_forms.list_initial(None) == ([], [])


def _posted(formset_class, prefix, rows):
    data = {f"{prefix}-TOTAL_FORMS": str(len(rows)), f"{prefix}-INITIAL_FORMS": "0"}
    for i, row in enumerate(rows):
        data |= {f"{prefix}-{i}-{k}": v for k, v in row.items()}
    formset = formset_class(data, prefix=prefix)
    assert formset.is_valid()
    return formset


def test_rows_and_dates_of_a_formset_skip_the_empty_and_sort_the_dates():
    measures = _posted(plan_forms.MeasureFormSet, "tiltak", [
        {"what": "Samtale", "who": "Kari", "by": "2027-03-01"}, {}])
    dates = _posted(plan_forms.EvaluationDateFormSet, "evaluering", [
        {"on": "2027-01-15"}, {}, {"on": "2026-12-01"}])
    assert plan_forms.rows_of(measures) == [
        {"what": "Samtale", "who": "Kari", "by": "2027-03-01"}]
    assert plan_forms.dates_of(dates) == ["2026-12-01", "2027-01-15"]


def test_each_plan_says_who_reads_the_comment():
    assert "Behandleren din ser" in str(plan_forms.CommentForm().fields["comment"].help_text)
    assert "Koordinatoren din i kommunen ser" in str(
        ip_forms.CommentForm().fields["comment"].help_text)


def test_both_plans_answer_with_one_kind_and_share_the_version_fields():
    names = {"number", "change_note", "made_by", "made_at"}
    assert ip_models.ResponseKind is plan_models.ResponseKind
    assert names <= {f.name for f in ip_models.PlanVersion._meta.fields}
    assert names <= {f.name for f in plan_models.PlanVersion._meta.fields}


def _request(data=None):
    request = (RequestFactory().post("/", data) if data is not None
               else RequestFactory().get("/"))
    request.session = {}
    request._messages = FallbackStorage(request)
    return request


def test_a_page_read_binds_neither_form():
    answer = PatientAnswer(_request())
    assert (answer.status, answer.sign_form.is_bound, answer.comment_form.is_bound,
            answer.ready(object(), none_yet="x")) == (200, False, False, False)


def test_the_posted_answer_binds_its_own_form():
    answer = PatientAnswer(_request({"svar": "kommenter", "kommenter-comment": "Endre målet"}),
                           comment_form=ip_forms.CommentForm)
    assert (answer.ready(object(), none_yet="x"), answer.kind, answer.comment,
            answer.sign_form.is_bound, answer.status) == (
        True, ResponseKind.COMMENT, "Endre målet", False, 400)


def test_an_answer_without_a_version_says_so_on_the_form():
    answer = PatientAnswer(_request({"svar": "signer", "signer-agree": "on"}))
    assert (answer.ready(None, none_yet="Ingen plan ennå."), answer.kind,
            answer.sign_form.non_field_errors()) == (
        False, ResponseKind.SIGNED, ["Ingen plan ennå."])


class Signed:
    at = dt.datetime(2026, 12, 3, 13, 5, tzinfo=dt.UTC)


def test_the_thanks_name_the_signatures_time_or_who_reads_the_comment():
    request = _request({"svar": "signer", "signer-agree": "on"})
    PatientAnswer(request).thank(request, Signed(), commented="Sett.")
    commented = _request({"svar": "kommenter", "kommenter-comment": "Hei"})
    PatientAnswer(commented).thank(commented, Signed(), commented="Sett.")
    assert [str(m) for m in request._messages] == [
        "Takk! Du signerte planen 3.12.2026 klokka 14.05."]
    assert [str(m) for m in commented._messages] == ["Sett."]


def test_a_refused_comment_says_why_on_the_page(client, pathway, coordinator, patient_user,
                                                version):
    builders.close(pathway, by=coordinator)
    client.force_login(patient_user)
    response = client.post(reverse("plans:own_plan", args=[pathway.pk]),
                           {"svar": "kommenter", "kommenter-comment": "Endre målet"})
    assert (response.status_code, "Forløpet er avsluttet." in response.content.decode(),
            pathway.plan_versions.get().responses.count()) == (400, True, 0)


def test_the_edit_page_has_the_measures_and_dates_of_the_version(client, pathway, coordinator,
                                                                 version):
    client.force_login(coordinator)
    page = client.get(reverse("plans:edit", args=[pathway.pk])).content.decode()
    assert ('name="tiltak-TOTAL_FORMS"' in page, 'value="Samtale"' in page,
            'name="evaluering-0-on" value="2027-01-15"' in page,
            "Tiltak: hvem gjør hva, og innen når" in page) == (True, True, True, True)


def test_a_versions_content_is_its_plans_own_fields():
    given = {"goals": "Mål", "group": [], "crisis_plan": "Ring", "change_note": "Ny", "x": 1}
    assert plan_models.PlanVersion.content_from(given) == {"goals": "Mål", "crisis_plan": "Ring"}
    assert ip_models.PlanVersion.content_from(given) == {"goals": "Mål", "group": []}


def test_a_version_is_changed_only_by_a_different_value():
    version = ip_models.PlanVersion(goals="Mål", measures=[], evaluation_dates=[], group=[])
    assert (version.changed_by({"goals": "Mål"}), version.changed_by({"group": [{"name": "K"}]}),
            version.changed_by({})) == (False, True, False)
