"""Orders endpoints."""

from ninja import Router

router = Router(tags=["Orders"])
