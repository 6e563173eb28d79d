import pytest

from tests.conftest import make_interview


@pytest.fixture
def running(alice, carol):
    """Alice's interview of Carol, started: the console's first question is live."""
    return make_interview(alice, carol, start=True)
