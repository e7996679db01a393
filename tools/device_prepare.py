#!/usr/bin/env python3
"""Pack what `tools/device_train.sh` needs on a lent GPU machine into git-ignored folders that travel with the repository.

Only the working tree reaches that machine (64 MiB a call, the repository included), so:

- the face crops of LABELS_CSV go into stored (uncompressed) zip chunks `.carry/cK/chunk.zip` of at most `--chunk-mb`
  each, paths as in labels.csv; the first chunk also holds `labels.csv` and the landmarks file as `landmarks.npz`;
  send one chunk per call (`carry: [".carry/cK"]`) and unpack it there with `device_train.sh stage cK`;
- the offline ImageNet weights of `--arch` go, in half precision (half the bytes; loading casts them back), into
  `.carry/site0/PACKAGE/...` where `models.weights_path` finds them;
- fastai and the packages it imports that the machine lacks go into `.whl/` as wheels for its Python (3.12, x86-64).

    .venv/bin/python tools/device_prepare.py ../shared/data/dfdc_faces/labels.csv --landmarks data/dfdc_faces_landmarks.npz
"""
from __future__ import annotations
import argparse, importlib.metadata as md, os, subprocess, sys, zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# imported by `deepfake_train` and missing from the GPU machine's image (its package list is in the device tool's KINDS.md)
WHEELS = ['fastai', 'fastcore', 'fastdownload', 'fastprogress', 'fasttransform', 'plum-dispatch', 'beartype', 'python-fasthtml',
          'starlette', 'itsdangerous', 'python-multipart', 'httpx2', 'httpcore2', 'truststore', 'pytz', 'defusedxml']


def chunks(labels_csv: Path, landmarks: Path, out: Path, chunk_mb: float) -> list[Path]:
    "Zip the crops of `labels_csv` into chunks of at most `chunk_mb` MB (the first with labels.csv and landmarks.npz)."
    import pandas as pd
    root, paths = labels_csv.parent, pd.read_csv(labels_csv).path.tolist()
    groups, size = [[]], landmarks.stat().st_size + labels_csv.stat().st_size
    for p in paths:
        n = (root/p).stat().st_size
        if size + n > chunk_mb * 1e6: groups.append([]); size = 0
        groups[-1].append(p); size += n
    written = []
    for k, ps in enumerate(groups):
        dest = out/f'c{k}'/'chunk.zip'; dest.parent.mkdir(parents=True, exist_ok=True)
        with zipfile.ZipFile(dest, 'w', zipfile.ZIP_STORED) as z:
            for p in ps: z.write(root/p, arcname=p)
            if k == 0: z.write(labels_csv, arcname='labels.csv'); z.write(landmarks, arcname='landmarks.npz')
        written.append(dest)
        print(f"{dest}: {len(ps)} crops, {dest.stat().st_size / 1e6:.1f} MB")
    return written


def half_weights(arch: str, out: Path) -> Path:
    "A half-precision copy of the offline ImageNet weights of `arch`, in a package folder of the same name under `out`."
    import torch
    from deepfake_lib.models import backbone, weights_path
    b, src = backbone(arch), weights_path(arch)
    dest = out/b['weights']/b['file']; dest.parent.mkdir(parents=True, exist_ok=True)
    (out/b['weights']/'__init__.py').write_text('')
    sd = torch.load(src, map_location='cpu', weights_only=True)
    torch.save({k: v.half() if v.is_floating_point() else v for k, v in sd.items()}, dest)
    print(f"{dest}: {dest.stat().st_size / 1e6:.1f} MB (from {src.stat().st_size / 1e6:.1f} MB)")
    return dest


def wheels(out: Path) -> None:
    "Download the wheels of `WHEELS`, at the versions installed here, for the GPU machine's Python."
    out.mkdir(parents=True, exist_ok=True)
    pins = [f'{n}=={md.version(n)}' for n in WHEELS]
    subprocess.run([sys.executable, '-m', 'pip', 'download', '-q', '--no-deps', '--only-binary=:all:', '--python-version', '3.12',
                    '--implementation', 'cp', '--platform', 'manylinux_2_28_x86_64', '--platform', 'manylinux_2_17_x86_64',
                    '--platform', 'manylinux2014_x86_64', '-d', str(out), *pins], check=True)
    print(f"{out}: {len(list(out.glob('*.whl')))} wheels, {sum(f.stat().st_size for f in out.glob('*.whl')) / 1e6:.1f} MB")


def main():
    p = argparse.ArgumentParser(description=__doc__.split('\n')[0])
    p.add_argument('labels_csv', type=Path, help='labels.csv of the face crops to train on')
    p.add_argument('--landmarks', type=Path, required=True, help='landmarks file of the real crops (deepfake_landmarks)')
    p.add_argument('--arch', nargs='+', default=['tf_efficientnet_lite0', 'tf_efficientnet_lite2'])
    p.add_argument('--chunk-mb', type=float, default=35., help='largest chunk (a call carries the repository and one chunk)')
    a = p.parse_args()
    for f in (a.labels_csv, a.landmarks):
        if not f.exists(): sys.exit(f"device_prepare: {f}: file not found")
    os.chdir(ROOT)
    chunks(a.labels_csv.resolve(), a.landmarks.resolve(), ROOT/'.carry', a.chunk_mb)
    for arch in a.arch: half_weights(arch, ROOT/'.carry'/'site0')
    wheels(ROOT/'.whl')


if __name__ == '__main__': main()
