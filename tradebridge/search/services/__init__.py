"""Writes of search, one module per sub-domain (`analytics`: the search log and clicks)."""
