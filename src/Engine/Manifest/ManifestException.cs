using System.Collections.Generic;
using System.Linq;

namespace MultiCloud.Engine.Manifest
{
    /// <summary>A manifest that cannot be used; carries every problem found, not just the first.</summary>
    public sealed class ManifestException : MultiCloudException
    {
        public ManifestException(string file, IReadOnlyList<ManifestDiagnostic> diagnostics)
            : base(ErrorIds.ManifestInvalid, ErrorKind.InvalidData, Describe(file, diagnostics))
        {
            Diagnostics = diagnostics;
            Target = file;
        }

        public IReadOnlyList<ManifestDiagnostic> Diagnostics { get; }

        private static string Describe(string file, IReadOnlyList<ManifestDiagnostic> diagnostics) =>
            $"{file} has {diagnostics.Count} problem(s):\n" + string.Join("\n", diagnostics.Select(d => "  " + d));
    }
}
