import pytest

from .installation import installations


@pytest.fixture
def make_installation():
    """Throw-away installations of the platform (see installation.py), removed afterwards."""
    yield from installations()
