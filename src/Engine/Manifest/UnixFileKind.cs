using System;
using System.Runtime.InteropServices;

namespace MultiCloud.Engine.Manifest
{
    /// <summary>
    /// The kind of a file on Linux and macOS, which .NET does not expose (FileInfo calls a FIFO and /dev/zero
    /// "Normal"). Asks the runtime's own native library, libSystem.Native, which every .NET on Unix ships and whose
    /// FileStatus record starts with two 32-bit fields, flags and mode, on every platform. Should that entry point
    /// ever be missing, the kind is Unknown and callers fall back to their size cap.
    /// </summary>
    internal static class UnixFileKind
    {
        public enum Kind { Unknown, Regular, Directory, Fifo, CharacterDevice, BlockDevice, Socket, SymbolicLink }

        // The runtime's portable mode bits (pal_io.h), the same on every Unix.
        private const int TypeMask = 0xF000;

        public static Kind Of(string path)
        {
            try
            {
                var status = new FileStatusBuffer();
                if (Stat(path, ref status) != 0) return Kind.Unknown;
                return (status.Mode & TypeMask) switch
                {
                    0x1000 => Kind.Fifo,
                    0x2000 => Kind.CharacterDevice,
                    0x4000 => Kind.Directory,
                    0x6000 => Kind.BlockDevice,
                    0x8000 => Kind.Regular,
                    0xA000 => Kind.SymbolicLink,
                    0xC000 => Kind.Socket,
                    _ => Kind.Unknown,
                };
            }
            catch (Exception e) when (e is DllNotFoundException || e is EntryPointNotFoundException)
            {
                return Kind.Unknown;
            }
        }

        [DllImport("libSystem.Native", EntryPoint = "SystemNative_Stat", SetLastError = true)]
        private static extern int Stat([MarshalAs(UnmanagedType.LPUTF8Str)] string path, ref FileStatusBuffer status);

        /// <summary>Room for the runtime's FileStatus (about 120 bytes today); only the first two fields are read.</summary>
        [StructLayout(LayoutKind.Sequential, Size = 512)]
        private struct FileStatusBuffer
        {
            public int Flags;
            public int Mode;
        }
    }
}
