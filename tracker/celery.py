"""Celery application for ADGMIN Tracker.

Configuration comes from Django settings under the CELERY_ namespace; in development
CELERY_TASK_ALWAYS_EAGER runs tasks in-process, in production a worker consumes Redis.
"""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tracker.settings")

app = Celery("tracker")
app.config_from_object("django.conf:settings", namespace="CELERY")
app.autodiscover_tasks()
