#!/usr/bin/env python3
"""Concatenate learning datasets (DAgger aggregation, docs/MODEL.md L15).

Usage: scripts/merge_datasets.py OUT_DIR SRC_DIR...
Each SRC_DIR holds train/ and validation/ as written by `isactwin dataset` (e.g. data/K20); OUT_DIR
gets both splits with every source's shards copied in order and renumbered, and a manifest whose
`generator` records the sources' provenance. Shards are self-contained (docs/DATASET.md), so their
checksums stay valid. All sources must share the feature layout (checked).
"""
import json, os, shutil, sys

if len(sys.argv) < 3:
    sys.exit(__doc__)
out, sources = sys.argv[1], sys.argv[2:]
for split in ("train", "validation"):
    merged, first, provenance = None, 0, []
    for src in sources:
        manifest = json.load(open(os.path.join(src, split, "manifest.json")))
        provenance.append(manifest["generator"])
        if merged is None:
            merged = dict(manifest, shards=[])
        layout = ("featureCount", "transmitAntennas", "receiveAntennas", "rsuCount", "formatVersion")
        if any(manifest[k] != merged[k] for k in layout):
            sys.exit(f"{src}/{split}: layout {[manifest[k] for k in layout]} differs from {[merged[k] for k in layout]}")
        for shard in manifest["shards"]:
            name = f"shard-{len(merged['shards']):05d}.bin"
            os.makedirs(os.path.join(out, split), exist_ok=True)
            shutil.copyfile(os.path.join(src, split, shard["file"]), os.path.join(out, split, name + ".tmp"))
            os.replace(os.path.join(out, split, name + ".tmp"), os.path.join(out, split, name))
            merged["shards"].append(dict(shard, file=name, firstSample=first))
            first += shard["sampleCount"]
    merged["generator"] = {"aggregate": json.dumps(provenance, sort_keys=True)}
    tmp = os.path.join(out, split, "manifest.json.tmp")
    with open(tmp, "w") as f:
        json.dump(merged, f, indent=1, sort_keys=True)
    os.replace(tmp, os.path.join(out, split, "manifest.json"))
    print(f"{split}: {first} samples in {len(merged['shards'])} shards at {os.path.join(out, split)}")
