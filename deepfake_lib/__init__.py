__version__ = "0.0.1"

# fastai 2.8.12 decorates a layer with `torch.jit.script` at import, which torch 2.14 flags as deprecated on every
# start of every tool; the message is about fastai's code, not the user's, so hide that one message only.
import warnings as _warnings
_warnings.filterwarnings('ignore', message='`torch.jit.script` is deprecated', category=FutureWarning)

# FFmpeg (inside OpenCV) and OpenCV write their own messages to stderr ("moov atom not found", "[ WARN:0] ..."), which
# reach the terminal past `-q` and look like failures in test logs; this library reports every problem in words itself.
# Quiet by default; set these variables before importing deepfake_lib to see them (e.g. OPENCV_FFMPEG_LOGLEVEL=24).
import os as _os
_os.environ.setdefault('OPENCV_FFMPEG_LOGLEVEL', '-8')
_os.environ.setdefault('OPENCV_LOG_LEVEL', 'ERROR')
