"""Migration Forum: the digital home of the Global Forum on Migration and Development."""

__version__ = "0.1.0"
