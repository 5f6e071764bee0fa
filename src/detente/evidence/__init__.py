"""detente.evidence"""
