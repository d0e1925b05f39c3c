"""Related practices share themes, objectives and distinctive words, not merely places: those
shown beside a remittance practice of the demonstration catalogue are remittance practices."""

import pytest
from django.contrib.auth.models import AnonymousUser

from migforum.demo.practices import practices_generate
from migforum.practices import finder
from migforum.practices.choices import ReviewStatus, Theme
from migforum.practices.models import Practice

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(db):
    return practices_generate(count=300, seed=20260)


def test_practices_related_to_a_remittance_practice_are_remittance_practices(demo, client):
    # given the published English practices whose main theme is remittances
    remittance_practices = [
        p
        for p in Practice.objects.filter(review_status=ReviewStatus.PUBLISHED, language="en")
        if p.themes[0] == Theme.REMITTANCES
    ]
    assert len(remittance_practices) >= 5

    # when a reader opens each of them
    related = {
        p.pk: finder.related_practices(p, user=AnonymousUser()) for p in remittance_practices
    }

    # then the practices shown as related are about remittances too (a few share two other
    # themes of a practice that has three)
    shown = [other for others in related.values() for other in others]
    assert len(shown) == 5 * len(remittance_practices)
    assert sum(Theme.REMITTANCES in other.themes for other in shown) >= 0.9 * len(shown)
    # and most have remittances as their main theme, not only among others
    main = sum(other.themes[0] == Theme.REMITTANCES for other in shown)
    assert main >= 0.7 * len(shown)
    # and the page lists them
    first = remittance_practices[0]
    page = client.get(f"/practices/{first.pk}/").content.decode()
    for other in related[first.pk]:
        assert f'href="/practices/{other.pk}/"' in page


def test_the_words_compared_tell_what_a_practice_is_about_not_where(demo):
    practice = next(
        p for p in Practice.objects.filter(language="en").order_by("pk") if "hometown" in p.title
    )

    words = finder.distinctive_words(practice)

    assert {"hometown", "matching"} <= set(words)
    states = {state.lower() for state in practice.countries.values_list("state__name", flat=True)}
    assert not states & set(words)
