"""Tests for the pure domain kernel (no Django, no database)."""
