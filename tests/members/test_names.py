"""Names are looked up by one key, whoever wrote them: documents and publishers alike."""

import pytest

from migforum.members.names import name_key


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("Côte d'Ivoire", "Cote d’Ivoire"),
        ("The Gambia", "Gambia"),
        ("Bosnia & Herzegovina", "Bosnia and Herzegovina"),
        ("  Korea,   Rep. ", "korea rep"),
    ],
)
def test_spellings_of_one_name_meet(one, other):
    assert name_key(one) == name_key(other)


def test_different_names_stay_apart():
    assert name_key("Niger") != name_key("Nigeria")
