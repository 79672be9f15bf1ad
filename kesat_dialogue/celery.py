import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "kesat_dialogue.settings")

app = Celery("kesat_dialogue")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
