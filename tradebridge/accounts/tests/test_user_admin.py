"""Operators list, open and create users in the admin (e-mail login, no username)."""

import pytest
from django.test import Client

from tradebridge.accounts.models import User
from tradebridge.accounts.tests.factories import OperatorFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def operator_client() -> Client:
    client = Client()
    client.force_login(OperatorFactory.create())
    return client


def test_operators_find_users_by_email(operator_client):
    UserFactory.create(email="findme@example.com")
    UserFactory.create(email="other@example.com")

    response = operator_client.get("/admin/accounts/user/", {"q": "findme"})

    assert response.status_code == 200
    assert "findme@example.com" in response.text
    assert "other@example.com" not in response.text


def test_operators_open_a_user(operator_client):
    user = UserFactory.create(full_name="Mei Chen")

    response = operator_client.get(f"/admin/accounts/user/{user.id}/change/")

    assert response.status_code == 200
    assert "Mei Chen" in response.text


def test_operators_create_a_user_with_an_email_and_password(operator_client):
    response = operator_client.post(
        "/admin/accounts/user/add/",
        {
            "email": "created@example.com",
            "password1": "a-long-pass-phrase-9",
            "password2": "a-long-pass-phrase-9",
            "usable_password": "true",
        },
    )

    user = User.objects.get(email="created@example.com")
    assert response.status_code == 302
    assert user.check_password("a-long-pass-phrase-9")
    assert (user.is_staff, user.is_superuser) == (False, False)
