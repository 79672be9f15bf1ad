import os

from celery import Celery, Task
from django_scopes import scope

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kesat_dialogue.settings")


class TaskOutsideAnyCommune(Task):
    """A task starts outside any commune, as in a worker, even when a test or a page runs it
    in-process: its tenant queries must name their scope (kesat_dialogue.tenancy)."""

    def __call__(self, *args, **kwargs):
        with scope(commune=None):
            return super().__call__(*args, **kwargs)


app = Celery("kesat_dialogue", task_cls=TaskOutsideAnyCommune)
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
