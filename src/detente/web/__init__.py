"""detente.web"""
