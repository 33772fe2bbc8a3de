"""Connections that stay open: event streams (SSE), the terminal (WebSocket), SSH probes."""
