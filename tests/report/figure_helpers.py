"""Model specs for the figure tests, and checks of rendered figures, independent of the code that drew them.

:data:`MODELS` are structural models of 4, 8 and 12 constructs (the example
paper's fan-in, an ECSI-like chain, and a fan and chain with long labels and
many indicators), :data:`ALL_MODELS` these and the paper's with long construct
names; :func:`model_frames` gives the tables a figure is drawn from.
:func:`structural_collisions` renders a structural-model figure and measures
what matplotlib drew: every text's window extent (with its background box),
every arrow's path, every circle and box, all in display coordinates, and
tests them against each other with matplotlib's own path/bbox predicates (not
the layout's geometry). :func:`printed_font_sizes` reads a figure PDF's text
sizes with pdfplumber.
"""
from __future__ import annotations

import re
from pathlib import Path

import numpy as np
from matplotlib.patches import Circle, FancyArrowPatch, Rectangle
from matplotlib.path import Path as MplPath
from matplotlib.transforms import Bbox

from plssem_pipeline.report.figures import print_size

PAPER = {"KP": 6, "EC": 7, "IP": 9, "KU": 6}
PAPER_PATHS = [("KP", "IP"), ("EC", "IP"), ("KP", "KU"), ("EC", "KU"), ("IP", "KU")]
PAPER_LABELS = {"KP": "Customer engagement", "EC": "E-commerce use", "IP": "Product innovation",
                "KU": "MSME performance"}
# ECSI-like customer satisfaction model plus trust: 8 constructs, 7 columns, 14 paths.
BIG = {"IMAG": 5, "EXPE": 5, "QUAL": 8, "VAL": 2, "SAT": 3, "COMP": 1, "LOY": 3, "TRUST": 4}
BIG_PATHS = [("IMAG", "EXPE"), ("IMAG", "SAT"), ("IMAG", "LOY"), ("EXPE", "QUAL"), ("EXPE", "VAL"), ("EXPE", "SAT"),
             ("QUAL", "VAL"), ("QUAL", "SAT"), ("VAL", "SAT"), ("SAT", "COMP"), ("SAT", "LOY"), ("COMP", "LOY"),
             ("IMAG", "TRUST"), ("TRUST", "LOY")]
BIG_LABELS = {"IMAG": "Image", "EXPE": "Expectation", "QUAL": "Perceived quality", "VAL": "Perceived value",
              "SAT": "Satisfaction", "COMP": "Complaints", "LOY": "Loyalty", "TRUST": "Trust"}
# A technology-acceptance-like model: 4 exogenous constructs fanning into 2 mediators, a second pair of
# mediators, 4 outcomes; 12 constructs, 16 paths, long (two-line) labels.
TWELVE = {"PU": 4, "PEOU": 4, "SN": 3, "PBC": 3, "ATT": 4, "TRU": 4, "INT": 4, "HAB": 3, "USE": 3, "LOY": 4,
          "WOM": 3, "REC": 3}
TWELVE_PATHS = [("PU", "ATT"), ("PEOU", "ATT"), ("PEOU", "TRU"), ("SN", "TRU"), ("PBC", "TRU"), ("SN", "ATT"),
                ("ATT", "INT"), ("TRU", "INT"), ("TRU", "HAB"), ("ATT", "HAB"), ("INT", "USE"), ("INT", "LOY"),
                ("HAB", "LOY"), ("HAB", "WOM"), ("INT", "REC"), ("HAB", "REC")]
TWELVE_LABELS = {"PU": "Perceived usefulness of the platform", "PEOU": "Perceived ease of use",
                 "SN": "Subjective norm", "PBC": "Perceived behavioural control",
                 "ATT": "Attitude towards online shopping", "TRU": "Trust in the seller", "INT": "Purchase intention",
                 "HAB": "Habit", "USE": "Actual use", "LOY": "Loyalty", "WOM": "Word of mouth",
                 "REC": "Recommendation to friends"}
