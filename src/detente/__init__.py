"""detente: analyse strategic conflicts and negotiations.

Quick use::

    import detente
    conflict = detente.load("scenarios/settlement-talks-2025-02.yaml")
    result = detente.analyze(conflict)            # Nash, GMR, SMR, SEQ, SIM for every DM
    print(result)                                  # equilibria per concept
    print(detente.explain(result, "YNNY...", "Russia", "SEQ"))
"""

from __future__ import annotations

__version__ = "0.1.0"

from typing import TYPE_CHECKING

from detente.errors import DetenteError, ModelError, TooLargeError  # noqa: E402

if TYPE_CHECKING:
    from detente.gmcr.analysis import AnalysisResult
    from detente.model.conflict import Conflict
    from detente.model.load import load, loads

# Imported on first use (PEP 562), so that `import detente` (and the command line, whose
# start-up settings must come before numpy is imported) stays light; see bench/startup.py.
_LAZY = {"AnalysisResult": "detente.gmcr.analysis", "Conflict": "detente.model.conflict",
         "load": "detente.model.load", "loads": "detente.model.load"}


def __getattr__(name: str):
    if name in _LAZY:
        import importlib
        value = getattr(importlib.import_module(_LAZY[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'detente' has no attribute {name!r}")


def analyze(conflict, concepts=None, **kwargs) -> "AnalysisResult":
    """Stability analysis of a conflict (a :class:`Conflict` or a path); see
    :func:`detente.gmcr.analysis.analyze`."""
    from detente.gmcr.analysis import analyze as _analyze
    return _analyze(conflict, concepts, **kwargs)


def explain(result: "AnalysisResult", state, dm: str, concept: str = "Nash"):
    """Why ``state`` (position, id text, Y/N string or taken options) is or is not stable."""
    from detente.gmcr.explain import explain as _explain
    pos = state if isinstance(state, int) and not isinstance(state, bool) else result.position_of(str(state))
    return _explain(result, pos, dm, concept)


def hypergame(conflict, concepts=None, **kwargs):
    """First-level hypergame analysis: each DM's view beside reality; see
    :func:`detente.gmcr.hypergame.hypergame` and docs/hypergames.md."""
    from detente.gmcr.hypergame import hypergame as _hypergame
    return _hypergame(conflict, concepts, **kwargs)


def explain_view(result, state, viewer: str, concept: str = "GMR"):
    """Why ``viewer`` expects ``state`` to hold (or not), and what actually happens there; see
    :func:`detente.gmcr.hypergame.explain_view`."""
    from detente.gmcr.hypergame import explain_view as _explain_view
    return _explain_view(result, state, viewer, concept)


def paths(result: "AnalysisResult", concept: str = "SEQ", **kwargs):
    """Shortest paths from the status quo to the equilibria; see :mod:`detente.gmcr.status_quo`."""
    from detente.gmcr.status_quo import reachable
    return reachable(result, concept, **kwargs)


def timeline(conflict, **kwargs):
    """Follow a conflict through its ``timeline:``: observed moves judged against the model in
    force before each, persistence and Brier scores; see :func:`detente.gmcr.timeline.timeline`."""
    from detente.gmcr.timeline import timeline as _timeline
    return _timeline(conflict, **kwargs)


__all__ = ["load", "loads", "analyze", "explain", "paths", "timeline", "hypergame", "explain_view", "Conflict", "AnalysisResult",
           "DetenteError", "ModelError", "TooLargeError", "__version__"]
