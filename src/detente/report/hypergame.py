"""The report's hypergame section: each DM's view beside reality (docs/hypergames.md).

For a model where some DM has a perception, :func:`hypergame_report_sections` returns one
:class:`~detente.report.html.Section`: per concept, the equilibria of reality, those each DM
expects and the hypergame equilibria; the classes; what each DM perceives differently (with
its evidence); and, for each state a DM expects that is not an equilibrium of reality, why it
expects it and what actually happens there (:func:`detente.gmcr.hypergame.explain_view`).
"""

from __future__ import annotations

import numpy as np
from jinja2 import Environment, select_autoescape

from detente.model.conflict import Conflict

MAX_EXPLAINED = 6  # expected-but-not-real states explained per DM and concept

_TEMPLATE = """
<p>Each decision maker below analyses the conflict it perceives (first-level hypergame): a state it
<em>expects</em> is an equilibrium in its own view; a <em>hypergame equilibrium</em> is a state every
DM can see and none moves away from in its own view. Definitions: docs/hypergames.md.</p>
<table class="data">
<thead><tr><th>concept</th><th>reality: equilibria</th>{% for d in perceivers %}<th>{{ d }} expects</th>{% endfor %}<th>hypergame equilibria</th><th>steady</th><th>unsteady</th><th>stealthy</th></tr></thead>
<tbody>
{% for row in rows %}<tr><td>{{ row.concept }}</td><td>{{ row.real }}</td>{% for v in row.views %}<td>{{ v }}</td>{% endfor %}<td>{{ row.hyper }}</td><td>{{ row.steady }}</td><td>{{ row.unsteady }}</td><td>{{ row.stealthy }}</td></tr>
{% endfor %}</tbody></table>
{% for v in views %}
<h3>How {{ v.dm }} sees the conflict</h3>
<ul>{% for item in v.perceived %}<li>{{ item.text }}{% if item.evidence %} <span class="evidence">({{ item.evidence }})</span>{% endif %}</li>{% endfor %}</ul>
{% for e in v.explained %}
<details open><summary>{{ e.title }}</summary><pre>{{ e.text }}</pre></details>
{% endfor %}
{% endfor %}
"""


def _states(h, mask) -> str:
    pos = np.flatnonzero(mask)
    return ", ".join(h.label(p) for p in pos[:12]) + (" ..." if len(pos) > 12 else "") or "none"


def _evidence(entries) -> str:
    return "; ".join(e.summary() for e in entries or [])


def hypergame_report_sections(conflict: Conflict, result=None, concepts=None, hyper=None) -> list:
    """The hypergame section for a model with perceptions (an empty list otherwise).

    Parameters
    ----------
    conflict : Conflict
    result : AnalysisResult, optional
        Reality's analysis, reused when it covers the concepts.
    concepts : list of str, optional
        Among Nash, GMR, SMR, SEQ (default: those of ``result``, else all four).
    hyper : HypergameResult, optional
        The hypergame, when already analysed.
    """
    if not conflict.has_perceptions:
        return []
    from detente.gmcr.hypergame import HYPERGAME_CONCEPTS, explain_view, hypergame
    from detente.report.html import Section

    if concepts is None and result is not None:
        concepts = [k for k in result.concepts if k in HYPERGAME_CONCEPTS and k in result.stable]
    h = hyper if hyper is not None else hypergame(conflict, concepts or None, reality=result)
    rows = []
    for k in h.concepts:
        cls = h.classes(k)
        rows.append({"concept": k, "real": _states(h, cls["real_equilibrium"]),
                     "views": [_states(h, h.expected[k][d]) for d in h.perceivers],
                     "hyper": _states(h, cls["hypergame_equilibrium"]), "steady": _states(h, cls["steady"]),
                     "unsteady": _states(h, cls["unsteady"]), "stealthy": _states(h, cls["stealthy"])})
    views = []
    for d in h.perceivers:
        per = conflict.dm(d).perception
        items = [{"text": f"does not know that option {u.option} exists", "evidence": _evidence(u.evidence)}
                 for u in per.unknown_options]
        items += [{"text": f"believes {c.text} cannot happen", "evidence": _evidence(c.evidence)}
                  for c in per.believes_infeasible]
        items += [{"text": f"believes {c.text} can happen", "evidence": _evidence(c.evidence)}
                  for c in per.believes_feasible]
        for other, b in per.preferences_of.items():
            if b.as_changes:
                text = (f"misjudges {other}: leaves out " + (", ".join(s.id or s.text for s in b.dropped) or "nothing")
                        + (", adds " + ", ".join(s.text for s in b.added) if b.added else ""))
            else:
                text = f"believes {other} ranks the states differently (its own {'ranking' if b.ranking else 'statements'})"
            items.append({"text": text, "evidence": _evidence(b.evidence)})
        # One block per state and reason: concepts that give the same explanation are merged.
        merged: dict[tuple[int, str], list[str]] = {}
        for k in h.concepts:
            for p in np.flatnonzero(h.per_dm(k, d)["not_real"])[:MAX_EXPLAINED]:
                text = str(explain_view(h, int(p), d, k)).replace(f"under {k}", "under {concepts}")
                merged.setdefault((int(p), text), []).append(k)
        explained = [{"title": f"{', '.join(ks)}: why {d} expects {h.label(p)}, and what happens there",
                      "text": text.replace("{concepts}", ", ".join(ks))}
                     for (p, text), ks in merged.items()]
        views.append({"dm": d, "perceived": items, "explained": explained})
    env = Environment(autoescape=select_autoescape(default=True, default_for_string=True))
    html = env.from_string(_TEMPLATE).render(perceivers=h.perceivers, rows=rows, views=views)
    return [Section("Each side's view beside reality", html, id="hypergame")]
