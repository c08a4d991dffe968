"""Disputes endpoints."""

from ninja import Router

router = Router(tags=["Disputes"])
