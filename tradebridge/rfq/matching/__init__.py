"""Matching suppliers to an RFQ: who fits it, how well, and why.

- `ranking.py`: the pure scoring and ordering (frozen dataclasses, no ORM).
- `reasons.py`: the reason codes and their translated texts.
- `similarity.py`: the `SupplierSimilarity` interface, its registry and the combination of
  the registered (vector) provider with the lexical fallback.
- `lexical.py`: the fallback: weighted word overlap with the suppliers' product titles.
- `profiles.py`: reads the candidate suppliers' features from the database.

The search app registers the vector provider (`search/supplier_similarity.py`) from its
`AppConfig.ready()`: rfq sits below search and never imports it. docs/rfq.md, "Matching".
"""
