"""Building blocks of train.py: dataset, split, model, thresholds, evaluation, export, card."""
