"""Scans a table through pyiceberg's SqlCatalog and prints one JSON line.

Input (argv[1], JSON): catalog_uri, catalog_name, warehouse, identifier, and optionally
columns (the fields to read; default all). Output: the rows sorted by payment_id, the Arrow
types, the current snapshot's summary, the number of snapshots and the current schema.
"""
import json
import sys
from datetime import datetime, timedelta, timezone

from pyiceberg.catalog.sql import SqlCatalog

EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)


def plain(value):
    # Timestamps as epoch microseconds, exactly; a naive one would be the wrong type.
    if isinstance(value, datetime):
        if value.tzinfo is None:
            raise ValueError("expected a zoned timestamp (timestamptz)")
        return (value - EPOCH) // timedelta(microseconds=1)
    return value


args = json.loads(sys.argv[1])
catalog = SqlCatalog(args["catalog_name"], uri=args["catalog_uri"], warehouse=args["warehouse"])
table = catalog.load_table(args["identifier"])
columns = tuple(args.get("columns") or ["*"])
arrow = table.scan(selected_fields=columns).to_arrow()
rows = [{k: plain(v) for k, v in row.items()} for row in arrow.to_pylist()]
rows.sort(key=lambda r: r["payment_id"])
snapshot = table.current_snapshot()

print(json.dumps({
    "rows": rows,
    "arrow_types": {f.name: str(f.type) for f in arrow.schema},
    "summary": snapshot.summary.additional_properties if snapshot else {},
    "snapshots": len(table.metadata.snapshots),
    "schema": [[f.field_id, f.name, str(f.field_type), f.required] for f in table.schema().fields],
}))
