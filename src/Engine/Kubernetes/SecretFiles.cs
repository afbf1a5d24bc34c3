using System;
using System.Security.Cryptography;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using MultiCloud.Engine.Nodes;
using MultiCloud.Engine.Remote;

namespace MultiCloud.Engine.Kubernetes
{
    /// <summary>
    /// Reads a secret file from a node (the admin kubeconfig, etcd's CA key) without it ever passing through the run
    /// log: the transport logs every byte a script prints, so the node prints the file only encrypted
    /// (openssl enc, AES-256-CBC, PBKDF2-SHA256) with a passphrase made in process for this read, sent inside the
    /// script and registered with <see cref="IRemoteShell.Redact"/>; the engine decrypts it in memory.
    /// </summary>
    public static class SecretFiles
    {
        public const int Iterations = 100000;
        private const string Marker = "wrapped";

        public static async Task<string> ReadAsync(IRemoteShell shell, SshTarget target, string path, CancellationToken cancellationToken)
        {
            var passphrase = NewPassphrase();
            shell.Redact(passphrase);
            var result = await shell.RunScriptAsync(target, "read " + path, Script(path, passphrase), false, cancellationToken).ConfigureAwait(false);
            var wrapped = ScriptReport.Parse(result.StandardOutput).Require(Marker, target.NodeName, "secret read");
            return Decrypt(wrapped, passphrase, target.NodeName, path);
        }

        /// <summary>The script that prints the file encrypted; it fails naming the file when the file is missing or empty.</summary>
        public static string Script(string path, string passphrase) =>
            "# MultiCloud: read " + path + " (printed encrypted only)\n" +
            ScriptParts.Preamble +
            "file=" + BashText.Quote(path) + "\n" +
            "if [ ! -s \"$file\" ]; then echo \"$file is missing or empty\" >&2; exit 3; fi\n" +
            "wrapped=$(MC_WRAP=" + BashText.Quote(passphrase) + " openssl enc -aes-256-cbc -pbkdf2 -iter " + Iterations.ToString(System.Globalization.CultureInfo.InvariantCulture) +
            " -md sha256 -salt -pass env:MC_WRAP -in \"$file\" | base64 -w0)\n" +
            "report " + Marker + " \"$wrapped\"\n";

        /// <summary>Decrypts openssl's "Salted__" format with the passphrase; fails as StepFailed when the text is not that.</summary>
        public static string Decrypt(string base64, string passphrase, string nodeName, string path)
        {
            try
            {
                var data = Convert.FromBase64String(base64);
                if (data.Length < 32 || Encoding.ASCII.GetString(data, 0, 8) != "Salted__") throw new FormatException("no salt header");
                var salt = data.AsSpan(8, 8).ToArray();
                var material = Rfc2898DeriveBytes.Pbkdf2(Encoding.UTF8.GetBytes(passphrase), salt, Iterations, HashAlgorithmName.SHA256, 48);
                using var aes = Aes.Create();
                aes.Key = material.AsSpan(0, 32).ToArray();
                var plain = aes.DecryptCbc(data.AsSpan(16), material.AsSpan(32, 16), PaddingMode.PKCS7);
                return Encoding.UTF8.GetString(plain);
            }
            catch (Exception e) when (e is FormatException || e is CryptographicException)
            {
                throw new MultiCloudException(ErrorIds.StepFailed, ErrorKind.InvalidData,
                    $"node {nodeName} sent {path} in a form that does not decrypt ({e.Message}); is openssl 1.1.1 or later installed there?", e) { Target = nodeName };
            }
        }

        /// <summary>A fresh random secret of 32 bytes as 64 hex characters (also kubeadm's certificate-key form).</summary>
        public static string NewPassphrase() => Convert.ToHexString(RandomNumberGenerator.GetBytes(32)).ToLowerInvariant();
    }
}
