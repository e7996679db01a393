"""`deepfake_train` with half the labelled real training crops Gaussian-blurred (radius 0.5-1.5 px at 224 px), by hand.

The experiment of nbs/12_evaluate.ipynb ("Does blur read as fake?"): DFDC's fakes are softer than their sources (their
median sharpness is that of a real crop blurred by about 0.8 px), so blurring half the real training crops takes that
cue away. The held-out fold (`--fold`) is left as it is. Same arguments as `deepfake_train`.
Not adopted (see the notebook), so it stays a script rather than an option of the library.
"""
import random, sys

import numpy as np
from PIL import Image, ImageFilter

import deepfake_lib.forge as forge

VALID_FOLD, P_BLUR, RADIUS = 0, 0.5, (0.5, 1.5)   # VALID_FOLD: set from --fold
_read = forge.ForgeryReader.__call__

def read_with_real_blur(self, row):
    "The crop of `row` as `ForgeryReader` gives it, blurred with probability `P_BLUR` if it is a real training crop."
    if getattr(row, 'forge', '') != 'sbi' and int(row.is_fake) == 0 and int(row.fold) != VALID_FOLD and random.random() < P_BLUR:
        return np.asarray(Image.open(row.path).convert('RGB').filter(ImageFilter.GaussianBlur(random.uniform(*RADIUS))))
    return _read(self, row)

if __name__ == '__main__':
    from deepfake_lib.train_cli import _train_parser, train_cli
    args = _train_parser().parse_args(sys.argv[1:])
    if args.forgeries == 'none': sys.exit('train_realblur: pass --forgeries sbi or both (the blur is applied where self-blends are read)')
    if args.cv: sys.exit('train_realblur: one fold at a time (--fold K), not --cv')
    VALID_FOLD = args.fold
    forge.ForgeryReader.__call__ = read_with_real_blur
    sys.exit(train_cli(sys.argv[1:]))
