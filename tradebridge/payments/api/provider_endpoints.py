"""Payment providers endpoints."""

from ninja import Router

router = Router(tags=["Payment providers"])
