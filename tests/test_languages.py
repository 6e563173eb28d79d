"""Each user's language (accounts.languages): chosen on the settings page, then shown at every
sign-in whatever the browser asks; else taken from the page at sign-up and sign-in; kept when a
signed-in user switches the UI's language. Mails to the user are written in it whoever's request
sends them (the password reset here; the interviews' mails in
tests/interviews/test_mail_language.py)."""

from __future__ import annotations

import pytest
from django.conf import settings
from django.core import mail
from django.test import Client, override_settings
from django.urls import reverse

from accounts.languages import language_of
from accounts.models import Profile
from tests.conftest import client_for

pytestmark = pytest.mark.django_db


def sign_in(language: str) -> Client:
    client = Client(HTTP_ACCEPT_LANGUAGE=language)
    response = client.post(reverse("login"), {"username": "alice", "password": "pw"})
    assert response.status_code == 302
    return client


def test_signing_in_on_chinese_pages_makes_chinese_the_users_language(alice):
    assert language_of(alice) == "en"
    sign_in("zh-Hans")
    assert language_of(alice) == "zh-hans"
    sign_in("en")  # the next sign-in on English pages: English again
    assert language_of(alice) == "en"


def test_the_sites_language_needs_no_row(alice):
    sign_in("en")
    assert not Profile.objects.filter(user=alice).exists()


def test_a_signed_in_switch_is_kept_an_anonymous_one_only_in_the_cookie(alice):
    client = client_for(alice)
    response = client.post(reverse("set_language"), {"language": "zh-hans", "next": "/"})
    assert response.status_code == 302
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "zh-hans"
    assert language_of(alice) == "zh-hans"
    client.post(reverse("set_language"), {"language": "klingon", "next": "/"})  # ignored
    assert language_of(alice) == "zh-hans"
    anonymous = Client()
    switched = anonymous.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert switched.status_code == 302 and language_of(alice) == "zh-hans"


def test_switching_by_get_changes_nothing(alice):
    client = client_for(alice)
    response = client.get(reverse("set_language"), {"language": "zh-hans", "next": "/"})
    assert response.status_code == 302 and language_of(alice) == "en"


def test_the_settings_page_changes_the_language_of_pages_and_mails(alice):
    client = client_for(alice)
    page = client.get(reverse("account_settings")).content.decode()
    assert 'name="language"' in page and '<option value="en" selected>' in page
    response = client.post(
        reverse("account_settings"), {"language": "zh-hans", "time_zone": ""}, follow=True
    )
    body = response.content.decode()
    assert response.status_code == 200 and "已保存" in body and "个人设置" in body
    assert language_of(alice) == "zh-hans"
    assert client.cookies[settings.LANGUAGE_COOKIE_NAME].value == "zh-hans"
    assert '<option value="zh-hans" selected>' in body


def test_the_settings_page_refuses_a_language_not_in_the_list(alice):
    client = client_for(alice)
    response = client.post(reverse("account_settings"), {"language": "fr", "time_zone": ""})
    assert response.status_code == 200 and "Select a valid choice" in response.content.decode()
    assert language_of(alice) == "en"


def test_the_settings_page_wrong_method_and_anonymous(alice):
    assert client_for(alice).delete(reverse("account_settings")).status_code == 405
    response = Client().post(reverse("account_settings"), {"language": "zh-hans"})
    assert response.status_code == 302 and reverse("login") in response["Location"]


@pytest.mark.parametrize(
    "asked_in, theirs, says, not_says",
    [
        ("en", "zh-hans", "设置新密码", "Choose a new password"),
        ("zh-Hans", "en", "Choose a new password", "设置新密码"),
    ],
)
def test_the_password_reset_mail_is_in_the_accounts_language(
    alice, asked_in, theirs, says, not_says
):
    """Asked from a page in one language, written in the account's."""
    alice.email = "alice@example.com"
    alice.save()
    Profile.objects.create(user=alice, language=theirs)
    Client(HTTP_ACCEPT_LANGUAGE=asked_in).post(
        reverse("password_reset"), {"email": "alice@example.com"}
    )
    (message,) = mail.outbox
    assert says in message.subject and not_says not in message.subject
    hello = "你好" if theirs == "zh-hans" else "Hello alice"
    assert hello in message.body


@override_settings(
    LANGUAGE_COOKIE_AGE=3600,
    LANGUAGE_COOKIE_PATH="/",
    LANGUAGE_COOKIE_SECURE=True,
    LANGUAGE_COOKIE_HTTPONLY=True,
    LANGUAGE_COOKIE_SAMESITE="Strict",
)
def test_the_settings_page_sets_the_cookie_as_the_language_switch_does(alice):
    """The deployment's LANGUAGE_COOKIE_* settings hold for the settings page's cookie too."""
    switched = client_for(alice).post(reverse("set_language"), {"language": "zh-hans", "next": "/"})
    saved = client_for(alice).post(
        reverse("account_settings"), {"language": "zh-hans", "time_zone": ""}
    )
    ours = saved.cookies[settings.LANGUAGE_COOKIE_NAME]
    djangos = switched.cookies[settings.LANGUAGE_COOKIE_NAME]
    assert ours.value == djangos.value == "zh-hans"
    for attribute in ("max-age", "path", "secure", "httponly", "samesite", "domain"):
        assert ours[attribute] == djangos[attribute], attribute
    assert ours["max-age"] == 3600 and ours["samesite"] == "Strict" and ours["secure"]


def signed_in_page(language: str) -> str:
    """Sign Alice in from a fresh browser asking for ``language``; the page she lands on."""
    client = Client(HTTP_ACCEPT_LANGUAGE=language)
    response = client.post(
        reverse("login"), {"username": "alice", "password": "pw", "next": "/"}, follow=True
    )
    assert response.status_code == 200 and response.wsgi_request.user.is_authenticated
    return response.content.decode()


def test_a_language_chosen_in_settings_sticks_across_sign_ins(alice):
    client = sign_in("en")
    client.post(reverse("account_settings"), {"language": "zh-hans", "time_zone": ""})
    client.post(reverse("logout"))
    page = signed_in_page("en")  # another browser, in English
    assert "个人设置" in page and "Your settings" not in page
    assert language_of(alice) == "zh-hans"
    assert "个人设置" in signed_in_page("en")  # and the next sign-in too


def test_a_user_who_never_chose_follows_the_browser(alice):
    assert "个人设置" in signed_in_page("zh-Hans")
    page = signed_in_page("en")
    assert "Your settings" in page and "个人设置" not in page
    assert language_of(alice) == "en"


def test_a_signed_in_switch_after_a_choice_is_the_new_choice(alice):
    """The header's switch changes a chosen language too: the next sign-in shows the new one."""
    client = sign_in("en")
    client.post(reverse("account_settings"), {"language": "zh-hans", "time_zone": ""})
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    client.post(reverse("logout"))
    page = signed_in_page("zh-Hans")
    assert "Your settings" in page and "个人设置" not in page
