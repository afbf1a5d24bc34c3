using System;
using System.Text.RegularExpressions;

namespace MultiCloud.Engine.Manifest
{
    /// <summary>
    /// The exact form of values that reach node configuration: addresses, WireGuard keys, SSH host keys and their
    /// fingerprints. Manifests, state on load and every config renderer check values against these, so a value
    /// that is not what it claims to be (a key followed by a newline and a PostUp line) never reaches a node.
    /// Patterns are ASCII-only and anchored with \z.
    /// </summary>
    public static class ValueGrammar
    {
        public const string Ipv4Rule = "an IPv4 address in dotted-decimal form, such as 10.250.0.7 (no leading zeros, no hex)";
        public const string WireGuardKeyRule = "a WireGuard public key: 44 characters of base64 encoding 32 bytes";
        public const string FingerprintRule = "SHA256:<base64>, as printed by ssh-keygen -lf";
        public const string HostKeyRule = "an OpenSSH public key: '<type> <base64>', such as ssh-ed25519 AAAAC3Nz…";

        // 32 bytes in base64: 42 free characters, one whose low bits are zero, one '='.
        private static readonly Regex WireGuardKeyPattern = new Regex(@"^[A-Za-z0-9+/]{42}[AEIMQUYcgkosw048]=\z", RegexOptions.CultureInvariant);

        // ssh-keygen prints the SHA-256 of the key unpadded (43 characters); a trailing '=' is tolerated.
        private static readonly Regex FingerprintPattern = new Regex(@"^SHA256:[A-Za-z0-9+/]{42}[AEIMQUYcgkosw048]=?\z", RegexOptions.CultureInvariant);

        private static readonly Regex HostKeyPattern = new Regex(
            @"^(ssh-ed25519|ssh-rsa|ssh-dss|ecdsa-sha2-nistp256|ecdsa-sha2-nistp384|ecdsa-sha2-nistp521|sk-ssh-ed25519@openssh\.com|sk-ecdsa-sha2-nistp256@openssh\.com) [A-Za-z0-9+/]{16,8192}={0,2}\z",
            RegexOptions.CultureInvariant);

        public static bool IsIpv4(string text) => Ipv4Network.TryParse(text + "/32", out _) && text.IndexOf('/') < 0;

        public static bool IsWireGuardKey(string text) => WireGuardKeyPattern.IsMatch(text);

        public static bool IsHostKeyFingerprint(string text) => FingerprintPattern.IsMatch(text);

        /// <summary>"type base64" with nothing else: no comment, no second line.</summary>
        public static bool IsHostKey(string text)
        {
            if (!HostKeyPattern.IsMatch(text)) return false;
            var blob = text.Substring(text.IndexOf(' ') + 1);
            try
            {
                Convert.FromBase64String(blob);
                return true;
            }
            catch (FormatException)
            {
                return false;
            }
        }
    }
}
