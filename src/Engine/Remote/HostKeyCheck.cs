using System;
using System.Linq;
using Renci.SshNet;
using Renci.SshNet.Common;

namespace MultiCloud.Engine.Remote
{
    /// <summary>
    /// The host-key decision of one connection attempt. SSH.NET asks it inside the key exchange
    /// (<see cref="BaseClient.HostKeyReceived"/>), before the client authenticates, so a host whose key does not
    /// match never sees a login, let alone a command.
    /// </summary>
    internal sealed class HostKeyCheck
    {
        private readonly SshTarget target;

        /// <param name="expectedKey">The key pinned for the node (in state, or learned earlier in this run), or null to learn it now.</param>
        public HostKeyCheck(SshTarget target, string? expectedKey)
        {
            this.target = target;
            ExpectedKey = expectedKey is null ? null : HostKeyText.Normalize(expectedKey);
        }

        public string? ExpectedKey { get; }

        /// <summary>The key the host presented, once the key exchange got that far.</summary>
        public HostKey? Presented { get; private set; }

        /// <summary>Why the presented key was refused, or null.</summary>
        public SshHostKeyChangedException? Refusal { get; private set; }

        /// <summary>
        /// A pinned key that contradicts the fingerprint the manifest gives: refused without connecting at all.
        /// </summary>
        public SshHostKeyChangedException? RefusalBeforeConnecting()
        {
            if (ExpectedKey is null || target.ExpectedFingerprint is null) return null;
            var pinned = HostKeyText.Fingerprint(ExpectedKey);
            return HostKeyText.SameFingerprint(target.ExpectedFingerprint, pinned) ? null : FromManifest(pinned);
        }

        public void OnHostKeyReceived(object? sender, HostKeyEventArgs e)
        {
            var presented = HostKeyText.FromBlob(e.HostKey);
            Presented = new HostKey(presented, HostKeyText.Fingerprint(presented));
            if (ExpectedKey != null)
            {
                if (!string.Equals(ExpectedKey, presented, StringComparison.Ordinal))
                {
                    Refusal = new SshHostKeyChangedException(target.NodeName, target.Host, target.Port,
                        HostKeyText.Fingerprint(ExpectedKey), Presented.Fingerprint, "the key pinned for it");
                }
            }
            else if (target.ExpectedFingerprint != null && !HostKeyText.SameFingerprint(target.ExpectedFingerprint, Presented.Fingerprint))
            {
                Refusal = FromManifest(Presented.Fingerprint);
            }
            e.CanTrust = Refusal is null;
        }

        /// <summary>
        /// Offers only host-key algorithms of the pinned key's type, so a host with several keys presents the pinned
        /// one; on first contact OpenSSH's preference (ed25519, then ECDSA, then RSA). Never certificates: the engine
        /// pins keys, and a certificate's key would be a different thing to pin.
        /// </summary>
        public void RestrictAlgorithms(ConnectionInfo connection)
        {
            var algorithms = connection.HostKeyAlgorithms;
            foreach (var certificate in algorithms.Keys.Where(name => name.Contains("-cert-", StringComparison.Ordinal)).ToList())
                algorithms.Remove(certificate);
            if (ExpectedKey is null) return;

            var type = HostKeyText.TypeOf(ExpectedKey);
            var others = algorithms.Keys.Where(name => !SignsWith(name, type)).ToList();
            if (others.Count == algorithms.Count) return; // a key type SSH.NET cannot check: let the exchange say so
            foreach (var other in others) algorithms.Remove(other);
        }

        private static bool SignsWith(string algorithm, string keyType) =>
            keyType == "ssh-rsa"
                ? algorithm == "ssh-rsa" || algorithm.StartsWith("rsa-sha2-", StringComparison.Ordinal)
                : algorithm == keyType;

        private SshHostKeyChangedException FromManifest(string presentedFingerprint) =>
            new SshHostKeyChangedException(target.NodeName, target.Host, target.Port, target.ExpectedFingerprint!, presentedFingerprint,
                "the fingerprint given in the manifest");
    }
}
