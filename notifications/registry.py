"""What the outbox and the scheduled reminders deliver, learnt by registration.

notifications/ sits below the apps that send notices: it never imports them. An app registers
its handlers by dotted path in its AppConfig.ready(), so the functions are imported only when a
message or a scheduled reminder is delivered.
"""

from __future__ import annotations

# outbox topic -> dotted path of the function that delivers it (the payload as keyword arguments)
HANDLERS: dict[str, str] = {}
# scheduled reminder -> dotted path of a function called with today=, returning how many it sent
SCHEDULED: dict[str, str] = {}


def register_handler(topic: str, dotted_path: str) -> None:
    HANDLERS[topic] = dotted_path


def register_scheduled(name: str, dotted_path: str) -> None:
    SCHEDULED[name] = dotted_path
