"""Roles are Django groups (created by a data migration); one user may hold several."""

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.core.cache import cache

CURATORS = "curators"
INTERVIEWERS = "interviewers"
CANDIDATES = "candidates"
ROLES = (CURATORS, INTERVIEWERS, CANDIDATES)


def role_names(user: AbstractBaseUser | AnonymousUser) -> frozenset[str]:
    """The user's role group names: kept on the user object and, for a minute, in the cache.

    Changing a user's groups clears the cached copy (accounts.apps connects the signal).
    """
    if not user.is_authenticated:
        return frozenset()
    cached = getattr(user, "_role_names", None)
    if cached is None:
        cached = cache.get_or_set(
            roles_cache_key(user.pk),
            lambda: frozenset(user.groups.values_list("name", flat=True)),
            60,
        )
        user._role_names = cached
    return cached


def roles_cache_key(user_id) -> str:
    return f"roles:{user_id}"


def forget_roles(sender, instance=None, pk_set=None, action="", **kwargs) -> None:
    """Signal handler: a change of group membership takes effect at once."""
    from django.contrib.auth.models import Group

    if not isinstance(instance, Group):
        user_ids = [instance.pk]
    elif action == "pre_clear":  # emptying a group names no users: ask it before it is empty
        user_ids = list(instance.user_set.values_list("pk", flat=True))
    else:
        user_ids = pk_set or []
    cache.delete_many([roles_cache_key(user_id) for user_id in user_ids])


def is_curator(user) -> bool:
    return user.is_authenticated and (user.is_superuser or CURATORS in role_names(user))


def is_interviewer(user) -> bool:
    return user.is_authenticated and (user.is_superuser or INTERVIEWERS in role_names(user))


def is_candidate(user) -> bool:
    return user.is_authenticated and CANDIDATES in role_names(user)


def can_view_bank(user) -> bool:
    """Standard answers are for interviewers and curators; candidates see them only in practice."""
    return is_curator(user) or is_interviewer(user)


CURATOR_MODELS = (
    ("questionbank", ("topic", "question", "keypoint", "bonuscategory", "bonuspoint", "experience",
                      "topicnote", "glossaryentry", "contrastentry")),
)  # fmt: skip


def ensure_roles(*, using: str = "default") -> None:
    """Create the role groups if missing and give curators their model permissions."""
    from django.contrib.auth.models import Group, Permission

    for name in ROLES:
        Group.objects.using(using).get_or_create(name=name)
    curators = Group.objects.using(using).get(name=CURATORS)
    for app_label, models in CURATOR_MODELS:
        curators.permissions.add(
            *Permission.objects.using(using).filter(
                content_type__app_label=app_label, content_type__model__in=models
            )
        )
