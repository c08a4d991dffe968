"""Write paths of core, one module per sub-domain (audit, fx, idempotency, pruning)."""
