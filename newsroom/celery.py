"""The Celery app, as in Celery's "First steps with Django".

With REDIS_URL unset, settings turn on CELERY_TASK_ALWAYS_EAGER so the
embedded setup runs every task in-process and needs no broker.
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")

app = Celery("newsroom")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
