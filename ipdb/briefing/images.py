"""The workbook's three charts drawn as PNG images for the Word briefing (matplotlib, no screen needed).

The Chinese is set in Noto Sans CJK SC from the mplfonts package, loaded by file: the images look the same on
every PC, whatever fonts it has. Each chart is drawn on its own Figure (never pyplot's global state).
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Any

from ipdb.briefing.model import TREND_KEYS, Briefing
from ipdb.figures.registry import METRICS_BY_KEY

FONT_FILE = "NotoSansCJKsc-Regular.otf"
DPI = 200
WIDTH_CM = 16.0
COLORS = ("#2F5597", "#C55A11")
TOP_BARS = 10


@dataclass(frozen=True)
class ChartImage:
    title: str
    png: bytes
    height_cm: float


def chart_images(b: Briefing) -> list[ChartImage]:
    """The trend, the towns and the top ten enterprises, as the workbook's 概览 shows them (a chart without
    rows is left out, as there)."""
    with _cjk_font():
        images = [_trend(b)]
        towns = b.rankings["town"][0].ranking.rows
        if towns:
            names, values = [r.name for r in towns], [float(r.value) for r in towns]
            images.append(_bars("各街道/镇发明专利拥有量（件）", names, values, horizontal=False))
        top = b.rankings["enterprise"][0].ranking.rows[:TOP_BARS]
        if top:
            names, values = [r.name for r in top], [float(r.value) for r in top]
            images.append(_bars("发明专利拥有量前十企业（件）", names, values, horizontal=True))
    return images


def _cjk_font() -> Any:
    """Matplotlib settings for the duration of the drawing: the bundled CJK font, a minus sign it has."""
    from importlib.resources import files

    import matplotlib
    from matplotlib import font_manager

    path = str(files("mplfonts") / "fonts" / FONT_FILE)
    font_manager.fontManager.addfont(path)
    name = font_manager.FontProperties(fname=path).get_name()
    return matplotlib.rc_context({"font.family": name, "axes.unicode_minus": False})


def _figure(height_cm: float) -> Any:
    from matplotlib.figure import Figure

    return Figure(figsize=(WIDTH_CM / 2.54, height_cm / 2.54), dpi=DPI, layout="constrained")


def _png(title: str, figure: Any, height_cm: float) -> ChartImage:
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    buffer = io.BytesIO()
    FigureCanvasAgg(figure).print_png(buffer, metadata={"Software": None})
    return ChartImage(title, buffer.getvalue(), height_cm)


def _trend(b: Briefing) -> ChartImage:
    """Both stocks over the quarter ends; a quarter not imported is a gap in its line, never a 0."""
    title = "发明专利与注册商标拥有量（件）"
    figure = _figure(7.0)
    axes = figure.add_subplot()
    quarters = [p.quarter for p in b.trend]
    for key, color in zip(TREND_KEYS, COLORS, strict=True):
        values = [getattr(p, key) for p in b.trend]
        shown = [float("nan") if v is None else float(v) for v in values]
        axes.plot(quarters, shown, marker="o", color=color, label=METRICS_BY_KEY[key].short_name)
    axes.set_title(title, fontsize=11)
    axes.legend(loc="lower center", bbox_to_anchor=(0.5, -0.32), ncol=2, frameon=False, fontsize=9)
    _dress(axes, "y")
    return _png(title, figure, 7.0)


def _bars(title: str, names: list[str], values: list[float], *, horizontal: bool) -> ChartImage:
    """Bars labelled with their values; every category named (rank 1 on top when horizontal)."""
    height = 1.6 + 0.65 * len(names) if horizontal else 7.5
    figure = _figure(height)
    axes = figure.add_subplot()
    positions = list(range(len(names)))
    if horizontal:
        bars = axes.barh(positions, values, color=COLORS[0])
        axes.set_yticks(positions, names, fontsize=8)
        axes.invert_yaxis()
    else:
        bars = axes.bar(positions, values, color=COLORS[0])
        turned = sum(map(len, names)) > 36  # many or long names: slanted so that every one is shown whole
        axes.set_xticks(positions, names, fontsize=8, rotation=45 if turned else 0, ha="right" if turned else "center")
    axes.bar_label(bars, labels=[f"{v:,.0f}" for v in values], fontsize=8, padding=2)
    axes.set_title(title, fontsize=11)
    _dress(axes, "x" if horizontal else "y")
    return _png(title, figure, height)


def _dress(axes: Any, grid: str) -> None:
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    axes.tick_params(labelsize=8)
    axes.grid(axis=grid, alpha=0.3)
    axes.set_axisbelow(True)
