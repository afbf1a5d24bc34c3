using System;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Linq;

namespace MultiCloud.Engine.State
{
    /// <summary>
    /// A cluster folder whose state.json is gone while the rest of the cluster's life is still there: earlier
    /// versions in history/, the cluster key and pinned host keys in ssh/, run logs in logs/. Treating such a
    /// cluster as new would register its machines again and learn their host keys afresh, silently; so the
    /// store says what is left, and only an explicit choice sets the old history aside and starts over.
    /// </summary>
    internal static class LostState
    {
        public const string LogsFolderName = "logs";
        public const string SshFolderName = "ssh";

        /// <summary>What the folder still holds ("history/ holds 20 earlier versions, newest state.41.json; …"), or null.</summary>
        public static string? Describe(ClusterPaths paths)
        {
            if (File.Exists(paths.StateFile) || !Directory.Exists(paths.Directory)) return null;
            var parts = new List<string>();
            var history = HistoryFiles(paths);
            if (history.Count > 0)
                parts.Add($"history/ holds {Count(history.Count)} earlier version(s), newest {Path.GetFileName(history[0])}");
            var ssh = Path.Combine(paths.Directory, SshFolderName);
            if (Directory.Exists(ssh) && Directory.EnumerateFiles(ssh).Any()) parts.Add("ssh/ holds the cluster's key and pinned host keys");
            var logs = Path.Combine(paths.Directory, LogsFolderName);
            var logCount = Directory.Exists(logs) ? Directory.EnumerateFiles(logs).Count() : 0;
            if (logCount > 0) parts.Add($"logs/ holds {Count(logCount)} run log(s)");
            return parts.Count == 0 ? null : string.Join("; ", parts);
        }

        /// <summary>The newest history file, to name in the hint; null when there is none.</summary>
        public static string? NewestHistoryFile(ClusterPaths paths) => HistoryFiles(paths).FirstOrDefault();

        /// <summary>
        /// Moves the earlier versions into history/lost-&lt;time&gt;/, where history pruning never looks, so the new
        /// state's versions (numbered from 1 again) neither overwrite them nor get pruned in their favour.
        /// </summary>
        public static string? SetAsideHistory(ClusterPaths paths, DateTimeOffset now)
        {
            var history = HistoryFiles(paths);
            if (history.Count == 0) return null;
            var folder = Path.Combine(paths.HistoryDirectory, "lost-" + now.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture));
            OwnerOnlyPermissions.EnsureDirectory(folder);
            foreach (var file in history) File.Move(file, Path.Combine(folder, Path.GetFileName(file)));
            return folder;
        }

        /// <summary>History files, newest (highest serial) first.</summary>
        public static IReadOnlyList<string> HistoryFiles(ClusterPaths paths)
        {
            if (!Directory.Exists(paths.HistoryDirectory)) return new string[0];
            return Directory.EnumerateFiles(paths.HistoryDirectory, "state.*.json")
                .Select(file => (File: file, Serial: ClusterPaths.SerialOfHistoryFile(file)))
                .Where(entry => entry.Serial is not null)
                .OrderByDescending(entry => entry.Serial)
                .Select(entry => entry.File)
                .ToList();
        }

        private static string Count(int value) => value.ToString(CultureInfo.InvariantCulture);
    }
}
