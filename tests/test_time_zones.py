"""Each user's time zone: from the browser at sign-in, changeable, used by forms and pages."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from django.db import IntegrityError, connection, transaction
from django.template import Context, Template
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from accounts import zones
from accounts.models import Profile
from interviews.models import Interview
from tests.conftest import client_for, make_interview

pytestmark = pytest.mark.django_db


def sign_in(client, username: str, browser_zone: str = ""):
    return client.post(
        reverse("login"),
        {"username": username, "password": "pw", "browser_time_zone": browser_zone},
    )


def test_the_browsers_zone_is_taken_at_sign_in_and_shown_on_pages(alice, carol):
    from django.test import Client

    client = Client()
    assert sign_in(client, "alice", "America/New_York").status_code == 302
    assert Profile.objects.get(user=alice).time_zone == "America/New_York"
    assert client.session[zones.SESSION_KEY] == "America/New_York"
    interview = make_interview(alice, carol)
    Interview.objects.filter(pk=interview.pk).update(
        scheduled_at=datetime(2099, 1, 1, 15, 0, tzinfo=UTC)
    )
    body = client.get(reverse("interviews:index")).content.decode()
    assert '2099-01-01 10:00 <span class="zone">America/New_York</span>' in body


def test_a_zone_the_user_chose_wins_over_the_browsers(alice):
    from django.test import Client

    zones.choose(alice, "Asia/Tokyo")
    client = Client()
    sign_in(client, "alice", "Europe/Paris")
    assert client.session[zones.SESSION_KEY] == "Asia/Tokyo"
    assert Profile.objects.get(user=alice).time_zone == "Asia/Tokyo"


def test_a_made_up_browser_zone_is_ignored(alice):
    from django.test import Client

    client = Client()
    sign_in(client, "alice", "Mars/Olympus_Mons")
    assert client.session[zones.SESSION_KEY] == "Asia/Shanghai"  # the site's
    assert not Profile.objects.filter(user=alice).exists()  # nothing to keep: no row


def test_the_zone_comes_from_the_session_with_no_query_per_request(alice):
    client = client_for(alice)
    client.get(reverse("interviews:index"))
    with CaptureQueriesContext(connection) as queries:
        client.get(reverse("interviews:index"))
    assert not [q for q in queries if "accounts_profile" in q["sql"]]


def test_a_session_from_before_reads_the_zone_once(alice):
    zones.choose(alice, "Europe/Berlin")
    client = client_for(alice)
    session = client.session
    del session[zones.SESSION_KEY]
    session.save()
    client.get(reverse("interviews:index"))
    assert client.session[zones.SESSION_KEY] == "Europe/Berlin"


# --- The settings page -------------------------------------------------------------------------


def test_settings_page_changes_the_zone(alice):
    client = client_for(alice)
    page = client.get(reverse("account_settings"))
    assert page.status_code == 200 and "Follow my browser" in page.content.decode()
    response = client.post(reverse("account_settings"), {"time_zone": "Europe/Paris"})
    assert response.status_code == 302
    profile = Profile.objects.get(user=alice)
    assert (profile.time_zone, profile.time_zone_chosen) == ("Europe/Paris", True)
    assert client.session[zones.SESSION_KEY] == "Europe/Paris"
    client.post(reverse("account_settings"), {"time_zone": ""})  # follow the browser again
    assert not Profile.objects.get(user=alice).time_zone_chosen


def test_settings_page_refuses_a_zone_not_in_the_list(alice):
    response = client_for(alice).post(reverse("account_settings"), {"time_zone": "Nowhere/Land"})
    assert response.status_code == 200 and "Select a valid choice" in response.content.decode()
    assert not Profile.objects.filter(user=alice).exists()


def test_settings_page_wrong_method_and_anonymous(alice):
    assert client_for(alice).put(reverse("account_settings")).status_code == 405
    response = client_for(None).get(reverse("account_settings"))
    assert response.status_code == 302 and reverse("login") in response["Location"]


@pytest.mark.cache  # pins queries: sessions come from the cache
def test_settings_page_query_count(alice, django_assert_num_queries):
    client = client_for(alice)
    client.get(reverse("account_settings"))
    with django_assert_num_queries(2):  # the user and the profile (the session is cached)
        response = client.get(reverse("account_settings"))
    assert response.status_code == 200 and "Asia/Shanghai" in response.content.decode()


# --- The |when filter --------------------------------------------------------------------------


def test_when_labels_the_time_with_the_active_zone():
    at = datetime(2026, 12, 5, 7, 29, tzinfo=UTC)
    template = Template('{% load zones %}{{ at|when }}|{{ at|when:"date" }}|{{ none|when }}')
    with timezone.override("Asia/Shanghai"):
        out = template.render(Context({"at": at, "none": None}))
    assert out.startswith(
        '<time datetime="2026-12-05T15:29+08:00" title="Asia/Shanghai, UTC+0800">'
    )
    assert '2026-12-05 15:29 <span class="zone">Asia/Shanghai</span></time>' in out
    assert out.endswith("</time>|")
    with timezone.override("UTC"):
        assert "07:29 <span" in Template("{% load zones %}{{ at|when }}").render(
            Context({"at": at})
        )


def test_when_seconds_shows_the_seconds_in_the_viewers_zone():
    at = datetime(2026, 12, 5, 7, 29, 41, tzinfo=UTC)
    with timezone.override("America/New_York"):
        out = Template('{% load zones %}{{ at|when:"seconds" }}').render(Context({"at": at}))
    assert '02:29:41 <span class="zone">America/New_York</span>' in out


# --- Scheduling --------------------------------------------------------------------------------


def edit(client, interview, **data):
    return client.post(
        reverse("interviews:edit", args=[interview.pk]),
        {"title": interview.title, "minutes": 5, **data},
    )


def test_the_form_reads_the_time_in_the_users_zone(alice, carol):
    interview = make_interview(alice, carol)
    zones.choose(alice, "UTC")
    client = client_for(alice)
    assert edit(client, interview, scheduled_at="2099-03-01T15:29").status_code == 302
    interview.refresh_from_db()
    assert interview.scheduled_at == datetime(2099, 3, 1, 15, 29, tzinfo=UTC)
    zones.choose(alice, "Asia/Shanghai")
    client = client_for(alice)
    edit(client, interview, scheduled_at="2099-03-01T15:29")
    interview.refresh_from_db()
    assert interview.scheduled_at == datetime(2099, 3, 1, 7, 29, tzinfo=UTC)
    page = client.get(reverse("interviews:edit", args=[interview.pk])).content.decode()
    assert 'value="2099-03-01T15:29"' in page and "In your time zone, Asia/Shanghai" in page


@pytest.mark.parametrize(
    "value", ["0001-01-01T00:00", "1999-12-31T23:00", "2000-01-01T00:30", "3000-01-01T00:00"]
)
def test_dates_out_of_range_are_refused(alice, carol, value):
    interview = make_interview(alice, carol)
    response = edit(client_for(alice), interview, scheduled_at=value)
    assert response.status_code == 200
    assert "between the years 2000 and 2999" in response.content.decode()
    interview.refresh_from_db()
    assert interview.scheduled_at is None


def test_a_time_in_the_past_is_refused(alice, carol):
    interview = make_interview(alice, carol)
    zones.choose(alice, "UTC")
    past = (timezone.now() - timedelta(hours=7)).strftime("%Y-%m-%dT%H:%M")
    response = edit(client_for(alice), interview, scheduled_at=past)
    assert response.status_code == 200 and "That time has passed" in response.content.decode()


def test_a_past_time_kept_unchanged_does_not_block_other_edits(alice, carol):
    interview = make_interview(alice, carol)
    past = (timezone.now() - timedelta(days=2)).replace(second=0, microsecond=0)
    Interview.objects.filter(pk=interview.pk).update(scheduled_at=past)
    at = timezone.localtime(past).strftime("%Y-%m-%dT%H:%M")
    response = edit(client_for(alice), interview, title="Renamed", scheduled_at=at)
    assert response.status_code == 302
    # ...but scheduling it for that time is refused.
    response = client_for(alice).post(reverse("interviews:schedule", args=[interview.pk]))
    interview.refresh_from_db()
    assert interview.status == Interview.Status.DRAFT


def test_the_database_refuses_a_time_out_of_range(alice):
    interview = make_interview(alice)
    with pytest.raises(IntegrityError), transaction.atomic():
        Interview.objects.filter(pk=interview.pk).update(scheduled_at=datetime(1, 1, 2, tzinfo=UTC))
