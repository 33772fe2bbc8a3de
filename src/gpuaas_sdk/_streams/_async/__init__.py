"""This layer's engines that do I/O: the async ones are written by hand, the sync ones generated."""
