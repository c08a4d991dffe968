"""Webhooks endpoints."""

from ninja import Router

router = Router(tags=["Webhooks"])
