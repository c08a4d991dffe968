"""Payments and escrow endpoints."""

from ninja import Router

router = Router(tags=["Payments and escrow"])
