"""ONNX export: one float32 input [N, F], probabilities as a plain float32 tensor [N, 2]."""

from __future__ import annotations

import json
from dataclasses import dataclass

import numpy as np
import onnx
import onnxruntime as ort
from skl2onnx import convert_sklearn
from skl2onnx.common.data_types import FloatTensorType
from sklearn.ensemble import HistGradientBoostingClassifier

INPUT_NAME = "features"
PROBABILITIES = "probabilities"
# TreeEnsembleClassifier of ai.onnx.ml; opset 17 is well inside what onnxruntime(-node) 1.30 runs.
TARGET_OPSET = {"": 17, "ai.onnx.ml": 3}


@dataclass(frozen=True)
class Exported:
    onnx_bytes: bytes
    input_name: str
    output_name: str


def to_onnx(
    model: HistGradientBoostingClassifier, feature_set: str, feature_names: list[str]
) -> Exported:
    proto = convert_sklearn(
        model,
        name=f"fraud-{feature_set}",
        initial_types=[(INPUT_NAME, FloatTensorType([None, len(feature_names)]))],
        # No ZipMap: a list of {class: prob} maps is awkward in onnxruntime-node; a tensor is not.
        options={HistGradientBoostingClassifier: {"zipmap": False}},
        target_opset=TARGET_OPSET,
    )
    proto.doc_string = "Fraud probability of a payment from its feature vector (column 1 = fraud)."
    onnx.helper.set_model_props(
        proto, {"featureSet": feature_set, "featureNames": json.dumps(feature_names)}
    )
    onnx.checker.check_model(proto, full_check=True)
    outputs = [o.name for o in proto.graph.output]
    if PROBABILITIES not in outputs:
        raise RuntimeError(f"the converted model has no {PROBABILITIES} output: {outputs}")
    return Exported(proto.SerializeToString(), INPUT_NAME, PROBABILITIES)


class OnnxScorer:
    """Scores with onnxruntime: the same engine (and version) the topology runs."""

    def __init__(self, exported: Exported) -> None:
        options = ort.SessionOptions()
        options.log_severity_level = 3
        self._session = ort.InferenceSession(
            exported.onnx_bytes, options, providers=["CPUExecutionProvider"]
        )
        self._exported = exported

    def probabilities(self, x: np.ndarray) -> np.ndarray:
        (out,) = self._session.run(
            [self._exported.output_name], {self._exported.input_name: x.astype(np.float32)}
        )
        if out.dtype != np.float32 or out.ndim != 2 or out.shape[1] != 2:
            raise RuntimeError(f"unexpected output {out.dtype} {out.shape}, want float32 [N, 2]")
        return out

    def fraud_score(self, x: np.ndarray) -> np.ndarray:
        return self.probabilities(x)[:, 1]


def check_parity(
    scorer: OnnxScorer, model: HistGradientBoostingClassifier, x: np.ndarray, tolerance: float
) -> float:
    """Largest difference between ONNX and scikit-learn probabilities; raises above tolerance."""
    expected = model.predict_proba(x)
    got = scorer.probabilities(x).astype(np.float64)
    diff = np.abs(got - expected)
    worst = float(diff.max())
    if worst > tolerance:
        row = int(np.argmax(diff.max(axis=1)))
        raise AssertionError(
            f"ONNX output differs from scikit-learn by {worst:.3g} (> {tolerance}) on "
            f"{int((diff.max(axis=1) > tolerance).sum())} of {len(x)} rows; worst row {row}: "
            f"onnx {got[row].tolist()} vs sklearn {expected[row].tolist()}"
        )
    return worst
