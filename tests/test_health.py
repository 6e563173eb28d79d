"""/healthz: what a load balancer asks each app server before sending it users."""

from __future__ import annotations

import pytest
from django.contrib.sessions.models import Session
from django.db import OperationalError, connection
from django.test import Client

pytestmark = pytest.mark.django_db


def test_answers_ok_without_signing_in_or_starting_a_session():
    response = Client().get("/healthz")
    assert response.status_code == 200
    assert response.content == b"ok\n"
    assert "sessionid" not in response.cookies and "csrftoken" not in response.cookies
    assert "no-cache" in response["Cache-Control"]
    assert Session.objects.count() == 0


def test_a_signed_in_probe_gets_the_same_answer(carol):
    client = Client()
    client.force_login(carol)
    assert client.get("/healthz").content == b"ok\n"


def test_answers_503_when_the_database_does_not(monkeypatch):
    def down(*args, **kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr(connection, "cursor", down)
    response = Client().get("/healthz")
    assert response.status_code == 503
    assert b"database" in response.content


@pytest.mark.parametrize("method", ["post", "put", "delete"])
def test_a_wrong_method_is_refused(method):
    assert getattr(Client(), method)("/healthz").status_code == 405


def test_head_is_allowed_for_probes_that_use_it():
    assert Client().head("/healthz").status_code == 200
