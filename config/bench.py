"""A bare view for bench/live_load.py: the same middleware, one indexed query, nothing else."""

from django.contrib.auth.decorators import login_not_required
from django.http import HttpResponse

from interviews.models import Interview


@login_not_required
def bare(request, pk: int):
    Interview.objects.filter(pk=pk).values_list("version", flat=True).first()
    return HttpResponse(status=204)
