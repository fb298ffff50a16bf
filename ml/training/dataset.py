"""Reads the dataset the TypeScript builder writes: dataset.json, train.csv and holdout.csv.

CSV layout: the feature columns in model input order, then label, pattern, card, at.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

import numpy as np

TRAILING_COLUMNS = ("label", "pattern", "card", "at")


class DatasetError(Exception):
    """The dataset does not follow the contract; the message says where and how."""


@dataclass(frozen=True)
class Rows:
    """One CSV file. Features are float32 because that is what the ONNX model receives."""

    features: np.ndarray  # float32 [n, F]
    label: np.ndarray  # int8 [n], 0 benign / 1 fraud
    pattern: np.ndarray  # str [n], "" for benign rows
    card: np.ndarray  # int64 [n]
    at: np.ndarray  # int64 [n], epoch milliseconds

    def __len__(self) -> int:
        return int(self.label.shape[0])

    def subset(self, mask: np.ndarray) -> Rows:
        return Rows(
            self.features[mask],
            self.label[mask],
            self.pattern[mask],
            self.card[mask],
            self.at[mask],
        )

    def pattern_counts(self) -> dict[str, int]:
        names, counts = np.unique(self.pattern[self.label == 1], return_counts=True)
        return {str(n): int(c) for n, c in zip(names, counts, strict=True)}


@dataclass(frozen=True)
class Dataset:
    meta: dict
    feature_names: list[str]
    feature_docs: dict[str, str]
    train: Rows
    holdout: Rows


def read_header(path: Path) -> list[str]:
    with path.open(encoding="utf-8") as f:
        line = f.readline().strip()
    if not line:
        raise DatasetError(f"{path} is empty")
    return [name.strip().strip('"') for name in line.split(",")]


def feature_names_of(path: Path) -> list[str]:
    header = read_header(path)
    if tuple(header[-len(TRAILING_COLUMNS) :]) != TRAILING_COLUMNS:
        raise DatasetError(
            f"{path}: the header must end with {','.join(TRAILING_COLUMNS)}, "
            f"got {','.join(header[-len(TRAILING_COLUMNS) :])}"
        )
    names = header[: -len(TRAILING_COLUMNS)]
    if not names:
        raise DatasetError(f"{path}: no feature columns before {TRAILING_COLUMNS[0]}")
    duplicates = sorted({n for n in names if names.count(n) > 1})
    if duplicates:
        raise DatasetError(f"{path}: duplicate feature columns {duplicates}")
    return names


def load_rows(path: Path, feature_names: list[str]) -> Rows:
    names = feature_names_of(path)
    if names != feature_names:
        raise DatasetError(
            f"{path}: feature columns differ from dataset.json featureNames\n"
            f"  csv:          {names}\n  dataset.json: {feature_names}"
        )
    f = len(names)
    numeric_cols = [*range(f + 1), f + 2, f + 3]  # features, label, card, at (not pattern)
    try:
        # float64 holds the card index and epoch milliseconds exactly (both < 2^53).
        numeric = np.loadtxt(
            path, delimiter=",", skiprows=1, usecols=numeric_cols, dtype=np.float64, ndmin=2
        )
        pattern = np.loadtxt(
            path, delimiter=",", skiprows=1, usecols=[f + 1], dtype=str, quotechar='"', ndmin=1
        )
    except ValueError as e:
        raise DatasetError(f"{path}: not a numeric CSV in the expected layout: {e}") from e
    if numeric.shape[0] == 0:
        raise DatasetError(f"{path}: no data rows")

    features = numeric[:, :f]
    bad = ~np.isfinite(features)
    if bad.any():
        row, col = (int(i) for i in np.argwhere(bad)[0])
        raise DatasetError(
            f"{path}: {int(bad.sum())} non-finite feature values, first at data row {row + 1} "
            f"column {names[col]} ({features[row, col]})"
        )
    label = numeric[:, f]
    if not np.isin(label, (0, 1)).all():
        raise DatasetError(f"{path}: label must be 0 or 1, found {sorted(set(label.tolist()))[:5]}")
    label = label.astype(np.int8)
    inconsistent = (label == 1) != (pattern != "")
    if inconsistent.any():
        row = int(np.argmax(inconsistent))
        raise DatasetError(
            f"{path}: {int(inconsistent.sum())} rows where label and pattern disagree "
            f"(a fraud row names its pattern, a benign row has none), first at data row {row + 1}"
        )
    return Rows(
        features=features.astype(np.float32),
        label=label,
        pattern=pattern,
        card=numeric[:, f + 1].astype(np.int64),
        at=numeric[:, f + 2].astype(np.int64),
    )


def _feature_docs(docs: object, names: list[str]) -> dict[str, str]:
    """featureDocs is optional: a name -> text map, a list aligned with featureNames, or a list
    of {name, description} objects."""
    if isinstance(docs, dict):
        return {str(k): str(v) for k, v in docs.items()}
    if isinstance(docs, list):
        out: dict[str, str] = {}
        for name, doc in zip(names, docs, strict=False):
            if isinstance(doc, str):
                out[name] = doc
            elif isinstance(doc, dict):
                text = doc.get("description") or doc.get("doc") or doc.get("text")
                if text:
                    out[str(doc.get("name", name))] = str(text)
        return out
    return {}


def load_dataset(data_dir: Path) -> Dataset:
    meta_path = data_dir / "dataset.json"
    if not meta_path.exists():
        raise DatasetError(f"{meta_path} is missing: run `npm run train` to build the dataset")
    meta = json.loads(meta_path.read_text(encoding="utf-8"))
    feature_names = meta.get("featureNames")
    if not isinstance(feature_names, list) or not all(isinstance(n, str) for n in feature_names):
        raise DatasetError(f"{meta_path}: featureNames must be a list of strings")
    if not isinstance(meta.get("featureSet"), str) or not meta["featureSet"]:
        raise DatasetError(f"{meta_path}: featureSet must be a non-empty string")
    feature_docs = _feature_docs(meta.get("featureDocs"), feature_names)
    train = load_rows(data_dir / "train.csv", feature_names)
    holdout = load_rows(data_dir / "holdout.csv", feature_names)
    for name, rows in (("train.csv", train), ("holdout.csv", holdout)):
        positives = int(rows.label.sum())
        if positives == 0 or positives == len(rows):
            raise DatasetError(f"{data_dir / name}: needs both fraud and benign rows")
    return Dataset(meta, feature_names, feature_docs, train, holdout)
