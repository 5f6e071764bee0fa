"""Monte Carlo over the uncertainty ranges of an issue: forecast distributions.

Each uncertain number (position, salience, capability, status quo) with a range
``[low, high]`` is drawn independently per draw, from a triangular distribution with its mode
at the stated value (default) or uniformly on the range; numbers without a range stay fixed.
Every model then runs on every draw, vectorised over the draws (the expected-utility model in
chunks of about 2e6 array cells, through the numba kernel when numba is installed).
Saliences drawn outside 0-1 cannot occur: ranges are validated on load.
"""

from __future__ import annotations

import numpy as np

from detente.bargaining.compromise import compromise_position
from detente.bargaining.expected_utility import KERNEL_MIN_WORK, EUOptions, simulate
from detente.bargaining.median import median_position
from detente.bargaining.nash import nash_position
from detente.bargaining.results import MonteCarloResult
from detente.bargaining.scenario import Estimate, Issue
from detente.errors import DetenteError, Problem

MODELS = ("compromise", "median", "nash", "eu")
MAX_DRAWS = 1_000_000


def _draw(rng, ests: list[Estimate], n: int, sampling: str) -> np.ndarray:
    """(n, len(ests)) samples; fixed numbers repeat."""
    out = np.empty((n, len(ests)))
    for k, e in enumerate(ests):
        lo, hi = e.bounds()
        if hi <= lo:
            out[:, k] = e.value
        elif sampling == "uniform":
            out[:, k] = rng.uniform(lo, hi, n)
        else:
            out[:, k] = rng.triangular(lo, e.value, hi, n)
    return out


def sample_inputs(issue: Issue, draws: int, *, seed: int | None = None,
                  sampling: str = "triangular") -> dict[str, np.ndarray]:
    """Draw positions ``x``, saliences ``s`` (0-1), capabilities ``c`` (each (draws, n)) and
    the status quo ``q`` (draws,) or None.

    Example
    -------
    >>> from detente.bargaining.scenario import make_issue
    >>> sample_inputs(make_issue("t", [0, 10], [1, 1], [1, 1]), 5, seed=1)["x"].shape
    (5, 2)
    """
    if sampling not in ("triangular", "uniform"):
        raise DetenteError(Problem(f"unknown sampling {sampling!r}", hint="triangular or uniform"))
    rng = np.random.default_rng(seed)
    acts = issue.actors
    return {
        "x": _draw(rng, [a.position for a in acts], draws, sampling),
        "s": _draw(rng, [a.salience for a in acts], draws, sampling),
        "c": _draw(rng, [a.capability for a in acts], draws, sampling),
        "q": None if issue.status_quo is None else
        _draw(rng, [issue.status_quo], draws, sampling)[:, 0],
    }


def monte_carlo(issue: Issue, *, draws: int = 1000, models=("compromise", "median", "nash"),
                seed: int | None = None, sampling: str = "triangular", rounds: int = 5,
                eu_options: EUOptions | None = None, nash_disagreement="worst",
                nash_power: float = 1.0,
                chunk: int | None = None, progress=None) -> MonteCarloResult:
    """Forecast distributions of the chosen models over ``draws`` draws of the inputs.

    Parameters
    ----------
    issue : the issue (ranges on its numbers define the uncertainty).
    draws : number of draws.
    models : any of ``"compromise"``, ``"median"``, ``"nash"``, ``"eu"``.
    seed : random seed (the same seed gives the same draws).
    sampling : ``"triangular"`` (mode = stated value) or ``"uniform"``.
    rounds, eu_options : for the expected-utility model.
    nash_disagreement : ``"worst"`` or ``"status_quo"`` (drawn when uncertain).
    nash_power : utility exponent of the Nash solution (1 = linear).
    chunk : draws per batch of the expected-utility model (default: keeps arrays ~2e6 cells).
    progress : optional callable ``progress(done, total)`` called after each batch.

    Returns
    -------
    :class:`~detente.bargaining.results.MonteCarloResult`.

    Example
    -------
    >>> from detente.bargaining.scenario import Actor, Estimate, Issue, Scale, ScaleEnd
    >>> iss = Issue(name="t", scale=Scale(low=ScaleEnd(value=0), high=ScaleEnd(value=100)),
    ...     actors=[Actor(name=n, position=Estimate(value=v, low=v - 5, high=v + 5),
    ...                   salience=Estimate(value=1), capability=Estimate(value=1))
    ...             for n, v in (("A", 20), ("B", 60))])
    >>> mc = monte_carlo(iss, draws=200, seed=0, models=["compromise"])
    >>> 35 < mc.summary("compromise")["p50"] < 45
    True
    """
    if not 1 <= draws <= MAX_DRAWS:
        raise DetenteError(Problem(f"draws must be between 1 and {MAX_DRAWS:,}, not {draws}",
                                   field="draws"))
    bad = [m for m in models if m not in MODELS]
    if bad:
        raise DetenteError(Problem(f"unknown model {bad[0]!r}", hint="use " + ", ".join(MODELS)))
    inp = sample_inputs(issue, draws, seed=seed, sampling=sampling)
    x, s, c = inp["x"], inp["s"], inp["c"]
    lo, hi = issue.scale.low.value, issue.scale.high.value
    out: dict[str, np.ndarray] = {}
    total = draws * len(models)
    done = 0
    for m in models:
        if m == "compromise":
            out[m] = compromise_position(x, s, c)
        elif m == "median":
            out[m] = median_position(x, s, c)
        elif m == "nash":
            d = nash_disagreement
            if d == "status_quo":
                if inp["q"] is None:
                    raise DetenteError(Problem(f"issue {issue.name!r} has no status_quo for the "
                                               "Nash disagreement point", file=issue.source))
                d = inp["q"]
            out[m] = nash_position(x, s, c, lo, hi, disagreement=d, power=nash_power)
        elif m == "eu":
            n = x.shape[1]
            step = chunk or max(1, int(2e6 // max(1, n * n)))
            res = np.empty(draws)
            opts = eu_options or EUOptions()
            compiled = draws * n * n * rounds >= KERNEL_MIN_WORK  # decided for the whole run
            for a in range(0, draws, step):
                b = min(draws, a + step)
                sim = simulate(x[a:b], s[a:b], c[a:b], rounds=rounds, options=opts, low=lo,
                               high=hi, compiled=compiled)
                res[a:b] = sim["median"] if opts.forecast == "median" else sim["mean"]
                if progress:
                    progress(done + b, total)
            out[m] = res
        done += draws
        if progress:
            progress(done, total)
    return MonteCarloResult(issue=issue.name, draws=out, seed=seed, sampling=sampling,
                            units=issue.scale.units)
