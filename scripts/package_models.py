#!/usr/bin/env python3
"""Copy trained networks into the repository's models/ and write models/manifest.json.

Usage: scripts/package_models.py TRAINED_DIR [MODELS_DIR [FIGURES_DIR]]
TRAINED_DIR holds K<count>/{assignment,beamforming}/ as written by `isactwin train --out`.
For every pair, model.islm and learning_curve.csv are copied; the manifest lists each model
file's size and its FNV-1a 64 trailer (the format's own checksum, docs/DATASET.md), and
SHA256SUMS the SHA-256 of every copied file (`sha256sum -c SHA256SUMS` in models/).
With FIGURES_DIR, the learning curves are also written there as fig5.csv (assignment) and
fig6.csv (beamforming) in the layout of `isactwin reproduce` (then `scripts/plot_figures.py
FIGURES_DIR` draws Figs. 5-6).
"""
import hashlib, json, os, shutil, struct, sys

src = sys.argv[1]
dst = sys.argv[2] if len(sys.argv) > 2 else "models"
manifest = {"format": "ISLM model files (docs/DATASET.md), one assignment + beamforming pair per K", "models": {}}
sums = []
for name in sorted(os.listdir(src), key=lambda n: int(n[1:]) if n[1:].isdigit() else 0):
    if not (name.startswith("K") and name[1:].isdigit()):
        continue
    entry = {}
    for task in ("assignment", "beamforming"):
        model = os.path.join(src, name, task, "model.islm")
        if not os.path.exists(model):
            break
        os.makedirs(os.path.join(dst, name, task), exist_ok=True)
        for f in ("model.islm", "learning_curve.csv"):
            shutil.copyfile(os.path.join(src, name, task, f), os.path.join(dst, name, task, f))
            data = open(os.path.join(dst, name, task, f), "rb").read()
            sums.append(f"{hashlib.sha256(data).hexdigest()}  {name}/{task}/{f}")
        data = open(model, "rb").read()
        entry[task] = {"file": f"{name}/{task}/model.islm", "bytes": len(data),
                       "fnv1a64": "%016x" % struct.unpack("<Q", data[-8:])[0]}
    else:
        manifest["models"][name] = entry
with open(os.path.join(dst, "manifest.json"), "w") as f:
    json.dump(manifest, f, indent=2, sort_keys=True)
    f.write("\n")
if len(sys.argv) > 3:
    figures = sys.argv[3]
    os.makedirs(figures, exist_ok=True)
    for task, csv_name in (("assignment", "fig5.csv"), ("beamforming", "fig6.csv")):
        lines = ["vehicles,epoch,train_loss,val_loss,val_accuracy,val_mse"]
        for name in sorted(manifest["models"], key=lambda n: int(n[1:])):
            with open(os.path.join(dst, name, task, "learning_curve.csv")) as f:
                lines += [f"{name[1:]},{row.strip()}" for row in f.readlines()[1:] if row.strip()]
        with open(os.path.join(figures, csv_name), "w") as f:
            f.write("\n".join(lines) + "\n")
with open(os.path.join(dst, "SHA256SUMS"), "w") as f:
    f.write("\n".join(sums) + "\n")
print(json.dumps(manifest["models"], indent=1))
