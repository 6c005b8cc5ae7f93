#!/usr/bin/env python3
"""Read a hasim result directory with pandas and plot a headline metric against a swept parameter.

    python3 examples/python/plot_results.py results/flagship            # writes results/flagship/headline.png
    python3 examples/python/plot_results.py results/dr --metric availability_pct --param failover.timeout
    python3 examples/python/plot_results.py results/flagship --check    # prints the tables as JSON (tests)

Column types (the contract of runs.csv and summary.csv, kept exactly by load_runs / load_summary):

    runs.csv     experiment str, config_id str, replication int64, seed str (digits, may exceed 2**53),
                 one column per swept parameter (int64 or float64 when every value is a number, else str),
                 each followed, where its values are durations or rates with a unit ("5s", "100/s"), by
                 its numeric companion <swept>_s (seconds) or <swept>_per_s (per second), int64 or float64,
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
import re
import sys

import pandas as pd

FIXED_RUN_COLUMNS = ["experiment", "config_id", "replication", "seed"]
STAT_COLUMNS = ["mean", "std", "ci95_low", "ci95_high"]


def _header(path):
    with open(path, newline="", encoding="utf-8") as f:
        return next(csv.reader(f))


def _meta(result_dir):
    path = os.path.join(result_dir, "meta.json")
    if not os.path.exists(path):
        return {}
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def numeric_companions(result_dir):
    """Swept column -> its numeric companion column (`<swept>_s` in seconds, `<swept>_per_s` per second).

    meta.json's numeric_columns where present, else a column named so right after its swept column.
    """
    path = os.path.join(result_dir, "summary.csv")
    header = _header(path if os.path.exists(path) else os.path.join(result_dir, "runs.csv"))
    after = {c: header[i + 1] for i, c in enumerate(header[:-1])}
    mapping = _meta(result_dir).get("numeric_columns")
    if isinstance(mapping, dict):
        return {c: v["column"] for c, v in mapping.items() if isinstance(v, dict) and after.get(c) == v.get("column")}
    out = {}
    for c in header:
        if c in out.values():
            continue
        if after.get(c) in (f"{c}_s", f"{c}_per_s"):
            out[c] = after[c]
    return out


def swept_columns(result_dir):
    """Swept parameter columns: those between config_id and metric in summary.csv (else meta.json's list),
    without their numeric companions."""
    summary = os.path.join(result_dir, "summary.csv")
    if os.path.exists(summary):
        h = _header(summary)
        cols = h[h.index("config_id") + 1 : h.index("metric")]
    else:
        cols = list(_meta(result_dir).get("swept_columns", []))
    companions = set(numeric_companions(result_dir).values())
    return [c for c in cols if c not in companions]


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
    companions = set(numeric_companions(result_dir).values())
    header = _header(path)
    metrics = [c for c in header if c not in FIXED_RUN_COLUMNS and c not in swept and c not in companions]
    dtypes = {"experiment": str, "config_id": str, "replication": "int64", "seed": str}
    dtypes.update({m: "float64" for m in metrics})
    return _read(path, dtypes)


def load_summary(result_dir):
    dtypes = {"experiment": str, "config_id": str, "metric": str, "n": "int64"}
    dtypes.update({s: "float64" for s in STAT_COLUMNS})
    df = _read(os.path.join(result_dir, "summary.csv"), dtypes)
    if "note" in df.columns:
        # A note is text; an empty one is "" (no note), not a missing value.
        df["note"] = df["note"].fillna("").astype(str)
    return df


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


_SECONDS = {"ns": 1e-9, "us": 1e-6, "µs": 1e-6, "ms": 1e-3, "s": 1, "m": 60, "min": 60, "h": 3600, "d": 86400, "w": 604800, "y": 31536000}
_UNITS = [("_per_year_s", "s/yr"), ("_per_s", "/s"), ("_pct", "%"), ("_ms", "ms"), ("_count", "count"), ("_s", "s")]


def seconds(v):
    """A swept duration as written ("250ms", "1s", "5m", "7d") in seconds, or None if it is not one."""
    m = re.fullmatch(r"\s*([0-9.eE+-]+)\s*([a-zµ]*)\s*", str(v))
    if not m or m.group(2) not in _SECONDS and m.group(2) != "":
        return None
    try:
        return float(m.group(1)) * _SECONDS.get(m.group(2), 1)
    except ValueError:
        return None


def axis_label(metric):
    """"downtime_per_year_s" -> "downtime per year (s/yr)": the name in words and its unit."""
    for suffix, unit in _UNITS:
        if metric.endswith(suffix):
            return f"{metric[: -len(suffix)].replace('_', ' ')} ({unit})"
    return metric.replace("_", " ")


def x_axis(rows, param, companion=None):
    """(x values, axis label, numeric?): the numeric companion (durations in seconds, rates per second),
    numbers as they are, anything else as categories in sweep order."""
    col = rows[param]
    name = param.split(".")[-1]
    if companion is not None:
        unit = "/s" if companion.endswith("_per_s") else "s"
        return rows[companion].astype(float), f"{name} ({unit})", True
    if pd.api.types.is_numeric_dtype(col):
        return col.astype(float), name, True
    secs = col.map(seconds)  # result directories written before the numeric companions
    if secs.notna().all():
        return secs, f"{name} (s)", True
    return col.astype(str), name, False


def plot(result_dir, summary, metric, param, out):
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    swept = swept_columns(result_dir)
    others = [c for c in swept if c != param]
    rows = summary[summary["metric"] == metric].copy()
    rows["_x"], xlabel, numeric = x_axis(rows, param, numeric_companions(result_dir).get(param))
    if numeric:
        rows = rows.sort_values("_x", kind="stable")
    else:
        order = list(dict.fromkeys(rows["_x"]))
        rows["_pos"] = rows["_x"].map(order.index)
    fig, ax = plt.subplots(figsize=(6, 4))
    groups = rows.groupby(others if len(others) > 1 else others[0], sort=False) if others else [((), rows)]
    for k, (key, g) in enumerate(groups):
        key = key if isinstance(key, tuple) else (key,)
        label = ", ".join(f"{c.split('.')[-1]}={v}" for c, v in zip(others, key)) or metric
        err = [g["mean"] - g["ci95_low"], g["ci95_high"] - g["mean"]]
        if numeric:
            ax.plot(g["_x"], g["mean"], marker="o", label=label)
            ax.fill_between(g["_x"], g["ci95_low"], g["ci95_high"], alpha=0.2)
        else:
            # Categories: points with error bars, never a line between them.
            ax.errorbar(g["_pos"] + 0.08 * k, g["mean"], yerr=err, fmt="o", capsize=3, label=label)
    if numeric:
        xs = rows["_x"]
        if xs.min() > 0 and xs.max() / xs.min() >= 20:
            ax.set_xscale("log")
        ax.set_xticks(sorted(set(xs)))
        ax.set_xticklabels([f"{v:g}" for v in sorted(set(xs))])
    else:
        ax.set_xticks(range(len(order)))
        ax.set_xticklabels(order, rotation=20, ha="right")
    ax.ticklabel_format(axis="y", useOffset=False, style="plain")
    ax.set_xlabel(xlabel)
    ax.set_ylabel(axis_label(metric))
    ax.set_title(f"{axis_label(metric)}: mean and 95% interval", fontsize="medium")
    if others:
        ax.legend(fontsize="small")
    fig.tight_layout()
    fig.savefig(out, dpi=120)
    plt.close(fig)
    return rows


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
    companions = numeric_companions(args.result_dir)
    rows = summary[summary["metric"] == metric].copy()
    rows["_x"], _, numeric = x_axis(rows, param, companions.get(param))
    if numeric:
        rows = rows.sort_values("_x", kind="stable")  # durations in numeric order: 1s, 5s, 15s, 30s, 60s
    shown = [x for c in swept for x in ([c, companions[c]] if c in companions else [c])]
    print(rows[["config_id", *shown, "mean", "ci95_low", "ci95_high", "n"]].to_string(index=False))
    try:
        plot(args.result_dir, summary, metric, param, out)
    except ImportError:
        print("matplotlib is not installed: no chart (apt-get install python3-matplotlib)", file=sys.stderr)
        return 0
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