#: Number of constructs -> (blocks, paths, labels).
MODELS = {4: (PAPER, PAPER_PATHS, PAPER_LABELS), 8: (BIG, BIG_PATHS, BIG_LABELS),
          12: (TWELVE, TWELVE_PATHS, TWELVE_LABELS)}
#: The paper's model with long construct names (big circles) and no labels.
RENAMED = {"KP": "ENGAGEMENT", "EC": "ECOMMERCE", "IP": "INNOVATION", "KU": "PERFORMANCE"}
LONG_NAMES = ({RENAMED[c]: k for c, k in PAPER.items()}, [(RENAMED[s], RENAMED[t]) for s, t in PAPER_PATHS], {})
#: Every test model: name -> (blocks, paths, labels).
ALL_MODELS = {**{f"{n} constructs": spec for n, spec in MODELS.items()}, "long names": LONG_NAMES}


def indicators(blocks):
    """Construct -> indicator names ``<construct>1 ... <construct>k``."""
    return {c: [f"{c}{i}" for i in range(1, k + 1)] for c, k in blocks.items()}


def model_frames(blocks, edges, seed=3):
    """Loadings, paths (with p) and R² tables of a model, numbers drawn at random (seeded)."""
    import pandas as pd

    rng = np.random.default_rng(seed)
    loadings = pd.DataFrame([(c, i, rng.uniform(0.6, 0.95)) for c, items in indicators(blocks).items() for i in items],
                            columns=["construct", "indicator", "loading"])
    paths = pd.DataFrame([(s, t, rng.uniform(-0.3, 0.7), p) for (s, t), p in
                          zip(edges, rng.choice([0.0001, 0.02, 0.3], size=len(edges)))],
                         columns=["source", "target", "original", "p"])
    targets = list(dict.fromkeys(t for _, t in edges))
    r2 = pd.DataFrame({"construct": targets, "r2": rng.uniform(0.2, 0.8, size=len(targets))})
    return loadings, paths, r2


def _area(a: Bbox, b: Bbox) -> float:
    w = min(a.x1, b.x1) - max(a.x0, b.x0)
    h = min(a.y1, b.y1) - max(a.y0, b.y0)
    return w * h if w > 0 and h > 0 else 0.0


def _text_box(text, renderer) -> Bbox:
    box = text.get_window_extent(renderer)
    patch = text.get_bbox_patch()
    return Bbox.union([box, patch.get_window_extent(renderer)]) if patch is not None else box


def _drawn_path(patch):
    """``patch``'s path in display coordinates without CLOSEPOLY steps (whose vertex is meaningless)."""
    path = patch.get_transform().transform_path(patch.get_path())
    if path.codes is None:
        return path
    keep = path.codes != MplPath.CLOSEPOLY
    return MplPath(path.vertices[keep], path.codes[keep])


def _segments(path):
    """The straight segments ``(p, q)`` of a polyline path (MOVETO starts a new piece)."""
    out, last = [], None
    for vertex, code in zip(path.vertices, path.codes if path.codes is not None else [MplPath.LINETO] * len(path)):
        if code != MplPath.MOVETO and last is not None:
            out.append((last, vertex))
        last = vertex
    return out


def _distance(c, p, q) -> float:
    d = q - p
    t = 0.0 if not d.any() else max(0.0, min(1.0, float(np.dot(c - p, d) / np.dot(d, d))))
    return float(np.hypot(*(c - p - t * d)))


def _owner_of_construct(gid: str) -> str:
    return gid.split(":", 1)[1].split("/")[0].split("->")[0]


