"""The state graph as SVG: states as nodes, unilateral moves as arrows coloured by DM.

A conflict with more than a few dozen states makes an unreadable full graph, so
:func:`relevant_states` picks the states that matter for reading the analysis: the status quo,
its one-move neighbours, every equilibrium, and the states on the shortest paths from the status
quo to the equilibria. :func:`state_graph_svg` draws, for each state and each DM, the DM's best
unilateral improvement among the drawn states (solid arrow; the other, lesser improvements are
left out so the picture stays readable), and the moves of the status-quo paths (dashed when a
move is not an improvement for its mover).

The layout is layered by the number of moves from the status quo (BFS over all DMs' moves), so
the picture reads left to right from today's state. The SVG is generated here (no external
layout engine) and escapes every user-supplied text.

>>> import detente
>>> c = detente.load({"decision_makers": [
...     {"name": "A", "options": ["a"], "preferences": ["a"]},
...     {"name": "B", "options": ["b"], "preferences": ["b"]}], "status_quo": "NN"})
>>> r = detente.analyze(c, concepts=["Nash"])
>>> svg = state_graph_svg(r, list(range(r.n_states)))
>>> svg.startswith("<svg") and svg.count("<g class=\\"node") == 4
True
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape
from typing import Iterable

PALETTE = ["#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#e377c2",
           "#17becf", "#7f7f7f", "#bcbd22"]
CONCEPT_LETTERS = {"Nash": "N", "GMR": "G", "SMR": "M", "SEQ": "Q", "SIM": "I"}
FULL_GRAPH_LIMIT = 40


def dm_colours(dm_names: list[str]) -> dict[str, str]:
    """A fixed colour per DM, in declaration order."""
    return {dm: PALETTE[i % len(PALETTE)] for i, dm in enumerate(dm_names)}


@dataclass
class GraphSelection:
    """Which states are drawn and why."""

    positions: list[int]
    full: bool
    reason: str


def relevant_states(result, path_positions: Iterable[int] = (), limit: int = FULL_GRAPH_LIMIT
                    ) -> GraphSelection:
    """The states to draw: all of them for small conflicts, else the relevant ones.

    Parameters
    ----------
    result
        An analysis result.
    path_positions
        States on the status-quo paths (from :mod:`detente.gmcr.status_quo`).
    limit
        Up to this many feasible states the whole graph is drawn.
    """
    n = result.n_states
    if n <= limit:
        return GraphSelection(list(range(n)), True, f"all {n} feasible states")
    chosen: set[int] = set(int(p) for p in path_positions)
    for concept in result.stable:
        chosen.update(int(p) for p in result.equilibria(concept))
    sq = result.status_quo_position
    parts = ["every equilibrium"]
    if sq is not None:
        chosen.add(sq)
        for dm, t in result.tables.items():
            chosen.update(int(x) for x in t.targets(sq))
        parts = ["the status quo", "its one-move neighbours", "every equilibrium",
                 "the states on the shortest paths from the status quo"]
    return GraphSelection(sorted(chosen), False,
                          f"{len(chosen)} of the {n} feasible states: " + ", ".join(parts))


@dataclass
class GroupedSelection:
    """States to draw in labelled groups (drawn as bands), and the reason, for the report."""

    groups: list[tuple[str, list[int]]]
    n_states: int

    @property
    def positions(self) -> list[int]:
        return sorted({p for _, ps in self.groups for p in ps})

    @property
    def reason(self) -> str:
        what = "; ".join(label for label, _ in self.groups)
        return f"{len(self.positions)} of the {self.n_states} feasible states, in groups: {what}"


def grouped_states(result, path_positions: Iterable[int] = (), asked: Iterable[int] = (),
                   asked_label: str = "asked about") -> GroupedSelection:
    """The states a reader needs, grouped: the status quo, the equilibria (one group per set of
    concepts under which they are equilibria), the states ``asked`` about (e.g. the main
    question's, when few) and the other states on the shortest paths from the status quo.

    Unlike :func:`relevant_states` the status quo's one-move neighbours are left out (they are
    most of the picture and none of the story); the full graph is drawn separately, on demand.
    """
    sq = result.status_quo_position
    concepts = [k for k in result.stable]
    eq_of: dict[int, list[str]] = {}
    for k in concepts:
        for p in result.equilibria(k):
            eq_of.setdefault(int(p), []).append(k)
    groups: list[tuple[str, list[int]]] = []
    used: set[int] = set()
    if sq is not None:
        groups.append(("status quo" + (" (an equilibrium under " + ", ".join(eq_of[sq]) + ")" if sq in eq_of else ""),
                       [sq]))
        used.add(sq)
    by_sig: dict[tuple[str, ...], list[int]] = {}
    for p, ks in eq_of.items():
        if p not in used:
            by_sig.setdefault(tuple(ks), []).append(p)
    for sig in sorted(by_sig, key=lambda sig: (-len(sig), [concepts.index(k) for k in sig])):
        label = "equilibria under " + ("every concept (" + ", ".join(sig) + ")" if len(sig) == len(concepts) > 1
                                       else ", ".join(sig))
        groups.append((label, sorted(by_sig[sig])))
        used.update(by_sig[sig])
    asked = [int(p) for p in asked if int(p) not in used]
    if asked:
        groups.append((asked_label, sorted(asked)))
        used.update(asked)
    rest = sorted(set(int(p) for p in path_positions) - used)
    if rest:
        groups.append(("on the shortest paths from the status quo", rest))
    return GroupedSelection(groups, result.n_states)


def _layers(result, positions: list[int]) -> dict[int, int]:
    """Layer of each drawn state: moves from the status quo (or 0 without one)."""
    sq = result.status_quo_position
    if sq is None:
        return {p: 0 for p in positions}
    from detente.gmcr.status_quo import bfs
    dist, _, _ = bfs(result, sq, improvements_only=False)
    return {p: int(dist[p]) if dist[p] >= 0 else int(dist.max()) + 1 for p in positions}


def state_graph_svg(result, positions: list[int], *, title: str | None = None,
                    show_labels: bool = True,
                    path_moves: Iterable[tuple[str, int, int]] = (),
                    groups: list[tuple[str, list[int]]] | None = None,
                    best_improvements: bool = True, id_prefix: str = "") -> str:
    """SVG of the moves among ``positions`` (state positions of ``result``).

    Parameters
    ----------
    result
        An analysis result.
    positions
        States to draw (see :func:`relevant_states`).
    title
        Accessible title of the picture.
    show_labels
        Print the options taken under each state id.
    path_moves
        ``(dm, source, target)`` moves to draw in any case (the status-quo paths).
    groups
        ``(label, positions)`` bands drawn one below the other, each labelled (see
        :func:`grouped_states`); columns are still moves from the status quo.
    best_improvements
        Draw each DM's best improvement among the states shown (else only ``path_moves``).
    id_prefix
        Prefix of the element ids (node and arrow-head ids), for a second picture on one page.

    Returns
    -------
    str
        A standalone ``<svg>`` element.
    """
    c = result.conflict
    dms = c.dm_names
    colours = dm_colours(dms)
    if groups is not None:
        positions = [p for _, ps in groups for p in ps]
    positions = sorted(set(int(p) for p in positions))
    shown = set(positions)
    layers = _layers(result, positions)
    cols = sorted(set(layers.values()))
    col_of = {layer: i for i, layer in enumerate(cols)}
    node_w, node_h, gap_x, gap_y = 190, 40, 120, 22
    margin_x, margin_top = 30, 78
    xy: dict[int, tuple[float, float]] = {}
    bands: list[tuple[str, float, float]] = []  # label, top, bottom
    y0 = margin_top
    for label, ps in (groups if groups is not None else [(None, positions)]):
        by_col: dict[int, list[int]] = {}
        for p in sorted(set(int(q) for q in ps)):
            by_col.setdefault(col_of[layers[p]], []).append(p)
        head = 20 if label is not None else 0
        rows = max((len(v) for v in by_col.values()), default=1)
        for ci, cps in by_col.items():
            for ri, p in enumerate(cps):
                xy[p] = (margin_x + ci * (node_w + gap_x), y0 + head + ri * (node_h + gap_y))
        bottom = y0 + head + rows * (node_h + gap_y) - gap_y
        if label is not None:
            bands.append((label, y0, bottom))
            bottom += 14
        y0 = bottom + gap_y
    width = margin_x * 2 + len(cols) * node_w + max(len(cols) - 1, 0) * gap_x
    height = y0 + 10
    width = max(width, 760)

    eq_concepts: dict[int, list[str]] = {p: [] for p in positions}
    for concept in result.stable:
        for p in result.equilibria(concept):
            if int(p) in eq_concepts:
                eq_concepts[int(p)].append(concept)
    sq = result.status_quo_position

    out = [f'<svg xmlns="http://www.w3.org/2000/svg" class="state-graph" width="{width}" '
           f'height="{height}" viewBox="0 0 {width} {height}" role="img">']
    out.append(f"<title>{escape(title or 'State graph')}</title>")
    out.append("<defs>")
    for dm, col in colours.items():
        out.append(f'<marker id="arrow-{_slug(id_prefix + dm)}" viewBox="0 0 10 10" refX="9" refY="5" '
                   f'markerWidth="7" markerHeight="7" orient="auto-start-reverse">'
                   f'<path d="M0,0 L10,5 L0,10 z" fill="{col}"/></marker>')
    out.append("</defs>")
    # Legend.
    lx = margin_x
    for dm, col in colours.items():
        out.append(f'<g class="legend"><line x1="{lx}" y1="18" x2="{lx + 26}" y2="18" stroke="{col}" '
                   f'stroke-width="2.5"/><text x="{lx + 31}" y="22" font-size="12">{escape(dm)}</text></g>')
        lx += 40 + 7 * len(dm)
    out.append(f'<text x="{margin_x}" y="40" font-size="11" fill="#555">Arrow: the mover\'s best '
               f'improvement among the states shown; dashed: a path move that is not an improvement '
               f'for its mover.</text>')
    out.append(f'<text x="{margin_x}" y="55" font-size="11" fill="#555">Gold border: equilibrium '
               f'(N Nash, G GMR, M SMR, Q SEQ, I SIM). Double border: status quo. Columns: moves '
               f'from the status quo{"; bands: groups of states" if groups is not None else ""}.</text>')
    for label, top, bottom in bands:
        out.append(f'<g class="band"><rect x="{margin_x - 14}" y="{top - 2}" width="{width - 2 * margin_x + 28}" '
                   f'height="{bottom - top + 16}" rx="8" fill="#f6f8fa" stroke="#d0d7de"/>'
                   f'<text x="{margin_x - 6}" y="{top + 13}" font-size="12" font-weight="bold" fill="#333">'
                   f'{escape(label)}</text></g>')

    # Edges (drawn before nodes): each DM's best improvement from each state, plus path moves.
    edges: dict[tuple[str, int, int], bool] = {}
    for dm in (dms if best_improvements else []):
        t = result.tables[dm]
        rk = result.ranks[dm]
        for p in positions:
            better = [int(q) for q in t.targets(p) if int(q) in shown and rk[q] > rk[p]]
            if better:
                best = max(better, key=lambda q: (rk[q], -q))
                edges[(dm, p, best)] = True
    for dm, p, q in path_moves:
        if int(p) in shown and int(q) in shown:
            rk = result.ranks[dm]
            edges.setdefault((dm, int(p), int(q)), bool(rk[int(q)] > rk[int(p)]))
    edges_list = [(dm, p, q, imp) for (dm, p, q), imp in edges.items()]
    pair_count: dict[tuple[int, int], int] = {}
    for dm, p, q, imp in edges_list:
        key = (min(p, q), max(p, q))
        k = pair_count.get(key, 0)
        pair_count[key] = k + 1
        out.append(_edge_svg(xy[p], xy[q], node_w, node_h, colours[dm], id_prefix + dm, imp, k,
                             f"{dm}: {p + 1} -> {q + 1}" + (" (improvement)" if imp else "")))

    for p in positions:
        x, y = xy[p]
        code = int(result.space.codes[p])
        eqs = eq_concepts[p]
        cls = "node" + (" eq" if eqs else "") + (" sq" if p == sq else "")
        stroke = "#c8a000" if eqs else "#444"
        sw = 3.5 if eqs else 1.2
        taken = c.taken(code)
        label = ", ".join(taken) if taken else "(no option taken)"
        tooltip = f"{result.label(p)} ({label})" + (f" - equilibrium: {', '.join(eqs)}" if eqs else "") \
            + (" - status quo" if p == sq else "")
        out.append(f'<g class="{cls}" id="{id_prefix}node-{p + 1}"><title>{escape(tooltip)}</title>')
        if p == sq:
            out.append(f'<rect x="{x - 4}" y="{y - 4}" width="{node_w + 8}" height="{node_h + 8}" rx="9" '
                       f'fill="none" stroke="#000" stroke-width="1.5"/>')
        out.append(f'<rect x="{x}" y="{y}" width="{node_w}" height="{node_h}" rx="6" '
                   f'fill="{"#fff8d6" if eqs else "#fff"}" stroke="{stroke}" stroke-width="{sw}"/>')
        head = f"{p + 1}: {c.yn(code)}"
        if eqs:
            head += "  [" + "".join(CONCEPT_LETTERS.get(k, k[:1]) for k in eqs) + "]"
        if p == sq:
            head += "  status quo"
        out.append(f'<text x="{x + 6}" y="{y + 15}" font-size="11.5" font-family="monospace" '
                   f'font-weight="bold">{escape(head)}</text>')
        if show_labels:
            # The state's names when the model gives it any (readers find Y/N codes opaque),
            # else the options taken; both are in the tooltip.
            names = result.conflict.state_names(code) if result.conflict.named_states else []
            text = "/".join(names) if names else label
            short = text if len(text) <= 34 else text[:33] + "…"
            weight = ' font-weight="bold" fill="#0b3d91"' if names else ""
            out.append(f'<text x="{x + 6}" y="{y + 31}" font-size="10.5"{weight}>{escape(short)}</text>')
        out.append("</g>")
    out.append("</svg>")
    return "\n".join(out)


def _slug(text: str) -> str:
    return "".join(ch if ch.isalnum() else "-" for ch in text.lower())


def _edge_svg(a, b, w, h, colour, dm, improvement, k, tooltip) -> str:
    (xa, ya), (xb, yb) = a, b
    # Anchor at the facing sides; same column: right side, bowed outwards.
    if abs(xa - xb) < 1:
        x1, y1, x2, y2 = xa + w, ya + h / 2, xb + w, yb + h / 2
        bow = 30 + 12 * k + 0.15 * abs(y2 - y1)
        cx, cy = x1 + bow, (y1 + y2) / 2
    else:
        if xa < xb:
            x1, x2 = xa + w, xb
        else:
            x1, x2 = xa, xb + w
        y1, y2 = ya + h / 2, yb + h / 2
        off = (k - 0.5) * 18 if k else -9
        cx, cy = (x1 + x2) / 2, (y1 + y2) / 2 + off
    dash = "" if improvement else ' stroke-dasharray="5 3"'
    width = 1.8 if improvement else 1.3
    opacity = 0.9 if improvement else 0.7
    marker = f' marker-end="url(#arrow-{_slug(dm)})"'
    return (f'<path class="move {"imp" if improvement else "other"}" d="M{x1:.1f},{y1:.1f} '
            f'Q{cx:.1f},{cy:.1f} {x2:.1f},{y2:.1f}" fill="none" stroke="{colour}" '
            f'stroke-width="{width}" stroke-opacity="{opacity}"{dash}{marker}>'
            f'<title>{escape(tooltip)}</title></path>')
