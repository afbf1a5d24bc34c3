using System.Globalization;
using System.IO;

namespace MultiCloud.Engine.State
{
    /// <summary>The files of one cluster in the local store: &lt;root&gt;/&lt;name&gt;/{state.json, lock.json, history/}.</summary>
    internal sealed class ClusterPaths
    {
        public const string StateFileName = "state.json";
        public const string LockFileName = "lock.json";
        public const string HistoryFolderName = "history";

        public ClusterPaths(string root, string clusterName)
        {
            ClusterNames.Validate(clusterName);
            Directory = Path.Combine(root, clusterName);
            StateFile = Path.Combine(Directory, StateFileName);
            LockFile = Path.Combine(Directory, LockFileName);
            HistoryDirectory = Path.Combine(Directory, HistoryFolderName);
        }

        public string Directory { get; }
        public string StateFile { get; }
        public string LockFile { get; }
        public string HistoryDirectory { get; }

        public string HistoryFile(long serial) =>
            Path.Combine(HistoryDirectory, "state." + serial.ToString(CultureInfo.InvariantCulture) + ".json");

        /// <summary>The serial in a history file name ("state.12.json"), or null for files that are not history entries.</summary>
        public static long? SerialOfHistoryFile(string path)
        {
            var name = Path.GetFileName(path);
            const string prefix = "state.";
            const string suffix = ".json";
            if (!name.StartsWith(prefix, System.StringComparison.Ordinal) || !name.EndsWith(suffix, System.StringComparison.Ordinal))
            {
                return null;
            }

            var number = name.Substring(prefix.Length, name.Length - prefix.Length - suffix.Length);
            return long.TryParse(number, NumberStyles.None, CultureInfo.InvariantCulture, out var serial) ? serial : null;
        }
    }
}
