"""``{{ value|when }}``: a time in the viewer's zone, labelled with that zone."""

from __future__ import annotations

from datetime import datetime

from django import template
from django.utils import timezone
from django.utils.dateformat import format as date_format
from django.utils.html import format_html

register = template.Library()


@register.filter
def when(value: datetime | None, style: str = "datetime"):
    """``2026-12-05 15:29 Asia/Shanghai`` in a ``<time>`` element (``when:"date"``: the day
    only, ``when:"time"``: the time only), in the active zone, which the label names."""
    if not isinstance(value, datetime):
        return ""
    if timezone.is_aware(value):
        value = timezone.localtime(value)
    fmt = {"date": "Y-m-d", "time": "H:i"}.get(style, "Y-m-d H:i")
    zone = timezone.get_current_timezone_name()
    return format_html(
        '<time datetime="{}" title="{}">{} <span class="zone">{}</span></time>',
        value.isoformat(timespec="minutes"),
        f"{zone}, UTC{date_format(value, 'O')}",
        date_format(value, fmt),
        zone,
    )
