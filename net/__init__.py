"""The ZeroMQ link to city services: protocol, client, hub and open-data fetchers."""
