"""``khulasa serve``: the stories of a database as a web page and an HTTP API.

>>> from khulasa.serve import ServeConfig, create_app
>>> app = create_app(ServeConfig(db="news.db"))   # doctest: +SKIP
"""

from khulasa.serve.app import create_app
from khulasa.serve.config import ConfigError, ServeConfig

__all__ = ["ConfigError", "ServeConfig", "create_app"]
