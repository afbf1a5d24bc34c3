using System;
using System.IO;
using System.Security.Cryptography;
using System.Text;
using Org.BouncyCastle.Crypto.Generators;
using Org.BouncyCastle.Crypto.Parameters;
using Org.BouncyCastle.Security;

namespace MultiCloud.Engine.Cloud
{
    /// <summary>
    /// An SSH host key pair the engine makes for a machine before it exists (ed25519, in process), so the machine's
    /// first SSH contact is already verified against a pinned key. The private half travels only in the machine's
    /// user data and, until the machine is recorded, in an owner-only file of the cluster folder (<see cref="HostKeyFiles"/>).
    /// </summary>
    public sealed record HostKeyPair(string PublicKey, string PrivateKeyPem)
    {
        private const string KeyType = "ssh-ed25519";

        public static HostKeyPair Generate(string comment)
        {
            var generator = new Ed25519KeyPairGenerator();
            generator.Init(new Ed25519KeyGenerationParameters(new SecureRandom()));
            var pair = generator.GenerateKeyPair();
            var publicKey = ((Ed25519PublicKeyParameters)pair.Public).GetEncoded();
            var seed = ((Ed25519PrivateKeyParameters)pair.Private).GetEncoded();
            var blob = PublicBlob(publicKey);
            return new HostKeyPair(KeyType + " " + Convert.ToBase64String(blob), PrivatePem(blob, publicKey, seed, comment));
        }

        private static byte[] PublicBlob(byte[] publicKey)
        {
            using var blob = new MemoryStream();
            WriteString(blob, Encoding.ASCII.GetBytes(KeyType));
            WriteString(blob, publicKey);
            return blob.ToArray();
        }

        /// <summary>The "openssh-key-v1" format sshd reads host keys in: unencrypted, one key, padded to 8 bytes.</summary>
        private static string PrivatePem(byte[] publicBlob, byte[] publicKey, byte[] seed, string comment)
        {
            using var secret = new MemoryStream();
            var check = RandomNumberGenerator.GetBytes(4);
            secret.Write(check, 0, 4);
            secret.Write(check, 0, 4);
            WriteString(secret, Encoding.ASCII.GetBytes(KeyType));
            WriteString(secret, publicKey);
            var expanded = new byte[64];
            Buffer.BlockCopy(seed, 0, expanded, 0, 32);
            Buffer.BlockCopy(publicKey, 0, expanded, 32, 32);
            WriteString(secret, expanded);
            CryptographicOperations.ZeroMemory(expanded);
            WriteString(secret, Encoding.UTF8.GetBytes(comment));
            for (byte pad = 1; secret.Length % 8 != 0; pad++) secret.WriteByte(pad);

            using var key = new MemoryStream();
            var magic = Encoding.ASCII.GetBytes("openssh-key-v1\0");
            key.Write(magic, 0, magic.Length);
            WriteString(key, Encoding.ASCII.GetBytes("none"));
            WriteString(key, Encoding.ASCII.GetBytes("none"));
            WriteString(key, Array.Empty<byte>());
            WriteUInt32(key, 1);
            WriteString(key, publicBlob);
            WriteString(key, secret.ToArray());

            var base64 = Convert.ToBase64String(key.ToArray());
            var pem = new StringBuilder("-----BEGIN OPENSSH PRIVATE KEY-----\n");
            for (var i = 0; i < base64.Length; i += 70) pem.Append(base64, i, Math.Min(70, base64.Length - i)).Append('\n');
            return pem.Append("-----END OPENSSH PRIVATE KEY-----\n").ToString();
        }

        private static void WriteString(Stream stream, byte[] value)
        {
            WriteUInt32(stream, (uint)value.Length);
            stream.Write(value, 0, value.Length);
        }

        private static void WriteUInt32(Stream stream, uint value)
        {
            stream.WriteByte((byte)(value >> 24));
            stream.WriteByte((byte)(value >> 16));
            stream.WriteByte((byte)(value >> 8));
            stream.WriteByte((byte)value);
        }
    }
}
