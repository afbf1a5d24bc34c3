using System.Diagnostics.CodeAnalysis;
using MultiCloud.Engine.Manifest;

namespace MultiCloud.Engine.State
{
    /// <summary>
    /// Cluster names become folder names, so they are checked as DNS labels (the manifest's rule) first: that rules
    /// out path separators, "..", drive letters and names that differ only in case on case-insensitive file systems.
    /// </summary>
    internal static class ClusterNames
    {
        public static bool IsValid([NotNullWhen(true)] string? name) => name is not null && DnsNames.IsLabel(name);

        public static void Validate(string? name)
        {
            if (!IsValid(name))
            {
                throw new MultiCloudException(
                    ErrorIds.ClusterNameInvalid,
                    ErrorKind.InvalidArgument,
                    $"'{name}' is not a valid cluster name: use {DnsNames.LabelRule}, 1 to {DnsNames.MaxLabelLength} characters")
                {
                    Target = name,
                };
            }
        }
    }
}
