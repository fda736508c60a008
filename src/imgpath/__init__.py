"""IMG Pathways: routes into US medicine for international medical graduates.

Layers, imports pointing down only: ``cli`` -> ``engine`` -> ``rulebook`` -> ``yamlio``/``dates``.
"""

__version__ = "0.1.0"
