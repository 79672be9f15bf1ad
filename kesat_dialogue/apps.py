from django.apps import AppConfig


class KesatDialogueConfig(AppConfig):
    name = "kesat_dialogue"
    verbose_name = "Xã và người dùng"

    def ready(self):
        from . import audit, checks  # noqa: F401 - checks registers itself
        from .models import Commune, Paper, User

        audit.register(Commune, User, Paper)
