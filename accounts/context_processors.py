from django.utils.functional import SimpleLazyObject

from accounts import roles as _roles


def roles(request) -> dict:
    user = request.user

    def compute() -> dict:
        return {
            "curator": _roles.is_curator(user),
            "interviewer": _roles.is_interviewer(user),
            "candidate": _roles.is_candidate(user),
            "bank": _roles.can_view_bank(user),
        }

    return {"roles": SimpleLazyObject(compute)}
