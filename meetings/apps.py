from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "meetings"
    verbose_name = "Kế hoạch và hội nghị"

    def ready(self):
        from kesat_dialogue import todo

        from . import todo as my_todo

        todo.register(my_todo.provide)
        from kesat_dialogue import audit

        from . import models as m

        audit.register(
            m.Village,
            m.Unit,
            m.Membership,
            m.DialoguePlan,
            m.Milestone,
            m.Participant,
            m.AgendaItem,
            m.Meeting,
        )
