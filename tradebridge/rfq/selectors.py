"""Reads of the RFQ domain. Tenant scoping lives here: "not yours" is `NotFound`."""

from tradebridge.rfq.models import RFQSettings


def rfq_settings() -> RFQSettings:
    """The operator's RFQ settings (the one row, created with its defaults on first read)."""
    row, _created = RFQSettings.objects.get_or_create(id=1)
    return row
