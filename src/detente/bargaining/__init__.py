"""detente.bargaining"""
