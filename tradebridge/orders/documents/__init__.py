"""Trade documents of an order: the proforma invoice (issued when the supplier confirms), the
commercial invoice and the packing list (issued when the order ships).

- `data`: what a document says, as frozen dataclasses (pure; stored as the document's snapshot).
- `render`: DocumentData -> HTML -> PDF (WeasyPrint; no network; CJK names in Noto CJK).
- `numbering`: gap-free numbers per supplier and kind, taken under the sequence's row lock.
- `from_order`: an Order's rows frozen into a DocumentData.

Issuing and downloading are services: `orders.services.documents`.
"""
