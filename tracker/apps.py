from django.apps import AppConfig


class TrackerConfig(AppConfig):
    name = "tracker"
    verbose_name = "ADGMIN Tracker"

    def ready(self) -> None:
        from django.contrib.auth import get_user_model
        from django.db.models.signals import pre_save

        from .accounts import revoke_token_on_password_change

        pre_save.connect(
            revoke_token_on_password_change,
            sender=get_user_model(),
            dispatch_uid="revoke-token-on-password-change",
        )
