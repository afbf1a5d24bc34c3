using System;
using System.IO;
using System.Text;
using MultiCloud.Engine.State;

namespace MultiCloud.Engine.Nodes
{
    /// <summary>
    /// SSH private keys that come from an environment variable or a vault, written to owner-only files for ssh to
    /// read (ssh takes keys only from files). They live under &lt;cluster&gt;/ssh/run-keys, never in state or logs;
    /// the engine removes the folder when a run ends (<see cref="DeleteAll"/>).
    /// </summary>
    public static class NodeKeyFiles
    {
        public static string Folder(string clusterDirectory) => Path.Combine(clusterDirectory, "ssh", "run-keys");

        /// <summary>Writes the key for the node (only when it differs from what is there) and returns the file's path.</summary>
        public static string Write(string clusterDirectory, string nodeName, string privateKey)
        {
            var folder = Folder(clusterDirectory);
            OwnerOnlyPermissions.EnsureDirectory(folder);
            var path = Path.Combine(folder, NodeFileName.For(nodeName) + ".key");

            // ssh refuses a key file without its final newline; Windows line ends break the PEM armour.
            var content = privateKey.Replace("\r\n", "\n").TrimEnd('\n') + "\n";
            if (File.Exists(path) && File.ReadAllText(path) == content) return path;

            // Restricted while still empty, so the key is never readable by others, not even for a moment.
            File.WriteAllText(path, string.Empty);
            OwnerOnlyPermissions.RestrictFile(path);
            File.WriteAllText(path, content, new UTF8Encoding(false));
            return path;
        }

        /// <summary>Removes every key file written for the run; call when the run ends, whether it succeeded or not.</summary>
        public static void DeleteAll(string clusterDirectory)
        {
            var folder = Folder(clusterDirectory);
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
        }
    }

    /// <summary>A node name made safe as a file name.</summary>
    internal static class NodeFileName
    {
        public static string For(string nodeName)
        {
            var name = new StringBuilder(nodeName.Length);
            foreach (var c in nodeName) name.Append(char.IsLetterOrDigit(c) || c == '-' || c == '_' || c == '.' ? c : '_');
            return name.Length == 0 || name[0] == '.' ? "_" + name : name.ToString();
        }
    }
}
