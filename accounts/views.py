from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.views.decorators.http import require_GET

from accounts.roles import can_view_bank


@require_GET
def home(request):
    """Each role's start page."""
    if can_view_bank(request.user):
        return redirect("questionbank:index")
    return TemplateResponse(request, "home.html", {})
