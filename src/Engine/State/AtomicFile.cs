using System;
using System.IO;
using System.Text;
using System.Threading;
using System.Threading.Tasks;

namespace MultiCloud.Engine.State
{
    /// <summary>
    /// Replaces a file so that readers see either the old or the new content, never a half-written mix: the new
    /// content goes to a temp file beside the target, is flushed to disk, and then takes the target's place.
    /// </summary>
    internal static class AtomicFile
    {
        private const string TempSuffix = ".tmp";
        private static readonly Encoding Utf8WithoutBom = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);

        /// <summary>Writes <paramref name="content"/> to <paramref name="path"/> atomically; the file is owner-only.</summary>
        public static async Task WriteAsync(string path, string content, CancellationToken cancellationToken)
        {
            var directory = Path.GetDirectoryName(path)!;
            var temp = Path.Combine(directory, Path.GetFileName(path) + "." + Guid.NewGuid().ToString("N") + TempSuffix);
            try
            {
                var bytes = Utf8WithoutBom.GetBytes(content);
                using (var stream = OwnerOnlyPermissions.CreateFile(temp, FileMode.CreateNew))
                {
                    await stream.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
                    stream.Flush(flushToDisk: true);
                }

                if (File.Exists(path))
                {
                    File.Replace(temp, path, destinationBackupFileName: null, ignoreMetadataErrors: true);
                }
                else
                {
                    File.Move(temp, path);
                }
            }
            catch
            {
                TryDelete(temp);
                throw;
            }
        }

        /// <summary>
        /// Removes temp files that a crashed writer left beside <paramref name="fileName"/>. Only call while holding
        /// the lock that serializes writers, or a live writer's temp file could go.
        /// </summary>
        public static void RemoveLeftovers(string directory, string fileName)
        {
            if (!Directory.Exists(directory))
            {
                return;
            }

            foreach (var leftover in Directory.EnumerateFiles(directory, fileName + ".*" + TempSuffix))
            {
                TryDelete(leftover);
            }
        }

        private static void TryDelete(string path)
        {
            try
            {
                File.Delete(path);
            }
            catch (IOException)
            {
                // A leftover that cannot go now is removed by the next save; it never shadows the real file.
            }
            catch (UnauthorizedAccessException)
            {
            }
        }
    }
}
