"""Django's Redis cache, with one redis-py client per connection pool instead of a new one for
every cache operation.

Django's RedisCacheClient.get_client() builds a redis.Redis around the shared pool on each call,
and building one copies redis-py's table of response callbacks: on this machine that cost as
much CPU as the GET it was made for (about 0.09 ms each). A client is thread-safe and holds no
connection of its own, so one per pool is enough.
"""

import redis as redis_py  # noqa: F401 (Django imports it on first use: 60 ms of a first request)
from django.core.cache.backends import redis


class ReusingClientRedisCacheClient(redis.RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        index = self._get_connection_pool_index(write)
        client = self._clients.get(index)
        if client is None:
            pool = self._get_connection_pool(write)
            client = self._clients[index] = self._client(connection_pool=pool)
        return client


class RedisCache(redis.RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusingClientRedisCacheClient
