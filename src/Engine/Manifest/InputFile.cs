using System;
using System.IO;
using System.Runtime.InteropServices;
using System.Text;

namespace MultiCloud.Engine.Manifest
{
    /// <summary>
    /// Reads a file a user names (a manifest, a key file) without trusting what it is: a FIFO would block the
    /// reader forever, /dev/zero would fill memory, a folder is not a document. Only regular files are opened,
    /// and at most a given number of bytes are read.
    /// </summary>
    internal static class InputFile
    {
        /// <summary>Why the path cannot be read as a document, checked before it is opened; null for a regular file.</summary>
        public static string? Refusal(string path)
        {
            if (Directory.Exists(path)) return "it is a folder, not a file";
            if (RuntimeInformation.IsOSPlatform(OSPlatform.Windows))
                return path.StartsWith(@"\\.\", StringComparison.Ordinal) || path.StartsWith(@"\\?\GLOBALROOT", StringComparison.OrdinalIgnoreCase) ? "it is a device, not a file" : null;
            return UnixFileKind.Of(path) switch
            {
                UnixFileKind.Kind.Fifo => "it is a named pipe (FIFO), not a regular file",
                UnixFileKind.Kind.CharacterDevice => "it is a character device, not a regular file",
                UnixFileKind.Kind.BlockDevice => "it is a block device, not a regular file",
                UnixFileKind.Kind.Socket => "it is a socket, not a regular file",
                _ => null,
            };
        }

        /// <summary>
        /// The text of a regular file of at most <paramref name="maxBytes"/> bytes (byte order marks honoured,
        /// UTF-8 otherwise). Throws <see cref="InvalidDataException"/> saying why it was refused; the usual
        /// IOExceptions for missing or unreadable files.
        /// </summary>
        public static string ReadText(string path, int maxBytes)
        {
            var refusal = Refusal(path);
            if (refusal != null) throw new InvalidDataException(refusal);

            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 4096);
            if (stream.CanSeek && stream.Length > maxBytes) throw TooLarge(maxBytes);
            var buffer = new byte[Math.Min(maxBytes + 1L, stream.CanSeek ? stream.Length + 1 : maxBytes + 1L)];
            var read = 0;
            int count;
            while (read < buffer.Length && (count = stream.Read(buffer, read, buffer.Length - read)) > 0) read += count;
            // The file may have grown since its length was taken.
            if (read > maxBytes || (read == buffer.Length && stream.ReadByte() >= 0)) throw TooLarge(maxBytes);

            using var reader = new StreamReader(new MemoryStream(buffer, 0, read), new UTF8Encoding(false), detectEncodingFromByteOrderMarks: true);
            return reader.ReadToEnd();
        }

        private static InvalidDataException TooLarge(int maxBytes) =>
            new InvalidDataException("it is larger than " + ManifestLimits.Number(maxBytes) + " bytes");
    }
}
