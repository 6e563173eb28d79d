"""The console poll hands the interview lookup the rows it read already (``read``): those rows
open the console only for the interview asked, to the user they were read for, as that user's
own seat; anything else goes through the full lookup, as a request without them would."""

from __future__ import annotations

import pytest
from django.http import Http404
from django.test import RequestFactory

from interviews.access import get_interview_for_panel
from interviews.models import Interview
from tests.conftest import make_interview, make_panel

pytestmark = pytest.mark.django_db


def request_of(user):
    request = RequestFactory().get("/")
    request.user = user
    return request


def test_rows_read_for_one_interview_never_open_another(alice, carol):
    first = make_interview(alice, carol, start=True, title="First")
    second = make_interview(alice, carol, start=True, title="Second")
    interview, seat = get_interview_for_panel(
        request_of(alice), second.pk, read=(alice.pk, first, None)
    )
    assert interview.pk == second.pk and seat is None


def test_a_seat_read_for_someone_else_is_not_taken_as_ones_own(alice, bob, dan, carol):
    room = make_panel(alice, carol, [bob, dan])
    dans_seat = room.panel.get(user=dan)
    interview, seat = get_interview_for_panel(
        request_of(bob), room.pk, read=(bob.pk, room, dans_seat)
    )
    assert interview.pk == room.pk and seat.user_id == bob.pk


def test_rows_read_for_the_owner_do_not_open_it_for_an_outsider(alice, carol, mallory, dan):
    interview = make_interview(alice, carol, start=True)
    with pytest.raises(Http404):
        get_interview_for_panel(request_of(dan), interview.pk, read=(dan.pk, interview, None))


@pytest.mark.cache  # pins a query count
def test_rows_read_for_the_owner_carry_the_owner_as_the_full_lookup_does(
    alice, carol, django_assert_num_queries
):
    """The lookup's contract: its interview comes with ``owner`` loaded (``select_related``),
    whether the poll's rows or the full lookup found it; reading it costs no query more."""
    room = make_interview(alice, carol, start=True, title="Owned")
    read = Interview.objects.get(pk=room.pk)  # as the poll builds it: no owner loaded
    request = request_of(alice)
    interview, seat = get_interview_for_panel(request, room.pk, read=(alice.pk, read, None))
    looked_up, _ = get_interview_for_panel(request, room.pk)
    with django_assert_num_queries(0):
        assert seat is None and interview.owner.username == "alice"
        assert looked_up.owner.username == "alice"
