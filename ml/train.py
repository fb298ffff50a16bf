"""Trains the fraud model on ml/data, exports ONNX + model.json, writes the model card.

    python ml/train.py --data ml/data --out ml/model --card ml/MODEL_CARD.md

`npm run train` runs this after building the dataset, inside the venv of ml/requirements.txt.
Exit codes: 0 written, 2 bad dataset or arguments, 3 quality targets missed (nothing written).
"""

from __future__ import annotations

import argparse
import sys
from datetime import UTC, datetime
from pathlib import Path

import numpy as np

from training import artefacts, model_card
from training.dataset import Dataset, DatasetError, Rows, load_dataset
from training.evaluate import evaluate, permutation_importance
from training.export_onnx import OnnxScorer, check_parity, to_onnx
from training.model import ModelParams, describe, fit
from training.progress import elapsed, say, step
from training.split import validation_mask
from training.thresholds import alert_threshold, decline_threshold, trade_offs

STEPS = 6
TRADE_OFF_BUDGETS = (0.0005, 0.001, 0.002, 0.005, 0.01)
PARITY_TOLERANCE = 1e-5


def parse_args(argv: list[str]) -> argparse.Namespace:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    p.add_argument("--data", type=Path, default=Path("ml/data"), help="dataset folder")
    p.add_argument("--out", type=Path, default=Path("ml/model"), help="model.onnx + model.json")
    p.add_argument("--card", type=Path, default=Path("ml/MODEL_CARD.md"), help="model card path")
    p.add_argument("--seed", type=int, default=7, help="validation split and boosting seed")
    p.add_argument("--validation-fraction", type=float, default=0.2, help="share of cards")
    p.add_argument("--max-benign-alert-rate", type=float, default=0.01)
    p.add_argument(
        "--alert-budget-headroom",
        type=float,
        default=0.9,
        help="thresholds aim at this share of --max-benign-alert-rate on validation",
    )
    p.add_argument(
        "--recall-tolerance",
        type=float,
        default=0.002,
        help="recall the alert threshold may give up (vs the best within the budget) for fewer "
        "alerts",
    )
    p.add_argument("--decline-precision", type=float, default=0.95)
    p.add_argument("--decline-min-alerts", type=int, default=20)
    p.add_argument("--min-pr-auc", type=float, default=0.90, help="holdout quality target")
    p.add_argument(
        "--allow-below-target",
        action="store_true",
        help="write the model even when the holdout targets are missed",
    )
    p.add_argument("--max-iter", type=int, default=ModelParams.max_iter, help="trees at most")
    p.add_argument("--max-leaf-nodes", type=int, default=ModelParams.max_leaf_nodes)
    p.add_argument("--learning-rate", type=float, default=ModelParams.learning_rate)
    return p.parse_args(argv)


def split_summary(rows: Rows) -> dict:
    return {
        "rows": len(rows),
        "positives": int(rows.label.sum()),
        "patterns": rows.pattern_counts(),
        "cards": int(np.unique(rows.card).size),
        "from": int(rows.at.min()),
        "to": int(rows.at.max()),
    }


def describe_split(name: str, rows: Rows) -> str:
    counts = ", ".join(f"{k} {v:,}" for k, v in rows.pattern_counts().items())
    return (
        f"      {name}: {len(rows):,} rows, {int(rows.label.sum()):,} fraud "
        f"({rows.label.mean() * 100:.2f} %: {counts})"
    )


