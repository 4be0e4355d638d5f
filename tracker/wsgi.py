import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tracker.settings")
application = get_wsgi_application()

from tracker.checks import refuse_development_secret_key  # noqa: E402

refuse_development_secret_key()
