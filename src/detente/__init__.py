"""detente: analyse strategic conflicts and negotiations.

Quick use::

    import detente
    conflict = detente.load("scenarios/settlement-talks-2025-02.yaml")
    result = detente.analyze(conflict)
    print(result)
"""

__version__ = "0.1.0"
