import pytest
from django.core.exceptions import ValidationError

from tradebridge.companies.iso_codes import (
    COUNTRY_CODES,
    CURRENCY_CODES,
    validate_country_code,
    validate_currency_code,
)


def test_the_lists_hold_iso_codes_only():
    assert len(COUNTRY_CODES) == 249
    assert {"DE", "CN", "US", "BR", "VN"} <= COUNTRY_CODES
    assert not {"EU", "UN", "XK", "ZZ", "001"} & COUNTRY_CODES
    assert {"EUR", "USD", "CNY", "JPY", "KWD"} <= CURRENCY_CODES
    assert not {"DEM", "FRF", "XXX"} & CURRENCY_CODES


@pytest.mark.parametrize(
    ("validator", "good", "bad"),
    [(validate_country_code, "FR", "fr"), (validate_currency_code, "EUR", "DEM")],
)
def test_model_validators(validator, good, bad):
    validator(good)
    with pytest.raises(ValidationError):
        validator(bad)
