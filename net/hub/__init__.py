"""The city services hub: alerts PUB, services ROUTER, SQLite store (``python -m net.hub``)."""
