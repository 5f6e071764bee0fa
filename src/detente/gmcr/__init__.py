"""detente.gmcr"""
