"""`python -m crawler report [ARCHIVE_DIR] -o report.html`: one self-contained HTML page about
the archive and its runs, charts drawn with plotly (plotly.js embedded: the page loads nothing
from the network):

- articles per site per month (stacked bars; `site.domain`, publication month);
- skipped pages by reason (every run of runs.ndjson added up);
- flags (records carrying each);
- new and changed articles per run;
- run durations.

Each chart's figure is a JSON block (`<script type="application/json" data-chart=NAME>`)
that the page hands to Plotly, so the numbers are readable without a browser.
"""

from __future__ import annotations

import argparse
import html
import json
import sys
from collections import Counter
from datetime import datetime
from pathlib import Path
from typing import Any

import plotly.graph_objects as go
from plotly.offline import get_plotlyjs
from plotly.utils import PlotlyJSONEncoder

from crawler.cli import add_archive_argument
from crawler.cli.table import connect
from crawler.page.record import utc_now_iso
from crawler.store.runlog import RUN_LOG

_ARTICLES_SQL = """
    SELECT site.domain AS site, coalesce(substr(published_at, 1, 7), 'undated') AS month,
           count(DISTINCT id) AS articles
    FROM records GROUP BY ALL ORDER BY month, site"""
_FLAGS_SQL = """
    SELECT flag, count(*) AS records FROM (SELECT unnest(flags) AS flag FROM records)
    GROUP BY ALL ORDER BY records DESC, flag"""
_TOTALS_SQL = "SELECT count(*), count(DISTINCT id), count(DISTINCT site.domain) FROM records"
_LAYOUT: dict[str, Any] = {"template": "plotly_white", "margin": {"t": 40, "b": 40}}
# the page: plotly.js, then each chart's figure handed to Plotly.newPlot
_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>{title}</title>
<style>body{{font-family:sans-serif;margin:2em auto;max-width:70em}}
section{{margin-bottom:2em}} td,th{{padding:.2em 1em;text-align:left}}</style>
<script>{plotly_js}</script></head>
<body><h1>{title}</h1>
<table>{summary}</table>
{sections}
<script>
for (const data of document.querySelectorAll('script[data-chart]')) {{
  const figure = JSON.parse(data.textContent);
  Plotly.newPlot(data.previousElementSibling, figure.data, figure.layout, {{responsive: true}});
}}
</script></body></html>
"""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    add_archive_argument(parser)
    parser.add_argument("-o", "--out", type=Path, default=Path("report.html"), help="the page")


def run(args: argparse.Namespace) -> int:
    page = report_html(args.archive)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(page, "utf-8")
    sys.stdout.write(f"report -> {args.out}\n")
    return 0


def report_html(archive: Path) -> str:
    runs = read_runs(archive)
    with connect(archive) as con:
        articles = con.execute(_ARTICLES_SQL).fetchall()
        flags = con.execute(_FLAGS_SQL).fetchall()
        totals = con.execute(_TOTALS_SQL).fetchone() or (0, 0, 0)
    charts = {
        "articles per site per month": articles_chart(articles),
        "skipped pages by reason": skips_chart(runs),
        "flags": flags_chart(flags),
        "new and changed articles per run": new_changed_chart(runs),
        "run durations": durations_chart(runs),
    }
    summary = {
        "archive": str(archive), "records (versions)": totals[0], "articles": totals[1],
        "sites": totals[2], "runs": len(runs),
        "last run": f"{runs[-1]['run_id']} ({runs[-1].get('finish_reason')})" if runs else "none",
        "written at": utc_now_iso(),
    }  # fmt: skip
    return _PAGE.format(
        title="govnews archive report",
        plotly_js=get_plotlyjs(),
        summary="".join(
            f"<tr><th>{html.escape(k)}</th><td>{html.escape(str(v))}</td></tr>"
            for k, v in summary.items()
        ),
        sections="\n".join(_section(name, figure) for name, figure in charts.items()),
    )


def read_runs(archive: Path) -> list[dict[str, Any]]:
    """The run log's complete lines, oldest first."""
    path = archive / RUN_LOG
    if not path.exists():
        return []
    with path.open("rb") as fh:
        return [json.loads(line) for line in fh if line.endswith(b"\n")]


def articles_chart(rows: list[tuple[str, str, int]]) -> go.Figure:
    months = sorted({month for _, month, _ in rows}, key=lambda m: (m == "undated", m))
    by_site: dict[str, dict[str, int]] = {}
    for site, month, count in rows:
        by_site.setdefault(site, {})[month] = int(count)
    figure = go.Figure(
        [go.Bar(name=site, x=months, y=[counts.get(m, 0) for m in months])
         for site, counts in sorted(by_site.items())]
    )  # fmt: skip
    # category axis: "undated" is a month of its own
    return figure.update_layout(
        barmode="stack", xaxis={"type": "category"}, yaxis_title="articles", **_LAYOUT
    )


def skips_chart(runs: list[dict[str, Any]]) -> go.Figure:
    skipped: Counter[str] = Counter()
    for run in runs:
        skipped.update({k: int(v) for k, v in run.get("counts", {}).get("skipped", {}).items()})
    reasons = sorted(skipped, key=lambda r: (-skipped[r], r))
    figure = go.Figure(go.Bar(x=[skipped[r] for r in reasons], y=reasons, orientation="h"))
    return figure.update_layout(xaxis_title="pages", yaxis={"autorange": "reversed"}, **_LAYOUT)


def flags_chart(rows: list[tuple[str, int]]) -> go.Figure:
    figure = go.Figure(go.Bar(x=[flag for flag, _ in rows], y=[int(n) for _, n in rows]))
    return figure.update_layout(yaxis_title="records", **_LAYOUT)


def new_changed_chart(runs: list[dict[str, Any]]) -> go.Figure:
    ids = [run["run_id"] for run in runs]
    figure = go.Figure(
        [go.Bar(name=kind, x=ids, y=[int(run.get("counts", {}).get(kind, 0)) for run in runs])
         for kind in ("new", "changed")]
    )  # fmt: skip
    return figure.update_layout(barmode="group", yaxis_title="articles", **_LAYOUT)


def durations_chart(runs: list[dict[str, Any]]) -> go.Figure:
    figure = go.Figure(
        go.Bar(x=[run["run_id"] for run in runs], y=[run_seconds(run) for run in runs])
    )
    return figure.update_layout(yaxis_title="seconds", **_LAYOUT)


def run_seconds(run: dict[str, Any]) -> float:
    started, finished = run.get("started_at"), run.get("finished_at")
    if not started or not finished:
        return 0.0
    return (_when(finished) - _when(started)).total_seconds()


def _when(iso: str) -> datetime:
    return datetime.fromisoformat(iso.replace("Z", "+00:00"))


def _section(name: str, figure: go.Figure) -> str:
    data = json.dumps(figure.to_plotly_json(), cls=PlotlyJSONEncoder, ensure_ascii=False)
    data = data.replace("</", "<\\/")  # a site name cannot end the script element
    return (
        f'<section><h2>{html.escape(name.capitalize())}</h2><div class="chart"></div>'
        f'<script type="application/json" data-chart="{html.escape(name)}">{data}</script>'
        "</section>"
    )
