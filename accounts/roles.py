"""Roles are Django groups (created by a data migration); one user may hold several."""

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

CURATORS = "curators"
INTERVIEWERS = "interviewers"
CANDIDATES = "candidates"
ROLES = (CURATORS, INTERVIEWERS, CANDIDATES)


def role_names(user: AbstractBaseUser | AnonymousUser) -> frozenset[str]:
    """The user's role group names, fetched once per request and kept on the user object."""
    if not user.is_authenticated:
        return frozenset()
    cached = getattr(user, "_role_names", None)
    if cached is None:
        cached = frozenset(user.groups.values_list("name", flat=True))
        user._role_names = cached
    return cached


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
                      "topicnote", "glossaryentry")),
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
