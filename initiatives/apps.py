from django.apps import AppConfig


class InitiativesConfig(AppConfig):
    name = "initiatives"
    verbose_name = "Initiatives and meetings"

    def ready(self):
        from tracker import lookups  # noqa: F401  (registers __any_of)

        from . import signals  # noqa: F401  (connects the receivers)
