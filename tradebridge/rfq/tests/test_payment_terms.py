"""Payment terms read as one sentence in every language: the balance's wording belongs to the
sentence, never a capitalised choice label pasted after a colon; a percent never parts from
its number at the end of a line (a no-break space, none in Chinese)."""

from decimal import Decimal

import pytest
from django.utils import translation

from tradebridge.rfq.enums import BalanceDue
from tradebridge.rfq.templatetags.rfq_terms import payment_terms

EXPECTED = {
    "en": "30 % deposit, balance before shipment",
    "fr": "Acompte de 30\u202f%, solde avant l'expédition",
    "de": "30\u00a0% Anzahlung, Restzahlung vor dem Versand",
    "es": "Anticipo del 30\u00a0%, saldo antes del envío",
    "zh-hans": "定金 30%\uff0c余款于发货前支付",
}


@pytest.mark.parametrize(("language", "sentence"), list(EXPECTED.items()))
def test_each_language_words_the_balance_in_the_sentence(language, sentence):
    with translation.override(language):
        assert payment_terms(Decimal("30.00"), BalanceDue.BEFORE_SHIPMENT) == sentence


@pytest.mark.parametrize("balance_due", list(BalanceDue))
def test_no_balance_label_is_pasted_in_french(balance_due):
    with translation.override("fr"):
        text = payment_terms(Decimal("12.50"), balance_due)
    prefix = "Acompte de 12,50\u202f%, solde "
    assert text.startswith(prefix)
    assert not text[len(prefix)].isupper()
