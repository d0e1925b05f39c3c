"""How the platform's log reads: a refused request is one line, a server error a traceback."""

import logging


class ClientErrorsInOneLine(logging.Filter):
    """Django logs a 403 or a 400 raised as an exception with its traceback, as if it were a
    fault of the platform; the request was refused as designed, so one line says enough.
    Server errors (5xx) keep their traceback."""

    def filter(self, record: logging.LogRecord) -> bool:
        status = getattr(record, "status_code", None)
        if isinstance(status, int) and status < 500:
            record.exc_info = None
            record.exc_text = None
        return True
