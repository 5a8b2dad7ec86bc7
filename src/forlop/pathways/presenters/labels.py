"""The one place for plain nb/nn names of kernel words: events, outcomes, clocks,
settings and bases. Pages never show a raw key (``clinical_decision``, ``CP``)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

EVENT_LABELS = {
    "referral_received": _("Henvisning mottatt"),
    "referral_assessed": _("Henvisning vurdert"),
    "pathway_start": _("Start forløp"),
    "first_attendance": _("Første oppmøte"),
    "detox_completed": _("Avrusning fullført"),
    "treatment_started": _("Behandling startet"),
    "clinical_decision": _("Klinisk beslutning"),
    "treatment_plan": _("Behandlingsplan"),
    "evaluation": _("Evaluering"),
    "patient_delay": _("Pasienten utsatte avtale"),
    "transfer_out": _("Overført til annet helseforetak"),
    "transfer_in": _("Overført fra annet helseforetak"),
    "setting_change": _("Endret behandlingsnivå"),
    "help_needs_at_closure": _("Hjelpebehov ved avslutning kartlagt"),
    "feedback_tool_used": _("Tilbakemeldingsverktøy brukt"),
    "pathway_end": _("Avslutning av forløp"),
}

# Outcomes per event: a clinical decision's "CP" and a closure's "completed" are
# only meaningful with their event.
OUTCOME_LABELS = {
    "referral_assessed": {
        "right_granted": _("rett til nødvendig helsehjelp"),
        "not_granted": _("ikke rett til nødvendig helsehjelp"),
    },
    "clinical_decision": {
        "CU": _("utvidet utredning"),
        "CP": _("behandling i psykisk helsevern"),
        "CT": _("behandling i TSB"),
        "CS": _("behandling i annen del av spesialisthelsetjenesten"),
        "CK": _("oppfølging hos fastlege eller i kommunen"),
        "CA": _("oppfølging i andre instanser (NAV, PPT, skole, barnevern)"),
        "CI": _("ikke behov for videre oppfølging"),
    },
    "pathway_end": {
        "completed": _("forløpet er fullført"),
        "transferred_other_trust": _("overført til annet helseforetak"),
        "transferred_contracted_specialist": _("overført til avtalespesialist"),
        "no_right_to_care": _("ikke rett til nødvendig helsehjelp"),
        "patient_withdrew": _("pasienten ønsker ikke videre forløp"),
        "died": _("pasienten er død"),
    },
}

CLOCK_LABELS = {
    "referral_to_assessment": _("Vurdering av henvisning"),
    "referral_to_first_attendance": _("Henvisning til første oppmøte"),
    "ocd_team_referral_to_first_attendance": _("Henvisning til OCD-teamet til første oppmøte"),
    "first_attendance_to_clinical_decision": _("Første oppmøte til klinisk beslutning"),
    "detox_to_treatment": _("Avrusning til behandling"),
    "clinical_decision_to_first_evaluation": _("Klinisk beslutning til første evaluering"),
    "evaluation_interval": _("Evaluering"),
}

# Where a clock's start is read from (for "første oppmøte 10.3. + 21 dager").
CLOCK_START_LABELS = {
    "referral_to_assessment": _("henvisning mottatt"),
    "referral_to_first_attendance": _("henvisning mottatt"),
    "ocd_team_referral_to_first_attendance": _("henvisning mottatt"),
    "first_attendance_to_clinical_decision": _("første oppmøte"),
    "detox_to_treatment": _("avrusning fullført"),
    "clinical_decision_to_first_evaluation": _("klinisk beslutning om behandling"),
    "evaluation_interval": _("forrige evaluering"),
}

SETTING_LABELS = {"outpatient": _("poliklinisk"), "inpatient": _("døgn")}

BASIS_LABELS = {
    "national": _("nasjonal forløpstid"),
    "secondary": _("sekundærkilde"),
    "local_norm": _("lokal norm"),
    "none": _("ingen fastsatt tid"),
}

STATUS_LABELS = {"met": _("innfridd"), "breached": _("fristbrudd"), "open": _("løper"),
                 "closed": _("avsluttet")}


def event_label(event: str) -> str:
    return str(EVENT_LABELS.get(event, event))


def outcome_label(event: str, outcome: str | None) -> str:
    """The outcome's plain name; empty for no outcome."""
    if not outcome:
        return ""
    return str(OUTCOME_LABELS.get(event, {}).get(outcome, outcome))


def event_with_outcome(event: str, outcome: str | None) -> str:
    """"Klinisk beslutning: behandling i psykisk helsevern"."""
    shown = outcome_label(event, outcome)
    return f"{event_label(event)}: {shown}" if shown else event_label(event)


def clock_label(clock: str) -> str:
    return str(CLOCK_LABELS.get(clock, clock))

# Short pathway names for running text ("TSB poliklinisk").
SHORT_TYPE_LABELS = {
    "voksne": _("psykisk helsevern voksne"),
    "barn_unge": _("psykisk helsevern barn og unge"),
    "tsb": _("TSB"),
    "psykose": _("psykose"),
    "spiseforstyrrelser": _("spiseforstyrrelser"),
    "ocd": _("OCD"),
    "gravide": _("gravide og rusmidler"),
}
