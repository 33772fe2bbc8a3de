"""The clients: the async one is written by hand, the sync one generated from it."""
