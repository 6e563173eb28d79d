"""Rendering for htmx requests, shared by the apps: one partial, or several out of band."""

from __future__ import annotations

from django.contrib.messages import get_messages
from django.http import HttpResponse
from django.template.loader import render_to_string


def partial_for(request, template: str, partial: str) -> str:
    """The partial for an htmx request, the whole page otherwise (also on history restore)."""
    if request.htmx and not request.htmx.history_restore_request:
        return f"{template}#{partial}"
    return template


def render_oob(request, template: str, context: dict, *names: str, status: int = 200):
    """Several partials of ``template`` at once, as out-of-band swaps, with any messages
    queued by the request (the page's messages region is swapped too)."""
    html = "".join(
        render_to_string(f"{template}#{name}", {**context, "oob": True}, request=request)
        for name in names
    )
    if len(get_messages(request)):
        html += render_to_string("base.html#messages", {"oob": True}, request=request)
    return HttpResponse(html, status=status)
