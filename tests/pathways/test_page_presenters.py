"""The pathway page's presenters, without the database."""

import datetime as dt
from types import SimpleNamespace

from forlop.kernel import load_catalog
from forlop.pathways.presenters.clocks import clock_rows
from forlop.pathways.presenters.events import event_rows, masked_identifier

CLOCK = {"clock": "first_attendance_to_clinical_decision", "n": None, "from": "2026-03-10",
         "due": "2026-03-31", "done": None, "status": "open", "days": 21,
         "unit": "calendar_days", "basis": "national", "confirmed": True,
         "patient_caused": False}


def row(clock=CLOCK, **spec):
    spec = {"pathway_type": "tsb", "setting": "outpatient", "severity": "",
            "ruleset_id": "pakkeforlop-2019", **spec}
    (found,) = clock_rows([clock], catalog=load_catalog(), **spec)
    return found


def test_the_reason_says_start_limit_pathway_and_ruleset():
    assert row().reason == ("Frist 31.3.2026: første oppmøte 10.3. + 21 dager, TSB poliklinisk, "
                            "regelsett Pakkeforløp for psykisk helse og rus")


def test_the_source_comes_from_the_catalog():
    assert row().source_url == (
        "https://www.helsedirektoratet.no/pakkeforlop/rusbehandling-tsb/"
        "forlopstider-rusbehandling-tsb-pakkeforlop")


def test_the_inpatient_rule_is_looked_up_for_an_inpatient_pathway():
    inpatient = {**CLOCK, "days": 7, "due": "2026-03-17"}
    assert "+ 7 dager, TSB døgn" in row(inpatient, setting="inpatient").reason


def test_working_days_are_named_as_such():
    clock = {**CLOCK, "clock": "referral_to_assessment", "days": 10, "unit": "working_days",
             "due": "2026-03-24", "confirmed": False}
    assert "henvisning mottatt 10.3. + 10 arbeidsdager" in row(clock).reason


def test_the_basis_is_a_plain_word():
    assert row().basis == "nasjonal forløpstid"


def test_a_local_norm_says_so_and_is_unconfirmed():
    clock = {**CLOCK, "basis": "local_norm", "confirmed": False}
    found = row(clock, pathway_type="voksne")
    assert (found.basis, found.confirmed, found.source) == (
        "lokal norm", False, "lokal norm satt av helseforetaket")


def test_a_national_rules_citation_is_a_link_or_nothing_never_its_text():
    # The catalog cites e.g. "DESIGN.md (unverified); pasient- og brukerrettighetsloven
    # § 2-2": a developer's note, not a page text.
    clock = {**CLOCK, "clock": "referral_to_assessment", "days": 10, "unit": "working_days",
             "due": "2026-03-24", "confirmed": False}
    found = row(clock)
    assert found.source == ""
    assert found.source_url == "" or found.source_url.startswith("https://")


def test_a_clock_without_limit_says_there_is_none():
    clock = {**CLOCK, "basis": "none", "days": None, "due": None, "confirmed": False}
    assert row(clock, pathway_type="voksne").reason.startswith("Ingen fastsatt frist: første")


def test_due_dates_are_norwegian():
    assert row().due_text == "31.3.2026"


def _event(pk, event, on, **kw):
    base = {"outcome": "", "supersedes_id": None, "is_retraction": False, "reason": "",
            "registered_by": "Kari Koordinator",
            "registered_at": dt.datetime(2026, 11, 3, 9, 5, tzinfo=dt.UTC)}
    return SimpleNamespace(pk=pk, event=event, on=on, **{**base, **kw})


HISTORY = [
    _event(1, "first_attendance", dt.date(2026, 11, 3)),
    _event(2, "first_attendance", dt.date(2026, 11, 2), supersedes_id=1, reason="Feil dag",
           registered_by="Per Behandler"),
]


def test_a_corrected_entry_is_struck_with_who_when_and_why():
    first = event_rows(HISTORY, may_correct=lambda key: True)[1]
    assert (first.struck, first.note) == (
        True, "Korrigert av Per Behandler 3.11.2026 kl. 10.05: Feil dag")


def test_the_correction_is_the_current_entry():
    current = event_rows(HISTORY, may_correct=lambda key: True)[0]
    assert (current.struck, current.correctable) == (False, True)


def test_a_struck_entry_cannot_be_corrected_again():
    assert not event_rows(HISTORY, may_correct=lambda key: True)[1].correctable


def test_a_withdrawal_is_a_note_not_a_row():
    withdrawn = [HISTORY[0], _event(2, "first_attendance", dt.date(2026, 11, 3), supersedes_id=1,
                                    is_retraction=True, reason="Feil pasient")]
    assert [r.note for r in event_rows(withdrawn, may_correct=lambda key: True)] == [
        "Trukket tilbake av Kari Koordinator 3.11.2026 kl. 10.05: Feil pasient"]


def test_the_row_names_what_its_button_acts_on():
    assert event_rows(HISTORY[:1], may_correct=lambda key: True)[0].what == (
        "Første oppmøte 3.11.2026")


def test_an_entry_the_viewer_may_not_correct_has_no_button():
    decision = [_event(1, "clinical_decision", dt.date(2026, 11, 3), outcome="CP")]
    assert not event_rows(decision, may_correct=lambda key: key != "clinical_decision")[0] \
        .correctable


def test_a_decision_reads_in_plain_words():
    decision = [_event(1, "clinical_decision", dt.date(2026, 11, 3), outcome="CP")]
    assert event_rows(decision, may_correct=lambda key: True)[0].label == (
        "Klinisk beslutning: behandling i psykisk helsevern")


def test_only_the_last_three_digits_are_shown():
    assert masked_identifier("01830012345") == "••••••••345"
