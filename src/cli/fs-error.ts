// File-system errors caused by the user's world (a read-only or full disk, a file where a folder
// is expected, no permission, a name too long) are usage errors: one line naming the path and
// what is wrong, exit 2, never "internal error" with a stack.

const USER_WORLD: Readonly<Record<string, string>> = {
  ENOTDIR: 'a part of the path is a file, not a folder',
  EISDIR: 'is a folder, expected a file',
  EEXIST: 'already exists and is in the way',
  ENOTEMPTY: 'is a folder that is not empty',
  EROFS: 'the file system is read-only',
  ENOSPC: 'no space left on the device',
  EDQUOT: 'disk quota exceeded',
  EFBIG: 'file too large for the file system',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  ENAMETOOLONG: 'a name in the path is too long for the file system (at most 255 bytes)',
  ELOOP: 'too many symbolic links in the path',
  ENOENT: 'no such file or folder',
};

/** The one-line message for a file-system error of the user's world, or undefined for any other error. */
export function userFsErrorMessage(err: unknown): string | undefined {
  if (!(err instanceof Error)) return undefined;
  const e = err as NodeJS.ErrnoException;
  if (typeof e.code !== 'string' || typeof e.path !== 'string') return undefined;
  const why = USER_WORLD[e.code];
  if (why === undefined) return undefined;
  const path = JSON.stringify(e.path.length > 200 ? `${e.path.slice(0, 200)}…` : e.path);
  // rename and copy name their destination too
  const to = (e as { dest?: unknown }).dest;
  const dest = typeof to === 'string' ? ` to ${JSON.stringify(to.length > 200 ? `${to.slice(0, 200)}…` : to)}` : '';
  return `cannot ${e.syscall ?? 'access'} ${path}${dest}: ${why} (${e.code})`;
}
