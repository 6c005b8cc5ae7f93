#!/usr/bin/env python3
"""Read a hasim result directory with pandas and plot a headline metric against a swept parameter.

    python3 examples/python/plot_results.py results/flagship            # writes results/flagship/headline.png
    python3 examples/python/plot_results.py results/dr --metric availability_pct --param failover.timeout
    python3 examples/python/plot_results.py results/flagship --check    # prints the tables as JSON (tests)

Column types (the contract of runs.csv and summary.csv, kept exactly by load_runs / load_summary):

    runs.csv     experiment str, config_id str, replication int64, seed str (digits, may exceed 2**53),
                 one column per swept parameter (int64 or float64 when every value is a number, else str),
                 one float64 column per metric (empty cell = NaN, "inf" / "-inf" = infinity)
    summary.csv  experiment str, config_id str, the swept columns as above, metric str,
                 mean, std, ci95_low, ci95_high float64, n int64

Numbers are read with float_precision="round_trip", so every value is the double hasim wrote
(pandas' default fast parser can be off in the last bit). Only an empty cell is missing:
strings such as "NA" or "None" stay strings.
"""
import argparse
import csv
import json
import math
import os
import sys

import pandas as pd

FIXED_RUN_COLUMNS = ["experiment", "config_id", "replication", "seed"]
STAT_COLUMNS = ["mean", "std", "ci95_low", "ci95_high"]


def _header(path):
    with open(path, newline="", encoding="utf-8") as f:
        return next(csv.reader(f))


def swept_columns(result_dir):
    """Swept parameter columns: those between config_id and metric in summary.csv (else meta.json's list)."""
    summary = os.path.join(result_dir, "summary.csv")
    if os.path.exists(summary):
        h = _header(summary)
        return h[h.index("config_id") + 1 : h.index("metric")]
    with open(os.path.join(result_dir, "meta.json"), encoding="utf-8") as f:
        return list(json.load(f).get("swept_columns", []))


def _read(path, dtypes):
    return pd.read_csv(
        path,
        dtype=dtypes,
        keep_default_na=False,
        na_values=[""],
        float_precision="round_trip",
    )


def load_runs(result_dir):
    path = os.path.join(result_dir, "runs.csv")
    swept = swept_columns(result_dir)
    header = _header(path)
    metrics = [c for c in header if c not in FIXED_RUN_COLUMNS and c not in swept]
    dtypes = {"experiment": str, "config_id": str, "replication": "int64", "seed": str}
    dtypes.update({m: "float64" for m in metrics})
    return _read(path, dtypes)


def load_summary(result_dir):
    dtypes = {"experiment": str, "config_id": str, "metric": str, "n": "int64"}
    dtypes.update({s: "float64" for s in STAT_COLUMNS})
    return _read(os.path.join(result_dir, "summary.csv"), dtypes)


def headline_metric(result_dir, summary):
    """availability_pct where it was measured, else the model's first headline metric, else the first metric."""
    metrics = list(dict.fromkeys(summary["metric"]))
    if "availability_pct" in metrics:
        return "availability_pct"
    meta_path = os.path.join(result_dir, "meta.json")
    if os.path.exists(meta_path):
        with open(meta_path, encoding="utf-8") as f:
            for m in json.load(f).get("headline", []):
                if m in metrics:
                    return m
    return metrics[0]


def plot(result_dir, summary, metric, param, out):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    swept = swept_columns(result_dir)
    others = [c for c in swept if c != param]
    rows = summary[summary["metric"] == metric].sort_values(param)
    fig, ax = plt.subplots(figsize=(6, 4))
    groups = rows.groupby(others, sort=False) if others else [((), rows)]
    for key, g in groups:
        key = key if isinstance(key, tuple) else (key,)
        label = ", ".join(f"{c}={v}" for c, v in zip(others, key)) or metric
        ax.plot(g[param], g["mean"], marker="o", label=label)
        ax.fill_between(g[param], g["ci95_low"], g["ci95_high"], alpha=0.2)
    ax.set_xlabel(param)
    ax.set_ylabel(metric)
    ax.set_title(f"{metric} against {param} (mean, 95% CI)")
    ax.legend(fontsize="small")
    fig.tight_layout()
    fig.savefig(out, dpi=120)
    plt.close(fig)


def _jsonable(v):
    if isinstance(v, float):
        if math.isnan(v):
            return None
        if math.isinf(v):
            return "inf" if v > 0 else "-inf"
    if hasattr(v, "item"):  # numpy scalar
        return _jsonable(v.item())
    return v


def table_json(df):
    return {
        "rows": len(df),
        "dtypes": {c: str(t) for c, t in df.dtypes.items()},
        "columns": {c: [_jsonable(v) for v in df[c].tolist()] for c in df.columns},
    }


def main(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("result_dir")
    ap.add_argument("--metric", help="metric to plot (default: availability_pct or the model's headline)")
    ap.add_argument("--param", help="swept parameter on the x axis (default: the first)")
    ap.add_argument("--out", help="image file (default: RESULT_DIR/headline.png)")
    ap.add_argument("--check", action="store_true", help="print both tables with their dtypes as JSON and exit")
    args = ap.parse_args(argv)

    runs = load_runs(args.result_dir)
    summary = load_summary(args.result_dir)
    if args.check:
        json.dump({"runs": table_json(runs), "summary": table_json(summary)}, sys.stdout, allow_nan=False)
        return 0

    swept = swept_columns(args.result_dir)
    if not swept:
        print("nothing was swept: no chart", file=sys.stderr)
        return 1
    metric = args.metric or headline_metric(args.result_dir, summary)
    param = args.param or swept[0]
    out = args.out or os.path.join(args.result_dir, "headline.png")
    print(summary[summary["metric"] == metric][["config_id", *swept, "mean", "ci95_low", "ci95_high", "n"]].to_string(index=False))
    try:
        plot(args.result_dir, summary, metric, param, out)
    except ImportError:
        print("matplotlib is not installed: no chart (apt-get install python3-matplotlib)", file=sys.stderr)
        return 0
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
