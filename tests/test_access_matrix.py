"""Every URL pattern against every persona, in one table: a new URL cannot skip it.

Each row says what each persona gets on a GET. The admin is left to Django's own checks (it
requires staff and model permissions); everything else must be listed here.
"""

from __future__ import annotations

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from tests.conftest import client_for, make_topic

PERSONAS = ("anonymous", "carol", "alice", "cora", "root")

# name: (args, {persona: expected status})
ANON, LOGIN = 302, 302
MATRIX: dict[str, tuple[list, dict[str, int]]] = {
    "home": ([], {"anonymous": ANON, "carol": 200, "alice": 302, "cora": 302, "root": 302}),
    "login": ([], {"anonymous": 200, "carol": 302, "alice": 302, "cora": 302, "root": 302}),
    "logout": ([], {**dict.fromkeys(PERSONAS, 405), "anonymous": ANON}),  # POST only
    "set_language": ([], dict.fromkeys(PERSONAS, 302)),
    "questionbank:index": (
        [],
        {"anonymous": ANON, "carol": 403, "alice": 200, "cora": 200, "root": 200},
    ),
    "questionbank:topic": (
        ["demo"],
        {"anonymous": ANON, "carol": 403, "alice": 200, "cora": 200, "root": 200},
    ),
    "questionbank:question": (
        ["demo", 1],
        {"anonymous": ANON, "carol": 403, "alice": 200, "cora": 200, "root": 200},
    ),
}


def _names(patterns, prefix="") -> set[str]:
    names = set()
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            if pattern.namespace == "admin":
                continue
            inner = f"{prefix}{pattern.namespace}:" if pattern.namespace else prefix
            names |= _names(pattern.url_patterns, inner)
        elif isinstance(pattern, URLPattern) and pattern.name:
            names.add(prefix + pattern.name)
    return names


def test_every_url_pattern_has_a_row():
    assert _names(get_resolver().url_patterns) == set(MATRIX)


@pytest.fixture
def personas(carol, alice, cora, root):
    return {"anonymous": None, "carol": carol, "alice": alice, "cora": cora, "root": root}


@pytest.mark.parametrize("name", sorted(MATRIX))
def test_each_persona_gets_what_the_table_says(name, personas):
    make_topic(slug="demo", questions=2)
    args, expected = MATRIX[name]
    url = reverse(name, args=args)
    got = {persona: client_for(user).get(url).status_code for persona, user in personas.items()}
    assert got == expected
    anonymous = client_for(None).get(url)
    if expected["anonymous"] == ANON and name not in ("set_language",):
        assert anonymous["Location"].startswith(reverse("login"))
