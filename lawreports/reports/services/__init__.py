"""Writes: small service functions that change the archive's rows."""
