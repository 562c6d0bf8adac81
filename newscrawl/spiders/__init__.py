"""Spiders: routing only (which page leads to which request)."""
