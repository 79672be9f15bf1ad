from .meeting import (
    ATTENDING,
    AgendaItem,
    AttendanceStatus,
    Meeting,
    Participant,
    ParticipantCategory,
)
from .places import Membership, Unit, UnitKind, Village
from .plan import DialoguePlan, DialoguePlanQuerySet, Milestone, MilestoneQuerySet, PlanStatus

__all__ = [
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
