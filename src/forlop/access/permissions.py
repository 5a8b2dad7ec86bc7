"""Permissions as an enum, and each role's permissions as data.

What a user may do on a pathway is the permissions of the roles that give them a
*basis* for seeing it (``forlop.access.policy``); this table is the only place
that says what a role may do.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from forlop.accounts.roles import Role


class Permission(models.TextChoices):
    VIEW_WORKLIST = "view_worklist", _("se arbeidsliste")
    VIEW_PATHWAY = "view_pathway", _("se forløp")
    # Administrative registrations: a referral received, an appointment attended,
    # a postponement (what a secretary does). Clinical ones need REGISTER_CLINICAL.
    EDIT_PATHWAY = "edit_pathway", _("registrere i forløp")
    REGISTER_CLINICAL = "register_clinical", _("registrere kliniske vurderinger og beslutninger")
    MANAGE_CONSENT = "manage_consent", _("registrere samtykke på vegne av pasienten")
    BREAK_GLASS = "break_glass", _("ta nødtilgang")
    REVIEW_ACCESS = "review_access", _("gjennomgå tilgang og tilgangslogg")
    # ``forlop remind`` escalates a clock overdue for long to the unit's holders of this.
    RECEIVE_ESCALATION = "receive_escalation", _("få varsel om langvarige fristbrudd i enheten")
    # Hand a pathway to another coordinator of its unit (the caseload page): the
    # unit's coordinators share their caseload, the leader distributes it.
    ASSIGN_COORDINATOR = "assign_coordinator", _("bytte forløpskoordinator")
    VIEW_OWN_RECORD = "view_own_record", _("se eget forløp")
    MANAGE_OWN_CONSENT = "manage_own_consent", _("styre egne samtykker")
    MANAGE_OWN_RESTRICTIONS = "manage_own_restrictions", _("sperre egen journal")
    # The patient's own say in their treatment plan on Min side: co-sign or comment a
    # version, answer the self-report before an evaluation (docs/care-plans.md).
    TAKE_PART_IN_OWN_PLAN = "take_part_in_own_plan", _(
        "signere og kommentere egen behandlingsplan og svare på egenrapport")
    VIEW_SHARED_RECORD = "view_shared_record", _("se forløp delt med samtykke")
    # A relative leaves information for the clinician (the pathway page shows it).
    INFORM_CLINICIAN = "inform_clinician", _("gi opplysninger til behandleren")
    # The indicator pages (/indikatorer/): figures of the units one leads, and the
    # published (small-number suppressed) figures of the trust, region and nation.
    VIEW_INDICATORS = "view_indicators", _("se indikatorer for forløpstider")
    # The individual plan (forlop.followup, ADR 58): the municipality's plan for the
    # patient, written by its municipal roles, by a specialist coordinator within consent.
    WRITE_INDIVIDUAL_PLAN = "write_individual_plan", _("skrive individuell plan")
    # The municipality confirms it has taken over the follow-up plan at closure (ADR 59).
    CONFIRM_FOLLOW_UP = "confirm_follow_up", _("bekrefte at kommunen overtar oppfølgingen")
    # The municipal side (docs/municipality.md): a notice of need for an individual
    # plan or a coordinator, to the coordinating unit of the patient's municipality;
    # the coordinating unit handles notices and appoints the municipal coordinator;
    # the coordinator's own worklist; the early flag to the person's GP.
    NOTIFY_NEED = "notify_need", _("melde behov for individuell plan eller koordinator")
    MANAGE_COORDINATION = "manage_coordination", _(
        "ta imot meldinger om behov og oppnevne kommunal koordinator")
    COORDINATE_MUNICIPAL = "coordinate_municipal", _("være kommunal koordinator")
    FLAG_EARLY = "flag_early", _("be fastlegen vurdere henvisning (tidlig varsel)")
    # The GP's own work at their GP office (issue 15): the GP page (/fastlege/), asking a
    # specialist unit about a list patient before a referral (docs/gp.md).
    WORK_AS_GP = "work_as_gp", _("arbeide som fastlege: egne pasienters forløp og "
                                 "konsultasjoner")
    ADMINISTER = "administer", _("administrere systemet")
    MANAGE_ROLES = "manage_roles", _("gi og avslutte roller")


P = Permission
_CLINICAL = frozenset({P.VIEW_WORKLIST, P.VIEW_PATHWAY, P.EDIT_PATHWAY, P.REGISTER_CLINICAL,
                       P.MANAGE_CONSENT, P.BREAK_GLASS, P.NOTIFY_NEED})

ROLE_PERMISSIONS: dict[str, frozenset[Permission]] = {
    Role.COORDINATOR: _CLINICAL | {P.ASSIGN_COORDINATOR, P.WRITE_INDIVIDUAL_PLAN},
    Role.CLINICIAN: _CLINICAL,
    Role.SECRETARY: frozenset({P.VIEW_WORKLIST, P.VIEW_PATHWAY, P.EDIT_PATHWAY}),
    Role.LEADER: frozenset({P.VIEW_WORKLIST, P.VIEW_PATHWAY, P.REVIEW_ACCESS,
                            P.RECEIVE_ESCALATION, P.ASSIGN_COORDINATOR, P.VIEW_INDICATORS}),
    Role.MUNICIPAL_COORDINATOR: frozenset({P.VIEW_WORKLIST, P.VIEW_PATHWAY,
                                           P.WRITE_INDIVIDUAL_PLAN, P.CONFIRM_FOLLOW_UP,
                                           P.NOTIFY_NEED, P.COORDINATE_MUNICIPAL,
                                           P.FLAG_EARLY}),
    Role.COORDINATING_UNIT_LEAD: frozenset({P.VIEW_WORKLIST, P.VIEW_PATHWAY, P.MANAGE_ROLES,
                                            P.WRITE_INDIVIDUAL_PLAN, P.CONFIRM_FOLLOW_UP,
                                            P.NOTIFY_NEED, P.MANAGE_COORDINATION,
                                            P.FLAG_EARLY}),
    Role.GP: frozenset({P.VIEW_WORKLIST, P.VIEW_PATHWAY, P.WORK_AS_GP}),
    Role.PATIENT: frozenset({P.VIEW_OWN_RECORD, P.MANAGE_OWN_CONSENT,
                             P.MANAGE_OWN_RESTRICTIONS, P.TAKE_PART_IN_OWN_PLAN,
                             P.NOTIFY_NEED}),
    Role.RELATIVE: frozenset({P.VIEW_SHARED_RECORD, P.INFORM_CLINICIAN, P.NOTIFY_NEED}),
    Role.SYSADMIN: frozenset({P.ADMINISTER}),
    Role.ACCESS_ADMIN: frozenset({P.MANAGE_ROLES}),
}

# A role held at a level of the trust's management line (clinic, department, section;
# ``RoleAssignment.org_level``) reaches every unit below that level, for these
# permissions only. Patient data stays with the unit bases: a clinic director reads
# the figures of every unit below, and lists only the pathways a unit role shows.
LEVEL_REACH: dict[str, frozenset[Permission]] = {
    Role.LEADER: frozenset({P.VIEW_INDICATORS}),
}

# Staff on a pathway's care team, or its coordinator, work on it like a clinician.
CARE_TEAM_PERMISSIONS = frozenset({P.VIEW_PATHWAY, P.EDIT_PATHWAY, P.REGISTER_CLINICAL,
                                   P.MANAGE_CONSENT, P.NOTIFY_NEED})
# Emergency access lets you read and register, never manage consent for the patient.
BREAK_GLASS_PERMISSIONS = frozenset({P.VIEW_PATHWAY, P.EDIT_PATHWAY, P.REGISTER_CLINICAL})

# What registering each measurement point asks of the actor. Events not named here
# are administrative (EDIT_PATHWAY): the referral's receipt, the first attendance
# and a patient's postponement are booked by whoever keeps the appointments; every
# judgement about the patient is clinical (docs/security.md, "Who may register what").
ADMINISTRATIVE_EVENTS = frozenset({"referral_received", "first_attendance", "patient_delay"})


def permission_for_event(event: str) -> Permission:
    """The permission registering (or correcting) ``event`` needs."""
    return P.EDIT_PATHWAY if event in ADMINISTRATIVE_EVENTS else P.REGISTER_CLINICAL


def flags_of(permissions) -> dict[str, bool]:
    """Ready booleans for templates, one per permission: ``{% if can.edit_pathway %}``."""
    return {p.value: p in permissions for p in Permission}


def roles_with(permission: Permission) -> frozenset[str]:
    """The roles whose permissions include ``permission`` (to find its holders)."""
    return frozenset(role for role, perms in ROLE_PERMISSIONS.items() if permission in perms)


def permissions_of(roles) -> frozenset[Permission]:
    out: frozenset[Permission] = frozenset()
    for role in roles:
        out |= ROLE_PERMISSIONS.get(role, frozenset())
    return out
