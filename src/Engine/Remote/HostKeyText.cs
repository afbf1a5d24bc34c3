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

        /// <summary>
        /// "type base64" of an SSH public key blob (RFC 4253 §6.6: the key type as an SSH string, then the key), as
        /// a server presents its host key and authorized_keys lists keys.
        /// </summary>
        public static string FromBlob(byte[] blob)
        {
            if (blob.Length < 4) throw new FormatException("an SSH public key blob is at least 4 bytes long");
            var length = (blob[0] << 24) | (blob[1] << 16) | (blob[2] << 8) | blob[3];
            if (length <= 0 || length > blob.Length - 4) throw new FormatException("the SSH public key blob has no valid key type");
            var type = System.Text.Encoding.ASCII.GetString(blob, 4, length);
            if (!LooksLikeKeyType(type)) throw new FormatException("'" + Shorten(type) + "' is not an SSH public key type");
            return type + " " + Convert.ToBase64String(blob);
        }

        /// <summary>The key type of a key ("ssh-ed25519" of "ssh-ed25519 AAAA…").</summary>
        public static string TypeOf(string publicKey) => Normalize(publicKey).Split(' ')[0];

        private static string Blob(string publicKey) => Normalize(publicKey).Split(' ')[1];

        private static bool LooksLikeKeyType(string field) =>
            field.StartsWith("ssh-", StringComparison.Ordinal)
            || field.StartsWith("ecdsa-", StringComparison.Ordinal)
            || field.StartsWith("sk-", StringComparison.Ordinal);

        private static string Shorten(string text) => text.Length <= 40 ? text : text.Substring(0, 40) + "…";

        private static readonly char[] Whitespace = { ' ', '\t' };
    }
}
