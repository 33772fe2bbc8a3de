"""The table, the JSON of raw figures and the plot of one benchmark run."""

from __future__ import annotations

import json
import os
import platform
import statistics
import subprocess
from dataclasses import asdict
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path
from typing import Any

from bench._rows import Row, median, target_met

PACKAGES = ("gpuaas-sdk", "httpx", "httpcore", "attrs", "python-dateutil", "matplotlib")


def spread(samples: list[float]) -> tuple[float, float]:
    """p10 and p90 of the samples (the extremes when there are too few to interpolate)."""
    if len(samples) < 3:
        return min(samples), max(samples)
    deciles = statistics.quantiles(samples, n=10, method="inclusive")
    return deciles[0], deciles[-1]


def baseline_of(row: Row, rows: list[Row]) -> Row | None:
    if row.baseline is None:
        return None
    for other in rows:
        if other.group == row.group and other.name == row.baseline:
            return other
    return None


def ratio(row: Row, base: Row | None) -> float | None:
    if base is None or median(base.samples) == 0:
        return None
    return median(row.samples) / median(base.samples)


def summary(rows: list[Row]) -> list[dict[str, Any]]:
    """One dict per row: its raw samples plus the figures the table shows."""
    out = []
    for row in rows:
        base = baseline_of(row, rows)
        p10, p90 = spread(row.samples)
        out.append({
            **asdict(row),
            "median": median(row.samples),
            "p10": p10,
            "p90": p90,
            "ratio": ratio(row, base),
            "target_met": target_met(row, base),
        })  # fmt: skip
    return out


def _figure(value: float) -> str:
    if value >= 1000:
        return f"{value:,.0f}"
    if value >= 10:
        return f"{value:.1f}"
    return f"{value:.3g}"


def table(rows: list[Row]) -> str:
    """The medians, spreads, ratios and target verdicts as aligned text."""
    lines = []
    header = ("variant", "median", "unit", "p10-p90", "ratio", "target", "met")
    cells: list[tuple[str, ...]] = []
    groups: list[str] = []
    for item in summary(rows):
        if item["group"] not in groups:
            groups.append(item["group"])
            cells.append((f"[{item['group']}]", "", "", "", "", "", ""))
        met = {True: "yes", False: "MISSED", None: ""}[item["target_met"]]
        cells.append((
            "  " + item["name"],
            _figure(item["median"]),
            item["unit"],
            f"{_figure(item['p10'])}-{_figure(item['p90'])}",
            f"{item['ratio']:.2f}x" if item["ratio"] is not None else "",
            item["target"] or "",
            met,
        ))  # fmt: skip
    widths = [max(len(c[i]) for c in [header, *cells]) for i in range(len(header))]
    for cell in [header, *cells]:
        lines.append("  ".join(text.ljust(width) for text, width in zip(cell, widths, strict=True)))
    return "\n".join(line.rstrip() for line in lines)


def _cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def _git(*args: str) -> str | None:
    try:
        done = subprocess.run(  # noqa: S603
            ["git", *args],  # noqa: S607  (git from PATH, read-only commands)
            capture_output=True,
            text=True,
            check=True,
            cwd=Path(__file__).parent,
        )
    except (OSError, subprocess.CalledProcessError):
        return None
    return done.stdout.strip()


def machine() -> dict[str, Any]:
    """What the figures were measured on (they mean little without it)."""
    versions: dict[str, str | None] = {}
    for name in PACKAGES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = None
    dirty = _git("status", "--porcelain", "--untracked-files=no")
    try:
        load = os.getloadavg()
    except OSError:
        load = None
    return {
        "cpu": _cpu_model(),
        "cores": os.cpu_count(),
        "load_average_at_start": load,
        "python": platform.python_version(),
        "implementation": platform.python_implementation(),
        "os": platform.platform(),
        "packages": versions,
        "git_commit": _git("rev-parse", "HEAD"),
        "git_dirty": bool(dirty) if dirty is not None else None,
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
    }


def write_json(path: Path, rows: list[Row], info: dict[str, Any], extra: dict[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    document = {"machine": info, **extra, "rows": summary(rows)}
    path.write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def load(path: Path) -> tuple[list[Row], dict[str, Any]]:
    """The rows and machine of a written JSON (to redraw its plot)."""
    document = json.loads(path.read_text(encoding="utf-8"))
    fields = ("group", "name", "unit", "samples", "baseline", "target", "higher_is_better")
    rows = [Row(**{key: item[key] for key in fields}) for item in document["rows"]]
    return rows, document["machine"]


def plot(path: Path, rows: list[Row], info: dict[str, Any]) -> None:
    """One panel per comparison: medians as bars, p10-p90 as whiskers, missed targets in red."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    groups: dict[str, list[dict[str, Any]]] = {}
    for item in summary(rows):
        groups.setdefault(item["group"], []).append(item)
    if not groups:
        return
    columns = 2
    lines = (len(groups) + columns - 1) // columns
    fig, axes = plt.subplots(lines, columns, figsize=(13, 2.6 * lines + 0.8), squeeze=False)
    colours = {True: "#2a9d4b", False: "#d1495b", None: "#5b7fa6"}
    for ax, (group, items) in zip(axes.flat, groups.items(), strict=False):
        names = [item["name"] for item in items]
        medians = [item["median"] for item in items]
        low = [max(0.0, item["median"] - item["p10"]) for item in items]  # rounding: never < 0
        high = [max(0.0, item["p90"] - item["median"]) for item in items]
        ax.barh(names, medians, xerr=[low, high], capsize=3,
                color=[colours[item["target_met"]] for item in items])  # fmt: skip
        ax.invert_yaxis()
        ax.set_title(group, fontsize=10)
        better = " (higher is better)" if items[0]["higher_is_better"] else ""
        ax.set_xlabel(items[0]["unit"] + better)
        ax.tick_params(labelsize=8)
    for ax in list(axes.flat)[len(groups) :]:
        ax.axis("off")
    fig.suptitle(
        f"gpuaas-sdk benchmarks — {info['cpu']}, {info['cores']} cores, Python {info['python']}, "
        f"commit {(info['git_commit'] or '?')[:10]}  (green: target met, red: missed)",
        fontsize=9,
    )
    height = 2.6 * lines + 0.8
    fig.tight_layout(rect=(0, 0, 1, 1 - 0.5 / height))  # leave the title its own band
    path.parent.mkdir(parents=True, exist_ok=True)
    fig.savefig(path, dpi=110)
    plt.close(fig)
