"""Operating points chosen on the validation cards (never on the holdout).

alert threshold:   the fewest alerts that catch (within a small tolerance) as much fraud as
                   any threshold keeping benign alerts within the budget. Without the
                   tolerance the threshold would sink into the score tail, where a few more
                   frauds cost most of the budget and the benign rate no longer carries over to
                   unseen traffic.
decline threshold: a higher bar where precision reaches the target, so automatic declines
                   rarely hit a genuine customer.
A threshold is placed midway between the last score it admits and the next lower score, so a
small score drift does not flip the rows at the edge.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True)
class OperatingPoint:
    threshold: float
    alerts: int
    caught: int
    precision: float
    recall: float
    benign_alert_rate: float


@dataclass(frozen=True)
class Curve:
    """Distinct scores, highest first, with the counts of rows scoring at or above each."""

    scores: np.ndarray
    caught: np.ndarray
    benign: np.ndarray
    positives: int
    negatives: int

    @staticmethod
    def of(scores: np.ndarray, labels: np.ndarray) -> Curve:
        order = np.argsort(-scores, kind="stable")
        s, y = scores[order], labels[order].astype(np.int64)
        last_of_tie = np.r_[s[1:] != s[:-1], True]
        return Curve(
            scores=s[last_of_tie],
            caught=np.cumsum(y)[last_of_tie],
            benign=np.cumsum(1 - y)[last_of_tie],
            positives=int(y.sum()),
            negatives=int((1 - y).sum()),
        )

    def cut_below(self, i: int) -> float:
        """A threshold admitting the scores down to index i and none below."""
        if i + 1 < self.scores.size:
            return float((self.scores[i] + self.scores[i + 1]) / 2)
        return float(self.scores[i])


def operating_point(scores: np.ndarray, labels: np.ndarray, threshold: float) -> OperatingPoint:
    flagged = scores >= threshold
    alerts = int(flagged.sum())
    caught = int((flagged & (labels == 1)).sum())
    positives = int((labels == 1).sum())
    negatives = int((labels == 0).sum())
    return OperatingPoint(
        threshold=threshold,
        alerts=alerts,
        caught=caught,
        precision=caught / alerts if alerts else 1.0,
        recall=caught / positives if positives else 0.0,
        benign_alert_rate=(alerts - caught) / negatives if negatives else 0.0,
    )


def best_within_budget(curve: Curve, max_benign_alert_rate: float) -> int:
    """Index of the lowest threshold whose benign alerts stay within the budget."""
    allowed = np.flatnonzero(curve.benign <= max_benign_alert_rate * curve.negatives)
    if allowed.size == 0:
        raise ValueError(
            "even the highest score alerts on more benign rows than the budget allows; "
            "the scores do not separate the classes"
        )
    return int(allowed[-1])


def alert_threshold(
    scores: np.ndarray, labels: np.ndarray, max_benign_alert_rate: float, recall_tolerance: float
) -> OperatingPoint:
    curve = Curve.of(scores, labels)
    best = curve.caught[best_within_budget(curve, max_benign_alert_rate)]
    enough = np.ceil(best - recall_tolerance * curve.positives - 1e-9)
    i = int(np.argmax(curve.caught >= enough))
    return operating_point(scores, labels, curve.cut_below(i))


def trade_offs(
    scores: np.ndarray, labels: np.ndarray, budgets: tuple[float, ...]
) -> list[tuple[float, OperatingPoint]]:
    """The best recall at each benign alert budget: the curve the alert threshold is read from."""
    curve = Curve.of(scores, labels)
    points = []
    for budget in budgets:
        try:
            i = best_within_budget(curve, budget)
        except ValueError:
            continue
        points.append((budget, operating_point(scores, labels, curve.cut_below(i))))
    return points


def decline_threshold(
    scores: np.ndarray,
    labels: np.ndarray,
    min_precision: float,
    floor: float,
    min_alerts: int,
) -> tuple[OperatingPoint, bool]:
    """The lowest threshold >= floor whose precision reaches min_precision over at least
    min_alerts rows; else the most precise such threshold. The flag says if the target was met."""
    curve = Curve.of(scores, labels)
    flagged = curve.caught + curve.benign
    precision = curve.caught / np.maximum(flagged, 1)
    eligible = (flagged >= min_alerts) & (curve.scores >= floor)
    if not eligible.any():
        eligible = curve.scores >= floor
    met = eligible & (precision >= min_precision)
    if met.any():
        i = int(np.flatnonzero(met)[-1])
    else:
        best = precision[eligible].max()
        i = int(np.flatnonzero(eligible & (precision >= best))[-1])
    threshold = max(curve.cut_below(i), floor)
    return operating_point(scores, labels, threshold), bool(met.any())
