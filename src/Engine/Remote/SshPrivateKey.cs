using System;
using System.IO;
using System.Linq;
using System.Text;
using Renci.SshNet;
using Renci.SshNet.Common;

namespace MultiCloud.Engine.Remote
{
    /// <summary>
    /// The private key a node is logged in with: a file (read when connecting), or key text resolved from an env: or
    /// secret: reference and held in memory only, never written anywhere. Its text never appears in ToString,
    /// messages or logs; <see cref="Origin"/> names where it came from.
    /// </summary>
    public sealed class SshPrivateKey
    {
        private readonly string? text;

        private SshPrivateKey(string origin, string? path, string? text)
        {
            Origin = origin;
            Path = path;
            this.text = text;
        }

        /// <summary>Where the key comes from, for messages: the file's path, or the reference ("env:NODE_KEY").</summary>
        public string Origin { get; }

        /// <summary>The key file, or null for a key held in memory.</summary>
        public string? Path { get; }

        public static SshPrivateKey FromFile(string path) => new SshPrivateKey(path, path, null);

        /// <param name="origin">The reference the text was resolved from ("env:NODE_KEY"); never the text itself.</param>
        public static SshPrivateKey FromText(string privateKey, string origin) => new SshPrivateKey(origin, null, privateKey);

        public override string ToString() => Origin;

        /// <summary>Parses the key (OpenSSH, PEM or PuTTY format, no passphrase); fails with SshKeyInvalid naming <see cref="Origin"/>.</summary>
        internal PrivateKeyFile Load(string nodeName)
        {
            try
            {
                var bytes = Path is null ? Encoding.UTF8.GetBytes(Normalize(text!)) : File.ReadAllBytes(Path);
                using var stream = new MemoryStream(bytes, writable: false);
                return new PrivateKeyFile(stream);
            }
            catch (Exception e) when (e is FileNotFoundException || e is DirectoryNotFoundException)
            {
                throw Invalid(nodeName, ErrorIds.CredentialNotFound, ErrorKind.NotFound, "does not exist", e);
            }
            catch (UnauthorizedAccessException e)
            {
                throw Invalid(nodeName, ErrorIds.CredentialNotFound, ErrorKind.PermissionDenied, "cannot be read (permission denied)", e);
            }
            catch (SshPassPhraseNullOrEmptyException e)
            {
                throw Invalid(nodeName, ErrorIds.SshKeyInvalid, ErrorKind.InvalidData,
                    "is protected by a passphrase, which the engine cannot ask for; give a key without one (kept in a vault: a secret: reference)", e);
            }
            catch (Exception e) when (e is SshException || e is FormatException || e is ArgumentException || e is NotSupportedException || e is InvalidOperationException)
            {
                throw Invalid(nodeName, ErrorIds.SshKeyInvalid, ErrorKind.InvalidData,
                    "is not a private key SSH can use (OpenSSH, PEM or PuTTY format; ed25519, ECDSA or RSA)", e);
            }
        }

        /// <summary>The public half ("ssh-ed25519 AAAA…"), derived from the private key; fails like <see cref="Load"/>.</summary>
        public string PublicKey(string nodeName)
        {
            using var key = Load(nodeName);
            return HostKeyText.FromBlob(key.HostKeyAlgorithms.First().Data);
        }

        /// <summary>Pasted keys often carry Windows line ends or lose their final newline; neither changes the key.</summary>
        private static string Normalize(string key) => key.Replace("\r\n", "\n").Trim() + "\n";

        private MultiCloudException Invalid(string nodeName, string errorId, ErrorKind kind, string problem, Exception inner) =>
            new MultiCloudException(errorId, kind, $"the SSH private key {Origin} for node {nodeName} {problem}", inner) { Target = nodeName };
    }
}
