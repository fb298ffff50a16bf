"""The validation split: held-out cards, not held-out rows.

A card's payments are correlated (a card-testing burst is dozens of rows of one card); splitting
rows at random would put the same burst on both sides and flatter the validation metrics that
the thresholds are chosen on.
"""

from __future__ import annotations

import numpy as np


def validation_mask(card: np.ndarray, fraction: float, seed: int) -> np.ndarray:
    """True for the rows of a random `fraction` of the cards."""
    if not 0.0 < fraction < 1.0:
        raise ValueError(f"validation fraction must be in (0, 1), got {fraction}")
    cards = np.unique(card)
    rng = np.random.default_rng(seed)
    chosen = rng.choice(cards, size=max(1, round(cards.size * fraction)), replace=False)
    return np.isin(card, chosen)
