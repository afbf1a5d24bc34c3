using System;
using System.Globalization;
using System.IO;

namespace MultiCloud.Engine.Client
{
    /// <summary>
    /// Per-run log files in the cluster's folder: full output of every remote command of one run. Owner-only, like
    /// the rest of the folder: the output names hosts, users and configuration.
    /// </summary>
    internal static class RunLogs
    {
        public static string NewPath(string clusterDirectory)
        {
            var folder = Path.Combine(clusterDirectory, "logs");
            State.OwnerOnlyPermissions.EnsureDirectory(folder);
            var stamp = DateTimeOffset.UtcNow.ToString("yyyyMMdd-HHmmss-fff", CultureInfo.InvariantCulture);
            var path = Path.Combine(folder, "run-" + stamp + ".log");
            File.WriteAllText(path, string.Empty);
            State.OwnerOnlyPermissions.RestrictFile(path);
            return path;
        }
    }
}
