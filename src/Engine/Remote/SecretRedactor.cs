using System;
using System.Collections.Generic;
using System.Linq;

namespace MultiCloud.Engine.Remote
{
    /// <summary>
    /// Secrets a run made and sends to nodes (bootstrap tokens, certificate keys). Every text the transport logs,
    /// returns or puts into an error passes through <see cref="Apply"/>, so a secret that a node echoes back (in
    /// stderr, say) never reaches the run log, the console or an error message.
    /// </summary>
    public sealed class SecretRedactor
    {
        public const string Marker = "[redacted]";

        /// <summary>Shorter values are not treated as secrets: replacing them would mangle ordinary output.</summary>
        public const int MinimumLength = 8;

        private readonly object gate = new object();
        private string[] secrets = Array.Empty<string>();

        public void Add(string secret)
        {
            if (secret is null || secret.Length < MinimumLength) throw new ArgumentException($"a secret to redact must have at least {MinimumLength} characters", nameof(secret));
            lock (gate)
            {
                // Longest first, so a secret that contains another is replaced whole.
                secrets = secrets.Append(secret).Distinct(StringComparer.Ordinal).OrderByDescending(s => s.Length).ToArray();
            }
        }

        public string Apply(string text)
        {
            var current = secrets;
            foreach (var secret in current)
            {
                if (text.Contains(secret, StringComparison.Ordinal)) text = text.Replace(secret, Marker, StringComparison.Ordinal);
            }
            return text;
        }
    }
}
