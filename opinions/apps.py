from django.apps import AppConfig


class OpinionsConfig(AppConfig):
    name = "opinions"
    verbose_name = "Ý kiến, kiến nghị"

    def ready(self):
        from kesat_dialogue import todo

        from . import todo as my_todo

        todo.register(my_todo.provide)
        from django.db.models.signals import post_save

        from kesat_dialogue import audit
        from kesat_dialogue.models import Commune
        from meetings.signals import plan_copied

        from .services import copy_opinion_form, give_new_commune_its_fields

        # A commune starts with the standard list of fields (pages only read it).
        post_save.connect(
            give_new_commune_its_fields, sender=Commune, dispatch_uid="opinions-default-fields"
        )
        plan_copied.connect(copy_opinion_form, dispatch_uid="opinions-copy-form")

        from . import models as m

        audit.register(
            m.Field,
            m.OpinionForm,
            m.SlipBatch,
            m.OpinionSlip,
            m.Opinion,
            m.Petition,
            m.Answer,
            m.SynthesisReport,
            m.ImportJob,
            m.DataRequest,
        )
