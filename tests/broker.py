"""Celery's broker for the tests: a broker that refuses connections, and fresh publishers."""

import os
from contextlib import contextmanager


def reset_publisher_pools(app) -> None:
    """Forget every open broker connection, so the next publish connects to conf.broker_url."""
    from kombu import pools

    app.pool.force_close_all()
    app._pool = None
    app.amqp._producer_pool = None
    pools.reset()


@contextmanager
def broker_unreachable(*, eager: bool = False):
    """Celery publishing to a port where nothing listens: connections are refused."""
    from tracker.celery import app

    conf = app.conf
    keys = ("task_always_eager", "broker_url", "broker_connection_timeout")
    saved = {key: conf.get(key) for key in keys}
    # Celery prefers the CELERY_BROKER_URL environment variable (set in CI) to its settings.
    saved_env = os.environ.pop("CELERY_BROKER_URL", None)
    conf.update(
        task_always_eager=eager, broker_url="redis://127.0.0.1:1/0", broker_connection_timeout=1
    )
    reset_publisher_pools(app)
    try:
        yield
    finally:
        if saved_env is not None:
            os.environ["CELERY_BROKER_URL"] = saved_env
        conf.update(saved)
        reset_publisher_pools(app)
