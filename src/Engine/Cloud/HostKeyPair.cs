using MultiCloud.Engine.Remote;

namespace MultiCloud.Engine.Cloud
{
    /// <summary>
    /// An SSH host key pair the engine makes for a machine before it exists (ed25519, in process, in OpenSSH's format
    /// by <see cref="ClusterKeyPair.Generate"/>), so the machine's first SSH contact is already verified against a
    /// pinned key. The private half travels only in the machine's user data and, until the machine is recorded, in an
    /// owner-only file of the cluster folder (<see cref="HostKeyFiles"/>).
    /// </summary>
    public sealed record HostKeyPair(string PublicKey, string PrivateKeyPem)
    {
        public static HostKeyPair Generate()
        {
            var (privateKeyPem, publicKey) = ClusterKeyPair.Generate();
            return new HostKeyPair(publicKey, privateKeyPem);
        }
    }
}
