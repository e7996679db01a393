#!/usr/bin/env bash
# Train detectors on a lent GPU machine (the `device` tool of this workplace), where only the working tree travels.
# The face crops go there in carried, git-ignored zip chunks (.carry/cK/chunk.zip: paths as in labels.csv; the first
# chunk also holds labels.csv and landmarks.npz), fastai and its needs as wheels (.whl/), and the offline ImageNet weights
# as small packages (.carry/site0/): tools/device_prepare.py makes all three here. A call carries at most 64 MiB with the
# repository, whose saved_models/*.pth alone are 41 MB: move them out of the tree while the calls run (they are not
# needed there), then carry .whl with c0, .carry/site0 with c1, one chunk a call, and call again within the machine's
# 30 s of warmth so that what was staged stays. On the device:
#   bash tools/device_train.sh stage cK            unpack a chunk into $DATA (installs the wheels and weights if carried)
#   bash tools/device_train.sh train NAME ARGS...  deepfake_train $DATA/labels.csv --save-model $MODELS/NAME ARGS,
#                                                   stopped at $DEADLINE (epoch checkpoints: the same line again resumes)
#   bash tools/device_train.sh collect             models (split under 15 MB), cards, histories and logs into $OUT
set -uo pipefail
DATA=${DATA:-/root/dfdc}; SITE=${SITE:-/root/site}; MODELS=${MODELS:-/root/models}; RUNS=${RUNS:-/root/runs}
export PYTHONPATH=$SITE:$PWD PYTHONUNBUFFERED=1
mkdir -p "$DATA" "$SITE" "$MODELS" "$RUNS"
case "${1:-}" in
stage)
  python3 -m zipfile -e ".carry/$2/chunk.zip" "$DATA" && echo "$2: $(ls "$DATA/faces" | wc -l) crops in $DATA"
  if [ -d .whl ] && [ ! -f "$SITE/.wheels" ]; then
    python3 -m pip install -q --no-index --no-deps --no-compile --no-cache-dir --target "$SITE" .whl/*.whl && touch "$SITE/.wheels" || exit 1
  fi
  if [ -d .carry/site0 ]; then cp -r .carry/site0/. "$SITE/"; fi
  nvidia-smi --query-gpu=name,memory.used,memory.total --format=csv,noheader
  python3 -c "import fastai, timm, torch, deepfake_lib.train; print('fastai', fastai.__version__, 'torch', torch.__version__, 'cuda', torch.cuda.is_available())"
  ;;
train)
  name=$2; shift 2
  left=$(( ${DEADLINE:-$(( $(date +%s) + 540 ))} - $(date +%s) ))
  [ "$left" -gt 60 ] || { echo "$name: no time left ($left s)"; exit 0; }
  resume=(); [ -f "$RUNS/$name/last.json" ] && resume=(--resume --overwrite)
  echo "== $name: $* ${resume[*]} ($left s left)"
  timeout "$left" python3 -c "import sys; from deepfake_lib.train_cli import train_cli; sys.exit(train_cli())" \
    "$DATA/labels.csv" --save-model "$MODELS/$name" --out "$RUNS/$name" "$@" "${resume[@]}" 2>&1 | tee -a "$RUNS/$name.log"
  echo "== $name: exit ${PIPESTATUS[0]}"
  ;;
collect)
  for pth in "$MODELS"/*.pth; do
    [ -f "$pth" ] || continue
    if [ "$(stat -c %s "$pth")" -gt 15000000 ]; then split -b 15000000 -d "$pth" "$OUT/$(basename "$pth")."; else cp "$pth" "$OUT/"; fi
  done
  tar czf "$OUT/runs.tgz" --exclude='*.pth' "$MODELS" "$RUNS" 2>/dev/null
  ls -la "$OUT"
  ;;
*) echo "usage: $0 stage cK | train NAME ARGS... | collect"; exit 2 ;;
esac
