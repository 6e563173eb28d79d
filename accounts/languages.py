"""Each user's language: the one chosen on the settings page, which every sign-in then shows
pages in (the language cookie, set as Django's set_language sets it); else the UI's as of their
sign-up, last sign-in or last switch. Kept so that mails to them are written in it whoever's
request sends them (interviews.mail, the password reset)."""

from __future__ import annotations

from django.conf import settings
from django.utils import translation

from accounts import zones
from accounts.models import Profile


def supported(code: str | None) -> str | None:
    """The code of settings.LANGUAGES that ``code`` names (``zh-Hans``, ``zh-hans``), or None."""
    if not code:
        return None
    try:
        return translation.get_supported_language_variant(code)
    except LookupError:
        return None


def current() -> str:
    """The language this request shows (the default of a form that sends a mail)."""
    return supported(translation.get_language()) or settings.LANGUAGE_CODE


def language_of(user) -> str:
    """The user's language as stored (for mails to them, outside their own requests)."""
    return zone_and_language_of(user)[1]


def zone_and_language_of(user) -> tuple[str, str]:
    """The zone and language mails to the user are written in, as stored (one query, for
    mails sent outside the user's own requests); the site's where they have none."""
    zone, language = Profile.objects.filter(user=user).values_list(
        "time_zone", "language"
    ).first() or ("", "")
    return (
        zone if zones.is_zone(zone) else settings.TIME_ZONE,
        supported(language) or settings.LANGUAGE_CODE,
    )


def remember(user, code: str | None) -> None:
    """Keep ``code`` (a supported language) as the user's language; anything else is ignored.
    The site's language needs no row (``language_of`` falls back to it): most users never
    get one."""
    code = supported(code)
    if code is None or not user.is_authenticated:
        return
    if Profile.objects.filter(user=user).exclude(language=code).update(language=code):
        return
    if code != supported(settings.LANGUAGE_CODE):
        Profile.objects.get_or_create(user=user, defaults={"language": code})


def choose(user, code: str) -> None:
    """The settings page: ``code`` (a supported language) is the user's from now on; sign-ins
    no longer take the browser's."""
    Profile.objects.update_or_create(
        user=user, defaults={"language": code, "language_chosen": True}
    )


def set_cookie(response, code: str):
    """Pages in ``code`` from the next request on: the cookie LocaleMiddleware reads, with the
    LANGUAGE_COOKIE_* settings, as django.views.i18n.set_language writes it."""
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        code,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )
    return response


CHOSEN = "chosen_language"  # the request attribute a sign-in's response sets the cookie from


def remember_at_sign_in(sender, request=None, user=None, **kwargs) -> None:
    """user_logged_in (a sign-in, or the sign-in that ends a sign-up): a language chosen on the
    settings page wins, and is left on the request for the sign-in's response to set
    (``accounts.views.SignInView``); else the language the page was shown in (LocaleMiddleware's;
    a sign-in made outside a page, as tests do, keeps none) becomes the user's."""
    language = getattr(request, "LANGUAGE_CODE", None)
    if not language:
        return
    chosen = (
        Profile.objects.filter(user=user, language_chosen=True)
        .values_list("language", flat=True)
        .first()
    )
    if supported(chosen):
        setattr(request, CHOSEN, supported(chosen))
    else:
        remember(user, language)
