from django.apps import AppConfig


class FollowupsConfig(AppConfig):
    name = "followups"
    verbose_name = "Theo dõi sau hội nghị"

    def ready(self):
        from kesat_dialogue import todo

        from . import todo as my_todo

        todo.register(my_todo.provide)
        from kesat_dialogue import audit

        from . import models as m

        audit.register(
            m.Decision,
            m.Assignment,
            m.Reply,
            m.SupervisionNote,
            m.EvaluationMeeting,
            m.ConclusionNotice,
            m.Posting,
            m.BudgetLine,
            m.Dossier,
        )
        audit.register_steps(m.FollowupStep)

        from opinions.models import PetitionQuerySet

        PetitionQuerySet.outcome_relations = ["decision", "assignment__unit"]

        from . import handoffs

        handoffs.connect()
