"""Requests refused before any view sees them: values no database column can hold."""

from __future__ import annotations

from django.core.exceptions import BadRequest, RequestDataTooBig
from django.http import HttpResponse, HttpResponseBadRequest
from django.utils.translation import gettext as _

_FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


def _has_nul(values) -> bool:
    return any("\x00" in key or any("\x00" in v for v in vals) for key, vals in values.lists())


class RefuseBadInputMiddleware:
    """400 for a NUL character in the path, the query or a form value (PostgreSQL text cannot
    hold one, so it would be a 500 deep inside a view), and for a form body that does not decode
    in the charset it names (``charset=utf-16``). One place, so a new view cannot forget it."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            refused = (
                "\x00" in request.path
                or _has_nul(request.GET)
                or (request.content_type in _FORM_TYPES and _has_nul(request.POST))
            )
        except RequestDataTooBig:  # over DATA_UPLOAD_MAX_MEMORY_SIZE: 413, so a page can say so
            return HttpResponse(
                _("This request is too large."),
                status=413,
                content_type="text/plain; charset=utf-8",
            )
        except (BadRequest, UnicodeDecodeError, LookupError):  # not in the charset it names
            refused = True
        if refused:
            return HttpResponseBadRequest(
                _("This request holds characters that cannot be stored."),
                content_type="text/plain; charset=utf-8",
            )
        return self.get_response(request)
