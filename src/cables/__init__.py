"""cables: a TEI-XML digital edition toolchain.

Documents flow one way: corpus -> check -> transform -> package.
"""

__version__ = "0.1.0"
