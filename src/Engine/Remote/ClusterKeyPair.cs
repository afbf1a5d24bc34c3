using System.IO;
using System.Threading;
using System.Threading.Tasks;
using MultiCloud.Engine.State;

namespace MultiCloud.Engine.Remote
{
    /// <summary>The cluster's own SSH key pair (ed25519), used for nodes that name no key of their own.</summary>
    public static class ClusterKeyPair
    {
        /// <summary>
        /// Generates &lt;clusterDirectory&gt;/ssh/id_ed25519 (and .pub) with ssh-keygen when absent and returns the
        /// private key's path. ssh-keygen writes the private key owner-only; its content is never read here.
        /// </summary>
        public static async Task<string> EnsureAsync(string clusterDirectory, CancellationToken cancellationToken)
        {
            OwnerOnlyPermissions.EnsureDirectory(Path.Combine(clusterDirectory, "ssh"));
            var privateKey = PathIn(clusterDirectory);
            var publicKey = privateKey + ".pub";

            if (!File.Exists(privateKey))
            {
                // A .pub left from an interrupted generation would make ssh-keygen ask before overwriting.
                File.Delete(publicKey);
                await RunKeygenAsync(new[] { "-q", "-t", "ed25519", "-N", "", "-C", "multicloud", "-f", privateKey }, privateKey, cancellationToken)
                    .ConfigureAwait(false);
            }
            else if (!File.Exists(publicKey))
            {
                OwnerOnlyPermissions.RestrictFile(privateKey);
                var derived = await RunKeygenAsync(new[] { "-y", "-f", privateKey }, privateKey, cancellationToken).ConfigureAwait(false);
                File.WriteAllText(publicKey, derived.StandardOutput);
            }

            OwnerOnlyPermissions.RestrictFile(privateKey);
            return privateKey;
        }

        /// <summary>Where the cluster's private key is (or will be), without creating anything.</summary>
        public static string PathIn(string clusterDirectory) => Path.Combine(clusterDirectory, "ssh", "id_ed25519");

        /// <summary>The public half ("ssh-ed25519 AAAA… multicloud") of a key pair made by <see cref="EnsureAsync"/>.</summary>
        public static string ReadPublicKey(string privateKeyPath) => File.ReadAllText(privateKeyPath + ".pub").Trim();

        private static async Task<ProcessResult> RunKeygenAsync(string[] arguments, string privateKey, CancellationToken cancellationToken)
        {
            var result = await ProcessRunner.RunAsync(SshOptions.Default.SshKeygenPath, arguments, null, cancellationToken).ConfigureAwait(false);
            if (result.ExitCode != 0)
            {
                throw new MultiCloudException(ErrorIds.SshKeyGenerationFailed, ErrorKind.Failed,
                    $"ssh-keygen could not create or read {privateKey} (exit {result.ExitCode}): {SshFailure.Tail(result.StandardError, 3)}")
                { Target = privateKey };
            }
            return result;
        }
    }
}
