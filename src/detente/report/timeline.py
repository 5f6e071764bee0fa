"""The report's timeline section: what the model anticipated and what it missed.

For a model with a ``timeline:`` (docs/model-format.md), :func:`timeline_report_sections`
returns one :class:`~detente.report.html.Section`, generated from
:func:`detente.gmcr.timeline.timeline`: the scores, the picture, what the model as written
anticipated and what it missed (each surprise with the assumption it contradicts and the
revision that fixed it, if any), the table of observed moves, the model's revisions with why
each was made, and how long each observed state held.
"""

from __future__ import annotations

import base64
import html as _html

from detente.model.conflict import Conflict, with_names

_esc = _html.escape
TITLE = "Over time: what the model anticipated"


def _num(x, digits: int) -> str:
    return "–" if x is None else f"{x:.{digits}f}"


def _move_line(m) -> str:
    return f"{m.date.isoformat()}, {m.mover} {m.text}"


def timeline_html(result) -> str:
    """The section's HTML for a :class:`~detente.gmcr.timeline.TimelineResult` (escaped)."""
    tl, sc = result.timeline, result.scores
    c = result.conflict

    def version(k: int) -> str:
        return f"model {k} ({result.version_label(k)})"

    parts = [
        f"<p>The model's <code>timeline:</code> records {len(tl.events)} event(s) from "
        f"{_esc(c.date.isoformat())} to {_esc(tl.until.isoformat())}, with {len(tl.revisions)} revision(s) "
        f"of the model. Each observed move is judged under the model in force just before its date "
        f"(concept {_esc(result.concept)}): <em>anticipated</em> when it is a unilateral improvement for "
        f"its mover, a step on a shortest path to an equilibrium, or leaves a state the model called "
        f"unstable for the mover; otherwise a <em>surprise</em>. Definitions: "
        f"<code>detente.gmcr.timeline</code>.</p>"]
    n = sc["moves"]
    b = sc["brier"]
    eq, other = sc["equilibrium_spells"], sc["other_spells"]
    parts.append("<table class='data timeline-scores'><tbody>")
    rows = [
        ("moves anticipated", f"{sc['anticipated']} of {n}" + (f" ({sc['share_anticipated']:.0%})" if n else "")
         + "; " + ", ".join(f"{k}: {v}" for k, v in sc["by_kind"].items())),
        ("surprises fixed by a later revision", f"{sc['surprises_fixed_later']} of {sc['by_kind']['surprise']}"),
        ("equilibria held", f"{eq['n']} spell(s), mean {_num(eq['mean_days'], 1)} days ({eq['censored']} still held at the end)"),
        ("other states held", f"{other['n']} spell(s), mean {_num(other['mean_days'], 1)} days ({other['censored']} still held at the end)"),
        (f"Brier score, P(equilibrium) against 'persisted at least {result.persisted_days} days'",
         f"{b['n']} spell(s) with a known outcome: robustness {_num(b['robustness'], 3)}, "
         f"plain analysis {_num(b['analysis'], 3)} (0 is perfect; always saying 0.5 scores 0.25)"),
    ]
    for k, v in rows:
        parts.append(f"<tr><th>{_esc(k)}</th><td>{_esc(v)}</td></tr>")
    parts.append("</tbody></table>")
    for k, why in result.robustness_notes.items():
        parts.append(f"<p class='meta'>No robustness probability for model {k}: {_esc(why)}</p>")

    svg = result.plot()
    data = base64.b64encode(svg.encode("utf-8")).decode("ascii")
    parts.append(f"<p><img class='timeline-picture' style='max-width:100%;height:auto' "
                 f"alt='Observed states over time; moves marked anticipated (circle) or surprise (cross); "
                 f"revisions dashed' src='data:image/svg+xml;base64,{data}'></p>")

    first = [m for m in result.moves if m.version == 0]
    caught = [m for m in first if m.anticipated]
    missed = [m for m in first if not m.anticipated]
    parts.append(f"<h3>What the model of {_esc(c.date.isoformat())} anticipated</h3>")
    if caught:
        parts.append("<ul>" + "".join(
            f"<li>{_esc(_move_line(m))}: {_esc(m.kind)}"
            + (f" (towards {_esc(m.path_target)})" if m.kind == "on path" and m.path_target else "")
            + (f"; not an improvement for {_esc(m.mover)}: it runs against '{_esc(m.statement)}'"
               if m.statement and m.kind != "improvement" else "")
            + "</li>" for m in caught) + "</ul>")
    else:
        parts.append("<p>No observed move that the model as written judged.</p>" if not first else
                     "<p>None of the observed moves it judged.</p>")
    parts.append("<h3>What it missed</h3>")
    later = [m for m in result.moves if m.version > 0 and not m.anticipated]
    if missed or later:
        items = []
        for m in missed + later:
            what = "; ".join(m.contradicts) or "not a move of the model"
            fix = (f"fixed by {version(m.fixed_by)}" if m.fixed_by is not None
                   else "no later revision anticipates it")
            under = "" if m.version == 0 else f" (judged under {version(m.version)})"
            items.append(f"<li>{_esc(_move_line(m))}{_esc(under)}: surprise; contradicts {_esc(what)}; "
                         f"{_esc(fix)}</li>")
        parts.append("<ul>" + "".join(items) + "</ul>")
    else:
        parts.append("<p>No observed move was a surprise.</p>")
    if result.moves and any(m.version > 0 for m in result.moves):
        parts.append("<p class='meta'>Moves after a revision are judged under the revised model; a revision "
                     "written after the events it covers is fitted to them, so that it anticipates them is "
                     "not evidence for it.</p>")

    parts.append("<h3>Observed moves</h3>")
    if result.moves:
        parts.append("<div class='scroll'><table class='data timeline-moves'><thead><tr><th>date</th><th>mover</th>"
                     "<th>move</th><th>states</th><th>judged</th><th>contradicts</th><th>fixed by</th>"
                     "</tr></thead><tbody>")
        for m in result.moves:
            events = "; ".join(e.text for e in m.events if e.text)
            judged = ("anticipated: " + m.kind) if m.anticipated else "surprise"
            contra = "; ".join(m.contradicts) + (f" ({m.without_it})" if m.without_it else "")
            fix = (version(m.fixed_by) if m.fixed_by is not None else ("" if m.anticipated else "none"))
            parts.append(
                f"<tr><td>{_esc(m.date.isoformat())}</td><td>{_esc(m.mover)}</td>"
                f"<td>{_esc(m.text)}" + (f"<br><span class='meta'>{_esc(events)}</span>" if events else "")
                + f"</td><td>{_esc(with_names(m.before_yn, m.before_names) if m.before_yn else '?')} → "
                  f"{_esc(with_names(m.after_yn, m.after_names) if m.after_yn else '?')}<br>"
                f"<span class='meta'>model {m.version}</span></td><td>{_esc(judged)}</td>"
                f"<td>{_esc(contra) or '-'}</td><td>{_esc(fix) or '-'}</td></tr>")
        parts.append("</tbody></table></div>")
    else:
        parts.append("<p>No option changed on any observed date.</p>")

    if tl.revisions:
        parts.append("<h3>Revisions of the model</h3><ul>")
        for k, v in enumerate(tl.versions):
            a = result.analyses[k]
            eqs = ", ".join(with_names(a.yn(p), a.names(p)) for p in a.equilibria(result.concept)) or "none"
            why = f"<br><span class='meta'>why: {_esc(v.revision.why)}</span>" if v.revision and v.revision.why else ""
            parts.append(f"<li>model {k}: {_esc(v.label)}; {_esc(result.concept)} equilibria: {_esc(eqs)}{why}</li>")
        parts.append("</ul>")

    parts.append(f"<h3>How long each observed state held</h3><div class='scroll'><table class='data timeline-spells'>"
                 f"<thead><tr><th>from</th><th>state</th><th>options taken</th><th>days</th><th>equilibrium</th>"
                 f"<th>P(equilibrium)</th><th>persisted ≥ {result.persisted_days} days</th></tr></thead><tbody>")
    for s in result.spells:
        taken = ", ".join(sorted(k for k, v in s.values.items() if v)) or "nothing"
        persisted = "–" if s.persisted is None else "yes" if s.persisted else "no"
        parts.append(f"<tr><td>{_esc(s.start.isoformat())}</td><td>{_esc(with_names(s.yn, s.names))}</td><td>{_esc(taken)}</td>"
                     f"<td>{s.days}{'+' if s.censored else ''}</td><td>{'yes' if s.equilibrium else 'no'}</td>"
                     f"<td>{_num(s.p_equilibrium, 2)}</td><td>{persisted}</td></tr>")
    parts.append("</tbody></table></div>")
    recorded = sum(1 for e in tl.events if e.is_record)
    if recorded:
        parts.append(f"<p class='meta'>{recorded} of {len(tl.events)} event(s) rest only on the analyst's own record "
                     f"of events or assumptions (no stored statement, no quote).</p>")
    return "\n".join(parts)


def timeline_report_sections(conflict: Conflict, *, concept: str = "SEQ", robust: bool = True,
                             result=None) -> list:
    """The timeline section for a model with a ``timeline:`` (an empty list otherwise).

    Parameters
    ----------
    conflict : Conflict
    concept : str
        Concept of equilibria, paths and instability (default SEQ, as ``detente timeline``).
    robust : bool
        Robustness probabilities for the Brier score.
    result : TimelineResult, optional
        A result to reuse.
    """
    from detente.model.timeline import has_timeline

    if result is None and not has_timeline(conflict):
        return []
    from detente.gmcr.timeline import timeline
    from detente.report.html import Section

    if result is None:
        result = timeline(conflict, concept=concept, robust=robust)
    return [Section(TITLE, timeline_html(result), id="timeline")]
