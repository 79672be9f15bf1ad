from django.apps import AppConfig


class OpinionsConfig(AppConfig):
    name = "opinions"
    verbose_name = "Ý kiến, kiến nghị"

    def ready(self):
        from kesat_dialogue import audit

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
        )
