"""Checking events in parts: in other processes (--jobs), on a Dask cluster, or from the cache."""
