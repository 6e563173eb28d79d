from django import template
from django.utils.translation import gettext

from questionbank.importing import SHAPE_LABELS, STATUS_LABELS
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


@register.filter
def shape_label(shape: str) -> str:
    """The name of a file shape the importer reads, in the reader's language."""
    return gettext(SHAPE_LABELS[shape]) if shape in SHAPE_LABELS else shape


@register.filter
def status_label(status: str) -> str:
    return gettext(STATUS_LABELS[status]) if status in STATUS_LABELS else status


@register.filter
def changed_parts(diff) -> str:
    """What a re-import changes in a question: "text, key points"."""
    return gettext(", ").join(diff.part_labels(gettext))
