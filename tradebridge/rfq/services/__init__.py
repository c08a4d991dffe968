"""Write paths of the RFQ domain, one module per sub-domain; import from the module itself
(`from tradebridge.rfq.services.rfqs import rfq_create`), so that each stays its owner's:

- `rfq_input`: RFQInput and the field rules of an RFQ;
- `rfqs`: an RFQ's use cases (create, update, open, close, cancel, award, the deadline run);
- `attachments`: RFQ attachments (upload safety, private storage);
- `quotes`: quotes, revisions, counter-offers and the agreed deal.
"""
