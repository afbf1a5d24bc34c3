using System;
using System.IO;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using MultiCloud.Engine.State;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Crypto.Utilities;
using Org.BouncyCastle.Security;
using Org.BouncyCastle.Utilities.IO.Pem;

namespace MultiCloud.Engine.Remote
{
    /// <summary>
    /// The cluster's own SSH key pair (ed25519), used for nodes that name no key of their own. Made in process (no
    /// ssh-keygen): the private key in OpenSSH's format, which OpenSSH's own ssh and ssh-keygen read, owner-only;
    /// the public key in authorized_keys format beside it.
    /// </summary>
    public static class ClusterKeyPair
    {
        private const string Comment = "multicloud";
        private const string PemType = "OPENSSH PRIVATE KEY";
        private static readonly Encoding Utf8 = new UTF8Encoding(false);

        /// <summary>
        /// Makes &lt;clusterDirectory&gt;/ssh/id_ed25519 (and .pub) when absent, writes a missing .pub again from the
        /// private key, and returns the private key's path.
        /// </summary>
        public static Task<string> EnsureAsync(string clusterDirectory, CancellationToken cancellationToken)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var folder = Path.Combine(clusterDirectory, "ssh");
            OwnerOnlyPermissions.EnsureDirectory(folder);
            RemoveKeyCopiesOfOlderVersions(folder);
            var privateKey = PathIn(clusterDirectory);
            var publicKey = privateKey + ".pub";

            if (!File.Exists(privateKey))
            {
                var (pem, publicText) = Generate();
                WriteOwnerOnly(privateKey, pem);
                File.WriteAllText(publicKey, publicText + " " + Comment + "\n", Utf8);
            }
            else if (!File.Exists(publicKey))
            {
                File.WriteAllText(publicKey, PublicKeyLine(Read(privateKey).GeneratePublicKey()) + "\n", Utf8);
            }

            OwnerOnlyPermissions.RestrictFile(privateKey);
            return Task.FromResult(privateKey);
        }

        /// <summary>Where the cluster's private key is (or will be), without creating anything.</summary>
        public static string PathIn(string clusterDirectory) => Path.Combine(clusterDirectory, "ssh", "id_ed25519");

        /// <summary>
        /// A new ed25519 key pair: the private key in OpenSSH's format (PEM armour) and the public key as "ssh-ed25519
        /// AAAA…" without a comment. The cluster's key and the host keys the engine makes for cloud machines both come from here.
        /// </summary>
        public static (string PrivateKeyPem, string PublicKey) Generate()
        {
            var key = new Ed25519PrivateKeyParameters(new SecureRandom());
            return (Armour(OpenSshPrivateKeyUtilities.EncodePrivateKey(key)), PublicKeyText(key.GeneratePublicKey()));
        }

        /// <summary>The public half ("ssh-ed25519 AAAA… multicloud") of a key pair made by <see cref="EnsureAsync"/>.</summary>
        public static string ReadPublicKey(string privateKeyPath) => File.ReadAllText(privateKeyPath + ".pub").Trim();

        private static string PublicKeyText(Ed25519PublicKeyParameters key) =>
            "ssh-ed25519 " + Convert.ToBase64String(OpenSshPublicKeyUtilities.EncodePublicKey(key));

        private static string PublicKeyLine(Ed25519PublicKeyParameters key) => PublicKeyText(key) + " " + Comment;

        private static string Armour(byte[] content)
        {
            using var text = new StringWriter { NewLine = "\n" };
            var writer = new PemWriter(text);
            writer.WriteObject(new PemObject(PemType, content));
            writer.Writer.Flush();
            return text.ToString();
        }

        /// <summary>Reads a private key this class wrote (or ssh-keygen did, as earlier versions had it make the key).</summary>
        private static Ed25519PrivateKeyParameters Read(string path)
        {
            try
            {
                using var reader = new PemReader(new StreamReader(path, Utf8));
                var pem = reader.ReadPemObject();
                if (pem?.Type == PemType && OpenSshPrivateKeyUtilities.ParsePrivateKeyBlob(pem.Content) is Ed25519PrivateKeyParameters key) return key;
                throw new InvalidDataException("not an unencrypted ed25519 key in OpenSSH format");
            }
            catch (Exception e)
            {
                throw new MultiCloudException(ErrorIds.SshKeyGenerationFailed, ErrorKind.Failed,
                    $"the cluster's SSH key {path} cannot be read ({e.Message}); restore it from a backup, or remove it and its .pub " +
                    "to have a new one made (then authorize the new public key on every node that uses it)", e)
                { Target = path };
            }
        }

        /// <summary>
        /// Versions that ran the ssh client wrote env: and secret: keys to ssh/run-keys for it, and a stopped run could
        /// leave them there. Keys are held in memory now; copies left by those versions go.
        /// </summary>
        private static void RemoveKeyCopiesOfOlderVersions(string folder)
        {
            var copies = Path.Combine(folder, "run-keys");
            if (Directory.Exists(copies)) Directory.Delete(copies, recursive: true);
        }

        /// <summary>Writes the key to a temporary owner-only file and renames it, so an interrupted run never leaves half a key.</summary>
        private static void WriteOwnerOnly(string path, string content)
        {
            var temporary = path + ".tmp";
            using (var stream = OwnerOnlyPermissions.CreateFile(temporary))
            using (var writer = new StreamWriter(stream, Utf8))
            {
                writer.Write(content);
            }
            File.Move(temporary, path, overwrite: true);
        }
    }
}
