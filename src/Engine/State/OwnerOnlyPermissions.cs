using System.IO;
using System.Runtime.InteropServices;

namespace MultiCloud.Engine.State
{
    /// <summary>
    /// Restricts state folders to their owner (0700) and files to owner read/write (0600) on Unix, where the
    /// state folder holds the cluster's SSH key. netstandard2.0 has no File.SetUnixFileMode, so this calls
    /// libc chmod. On Windows the folders live under the per-user profile, which is already private.
    /// </summary>
    internal static class OwnerOnlyPermissions
    {
        private const uint OwnerReadWrite = 0x180; // 0600
        private const uint OwnerReadWriteExecute = 0x1C0; // 0700

        private static readonly bool IsUnix = !RuntimeInformation.IsOSPlatform(OSPlatform.Windows);

        public static void RestrictDirectory(string path) => Change(path, OwnerReadWriteExecute);

        public static void RestrictFile(string path) => Change(path, OwnerReadWrite);

        /// <summary>Creates the folder (and its parents) if needed and makes it owner-only.</summary>
        public static void EnsureDirectory(string path)
        {
            Directory.CreateDirectory(path);
            RestrictDirectory(path);
        }

        private static void Change(string path, uint mode)
        {
            if (!IsUnix)
            {
                return;
            }

            if (NativeMethods.Chmod(path, mode) != 0)
            {
                var errno = Marshal.GetLastWin32Error();
                throw new MultiCloudException(
                    ErrorIds.StatePermissionsFailed,
                    ErrorKind.PermissionDenied,
                    $"could not make '{path}' readable by its owner only (chmod failed with errno {errno}); the state folder must be on a file system that supports Unix permissions")
                {
                    Target = path,
                };
            }
        }

        private static class NativeMethods
        {
            // "libc" is mapped by the .NET runtime to the platform C library on Linux and macOS.
            [DllImport("libc", EntryPoint = "chmod", SetLastError = true)]
            public static extern int Chmod(string path, uint mode);
        }
    }
}
