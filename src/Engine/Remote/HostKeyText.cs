using System;
using System.Security.Cryptography;

namespace MultiCloud.Engine.Remote
{
    /// <summary>Parses and fingerprints OpenSSH public host keys ("ssh-ed25519 AAAA…").</summary>
    public static class HostKeyText
    {
        /// <summary>
        /// The OpenSSH SHA256 fingerprint of a public key: "SHA256:" and the unpadded base64 of the SHA-256 of the
        /// key blob, as ssh-keygen -l prints it.
        /// </summary>
        public static string Fingerprint(string publicKey)
        {
            var blob = Convert.FromBase64String(Blob(publicKey));
            using var sha = SHA256.Create();
            return "SHA256:" + Convert.ToBase64String(sha.ComputeHash(blob)).TrimEnd('=');
        }

        /// <summary>True when both name the same fingerprint; the "SHA256:" prefix is optional in <paramref name="given"/>.</summary>
        public static bool SameFingerprint(string given, string actual)
        {
            var trimmed = given.Trim().TrimEnd('=');
            if (!trimmed.StartsWith("SHA256:", StringComparison.Ordinal)) trimmed = "SHA256:" + trimmed;
            return string.Equals(trimmed, actual, StringComparison.Ordinal);
        }

        /// <summary>"type base64" from a key with or without a comment; fails on anything that is not one.</summary>
        public static string Normalize(string publicKey)
        {
            var fields = publicKey.Trim().Split(Whitespace, StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length < 2 || !LooksLikeKeyType(fields[0]))
                throw new FormatException("not an OpenSSH public key: '" + Shorten(publicKey) + "'");
            Convert.FromBase64String(fields[1]);
            return fields[0] + " " + fields[1];
        }

        /// <summary>The key of a known_hosts line ("pattern type base64 [comment]"), or null when the line holds none.</summary>
        public static string? FromKnownHostsLine(string line)
        {
            var fields = line.Trim().Split(Whitespace, StringSplitOptions.RemoveEmptyEntries);
            if (fields.Length < 3 || fields[0].StartsWith("#", StringComparison.Ordinal) || !LooksLikeKeyType(fields[1]))
                return null;
            return fields[1] + " " + fields[2];
        }

        private static string Blob(string publicKey) => Normalize(publicKey).Split(' ')[1];

        private static bool LooksLikeKeyType(string field) =>
            field.StartsWith("ssh-", StringComparison.Ordinal)
            || field.StartsWith("ecdsa-", StringComparison.Ordinal)
            || field.StartsWith("sk-", StringComparison.Ordinal);

        private static string Shorten(string text) => text.Length <= 40 ? text : text.Substring(0, 40) + "…";

        private static readonly char[] Whitespace = { ' ', '\t' };
    }
}
