"""Server-rendered SVG charts (pygal), as ``data:`` images: no JavaScript, and the
page's strict Content-Security-Policy is kept (an image's own styles apply inside
it only). Every chart stands beside a table holding the same numbers."""

from __future__ import annotations

import base64

import pygal
from pygal.style import Style

# Designsystemet's accent blue for the figures, grey for the target.
STYLE = Style(background="white", plot_background="white", foreground="#1e2b3c",
              foreground_strong="#1e2b3c", foreground_subtle="#68707c",
              colors=("#0062ba", "#68707c"), font_family="sans-serif",
              label_font_size=12, major_label_font_size=12, value_font_size=11,
              title_font_size=14, legend_font_size=12)
BASE = {"style": STYLE, "js": [], "disable_xml_declaration": True, "width": 640,
        "height": 300, "explicit_size": False, "show_legend": True,
        "legend_at_bottom": True, "print_values": False, "truncate_label": 28,
        "x_label_rotation": 0}


def data_uri(svg: str | bytes) -> str:
    raw = svg.encode("utf-8") if isinstance(svg, str) else svg
    return "data:image/svg+xml;base64," + base64.b64encode(raw).decode("ascii")


def shares(title: str, labels: list[str], values: list[float | None], *, target: float,
           series: str, target_label: str) -> str:
    """A horizontal bar per row (percent; names stay readable), the target beside each."""
    chart = pygal.HorizontalBar(
        title=title, range=(0, 100), y_labels=[0, 20, 40, 60, 80, 100],
        **{**BASE, "height": 90 + 46 * max(1, len(labels)), "truncate_label": 40})
    # pygal draws the first label at the bottom: reversed, the table's order reads down.
    chart.x_labels = labels[::-1]
    chart.add(series, values[::-1])
    chart.add(target_label, [target * 100] * len(labels))
    return data_uri(chart.render())


def trend(title: str, labels: list[str], values: list[float | None], *, target: float,
          series: str, target_label: str) -> str:
    """A line over the months with the target as a flat line."""
    chart = pygal.Line(title=title, range=(0, 100), y_labels=[0, 20, 40, 60, 80, 100],
                       allow_interruptions=True, **BASE)
    chart.x_labels = labels
    chart.add(series, values)
    chart.add(target_label, [target * 100] * len(labels), show_dots=False,
              stroke_style={"width": 2, "dasharray": "6, 4"})
    return data_uri(chart.render())


def histogram(title: str, labels: list[str], counts: list[int], *, series: str) -> str:
    chart = pygal.Bar(title=title, **{**BASE, "show_legend": False})
    chart.x_labels = labels
    chart.add(series, counts)
    return data_uri(chart.render())
