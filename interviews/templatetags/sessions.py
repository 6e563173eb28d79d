from decimal import Decimal

from django import template
from django.utils.translation import gettext

from questionbank.search_text import markdown_plain
from scoring.suggest import NOTES

register = template.Library()


@register.filter
def minutes(seconds) -> str:
    """600 -> "10", 450 -> "7.5"."""
    if seconds is None:
        return ""
    value = Decimal(int(seconds)) / 60
    return f"{value.normalize():f}" if value == value.to_integral() else f"{value:.1f}"


@register.filter
def clock(seconds) -> str:
    """Seconds as m:ss, with a sign when over time: 125 -> "2:05", -30 -> "+0:30"."""
    if seconds is None:
        return ""
    seconds = int(seconds)
    sign = "+" if seconds < 0 else ""
    seconds = abs(seconds)
    hours, rest = divmod(seconds, 3600)
    mins, secs = divmod(rest, 60)
    if hours:
        return f"{sign}{hours}:{mins:02d}:{secs:02d}"
    return f"{sign}{mins}:{secs:02d}"


@register.filter
def score(value) -> str:
    """3.0 -> "3", 3.5 -> "3.5", None -> "–"."""
    if value is None:
        return "–"
    value = Decimal(value)
    return f"{value.normalize():f}" if value == value.to_integral() else f"{value:.1f}"


@register.filter
def note_text(code: str) -> str:
    """A scorer note code in the reader's language."""
    return gettext(NOTES.get(code, code))


@register.filter
def percent(value) -> str:
    return "" if value is None else f"{round(float(value) * 100)}%"


@register.filter
def get_item(mapping, key):
    return mapping.get(key) if mapping else None


@register.filter
def plain(markdown: str) -> str:
    """A snapshot's Markdown as plain text, for one-line titles."""
    return markdown_plain(markdown or "")
