using System.IO;
using System.Linq;
using System.Text;
using MultiCloud.Engine.State;

namespace MultiCloud.Engine.Cloud
{
    /// <summary>
    /// Host key pairs of machines being created, kept in owner-only files under &lt;cluster&gt;/ssh/host-keys until the
    /// state records the machine with its public key pinned. A run that dies after asking the cloud for a machine but
    /// before saving it uses the same pair again, so the machine it finds on the re-run matches the key it pins.
    /// Never in state or logs; removed by <see cref="DeleteSettled"/> once the state no longer needs them.
    /// </summary>
    public static class HostKeyFiles
    {
        public static string Folder(string clusterDirectory) => Path.Combine(clusterDirectory, "ssh", "host-keys");

        /// <summary>The node's pending pair, or a new one written before it is returned.</summary>
        public static HostKeyPair LoadOrCreate(string clusterDirectory, string nodeName)
        {
            var (privatePath, publicPath) = Paths(clusterDirectory, nodeName);
            if (File.Exists(privatePath) && File.Exists(publicPath))
                return new HostKeyPair(File.ReadAllText(publicPath).Trim(), File.ReadAllText(privatePath));

            var pair = HostKeyPair.Generate();
            OwnerOnlyPermissions.EnsureDirectory(Folder(clusterDirectory));
            using (var stream = OwnerOnlyPermissions.CreateFile(privatePath))
            using (var writer = new StreamWriter(stream, new UTF8Encoding(false)))
                writer.Write(pair.PrivateKeyPem);
            // The public half last: a pair counts as written only when both files exist.
            File.WriteAllText(publicPath, pair.PublicKey + "\n");
            return pair;
        }

        /// <summary>
        /// Removes the pairs the saved state no longer needs: of nodes that have a public address with that very key
        /// pinned, and of nodes the state does not have at all.
        /// </summary>
        public static void DeleteSettled(string clusterDirectory, ClusterState? saved)
        {
            var folder = Folder(clusterDirectory);
            if (!Directory.Exists(folder)) return;
            foreach (var publicPath in Directory.GetFiles(folder, "*.pub"))
            {
                var fileName = Path.GetFileNameWithoutExtension(publicPath);
                var node = saved?.Nodes.FirstOrDefault(n => FileName(n.Name) == fileName);
                var pending = node != null && (node.PublicAddress is null || node.SshHostKey != File.ReadAllText(publicPath).Trim());
                if (pending) continue;
                File.Delete(Path.ChangeExtension(publicPath, null));
                File.Delete(publicPath);
            }
            if (Directory.GetFileSystemEntries(folder).Length == 0) Directory.Delete(folder);
        }

        private static (string Private, string Public) Paths(string clusterDirectory, string nodeName)
        {
            var basePath = Path.Combine(Folder(clusterDirectory), FileName(nodeName));
            return (basePath, basePath + ".pub");
        }

        /// <summary>A node name made safe as a file name (node names are DNS labels; anything else is replaced).</summary>
        private static string FileName(string nodeName)
        {
            var name = new StringBuilder(nodeName.Length);
            foreach (var c in nodeName) name.Append(char.IsLetterOrDigit(c) || c == '-' || c == '_' ? c : '_');
            return name.Length == 0 ? "_" : name.ToString();
        }
    }
}
