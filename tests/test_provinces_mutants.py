"""Tests that kill mutants of cchc_data/provinces.py (see tests/MUTATION.md)."""
