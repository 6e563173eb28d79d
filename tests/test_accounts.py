"""Sign in and out, roles, start pages and the language switch."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse

from accounts.roles import can_view_bank, is_candidate, is_curator, is_interviewer
from tests.conftest import client_for

pytestmark = pytest.mark.django_db


def test_the_roles_exist_as_groups_and_curators_can_edit_the_bank():
    assert set(Group.objects.values_list("name", flat=True)) >= {
        "curators",
        "interviewers",
        "candidates",
    }
    curators = Group.objects.get(name="curators")
    codenames = set(curators.permissions.values_list("codename", flat=True))
    assert {"add_topic", "change_question", "change_keypoint", "delete_bonuspoint"} <= codenames


def test_role_helpers(alice, cora, carol, root):
    assert is_interviewer(alice) and not is_curator(alice) and can_view_bank(alice)
    assert is_curator(cora) and can_view_bank(cora)
    assert is_candidate(carol) and not can_view_bank(carol)
    assert is_curator(root) and is_interviewer(root)


def test_sign_in_with_the_right_password_and_see_the_start_page(alice):
    client = client_for(None)
    response = client.post(reverse("login"), {"username": "alice", "password": "pw"})
    assert response.status_code == 302 and response["Location"] == reverse("home")
    assert client.get(reverse("home"))["Location"] == reverse("interviews:index")


def test_curators_start_in_the_bank(cora):
    assert client_for(cora).get(reverse("home"))["Location"] == reverse("questionbank:index")


def test_a_wrong_password_says_so_and_keeps_the_username(alice):
    response = client_for(None).post(reverse("login"), {"username": "alice", "password": "no"})
    body = response.content.decode()
    assert response.status_code == 200
    assert "do not match" in body and 'value="alice"' in body


def test_sign_in_returns_to_the_page_asked_for(alice):
    url = reverse("questionbank:index")
    response = client_for(None).post(
        reverse("login") + f"?next={url}", {"username": "alice", "password": "pw", "next": url}
    )
    assert response["Location"] == url


def test_sign_out_is_a_post(alice):
    client = client_for(alice, csrf=True)
    client.get(reverse("questionbank:index"))
    token = client.cookies["csrftoken"].value
    response = client.post(reverse("logout"), {"csrfmiddlewaretoken": token})
    assert response.status_code == 302 and response["Location"] == reverse("login")
    assert client.get(reverse("questionbank:index")).status_code == 302


def test_candidate_start_page(carol):
    body = client_for(carol).get(reverse("home")).content.decode()
    assert "Welcome, Carol" in body and "Question bank" not in body
    assert "When an interviewer schedules an interview with you" in body
    assert f'href="{reverse("practice:index")}"' in body


def test_language_switch_works_before_signing_in():
    client = client_for(None)
    response = client.post(
        reverse("set_language"), {"language": "zh-hans", "next": reverse("login")}
    )
    assert response.status_code == 302
    body = client.get(reverse("login")).content.decode()
    assert '<html lang="zh-hans">' in body and "登录" in body


def test_the_ui_speaks_chinese(alice):
    client = client_for(alice)
    client.cookies["django_language"] = "zh-hans"
    body = client.get(reverse("questionbank:index")).content.decode()
    assert "题库" in body and "退出" in body


def test_a_new_role_takes_effect_at_once(carol):
    client = client_for(carol)
    assert client.get(reverse("questionbank:index")).status_code == 403  # roles now cached
    carol.groups.add(Group.objects.get(name="interviewers"))
    assert client.get(reverse("questionbank:index")).status_code == 200
    carol.groups.remove(Group.objects.get(name="interviewers"))
    assert client.get(reverse("questionbank:index")).status_code == 403


def test_emptying_a_group_takes_effect_at_once(alice):
    client = client_for(alice)
    assert client.get(reverse("questionbank:index")).status_code == 200  # roles now cached
    Group.objects.get(name="interviewers").user_set.clear()
    assert client.get(reverse("questionbank:index")).status_code == 403


def test_without_a_shared_cache_production_keeps_sessions_in_the_database():
    """A cache private to each worker would keep a logged-out session alive on the others."""
    import subprocess
    import sys

    def engine(**env):
        code = "from django.conf import settings; print(settings.SESSION_ENGINE)"
        result = subprocess.run(
            [sys.executable, "-c", f"import django; django.setup(); {code}"],
            env={
                "DJANGO_SETTINGS_MODULE": "config.settings",
                "SECRET_KEY": "x" * 50,
                "PATH": "",
                **env,
            },
            capture_output=True,
            text=True,
            check=True,
        )
        return result.stdout.strip().rsplit(".", 1)[-1]

    assert engine() == "db"
    assert engine(REDIS_URL="redis://127.0.0.1:6379/9") == "cached_db"
    assert engine(DEBUG="1") == "cached_db"
