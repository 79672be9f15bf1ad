from django.apps import AppConfig


class KesatDialogueConfig(AppConfig):
    name = "kesat_dialogue"
    verbose_name = "Xã và người dùng"
