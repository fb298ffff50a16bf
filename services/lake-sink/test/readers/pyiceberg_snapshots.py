"""Reads a table through pyiceberg after maintenance and prints one JSON line.

Input (argv[1], JSON): catalog_uri, catalog_name, warehouse, identifier, table_location,
snapshot_ids (time-travel reads). Output: current rows via SqlCatalog and via the metadata path,
rows as of each requested snapshot, the current schema, snapshots, history and summary.
"""
import json
import sys
from datetime import datetime, timedelta, timezone

from pyiceberg.catalog.sql import SqlCatalog
from pyiceberg.table import StaticTable

EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)


def plain(value):
    if isinstance(value, datetime):
        return (value - EPOCH) // timedelta(microseconds=1)
    return value


def rows_of(arrow):
    return sorted(
        ({k: plain(v) for k, v in row.items()} for row in arrow.to_pylist()),
        key=lambda r: r["id"],
    )


args = json.loads(sys.argv[1])
catalog = SqlCatalog(args["catalog_name"], uri=args["catalog_uri"], warehouse=args["warehouse"])
table = catalog.load_table(args["identifier"])
static = StaticTable.from_metadata(args["table_location"])
current = table.current_snapshot()

print(json.dumps({
    "rows": rows_of(table.scan().to_arrow()),
    "static_rows": rows_of(static.scan().to_arrow()),
    "as_of": {
        str(sid): rows_of(table.scan(snapshot_id=sid).to_arrow()) for sid in args["snapshot_ids"]
    },
    "schema_id": table.schema().schema_id,
    "schema_fields": [[f.field_id, f.name, str(f.field_type), f.required] for f in table.schema().fields],
    "last_column_id": table.metadata.last_column_id,
    "snapshot_ids": [s.snapshot_id for s in table.metadata.snapshots],
    "history": [h.snapshot_id for h in table.history()],
    "operation": current.summary.operation.value,
    "summary": current.summary.additional_properties,
    "planned_files": len(list(table.scan().plan_files())),
}))
