"""Output: turning records into table, markdown, csv and jsonl.

Row shapes are defined once, in :mod:`stance.report.rows`; every format is
rendered from those rows, so the formats cannot drift apart.
"""

from stance.report.formats import Format, RecordWriter
from stance.report import rows

__all__ = ["Format", "RecordWriter", "rows"]
