"""A forgotten password is reset through a link sent by e-mail, queued like every message, with
the sign-in lockout lifted by the reset and the requests themselves limited."""

import re

import pytest
from django.core import mail
from django.test import Client

from migforum.accounts.services import (
    PASSWORD_RESET_REQUESTS_PER_ADDRESS,
    PASSWORD_RESET_REQUESTS_PER_CLIENT,
)
from migforum.core.audit import history_for
from migforum.core.models import AuditAction

from ..factories import UserFactory

pytestmark = pytest.mark.django_db
OLD_PASSWORD = "correct horse battery staple"
NEW_PASSWORD = "a fresh passphrase for 2031"


def ask_for_a_link(client: Client, address: str, capture):
    """Request a reset link for `address`, running what waits for the commit (the mail queue)."""
    with capture(execute=True):
        return client.post("/accounts/password-reset/", {"email": address})


def link_path(body: str, site_url: str) -> str:
    match = re.search(re.escape(site_url) + r"(/accounts/password-reset/[^/\s]+/[^/\s]+/)", body)
    assert match, body
    return match.group(1)


def sign_in(client: Client, address: str, password: str):
    return client.post("/accounts/login/", {"username": address, "password": password})


def test_a_forgotten_password_is_reset_through_the_emailed_link(
    client, settings, django_capture_on_commit_callbacks
):
    # given an account and a platform served at its public address
    settings.SITE_URL = "https://forum.example.org"
    user = UserFactory(username="amina@example.org")

    # when its owner asks for a link, in another case than the account's
    response = ask_for_a_link(client, "Amina@Example.org", django_capture_on_commit_callbacks)

    # then a message with a link on the public address reaches the account's address
    assert response.status_code == 302
    assert response["Location"] == "/accounts/password-reset/sent/"
    (message,) = mail.outbox
    assert message.to == ["amina@example.org"]
    assert message.subject == "A new password for Migration Forum"
    path = link_path(message.body, "https://forum.example.org")

    # and the link leads to a form that sets the new password
    page = client.get(path, follow=True)
    assert page.status_code == 200
    assert page.context["validlink"]
    form_url = page.redirect_chain[-1][0]
    response = client.post(form_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD})
    assert response["Location"] == "/accounts/password-reset/done/"
    assert "Sign in" in client.get("/accounts/password-reset/done/").content.decode()

    # the reset does not sign in; the new password does, the old one no longer
    assert client.get("/accounts/")["Location"].startswith("/accounts/login/")
    assert sign_in(Client(), "amina@example.org", OLD_PASSWORD).status_code == 200
    assert sign_in(client, "amina@example.org", NEW_PASSWORD).status_code == 302
    # the change is in the account's audit trail, the password only as a fingerprint
    event = history_for(user).filter(action=AuditAction.UPDATE).first()
    assert event.actor == user
    assert event.after["password"].startswith("secret:")
    # and the link works once
    assert not Client().get(path, follow=True).context["validlink"]


def test_the_message_is_queued_after_the_request_commits_not_sent_in_it(
    client, django_capture_on_commit_callbacks
):
    UserFactory(username="amina@example.org")
    with django_capture_on_commit_callbacks(execute=False) as waiting:
        client.post("/accounts/password-reset/", {"email": "amina@example.org"})
    assert mail.outbox == []
    assert len(waiting) == 1
    waiting[0]()
    assert [message.to for message in mail.outbox] == [["amina@example.org"]]


def test_an_unknown_address_gets_the_same_answer_and_no_message(
    client, django_capture_on_commit_callbacks
):
    UserFactory(username="amina@example.org")
    known = ask_for_a_link(client, "amina@example.org", django_capture_on_commit_callbacks)
    unknown = ask_for_a_link(client, "nobody@example.org", django_capture_on_commit_callbacks)
    assert (unknown.status_code, unknown["Location"]) == (known.status_code, known["Location"])
    assert [message.to for message in mail.outbox] == [["amina@example.org"]]
    done = client.get(unknown["Location"]).content.decode()
    assert "If the address belongs to an account" in done


