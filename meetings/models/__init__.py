from .meeting import (
    ATTENDING,
    AgendaItem,
    AttendanceStatus,
    Meeting,
    Participant,
    ParticipantCategory,
)
from .places import Membership, Unit, UnitKind, Village
from .plan import (
    REQUEST_PERCENT,
    DialogueKind,
    DialoguePlan,
    DialoguePlanQuerySet,
    Milestone,
    MilestoneQuerySet,
    PlanStatus,
    RequestBasis,
)

__all__ = [
    "REQUEST_PERCENT",
    "DialogueKind",
    "RequestBasis",
    "ATTENDING",
    "AgendaItem",
    "AttendanceStatus",
    "DialoguePlan",
    "DialoguePlanQuerySet",
    "Meeting",
    "Membership",
    "Milestone",
    "MilestoneQuerySet",
    "Participant",
    "ParticipantCategory",
    "PlanStatus",
    "Unit",
    "UnitKind",
    "Village",
]
