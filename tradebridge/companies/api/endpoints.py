"""Company, membership, invitation and token endpoints."""

from ninja import Router

router = Router(tags=["companies"])