def main(argv: list[str]) -> int:
    args = parse_args(argv)
    alert_budget = args.max_benign_alert_rate * args.alert_budget_headroom

    step(1, STEPS, f"reading {args.data}")
    try:
        data: Dataset = load_dataset(args.data)
    except DatasetError as e:
        say(f"dataset error: {e}")
        return 2
    names = data.feature_names
    say(f"      feature set {data.meta['featureSet']}: {len(names)} features")
    say(describe_split("train.csv", data.train))
    say(describe_split("holdout.csv", data.holdout))

    step(
        2, STEPS, f"holding out {args.validation_fraction:.0%} of the training cards for validation"
    )
    in_val = validation_mask(data.train.card, args.validation_fraction, args.seed)
    fit_rows, val_rows = data.train.subset(~in_val), data.train.subset(in_val)
    say(describe_split("fit", fit_rows))
    say(describe_split("validation", val_rows))

    params = ModelParams(
        max_iter=args.max_iter, max_leaf_nodes=args.max_leaf_nodes, learning_rate=args.learning_rate
    )
    step(3, STEPS, f"training a gradient-boosted tree ensemble (up to {params.max_iter} trees)")
    started = elapsed()
    model = fit(
        fit_rows.features, fit_rows.label, val_rows.features, val_rows.label, params, args.seed
    )
    train_seconds = elapsed() - started

    step(4, STEPS, "exporting to ONNX and checking it against scikit-learn")
    exported = to_onnx(model, data.meta["featureSet"], names)
    scorer = OnnxScorer(exported)
    parity = check_parity(
        scorer, model, np.vstack([val_rows.features, data.holdout.features]), PARITY_TOLERANCE
    )
    say(f"      {len(exported.onnx_bytes) / 1024:.0f} KiB; max |onnx - sklearn| = {parity:.2e}")

    step(5, STEPS, "choosing thresholds on validation, evaluating on the holdout")
    val_scores = scorer.fraud_score(val_rows.features)
    curve = trade_offs(val_scores, val_rows.label, TRADE_OFF_BUDGETS)
    for budget, point in curve:
        say(
            f"      benign budget {budget * 100:5.2f} %: recall {point.recall:.4f}, precision "
            f"{point.precision:.3f}, threshold {point.threshold:.6f}"
        )
    alert = alert_threshold(val_scores, val_rows.label, alert_budget, args.recall_tolerance)
    decline, decline_met = decline_threshold(
        val_scores, val_rows.label, args.decline_precision, alert.threshold, args.decline_min_alerts
    )
    say(
        f"      alert   >= {alert.threshold:.6f}: recall {alert.recall:.3f}, precision "
        f"{alert.precision:.3f}, benign alert rate {alert.benign_alert_rate * 100:.3f} %"
    )
    say(
        f"      decline >= {decline.threshold:.6f}: recall {decline.recall:.3f}, precision "
        f"{decline.precision:.3f}"
        + ("" if decline_met else f"  (precision target {args.decline_precision} NOT reached)")
    )
    holdout_scores = scorer.fraud_score(data.holdout.features)
    metrics = evaluate(data.holdout, holdout_scores, alert.threshold, decline.threshold)
    metrics["validation"] = evaluate(val_rows, val_scores, alert.threshold, decline.threshold)
    met = (
        metrics["prAuc"] >= args.min_pr_auc
        and metrics["benignAlertRate"] <= args.max_benign_alert_rate
    )
    metrics["targets"] = {
        "minPrAuc": args.min_pr_auc,
        "maxBenignAlertRate": args.max_benign_alert_rate,
        "met": met,
    }
    metrics["declineTargetMet"] = decline_met
    splits = {"train": fit_rows, "validation": val_rows, "holdout": data.holdout}
    metrics["rows"] = {name: len(rows) for name, rows in splits.items()}
    metrics["positives"] = {name: int(rows.label.sum()) for name, rows in splits.items()}
    say(
        f"      holdout PR-AUC {metrics['prAuc']:.4f}, "
        f"precision {metrics['precisionAtThreshold']:.3f}"
        f", recall {metrics['recallAtThreshold']:.3f}, benign alert rate "
        f"{metrics['benignAlertRate'] * 100:.3f} %"
    )
    for pattern, recall in metrics["perPatternRecall"].items():
        say(f"        {pattern:<22} recall {recall:.3f}")
    if not met:
        say(
            f"quality targets missed on the holdout (PR-AUC >= {args.min_pr_auc}, benign alert "
            f"rate <= {args.max_benign_alert_rate})"
        )
        if not args.allow_below_target:
            say("nothing written (--allow-below-target writes it anyway)")
            return 3

    step(6, STEPS, f"writing {args.out} and {args.card}")
    trained_at = datetime.now(UTC).replace(microsecond=0)
    model_json = {
        "version": artefacts.model_version(
            data.meta["featureSet"], trained_at, exported.onnx_bytes
        ),
        "featureSet": data.meta["featureSet"],
        "featureNames": names,
        "inputName": exported.input_name,
        "outputName": exported.output_name,
        "threshold": alert.threshold,
        "declineThreshold": decline.threshold,
        "baseline": artefacts.benign_baseline(fit_rows),
        "trainedAt": trained_at.isoformat().replace("+00:00", "Z"),
        "model": describe(params, model),
        "metrics": metrics,
        "samples": artefacts.pick_samples(data.holdout, holdout_scores, args.seed),
    }
    importance = permutation_importance(val_rows, scorer.fraud_score, names, args.seed)
    card = model_card.render(
        model_card.CardInputs(
            model_json=model_json,
            dataset_meta=data.meta,
            feature_docs=data.feature_docs,
            importance=importance,
            trade_offs=curve,
            rows={
                "fit": split_summary(fit_rows),
                "validation": split_summary(val_rows),
                "holdout": split_summary(data.holdout),
            },
            onnx_size=len(exported.onnx_bytes),
            parity=parity,
            train_seconds=train_seconds,
            settings={
                "validation_fraction": args.validation_fraction,
                "alert_budget": alert_budget,
                "recall_tolerance": args.recall_tolerance,
                "max_benign_alert_rate": args.max_benign_alert_rate,
                "decline_precision": args.decline_precision,
                "decline_min_alerts": args.decline_min_alerts,
            },
        )
    )
    # The ONNX file first: model.json names its hash, so a crash never leaves a json without it.
    artefacts.write_atomically(args.out / "model.onnx", exported.onnx_bytes)
    artefacts.write_json(args.out / "model.json", model_json)
    artefacts.write_atomically(args.card, card.encode("utf-8"))
    say(f"      model {model_json['version']}  (total {elapsed():.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
