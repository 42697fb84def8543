"""kneewise: explainable, source-cited help for knees that hurt after training."""

__version__ = "0.1.0"
