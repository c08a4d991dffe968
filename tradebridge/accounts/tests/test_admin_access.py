"""Only platform operators (`is_staff`) may open the admin site."""

import pytest
from django.test import Client
from django.urls import reverse

from tradebridge.accounts.tests.factories import OperatorFactory, UserFactory

pytestmark = pytest.mark.django_db


def test_an_operator_opens_the_admin_site():
    client = Client()
    client.force_login(OperatorFactory.create())

    response = client.get(reverse("admin:index"))

    assert response.status_code == 200


@pytest.mark.parametrize("signed_in", [False, True], ids=["anonymous", "ordinary_user"])
def test_anyone_else_is_sent_to_the_admin_login(signed_in):
    client = Client()
    if signed_in:
        client.force_login(UserFactory.create())

    response = client.get(reverse("admin:index"))

    assert response.status_code == 302
    assert response["Location"] == f"{reverse('admin:login')}?next={reverse('admin:index')}"
