"""Trainers of the attribution models (development only: scikit-learn is a `dev` extra)."""
