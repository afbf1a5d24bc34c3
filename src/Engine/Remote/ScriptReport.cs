using System;
using System.Collections.Generic;

namespace MultiCloud.Engine.Remote
{
    /// <summary>
    /// The machine-readable lines a generated script prints ("multicloud-result: key=value") among its other output,
    /// so a handler (and a test) can tell what the script found and changed.
    /// </summary>
    public sealed class ScriptReport
    {
        public const string Prefix = "multicloud-result: ";

        /// <summary>The bash function generated scripts report with: report KEY VALUE.</summary>
        public const string BashFunction = "report() { printf '" + Prefix + "%s=%s\\n' \"$1\" \"$2\"; }";

        private readonly Dictionary<string, string> values;

        private ScriptReport(Dictionary<string, string> values, IReadOnlyList<string> otherLines)
        {
            this.values = values;
            OtherLines = otherLines;
        }

        /// <summary>Output lines that are not report lines (for messages such as a validation error).</summary>
        public IReadOnlyList<string> OtherLines { get; }

        public static ScriptReport Parse(string standardOutput)
        {
            var values = new Dictionary<string, string>(StringComparer.Ordinal);
            var others = new List<string>();
            foreach (var raw in standardOutput.Replace("\r\n", "\n").Split('\n'))
            {
                var equals = raw.IndexOf('=');
                if (raw.StartsWith(Prefix, StringComparison.Ordinal) && equals > Prefix.Length)
                    values[raw.Substring(Prefix.Length, equals - Prefix.Length)] = raw.Substring(equals + 1);
                else if (raw.Length > 0)
                    others.Add(raw);
            }
            return new ScriptReport(values, others);
        }

        /// <summary>The last value reported for the key, or null.</summary>
        public string? Get(string key) => values.TryGetValue(key, out var value) ? value : null;

        /// <summary>The value reported for the key; a script that did not report it is broken, which is an engine fault.</summary>
        public string Require(string key, string nodeName, string script) =>
            Get(key) ?? throw new MultiCloudException(ErrorIds.StepFailed, ErrorKind.Failed,
                $"the {script} script on node {nodeName} ended without reporting '{key}'; see the run log")
            { Target = nodeName };
    }
}
