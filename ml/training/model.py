"""The classifier: a small gradient-boosted tree ensemble (fast in onnxruntime, ~100s of KB)."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from sklearn.ensemble import HistGradientBoostingClassifier

from .progress import elapsed, say


@dataclass(frozen=True)
class ModelParams:
    max_iter: int = 300
    learning_rate: float = 0.1
    max_leaf_nodes: int = 15
    min_samples_leaf: int = 40
    l2_regularization: float = 1.0
    n_iter_no_change: int = 20
    chunk: int = 25  # iterations between progress lines


def fit(
    x: np.ndarray,
    y: np.ndarray,
    x_val: np.ndarray,
    y_val: np.ndarray,
    params: ModelParams,
    seed: int,
) -> HistGradientBoostingClassifier:
    """Boosts in chunks (warm start) to print progress; early stopping watches the validation
    cards' log-loss, so more trees are added only while they help on unseen cards."""
    model = HistGradientBoostingClassifier(
        loss="log_loss",
        learning_rate=params.learning_rate,
        max_leaf_nodes=params.max_leaf_nodes,
        min_samples_leaf=params.min_samples_leaf,
        l2_regularization=params.l2_regularization,
        early_stopping=True,
        scoring="loss",
        n_iter_no_change=params.n_iter_no_change,
        random_state=seed,
        warm_start=True,
        max_iter=min(params.chunk, params.max_iter),
    )
    while True:
        model.fit(x, y, X_val=x_val, y_val=y_val)
        say(
            f"      {model.n_iter_:4d} trees  validation log-loss "
            f"{-model.validation_score_[-1]:.5f}  (+{elapsed():.1f} s)"
        )
        stopped_early = model.n_iter_ < model.max_iter
        if stopped_early or model.max_iter >= params.max_iter:
            break
        model.set_params(max_iter=min(model.max_iter + params.chunk, params.max_iter))
    best = int(np.argmin(-model.validation_score_))
    say(
        f"      stopped at {model.n_iter_} trees"
        f" ({'early stopping' if stopped_early else 'max_iter reached'}; "
        f"lowest validation loss after {best} trees)"
    )
    return model


def describe(params: ModelParams, model: HistGradientBoostingClassifier) -> dict:
    return {
        "type": "HistGradientBoostingClassifier",
        "trees": int(model.n_iter_),
        "maxIter": params.max_iter,
        "learningRate": params.learning_rate,
        "maxLeafNodes": params.max_leaf_nodes,
        "minSamplesLeaf": params.min_samples_leaf,
        "l2Regularization": params.l2_regularization,
        "nIterNoChange": params.n_iter_no_change,
    }
