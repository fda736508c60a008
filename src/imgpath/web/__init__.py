"""The web interface: Django pages, accounts and a JSON API over the engine and the rulebook.

Only this package imports Django; the core below it stays pure Python (design.md, layers).
"""
