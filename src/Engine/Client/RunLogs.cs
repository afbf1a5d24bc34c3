using System;
using System.Globalization;
using System.IO;

namespace MultiCloud.Engine.Client
{
    /// <summary>Per-run log files in the cluster's folder: full output of every remote command of one run.</summary>
    internal static class RunLogs
    {
        public static string NewPath(string clusterDirectory)
        {
            var folder = Path.Combine(clusterDirectory, "logs");
            Directory.CreateDirectory(folder);
            var stamp = DateTimeOffset.UtcNow.ToString("yyyyMMdd-HHmmss-fff", CultureInfo.InvariantCulture);
            return Path.Combine(folder, "run-" + stamp + ".log");
        }
    }
}