def test_an_inactive_account_gets_no_link(client, django_capture_on_commit_callbacks):
    UserFactory(username="gone@example.org", is_active=False)
    response = ask_for_a_link(client, "gone@example.org", django_capture_on_commit_callbacks)
    assert response.status_code == 302
    assert mail.outbox == []


def test_a_reset_lifts_the_lockout_of_failed_sign_ins(client, django_capture_on_commit_callbacks):
    # given an account locked out after failed sign-ins (the test settings allow 3)
    UserFactory(username="target@example.org")
    for _attempt in range(3):
        sign_in(client, "target@example.org", "wrong")
    assert sign_in(client, "target@example.org", OLD_PASSWORD).status_code == 429

    # when its owner resets the password through the e-mailed link
    ask_for_a_link(client, "target@example.org", django_capture_on_commit_callbacks)
    page = client.get(link_path(mail.outbox[-1].body, "http://127.0.0.1:8000"), follow=True)
    client.post(
        page.redirect_chain[-1][0],
        {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )

    # then they sign in with the new password at once
    assert sign_in(client, "target@example.org", NEW_PASSWORD).status_code == 302


def test_a_locked_out_account_stays_locked_for_guesses_until_reset(
    client, django_capture_on_commit_callbacks
):
    # Asking for a link proves nothing: the lockout holds until the link is used.
    UserFactory(username="target@example.org")
    for _attempt in range(3):
        sign_in(client, "target@example.org", "wrong")
    ask_for_a_link(client, "target@example.org", django_capture_on_commit_callbacks)
    assert sign_in(client, "target@example.org", OLD_PASSWORD).status_code == 429


def test_a_reset_keeps_the_second_factor_of_the_secretariat(
    client, secretariat_user, django_capture_on_commit_callbacks
):
    ask_for_a_link(client, secretariat_user.username, django_capture_on_commit_callbacks)
    page = client.get(link_path(mail.outbox[-1].body, "http://127.0.0.1:8000"), follow=True)
    client.post(
        page.redirect_chain[-1][0],
        {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD},
    )
    assert sign_in(client, secretariat_user.username, NEW_PASSWORD).status_code == 302
    response = client.get("/admin/")
    assert response["Location"].startswith("/accounts/second-factor/")


def test_a_weak_new_password_is_refused(client, django_capture_on_commit_callbacks):
    UserFactory(username="amina@example.org")
    ask_for_a_link(client, "amina@example.org", django_capture_on_commit_callbacks)
    page = client.get(link_path(mail.outbox[-1].body, "http://127.0.0.1:8000"), follow=True)
    response = client.post(
        page.redirect_chain[-1][0], {"new_password1": "password", "new_password2": "password"}
    )
    assert response.status_code == 200
    assert response.context["form"].errors
    assert sign_in(client, "amina@example.org", OLD_PASSWORD).status_code == 302


@pytest.mark.parametrize("address", ["amina@example.org", "nobody@example.org"])
def test_requests_for_one_address_are_limited_alike_with_or_without_an_account(
    client, address, django_capture_on_commit_callbacks
):
    UserFactory(username="amina@example.org")
    for _request in range(PASSWORD_RESET_REQUESTS_PER_ADDRESS):
        response = ask_for_a_link(client, address, django_capture_on_commit_callbacks)
        assert response.status_code == 302
    sent = len(mail.outbox)

    response = ask_for_a_link(client, address.upper(), django_capture_on_commit_callbacks)

    assert response.status_code == 429
    assert "Too many requests" in response.content.decode()
    assert len(mail.outbox) == sent


def test_requests_from_one_client_are_limited(client, django_capture_on_commit_callbacks):
    for number in range(PASSWORD_RESET_REQUESTS_PER_CLIENT):
        response = ask_for_a_link(
            client, f"person{number}@example.org", django_capture_on_commit_callbacks
        )
        assert response.status_code == 302
    response = ask_for_a_link(client, "one-more@example.org", django_capture_on_commit_callbacks)
    assert response.status_code == 429
    # another client is not held back by this one
    other = Client(REMOTE_ADDR="192.0.2.7")
    assert (
        ask_for_a_link(other, "other@example.org", django_capture_on_commit_callbacks)["Location"]
        == "/accounts/password-reset/sent/"
    )
