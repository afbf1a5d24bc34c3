using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text;

namespace MultiCloud.Engine.Remote
{
    /// <summary>
    /// The run's known_hosts file, written only from keys pinned in state or learned in this run. Entries are keyed
    /// by node (ssh's HostKeyAlias), not by address, so a key stays with its node when addresses are reused.
    /// The file is rewritten whole and swapped in, so a concurrent ssh never reads half of it.
    /// </summary>
    internal sealed class KnownHostsFile
    {
        private readonly object gate = new object();
        private readonly SortedDictionary<string, string> keys = new SortedDictionary<string, string>(StringComparer.Ordinal);

        public KnownHostsFile(string path)
        {
            Path = path;
            var folder = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path));
            if (!string.IsNullOrEmpty(folder)) Directory.CreateDirectory(folder);
            Write();
        }

        public string Path { get; }

        /// <summary>The alias ssh files a node's key under: the node name, restricted to characters known_hosts treats literally.</summary>
        public static string AliasFor(string nodeName)
        {
            var alias = new StringBuilder(nodeName.Length);
            foreach (var c in nodeName)
                alias.Append(char.IsLetterOrDigit(c) || c == '.' || c == '-' || c == '_' ? c : '_');
            return alias.ToString();
        }

        /// <summary>Records the node's key ("type base64"), replacing any other key of the node.</summary>
        public void Pin(string nodeName, string publicKey)
        {
            var alias = AliasFor(nodeName);
            lock (gate)
            {
                if (keys.TryGetValue(alias, out var current) && current == publicKey) return;
                keys[alias] = publicKey;
                Write();
            }
        }

        public bool IsPinned(string nodeName, string publicKey)
        {
            lock (gate)
            {
                return keys.TryGetValue(AliasFor(nodeName), out var current) && current == publicKey;
            }
        }

        private void Write()
        {
            var text = string.Concat(keys.Select(entry => entry.Key + " " + entry.Value + "\n"));
            var temporary = Path + ".tmp";
            File.WriteAllText(temporary, text, new UTF8Encoding(false));
            if (File.Exists(Path)) File.Replace(temporary, Path, null);
            else File.Move(temporary, Path);
        }
    }
}
