"""The client side of the city link: :class:`CityLink` for the app, the outbox, and ``python -m net.client``."""

from net.client.link import AlertReceived, CityLink, LinkEvent, LinkStatus, ReplyReceived, StatusChanged

__all__ = ["AlertReceived", "CityLink", "LinkEvent", "LinkStatus", "ReplyReceived", "StatusChanged"]
