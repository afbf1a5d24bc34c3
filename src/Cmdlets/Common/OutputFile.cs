using System;
using System.IO;
using System.Runtime.InteropServices;
using System.Text;
using MultiCloud.Engine;

namespace MultiCloud.Cmdlets
{
    /// <summary>
    /// Writes files the cmdlets are told to write (-OutFile, -Path). A kubeconfig holds admin credentials, so on
    /// Unix such a file is made owner-only (0600) before anything is written to it; netstandard2.0 has no
    /// File.SetUnixFileMode, hence libc chmod. Windows files under the user's profile are already private.
    /// </summary>
    internal static class OutputFile
    {
        private const uint OwnerReadWrite = 0x180; // 0600

        private static readonly Encoding Utf8WithoutBom = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);

        public static void Write(string path, string content, bool ownerOnly)
        {
            try
            {
                using (var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None))
                {
                    if (ownerOnly) RestrictToOwner(path);
                    var bytes = Utf8WithoutBom.GetBytes(content);
                    stream.Write(bytes, 0, bytes.Length);
                }
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                throw new MultiCloudException(ErrorIds.OutputWriteFailed, ErrorKind.Failed, $"could not write '{path}': {e.Message}", e) { Target = path };
            }
        }

        private static void RestrictToOwner(string path)
        {
            if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows)) return;
            if (NativeMethods.Chmod(path, OwnerReadWrite) == 0) return;
            var errno = Marshal.GetLastWin32Error();
            throw new MultiCloudException(ErrorIds.OutputWriteFailed, ErrorKind.PermissionDenied,
                $"could not make '{path}' readable by its owner only (chmod failed with errno {errno}); nothing was written to it") { Target = path };
        }

        private static class NativeMethods
        {
            // "libc" is mapped by the .NET runtime to the platform C library on Linux and macOS.
            [DllImport("libc", EntryPoint = "chmod", SetLastError = true)]
            public static extern int Chmod(string path, uint mode);
        }
    }
}
