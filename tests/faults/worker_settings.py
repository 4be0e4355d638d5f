"""Settings of the Celery workers and beat that the fault runs start: the test settings, with
real SMTP (to the fault run's mail sink, EMAIL_HOST/EMAIL_PORT) and tasks consumed from Redis."""

from tracker.settings_test import *  # noqa: F403

EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
EMAIL_TIMEOUT = 60
CELERY_TASK_ALWAYS_EAGER = False
