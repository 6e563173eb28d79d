from django.apps import AppConfig, apps
from django.db.models.signals import m2m_changed, post_migrate
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = _("Accounts and roles")

    def ready(self) -> None:
        # The roles come from a data migration; this keeps them after a database flush too
        # (TransactionTestCase, `manage.py flush`), which empties tables but re-runs post_migrate.
        # Sent for the question bank, after auth has created that app's permissions.
        post_migrate.connect(_ensure_roles, sender=apps.get_app_config("questionbank"))
        from django.contrib.auth import get_user_model

        from accounts.roles import forget_roles

        m2m_changed.connect(forget_roles, sender=get_user_model().groups.through)
        from django.contrib.auth.signals import user_logged_in

        from accounts.zones import remember_at_sign_in

        user_logged_in.connect(remember_at_sign_in, dispatch_uid="accounts.time_zone")
        from accounts import languages

        user_logged_in.connect(languages.remember_at_sign_in, dispatch_uid="accounts.language")
        import config.checks  # noqa: F401  (registers the project's deployment checks)


def _ensure_roles(sender, using="default", apps=None, **kwargs) -> None:
    from accounts.roles import ensure_roles

    ensure_roles(using=using)
