#!/usr/bin/env python3
"""Turns JMH's -rf json output of the io.zkwatch.bench.jmh benchmarks into markdown tables.

Benchmarks are named <case>_<side> (side: zkwatch, naive, or read: the parser without the aggregation) and count the reply bytes they handle in the
auxiliary counter "bytes", so MB/s = bytes/s / 1e6 and allocation per MB = gc.alloc.rate.norm (B/op) divided
by bytes per op.
"""
import json
import sys


def metric(entry, name):
    m = entry.get("secondaryMetrics", {}).get(name)
    return m["score"] if m else None


def main(path):
    with open(path) as f:
        results = json.load(f)
    rows = {}
    renders = []
    for e in results:
        name = e["benchmark"].rsplit(".", 1)[1]
        params = e.get("params", {})
        watches = params.get("watches", params.get("version", "-"))
        ops = e["primaryMetric"]["score"]
        byte_rate = metric(e, "bytes") or 0.0
        alloc_op = metric(e, "gc.alloc.rate.norm")
        bytes_op = byte_rate / ops if ops else 0.0
        figures = {
            "mbs": byte_rate / 1e6,
            "size": bytes_op / 1e6,
            "alloc_mb": alloc_op / bytes_op * 1e6 if alloc_op is not None and bytes_op else None,
            "alloc_op": alloc_op,
            "ops": ops,
        }
        if "_" not in name:
            continue
        case, side = name.rsplit("_", 1)
        if side == "render":
            renders.append((int(watches) if watches.isdigit() else 0, figures))
            continue
        rows.setdefault((case, watches), {})[side] = figures

    def fmt(v, digits=0):
        return "-" if v is None else f"{v:,.{digits}f}"

    print("| Case | Watches (mntr: version) | Reply MB | zkwatch MB/s | naive MB/s | zkwatch / naive | zkwatch alloc B/MB | naive alloc B/MB "
          "| parse only MB/s | parse only alloc B/MB |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    def order(kv):
        case, size = kv[0]
        return (case, int(size) if size.isdigit() else 0, size)

    for (case, watches), sides in sorted(rows.items(), key=order):
        z = sides.get("zkwatch")
        n = sides.get("naive")
        r = sides.get("read")
        size = (z or n or r)["size"]
        ratio = z["mbs"] / n["mbs"] if z and n and n["mbs"] else None
        print(f"| {case} | {watches} | {size:,.3f} | {fmt(z and z['mbs'])} | {fmt(n and n['mbs'])} | "
              f"{fmt(ratio, 1)}x | {fmt(z and z['alloc_mb'])} | {fmt(n and n['alloc_mb'])} | "
              f"{fmt(r and r['mbs'])} | {fmt(r and r['alloc_mb'])} |")
    if renders:
        print()
        print("| /metrics render | Watches | Renders/s | ms per render | Exposition KB | Allocation per render MB |")
        print("|---|---:|---:|---:|---:|---:|")
        for watches, f in sorted(renders, key=lambda r: r[0]):
            alloc = f["alloc_op"] / 1e6 if f["alloc_op"] is not None else None
            print(f"| SnapshotExporter | {watches} | {fmt(f['ops'], 1)} | {fmt(1000 / f['ops'], 2)} | "
                  f"{fmt(f['size'] * 1e3, 1)} | {fmt(alloc, 2)} |")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "target/jmh/quick.json")
