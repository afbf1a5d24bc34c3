using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace MultiCloud.Engine.Planning
{
    /// <summary>
    /// Builds an unambiguous text of tagged, length-prefixed values and hashes it with SHA-256. Plan ids and layer
    /// fingerprints come from it, so callers add values in a fixed, sorted order and never in dictionary order.
    /// </summary>
    internal sealed class CanonicalText
    {
        private readonly StringBuilder _text = new StringBuilder();

        /// <summary>Adds one value; the length prefix keeps "a"+"bc" apart from "ab"+"c".</summary>
        public CanonicalText Add(string tag, string? value)
        {
            _text.Append(tag).Append(' ');
            if (value is null) _text.Append('-');
            else _text.Append(value.Length.ToString(CultureInfo.InvariantCulture)).Append(':').Append(value);
            _text.Append('\n');
            return this;
        }

        public CanonicalText Add(string tag, long value) => Add(tag, value.ToString(CultureInfo.InvariantCulture));

        public CanonicalText Add(string tag, bool value) => Add(tag, value ? "true" : "false");

        /// <summary>Lowercase hex SHA-256 of the text.</summary>
        public string Hash() => Sha256Hex(_text.ToString());

        public override string ToString() => _text.ToString();

        public static string Sha256Hex(string text)
        {
            using (var sha = SHA256.Create())
            {
                var digest = sha.ComputeHash(Encoding.UTF8.GetBytes(text));
                var hex = new StringBuilder(digest.Length * 2);
                foreach (var b in digest) hex.Append(b.ToString("x2", CultureInfo.InvariantCulture));
                return hex.ToString();
            }
        }
    }
}
