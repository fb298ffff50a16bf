"""MODEL_CARD.md, written by every training run from what that run measured."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from .thresholds import OperatingPoint


@dataclass(frozen=True)
class CardInputs:
    model_json: dict
    dataset_meta: dict
    feature_docs: dict[str, str]
    importance: list[tuple[str, float]]
    trade_offs: list[tuple[float, OperatingPoint]]  # (benign budget, best point within it)
    rows: dict[str, dict]  # split -> {rows, positives, patterns, cards, from, to}
    onnx_size: int
    parity: float
    train_seconds: float
    settings: dict


def _pct(v: float) -> str:
    return f"{v * 100:.2f} %"


def _day(ms: int) -> str:
    return datetime.fromtimestamp(ms / 1000, tz=UTC).strftime("%Y-%m-%d %H:%M")


def _features(c: CardInputs) -> list[str]:
    m = c.model_json
    drop = dict(c.importance)
    lines = [
        "| # | feature | description | benign median (baseline) | PR-AUC drop when shuffled |",
        "| ---: | --- | --- | ---: | ---: |",
    ]
    for i, (name, base) in enumerate(zip(m["featureNames"], m["baseline"], strict=True)):
        doc = c.feature_docs.get(name, "").replace("|", "\\|").replace("\n", " ")
        shuffled = round(drop.get(name, 0.0), 4) + 0.0  # + 0.0 turns -0.0 into 0.0
        lines.append(f"| {i} | `{name}` | {doc or '—'} | {base:.6g} | {shuffled:.4f} |")
    return lines


def _data(c: CardInputs) -> list[str]:
    meta = c.dataset_meta
    lines = [
        f"Feature set `{meta['featureSet']}`, built by the dataset builder from the traffic "
        "generator's labelled fraud patterns through the topology's own feature code, so training "
        "and serving compute features identically. "
        f"Training seed {meta.get('trainSeed', '?')}, holdout seed {meta.get('holdoutSeed', '?')} "
        "(a different generator run: other cards, other timings).",
        "",
    ]
    if isinstance(meta.get("description"), str):
        lines += [meta["description"], ""]
    lines += [
        "| split | rows | fraud rows | fraud share | cards | event time (UTC) |",
        "| --- | ---: | ---: | ---: | ---: | --- |",
    ]
    for name, r in c.rows.items():
        lines.append(
            f"| {name} | {r['rows']:,} | {r['positives']:,} | {_pct(r['positives'] / r['rows'])} "
            f"| {r['cards']:,} | {_day(r['from'])} → {_day(r['to'])} |"
        )
    patterns = sorted({p for r in c.rows.values() for p in r["patterns"]})
    lines += ["", "| fraud pattern | " + " | ".join(c.rows) + " |"]
    lines.append("| --- |" + " ---: |" * len(c.rows))
    for p in patterns:
        counts = " | ".join(f"{r['patterns'].get(p, 0):,}" for r in c.rows.values())
        lines.append(f"| {p} | {counts} |")
    return lines


def _evaluation(c: CardInputs) -> list[str]:
    m = c.model_json["metrics"]
    h, v = m, m["validation"]
    rows = [
        ("PR-AUC (average precision)", "prAuc", lambda x: f"{x:.4f}"),
        ("ROC-AUC", "rocAuc", lambda x: f"{x:.4f}"),
        ("precision at alert threshold", "precisionAtThreshold", _pct),
        ("recall at alert threshold", "recallAtThreshold", _pct),
        ("benign alert rate", "benignAlertRate", _pct),
        ("precision at decline threshold", "precisionAtDecline", _pct),
        ("recall at decline threshold", "recallAtDecline", _pct),
        ("benign decline rate", "benignDeclineRate", _pct),
    ]
    lines = ["| metric | holdout | validation |", "| --- | ---: | ---: |"]
    lines += [f"| {label} | {fmt(h[key])} | {fmt(v[key])} |" for label, key, fmt in rows]
    lines += [
        "",
        "Recall per fraud pattern (holdout):",
        "",
        "| pattern | at alert threshold | at decline threshold |",
        "| --- | ---: | ---: |",
    ]
    for p, recall in h["perPatternRecall"].items():
        lines.append(f"| {p} | {_pct(recall)} | {_pct(h['perPatternDeclineRecall'].get(p, 0))} |")
    return lines


def _alert_rule(m: dict, s: dict) -> str:
    return (
        f"- Alert `threshold` = {m['threshold']:.6f}: the best recall with benign alerts within "
        f"{_pct(s['alert_budget'])} of benign validation rows (the "
        f"{_pct(s['max_benign_alert_rate'])} target less headroom for the difference between "
        "validation and unseen traffic), less a tolerance of "
        f"{s['recall_tolerance'] * 100:.1f} percentage points, at the highest threshold that "
        "reaches it. The tolerance keeps the threshold out of the score tail, where a handful of "
        "extra frauds would cost most of the alert budget."
    )


def _trade_offs(c: CardInputs) -> list[str]:
    lines = [
        "Best recall within a benign alert budget (validation):",
        "",
        "| benign alert budget | recall | precision | threshold |",
        "| ---: | ---: | ---: | ---: |",
    ]
    for budget, p in c.trade_offs:
        lines.append(
            f"| {_pct(budget)} | {_pct(p.recall)} | {_pct(p.precision)} | {p.threshold:.6f} |"
        )
    return lines


def _decline_rule(m: dict, s: dict) -> str:
    met = m["metrics"]["declineTargetMet"]
    return (
        f"- `declineThreshold` = {m['declineThreshold']:.6f}: the lowest threshold whose "
        f"validation precision is at least {_pct(s['decline_precision'])} over at least "
        f"{s['decline_min_alerts']} payments"
        + ("." if met else " — NOT reached; this is the most precise point.")
    )


def render(c: CardInputs) -> str:
    m = c.model_json
    s = c.settings
    targets = m["metrics"]["targets"]
    lines = [
        "# Model card: fraud score",
        "",
        "Written by `npm run train` (ml/train.py); regenerate rather than edit by hand.",
        "",
        "## Model",
        "",
        f"- Version `{m['version']}`, trained {m['trainedAt']} in {c.train_seconds:.0f} s.",
        f"- {m['model']['type']} (scikit-learn): {m['model']['trees']} trees of at most "
        f"{m['model']['maxLeafNodes']} leaves, learning rate {m['model']['learningRate']}, "
        f"early stopping on the validation cards' log-loss.",
        f"- ONNX `ml/model/model.onnx` ({c.onnx_size / 1024:.0f} KiB): input `{m['inputName']}` "
        f"float32 [N, {len(m['featureNames'])}] in the feature order below; output "
        f"`{m['outputName']}` float32 [N, 2], column 1 = probability of fraud.",
        f"- The exported model matches scikit-learn within {c.parity:.1e} (onnxruntime, every "
        "validation and holdout row; the run fails above 1e-5). `samples` in model.json are "
        "holdout rows with their probabilities, for consumers to check their own runtime.",
        "",
        "## Intended use",
        "",
        "Scores each payment in the streams topology from the card's windowed behaviour and its "
        "account and merchant context. At or above `threshold` a payment becomes an alert for "
        "analysts; at or above `declineThreshold` the score is high enough to decline. `baseline` "
        "(benign medians) lets the topology explain a score by substituting one feature at a time.",
        "",
        "## Features, in model input order",
        "",
        *_features(c),
        "",
        "## Training data",
        "",
        *_data(c),
        "",
        f"The validation split holds out {_pct(s['validation_fraction'])} of the training *cards* "
        "(all rows of a card on one side), so early stopping and thresholds see unseen cards. "
        "The holdout is used only for the figures below.",
        "",
        "## Thresholds (chosen on the validation cards)",
        "",
        _alert_rule(m, s),
        _decline_rule(m, s),
        "",
        *_trade_offs(c),
        "",
        "## Evaluation",
        "",
        f"Targets on the holdout: PR-AUC ≥ {targets['minPrAuc']}, benign alert rate ≤ "
        f"{_pct(targets['maxBenignAlertRate'])} — {'met' if targets['met'] else 'NOT met'}.",
        "",
        *_evaluation(c),
        "",
        "## Limitations",
        "",
        "- Trained on generated traffic. The four patterns are the generator's; fraud that looks "
        "like none of them is caught only through the generic signals, and real traffic will "
        "shift every feature's distribution. Retrain on labelled production data (analyst "
        "decisions on `fraud.labels`) before trusting these numbers elsewhere.",
        f"- Precision depends on the fraud share: the holdout has "
        f"{_pct(c.rows['holdout']['positives'] / c.rows['holdout']['rows'])} fraud rows. With "
        "rarer fraud the same thresholds give lower precision.",
        "- Probabilities are not calibrated for other fraud shares; use the thresholds, not the "
        "raw value, for decisions.",
        "- Rows are labelled per payment; a card-testing burst counts each probe, so pattern "
        "recall is per payment, not per incident.",
        "",
        "## How to retrain",
        "",
        "```sh",
        "npm run train                     # dataset, venv, training, export, this card",
        "ML_REUSE_DATASET=1 npm run train  # retrain on the existing ml/data CSVs",
        "```",
        "",
        "The first run creates the Python venv `.stack/venv-ml` from `ml/requirements.txt` "
        "(pinned); it is re-synced when that file changes. A run that misses the holdout targets "
        "writes nothing (train.py `--allow-below-target` overrides). Commit `ml/model/` and this "
        "card together; the version's last part is a hash of the ONNX bytes.",
        "",
    ]
    return "\n".join(lines)
