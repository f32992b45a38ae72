"""Shipped weights of the attribution models (JSON files written by scripts/train_attribution.py)."""
