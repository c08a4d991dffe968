"""Cart and checkout endpoints."""

from ninja import Router

router = Router(tags=["Cart and checkout"])
