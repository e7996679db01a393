__version__ = "0.0.1"

# fastai 2.8.12 decorates a layer with `torch.jit.script` at import, which torch 2.14 flags as deprecated on every
# start of every tool; the message is about fastai's code, not the user's, so hide that one message only.
import warnings as _warnings
_warnings.filterwarnings('ignore', message='`torch.jit.script` is deprecated', category=FutureWarning)
