"""Was a report for year N published by the deadline (31 March of N+1 under the 2019 规定)?"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

ON_TIME, LATE, UNKNOWN = "on_time", "late", "unknown"
LABELS = {ON_TIME: "准时", LATE: "逾期", UNKNOWN: "未知"}


@dataclass(frozen=True)
class Timeliness:
    status: str  # ON_TIME | LATE | UNKNOWN
    deadline: dt.date | None
    judged_on: dt.date | None  # the date compared with the deadline
    basis: str  # "published_on" | "report_date" | ""
    days_late: int | None  # > 0 when late


def deadline_for(year: int, month_day: tuple[int, int]) -> dt.date:
    month, day = month_day
    return dt.date(year + 1, month, day)


def judge(
    year: int | None,
    published_on: dt.date | None,
    report_date: dt.date | None,
    month_day: tuple[int, int] = (3, 31),
) -> Timeliness:
    """The publication date decides; the signature date (落款) stands in when it is missing,
    since a report cannot be published before it is signed."""
    if year is None:
        return Timeliness(UNKNOWN, None, None, "", None)
    deadline = deadline_for(year, month_day)
    judged_on, basis = (
        (published_on, "published_on") if published_on else (report_date, "report_date")
    )
    if judged_on is None:
        return Timeliness(UNKNOWN, deadline, None, "", None)
    late_by = (judged_on - deadline).days
    status = LATE if late_by > 0 else ON_TIME
    return Timeliness(status, deadline, judged_on, basis, late_by if late_by > 0 else None)
