"""Tradebridge: an open cross-border B2B trade platform."""
