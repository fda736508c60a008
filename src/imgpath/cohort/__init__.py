"""Cohorts: many people checked at once, read from and written to spreadsheets (pure Python).

From a notebook::

    from imgpath.cohort import check_cohort, read_cohort, results_csv
    from imgpath.rulebook import default_rulebook

    people = read_cohort("clients.xlsx")            # CohortError names every bad row and column
    result = check_cohort(people, default_rulebook(), as_of=date(2026, 12, 1), workers=2)
    print(results_csv(result))

This package is the cohort service's public face: the CLI and the web import from here. The row
format, its limits and the speed figures are in docs/cohort.md. The chart (matplotlib) and the
workbook writers (openpyxl) load when first used.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from imgpath.cohort.batch import (
    READS,
    VERDICT_RANK,
    Answer,
    BatchChecker,
    CohortResult,
    RouteSummary,
    best_route,
    check_cohort,
    check_profiles,
    counts_table,
    next_deadline,
    reference_summaries,
    summarise,
)
from imgpath.cohort.export import (
    SUMMARY_COLUMNS,
    column_notes,
    read_results_csv,
    result_rows,
    results_csv,
    results_json,
    results_xlsx,
    summaries,
    template_csv,
    template_xlsx,
    write_results,
)
from imgpath.cohort.readers import (
    MAX_BYTES,
    MAX_CELL,
    MAX_COLUMNS,
    MAX_PROBLEMS,
    MAX_ROWS,
    MAX_UNZIPPED,
    CohortError,
    Person,
    check_zip,
    read_cohort,
    read_csv,
    read_rows,
    read_xlsx,
)
from imgpath.cohort.rows import MAX_PERIODS, RowProblem, profile_row, row_data, template_columns
from imgpath.cohort.synthetic import (
    calibration,
    is_synthetic,
    synthetic_people,
    synthetic_row,
    synthetic_rows,
)
from imgpath.lazy import lazy_exports

if TYPE_CHECKING:
    from imgpath.cohort.chart import verdict_chart

__getattr__ = lazy_exports(__name__, {"verdict_chart": "imgpath.cohort.chart"})

__all__ = [
    "MAX_BYTES",
    "MAX_CELL",
    "MAX_COLUMNS",
    "MAX_PERIODS",
    "MAX_PROBLEMS",
    "MAX_ROWS",
    "MAX_UNZIPPED",
    "READS",
    "SUMMARY_COLUMNS",
    "VERDICT_RANK",
    "Answer",
    "BatchChecker",
    "CohortError",
    "CohortResult",
    "Person",
    "RouteSummary",
    "RowProblem",
    "best_route",
    "calibration",
    "check_cohort",
    "check_profiles",
    "check_zip",
    "column_notes",
    "counts_table",
    "is_synthetic",
    "next_deadline",
    "profile_row",
    "read_cohort",
    "read_csv",
    "read_results_csv",
    "read_rows",
    "read_xlsx",
    "reference_summaries",
    "result_rows",
    "results_csv",
    "results_json",
    "results_xlsx",
    "row_data",
    "summaries",
    "summarise",
    "synthetic_people",
    "synthetic_row",
    "synthetic_rows",
    "template_columns",
    "template_csv",
    "template_xlsx",
    "verdict_chart",
    "write_results",
]
