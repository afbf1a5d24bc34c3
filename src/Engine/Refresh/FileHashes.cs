using MultiCloud.Engine.Remote;

namespace MultiCloud.Engine.Refresh
{
    /// <summary>
    /// How node scripts hash the files MultiCloud writes: sha256sum of the content in hex, as the refresh script
    /// does, so the hash a step records right after writing a file and the hash a later refresh reads compare byte
    /// for byte. Hashes are taken on the node, so a file that holds a secret made there (wg0.conf's private key)
    /// never leaves it.
    /// </summary>
    public static class FileHashes
    {
        /// <summary>Printed instead of a hash for a file that does not exist.</summary>
        public const string Absent = "absent";

        /// <summary>file_sha256 PATH: the file's SHA-256 in hex, or "absent".</summary>
        public const string BashFunction =
            "file_sha256() { if [ -f \"$1\" ]; then sha256sum <\"$1\" | cut -c1-64; else echo " + Absent + "; fi; }";

        /// <summary>The ScriptReport key under which a step reports the hash of a file it manages.</summary>
        public static string ReportKey(string path) => "file:" + path;

        /// <summary>The line a step's script ends with for each file it manages (needs the report function and <see cref="BashFunction"/>).</summary>
        public static string ReportLine(string path) =>
            "report " + BashText.Quote(ReportKey(path)) + " \"$(file_sha256 " + BashText.Quote(path) + ")\"";
    }
}
