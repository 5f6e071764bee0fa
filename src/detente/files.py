"""Writing output files: the one rule every command follows.

:func:`write_output` is how detente writes every file it produces (reports, analysis output,
imported and exported models, plots). The rule:

* A **new path or a regular file** is written atomically: the data goes to a temporary file in
  the same folder, which is then renamed over the path, so a reader (or a full disk, or Ctrl-C)
  never leaves half a file behind. A new file gets the usual mode for the user's umask
  (``0o666 & ~umask``); a replaced file keeps its mode.
* A **symbolic link** is followed: when it leads to a regular file, that file is replaced as
  above and the link stays a link.
* **Anything else** that already exists (``/dev/stdout``, a terminal, a FIFO, ``/dev/null``) is
  written through in place, never replaced by a regular file.
* A **missing folder** on the way is created (like ``mkdir -p``), with the umask's mode.
* A path that is a folder, or that cannot be written (no permission, disk full, read-only file
  system), raises a :class:`~detente.errors.DetenteError` naming the path and the reason, and
  leaves no temporary file behind.
"""

from __future__ import annotations

import contextlib
import errno
import os
import stat
import tempfile
from pathlib import Path
from typing import BinaryIO, Iterable, Iterator

from detente.errors import DetenteError, Problem


def _umask() -> int:
    # os.umask can only be read by setting it; set it straight back (one thread does this).
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _cannot_write(path: Path, exc: OSError) -> DetenteError:
    reason = exc.strerror or str(exc)
    hint = {
        errno.EACCES: "choose a folder you can write to, or fix its permissions",
        errno.EPERM: "choose a folder you can write to, or fix its permissions",
        errno.ENOSPC: "free some disk space or write somewhere else",
        errno.EDQUOT: "free some disk space or write somewhere else",
        errno.EROFS: "the file system is read-only; write somewhere else",
        errno.ENOTDIR: "a part of the path is a file, not a folder",
        errno.ENAMETOOLONG: "use a shorter file name",
    }.get(exc.errno, "choose another output path")
    return DetenteError(Problem(f"cannot write the output: {reason}", file=str(path), hint=hint))


def write_output(path: str | os.PathLike, data: str | bytes | Iterable[str | bytes]) -> Path:
    """Write ``data`` (text is written as UTF-8) to ``path`` following the module's rule.

    Parameters
    ----------
    path : the file to write; missing folders on the way are created.
    data : text or bytes, or an iterable of pieces of them (written as they come, so a large
        output is never held whole in memory).

    Returns
    -------
    The path written (as given).

    Raises
    ------
    DetenteError
        The path is a folder or cannot be written; the message names it and says why.

    Examples
    --------
    >>> import tempfile, os
    >>> d = tempfile.mkdtemp()
    >>> write_output(os.path.join(d, "new", "out.txt"), "hello\\n").read_text()
    'hello\\n'
    >>> write_output(os.path.join(d, "parts.txt"), iter(["a", "b\\n"])).read_text()
    'ab\\n'
    """
    pieces = [data] if isinstance(data, (str, bytes, bytearray, memoryview)) else data
    with open_output(path) as fh:
        for piece in pieces:
            fh.write(piece.encode("utf-8") if isinstance(piece, str) else piece)
    return Path(path)


@contextlib.contextmanager
def open_output(path: str | os.PathLike) -> Iterator[BinaryIO]:
    """A binary file to write ``path`` through, following the module's rule: the data takes
    the path's place only when the ``with`` block ends without an exception (a temporary file
    in the same folder until then); a device or pipe is written through.

    Raises :class:`DetenteError` as :func:`write_output` does.
    """
    path = Path(path)
    try:
        info = os.stat(path)  # follows symbolic links
    except FileNotFoundError:
        info = None
    except OSError as exc:
        raise _cannot_write(path, exc) from None
    if info is not None and stat.S_ISDIR(info.st_mode):
        raise DetenteError(Problem("is a folder; give a file name", file=str(path)))
    through = (info is not None and not stat.S_ISREG(info.st_mode)) or (info is None and os.path.islink(path))
    if through:  # a device, pipe or terminal; or a link to nothing yet: create its target
        try:
            fh = open(path, "wb")
        except OSError as exc:
            raise _cannot_write(path, exc) from None
        try:
            with fh:
                yield fh
        except OSError as exc:
            if exc.filename is None:
                raise _cannot_write(path, exc) from None
            raise
        return
    target = Path(os.path.realpath(path)) if info is not None else path
    mode = None if info is None else stat.S_IMODE(info.st_mode)
    try:
        folder = target.parent
        if not folder.is_dir():
            folder.mkdir(parents=True, exist_ok=True)
        # mkstemp creates the file 0600 whatever the umask; give it the mode an ordinary new
        # file would have (or the mode of the file it replaces) before it takes the path's place.
        fd, tmp = tempfile.mkstemp(dir=folder, prefix=f".{target.name}.", suffix=".part")
    except OSError as exc:
        raise _cannot_write(path, exc) from None
    try:
        with os.fdopen(fd, "wb") as fh:
            try:
                yield fh
                fh.flush()
                os.fchmod(fh.fileno(), mode if mode is not None else 0o666 & ~_umask())
            except OSError as exc:
                if exc.filename is None:
                    raise _cannot_write(path, exc) from None
                raise
        try:
            os.replace(tmp, target)
        except OSError as exc:
            raise _cannot_write(path, exc) from None
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
