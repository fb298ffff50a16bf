"""model.json (what the topology needs beside the ONNX bytes) and atomic file writes."""

from __future__ import annotations

import hashlib
import os
from datetime import datetime
from pathlib import Path

import numpy as np

from . import json_text
from .dataset import Rows


def model_version(feature_set: str, trained_at: datetime, onnx_bytes: bytes) -> str:
    """<featureSet>-<yyyymmdd>-<8 hex of the ONNX bytes>: same data and code, same version tail."""
    digest = hashlib.sha256(onnx_bytes).hexdigest()[:8]
    return f"{feature_set}-{trained_at:%Y%m%d}-{digest}"


def benign_baseline(rows: Rows) -> list[float]:
    """Per-feature median of benign rows: the 'typical customer' value the topology substitutes
    into one feature at a time to find which features pushed a score up (reason codes)."""
    median = np.median(rows.features[rows.label == 0], axis=0).astype(np.float32)
    return [float(v) for v in median]


def pick_samples(rows: Rows, scores: np.ndarray, seed: int, benign: int = 4) -> list[dict]:
    """A few holdout rows with their probabilities: one per fraud pattern plus some benign rows.
    Consumers re-score them to check that their runtime and input wiring match training."""
    rng = np.random.default_rng(seed)
    picked: list[int] = []
    for name in sorted(set(rows.pattern[rows.label == 1].tolist())):
        picked.append(int(rng.choice(np.flatnonzero(rows.pattern == name))))
    picked += rng.choice(np.flatnonzero(rows.label == 0), size=benign, replace=False).tolist()
    return [
        {
            "label": int(rows.label[i]),
            "pattern": str(rows.pattern[i]),
            "features": [float(v) for v in rows.features[i]],
            "probability": float(scores[i]),
        }
        for i in picked
    ]


def write_atomically(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)


def write_json(path: Path, value: dict) -> None:
    write_atomically(path, json_text.dumps(value).encode("utf-8"))