def structural_collisions(fig) -> list[str]:
    """Every overlap in the rendered structural-model figure, as readable strings (empty: none).

    A text may meet only the shapes and lines with its own ``gid`` (a path's label its path, a
    loading its connector, a construct's name and R² their circle, which must hold them); no
    two texts may meet; every text lies inside the figure; a path or connector crosses no
    circle or box but its own construct's (its own box for a connector).
    """
    fig.canvas.draw()
    renderer = fig.canvas.get_renderer()
    ax = fig.axes[0]
    texts = [(t.get_gid(), t.get_text(), _text_box(t, renderer)) for t in ax.texts if t.get_text().strip()]
    arrows = [(p.get_gid(), _drawn_path(p)) for p in ax.patches
              if isinstance(p, FancyArrowPatch)]
    circles = [(p.get_gid(), None, p.get_transform().transform([(0.0, 0.0), (1.0, 0.0)])) for p in ax.patches
               if isinstance(p, Circle)]
    boxes = [(p.get_gid(), p.get_window_extent(renderer)) for p in ax.patches if isinstance(p, Rectangle)]
    problems = []
    for i, (gid, text, box) in enumerate(texts):
        problems += [f"text {text!r} overlaps text {other!r}" for _, other, b in texts[i + 1:] if _area(box, b) > 0]
        problems += [f"text {text!r} ({gid}) crossed by line {g}" for g, path in arrows
                     if g != gid and path.intersects_bbox(box, filled=False)]
        for g, _, (centre, edge) in circles:
            radius = np.hypot(*(edge - centre))
            nearest = np.clip(centre, [box.x0, box.y0], [box.x1, box.y1])
            if g != gid and np.hypot(*(nearest - centre)) < radius:
                problems.append(f"text {text!r} overlaps circle {g}")
            elif g == gid and max(np.hypot(*(corner - centre)) for corner in box.corners()) > radius:
                problems.append(f"text {text!r} sticks out of its circle {g}")
        problems += [f"text {text!r} overlaps box {g}" for g, b in boxes if g != gid and _area(box, b) > 0]
        if not fig.bbox.contains(box.x0, box.y0) or not fig.bbox.contains(box.x1, box.y1):
            problems.append(f"text {text!r} outside the figure")
    for gid, path in arrows:
        mine = {_owner_of_construct(gid)}
        if gid.startswith("path:"):
            mine.add(gid.split("->")[1])
        problems += [f"line {gid} crosses circle {g}" for g, _, (centre, edge) in circles
                     if _owner_of_construct(g) not in mine
                     and min(_distance(centre, p, q) for p, q in _segments(path)) < np.hypot(*(edge - centre))]
        own_box = "box:" + gid.split(":", 1)[1]
        problems += [f"line {gid} crosses box {g}" for g, b in boxes
                     if g != own_box and path.intersects_bbox(b, filled=False)]
    return problems


def _font_size(char) -> float:
    """A pdfplumber character's font size (points): its height when upright, its width when turned 90°."""
    a, b, c, d = char["matrix"][:4]
    if abs(b) < 1e-9 and abs(c) < 1e-9:
        return float(char["bottom"] - char["top"])
    if abs(a) < 1e-9 and abs(d) < 1e-9:
        return float(char["x1"] - char["x0"])
    raise ValueError(f"text at an angle other than 0 or 90 degrees: {char['text']!r}")


def printed_font_sizes(pdf, *, wide: bool = False) -> list[tuple[str, float]]:
    """``(character, printed size in points)`` of each character of a figure PDF, as the LaTeX report prints it.

    The page's size (points) gives the figure's size; :func:`print_size.scale` the factor the report's
    ``\\includegraphics`` applies; each character's box (pdfplumber) its size.
    """
    import pdfplumber

    with pdfplumber.open(Path(pdf)) as document:
        page = document.pages[0]
        factor = print_size.scale(float(page.width) / 72.0, float(page.height) / 72.0, wide=wide)
        return [(char["text"], _font_size(char) * factor) for char in page.chars]


def type3_fonts(pdf) -> list[str]:
    """The Type 3 fonts of ``pdf`` according to poppler's ``pdffonts`` (empty: none)."""
    import subprocess

    out = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True, check=True).stdout
    return [line for line in out.splitlines()[2:] if re.search(r"\bType 3\b", line)]
