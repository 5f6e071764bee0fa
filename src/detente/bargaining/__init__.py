"""Bargaining forecasts for issues with continuous positions (and packages of discrete ones).

Models (each takes an :class:`Issue` and returns a :class:`Forecast`):

* :func:`compromise` — capability x salience weighted mean (van den Bos 1991; Achen 2006);
* :func:`median` — weighted median, the Condorcet winner in one dimension (Black 1948);
* :func:`nash` — asymmetric Nash bargaining solution with a stated disagreement point;
* :func:`expected_utility` — Bueno de Mesquita's challenge model as reconstructed by Scholz,
  Calbert & Smith (2011), with the round-by-round trajectory of every actor;
* :func:`monte_carlo` — forecast distributions over the uncertainty ranges;
* :func:`analyse_packages` — Pareto frontier, Nash and Kalai-Smorodinsky packages.

Scenario files: :func:`load_issues`, :func:`load_bargaining_scenario` (the ``issues:``
section); external data: :mod:`detente.bargaining.formats`; plots (SVG/PNG):
:mod:`detente.bargaining.plots`. See docs/bargaining.md.

Example
-------
>>> from detente.bargaining import make_issue, compromise, median
>>> iss = make_issue("date", [4, 7, 10], [0.8, 0.4, 0.6], [0.16, 0.08, 0.16])
>>> round(compromise(iss).value, 3), median(iss).value  # weights 0.128 | 0.032 + 0.096: a tie
(6.625, 5.5)
"""

from detente.bargaining.compromise import compromise, compromise_position
from detente.bargaining.expected_utility import EUOptions, expected_utility, simulate
from detente.bargaining.median import median, median_position, weighted_median
from detente.bargaining.montecarlo import monte_carlo
from detente.bargaining.nash import nash, nash_position
from detente.bargaining.packages import analyse_issue_packages, analyse_packages, pareto_frontier
from detente.bargaining.results import EUResult, Forecast, MonteCarloResult, PackageResult
from detente.bargaining.scenario import (DiscreteIssue, Issue, load_bargaining_file,
                                         load_bargaining_scenario, load_discrete_issues,
                                         load_issues, make_issue)

MODELS = {"compromise": compromise, "median": median, "nash": nash, "eu": expected_utility}

__all__ = [
    "EUOptions", "EUResult", "Forecast", "MonteCarloResult", "PackageResult", "Issue",
    "DiscreteIssue", "MODELS", "analyse_issue_packages", "analyse_packages", "compromise",
    "compromise_position", "expected_utility", "load_bargaining_file",
    "load_bargaining_scenario", "load_discrete_issues", "load_issues", "make_issue", "median",
    "median_position", "monte_carlo", "nash", "nash_position", "pareto_frontier", "simulate",
    "weighted_median",
]
