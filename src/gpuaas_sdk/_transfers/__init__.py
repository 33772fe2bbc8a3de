"""Storage transfers: planning, resumable uploads and downloads, sync and async."""
