"""Log filters: a calendar feed's URL is its password, so it never reaches a log line.

Django logs every answer of 400 and above with its path (``Not Found: /feeds/<secret>/calendar.ics``);
the feed's secret is replaced before the line is written, wherever it appears in the message.
"""

from __future__ import annotations

import logging
import re

_FEED_SECRET = re.compile(r"/feeds/[^/\s]+/")
HIDDEN = "/feeds/(secret)/"


class HideFeedSecrets(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if "/feeds/" in message:
            record.msg = _FEED_SECRET.sub(HIDDEN, message)
            record.args = None
        return True
