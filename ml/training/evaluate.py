"""Metrics of one split at the chosen operating points, in the shape model.json stores."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from sklearn.metrics import average_precision_score, roc_auc_score

from .dataset import Rows
from .thresholds import operating_point


def r(value: float) -> float:
    """Six decimals are plenty in the JSON and keep it readable."""
    return round(float(value), 6)


def _per_pattern_recall(rows: Rows, flagged: np.ndarray) -> dict[str, float]:
    out: dict[str, float] = {}
    for name in sorted(set(rows.pattern[rows.label == 1].tolist())):
        of_pattern = rows.pattern == name
        out[name] = r(flagged[of_pattern].mean())
    return out


def evaluate(rows: Rows, scores: np.ndarray, threshold: float, decline: float) -> dict:
    alert = operating_point(scores, rows.label, threshold)
    declined = operating_point(scores, rows.label, decline)
    return {
        "prAuc": r(average_precision_score(rows.label, scores)),
        "rocAuc": r(roc_auc_score(rows.label, scores)),
        "precisionAtThreshold": r(alert.precision),
        "recallAtThreshold": r(alert.recall),
        "benignAlertRate": r(alert.benign_alert_rate),
        "alerts": alert.alerts,
        "precisionAtDecline": r(declined.precision),
        "recallAtDecline": r(declined.recall),
        "benignDeclineRate": r(declined.benign_alert_rate),
        "perPatternRecall": _per_pattern_recall(rows, scores >= threshold),
        "perPatternDeclineRecall": _per_pattern_recall(rows, scores >= decline),
    }


def permutation_importance(
    rows: Rows,
    score: Callable[[np.ndarray], np.ndarray],
    names: list[str],
    seed: int,
    max_rows: int = 100_000,
) -> list[tuple[str, float]]:
    """Drop in PR-AUC when one feature's column is shuffled: which features the model leans on.
    Measured on at most `max_rows` rows: the ranking settles long before that."""
    rng = np.random.default_rng(seed)
    if len(rows) > max_rows:
        rows = rows.subset(np.sort(rng.choice(len(rows), size=max_rows, replace=False)))
    base = average_precision_score(rows.label, score(rows.features))
    drops = []
    for j, name in enumerate(names):
        shuffled = rows.features.copy()
        shuffled[:, j] = rng.permutation(shuffled[:, j])
        drops.append((name, float(base - average_precision_score(rows.label, score(shuffled)))))
    return sorted(drops, key=lambda d: -d[1])
