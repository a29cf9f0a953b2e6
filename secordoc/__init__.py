"""secordoc: check a SECOR submission package before it is filed."""

__version__ = "0.1.0"
