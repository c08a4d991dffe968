from django.urls import URLPattern, path

from tradebridge.rfq.web import buyer, buyer_rfq, deals, offers, supplier, supplier_quotes

urlpatterns: list[URLPattern] = [
    # the buyer's RFQs
    path("rfqs/", buyer.rfq_list, name="rfq_list"),
    path("rfqs/new/", buyer.rfq_new, name="rfq_new"),
    path("rfqs/categories/", buyer.category_options, name="rfq_categories"),
    path("rfqs/spec-row/", buyer.spec_row, name="rfq_spec_row"),
    path("rfqs/<uuid:rfq_id>/", buyer_rfq.rfq_detail, name="rfq_detail"),
    path("rfqs/<uuid:rfq_id>/edit/", buyer.rfq_edit, name="rfq_edit"),
    path("rfqs/<uuid:rfq_id>/attachments/", buyer.rfq_attachments, name="rfq_attachments"),
    path("rfqs/<uuid:rfq_id>/cancel/", buyer_rfq.rfq_cancel_confirm, name="rfq_cancel"),
    path("rfqs/<uuid:rfq_id>/reopen/", buyer_rfq.rfq_reopen, name="rfq_reopen"),
    path("rfqs/<uuid:rfq_id>/<slug:action>/", buyer_rfq.rfq_status, name="rfq_status"),
    # the buyer's answers to quotes
    path(
        "quotes/<uuid:quote_id>/counter-offer/",
        offers.counter_offer_new,
        name="rfq_counter_offer_new",
    ),
    path("quotes/<uuid:quote_id>/accept/", offers.quote_accept_confirm, name="rfq_quote_accept"),
    path("quotes/<uuid:quote_id>/reject/", offers.quote_reject_confirm, name="rfq_quote_reject"),
    path(
        "counter-offers/<uuid:counter_offer_id>/withdraw/",
        offers.counter_offer_withdraw_view,
        name="rfq_counter_offer_withdraw",
    ),
    # the supplier's side
    path("supplier/rfqs/", supplier.rfq_inbox, name="rfq_inbox"),
    path("supplier/rfqs/tier-row/", supplier.tier_row, name="supplier_quote_tier_row"),
    path("supplier/rfqs/<uuid:rfq_id>/", supplier.supplier_rfq_detail, name="supplier_rfq_detail"),
    path("supplier/rfqs/<uuid:rfq_id>/quote/", supplier.quote_new, name="supplier_quote_new"),
    path(
        "supplier/rfqs/<uuid:rfq_id>/report/", supplier.rfq_report_view, name="supplier_rfq_report"
    ),
    path("supplier/quotes/", supplier_quotes.supplier_quote_list, name="supplier_quote_list"),
    path(
        "supplier/quotes/<uuid:quote_id>/revise/",
        supplier.quote_revise_view,
        name="supplier_quote_revise",
    ),
    path(
        "supplier/quotes/<uuid:quote_id>/withdraw/",
        supplier.quote_withdraw_view,
        name="supplier_quote_withdraw",
    ),
    path(
        "supplier/counter-offers/<uuid:counter_offer_id>/decline/",
        supplier.counter_offer_decline_view,
        name="supplier_counter_offer_decline",
    ),
    # deals, both sides
    path("deals/", deals.deal_list, name="deal_list"),
    path("deals/<uuid:deal_id>/", deals.deal_detail, name="deal_detail"),
    path("deals/<uuid:deal_id>/order/", deals.deal_place_order, name="deal_place_order"),
]
