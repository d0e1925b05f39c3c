"""Indicators the platform computes from imported price data (see `computed_indicators`)."""

from __future__ import annotations

from .importers import Obs
from .models import Dataset


def computed_indicators(dataset: Dataset) -> list[Obs]:
    """The price indicators computed from a newly imported dataset, stored with its vintage."""
    return []
