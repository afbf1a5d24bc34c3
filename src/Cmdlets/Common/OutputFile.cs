using System;
using System.IO;
using System.Text;
using MultiCloud.Engine;
using MultiCloud.Engine.State;

namespace MultiCloud.Cmdlets
{
    /// <summary>
    /// Writes files the cmdlets are told to write (-OutFile, -Path). A kubeconfig holds admin credentials, so such a
    /// file is owner-only (0600 on Unix) before anything is written to it.
    /// </summary>
    internal static class OutputFile
    {
        private static readonly Encoding Utf8WithoutBom = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);

        public static void Write(string path, string content, bool ownerOnly)
        {
            try
            {
                using var stream = ownerOnly ? OwnerOnlyPermissions.CreateFile(path) : new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None);
                stream.Write(Utf8WithoutBom.GetBytes(content));
            }
            catch (Exception e) when (e is IOException || e is UnauthorizedAccessException)
            {
                throw new MultiCloudException(ErrorIds.OutputWriteFailed, ErrorKind.Failed, $"could not write '{path}': {e.Message}", e) { Target = path };
            }
        }
    }
}
