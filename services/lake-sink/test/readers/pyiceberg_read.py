"""Reads a table the way an analyst would, through pyiceberg, and prints one JSON line.

Input (argv[1], JSON): catalog_uri, catalog_name, warehouse, identifier, table_location,
older_snapshot_id. Output: rows via SqlCatalog and via the metadata path (version-hint),
Arrow types, snapshot ids, and the row count as of the older snapshot.
"""
import json
import sys
from datetime import datetime, timedelta, timezone

from pyiceberg.catalog.sql import SqlCatalog
from pyiceberg.table import StaticTable


EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)


def plain(value):
    # Timestamps as epoch microseconds, exactly; floats go through json's round-trip repr.
    if isinstance(value, datetime):
        if value.tzinfo is None:
            raise ValueError("expected a zoned timestamp (timestamptz)")
        return (value - EPOCH) // timedelta(microseconds=1)
    if isinstance(value, list):
        return [plain(v) for v in value]
    return value


def rows_of(arrow):
    return sorted(
        ({k: plain(v) for k, v in row.items()} for row in arrow.to_pylist()),
        key=lambda r: r["payment_id"],
    )


args = json.loads(sys.argv[1])
catalog = SqlCatalog(args["catalog_name"], uri=args["catalog_uri"], warehouse=args["warehouse"])
table = catalog.load_table(args["identifier"])
arrow = table.scan().to_arrow()
static = StaticTable.from_metadata(args["table_location"])
older = table.scan(snapshot_id=args["older_snapshot_id"]).to_arrow()
day_filter = table.scan(row_filter=args["day_filter"]).plan_files()

print(json.dumps({
    "format_version": table.metadata.format_version,
    "snapshot_ids": [s.snapshot_id for s in table.metadata.snapshots],
    "current_summary": table.current_snapshot().summary.additional_properties,
    "operation": table.current_snapshot().summary.operation.value,
    "arrow_types": {f.name: str(f.type) for f in arrow.schema},
    "catalog_rows": rows_of(arrow),
    "static_rows": rows_of(static.scan().to_arrow()),
    "static_metadata_location": static.metadata_location,
    "older_count": older.num_rows,
    "day_filter_files": len(list(day_filter)),
    "partition_spec": str(table.spec()),
}))
