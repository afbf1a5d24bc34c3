using System;
using System.IO;
using MultiCloud.Engine;
using MultiCloud.Engine.State;

namespace MultiCloud.Cli.Output
{
    /// <summary>Where a verb's document goes: stdout, or a file given with --out.</summary>
    public static class OutputFile
    {
        /// <summary>
        /// Writes <paramref name="content"/> to <paramref name="path"/> (or stdout when null). Files that hold secrets,
        /// such as a kubeconfig, are created readable by their owner only.
        /// </summary>
        public static void Write(Terminal terminal, string? path, string content, bool ownerOnly = false)
        {
            if (path is null)
            {
                terminal.Out.Write(content);
                if (!content.EndsWith('\n')) terminal.Out.WriteLine();
                terminal.Out.Flush();
                return;
            }
            try
            {
                var full = Path.GetFullPath(path);
                var folder = Path.GetDirectoryName(full);
                if (!string.IsNullOrEmpty(folder)) Directory.CreateDirectory(folder);
                using (var stream = ownerOnly ? OwnerOnlyPermissions.CreateFile(full) : new FileStream(full, FileMode.Create, FileAccess.Write))
                using (var writer = new StreamWriter(stream))
                {
                    writer.Write(content);
                }
                terminal.Error.WriteLine("wrote " + full);
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                throw new MultiCloudException(ErrorIds.OutputWriteFailed, ErrorKind.Failed, $"cannot write '{path}': {e.Message}", e) { Target = path };
            }
        }
    }
}
