using System;
using System.IO;

namespace MultiCloud.Engine.State
{
    /// <summary>
    /// Restricts state folders to their owner (0700) and files to owner read/write (0600) on Unix, where the
    /// state folder holds the cluster's SSH key. On Windows the folders live under the per-user profile, which is
    /// already private.
    /// </summary>
    public static class OwnerOnlyPermissions
    {
        private const UnixFileMode OwnerReadWrite = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        private const UnixFileMode OwnerReadWriteExecute = OwnerReadWrite | UnixFileMode.UserExecute;

        public static void RestrictDirectory(string path) => Change(path, OwnerReadWriteExecute);

        public static void RestrictFile(string path) => Change(path, OwnerReadWrite);

        /// <summary>Creates the folder (and its parents) if needed and makes it owner-only.</summary>
        public static void EnsureDirectory(string path)
        {
            Directory.CreateDirectory(path);
            RestrictDirectory(path);
        }

        /// <summary>
        /// Creates or truncates a file for writing; on Unix it is owner-only from its first byte (created 0600, and
        /// an existing file is restricted before anything is written to it).
        /// </summary>
        public static FileStream CreateFile(string path, FileMode mode = FileMode.Create)
        {
            var options = new FileStreamOptions { Mode = mode, Access = FileAccess.Write, Share = FileShare.None };
            if (!OperatingSystem.IsWindows()) options.UnixCreateMode = OwnerReadWrite;
            var stream = new FileStream(path, options);
            try
            {
                RestrictFile(path);
                return stream;
            }
            catch
            {
                stream.Dispose();
                throw;
            }
        }

        private static void Change(string path, UnixFileMode mode)
        {
            if (OperatingSystem.IsWindows()) return;
            try
            {
                File.SetUnixFileMode(path, mode);
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                throw new MultiCloudException(
                    ErrorIds.StatePermissionsFailed,
                    ErrorKind.PermissionDenied,
                    $"could not make '{path}' readable by its owner only ({e.Message}); the state folder must be on a file system that supports Unix permissions",
                    e)
                {
                    Target = path,
                };
            }
        }
    }
}
