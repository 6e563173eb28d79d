from django import template
from django.utils.translation import gettext

from questionbank.problems import MESSAGES, Problem

register = template.Library()


@register.filter
def problem(value):
    """An import problem in the reader's language (the parser writes English)."""
    if not isinstance(value, Problem):
        return value
    text = gettext(MESSAGES[value.code]).format(**value.params)
    if value.line:
        return gettext("line %(line)s: %(message)s") % {"line": value.line, "message": text}
    return text
