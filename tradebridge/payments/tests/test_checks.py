from django.test import override_settings

from tradebridge.payments.checks import sandbox_provider_check


@override_settings(PAYMENT_PROVIDERS=["sandbox", "stripe"])
def test_the_sandbox_is_flagged_for_production() -> None:
    [warning] = sandbox_provider_check(None)

    assert warning.id == "payments.W001"


@override_settings(PAYMENT_PROVIDERS=["stripe"])
def test_stripe_alone_passes() -> None:
    assert sandbox_provider_check(None) == []


@override_settings(PAYMENT_PROVIDERS=[])
def test_bank_transfers_alone_pass() -> None:
    assert sandbox_provider_check(None) == []
