using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Security.Cryptography;
using System.Text.RegularExpressions;
using MultiCloud.Engine.Manifest;
using MultiCloud.Engine.Model;

namespace MultiCloud.Engine.State
{
    /// <summary>
    /// Checks a state document that has been read: its shape (no nulls where the model has none) and the grammar
    /// of every value that reaches a node or a command line. State is input like a manifest: it can be edited by
    /// hand, damaged, or (in a shared store) written by someone else, and its keys, addresses and names end up in
    /// configuration files on every node. The specs it holds are checked by the manifest rules themselves.
    /// </summary>
    internal static class StateValidator
    {
        public const int MaxLastErrorLength = 64 * 1024;

        // Plan ids, step keys, fingerprints of applied layers: engine-made tokens, never rendered into configuration.
        private static readonly Regex TokenPattern = new Regex(@"^[A-Za-z0-9._:+/=-]{1,256}\z", RegexOptions.CultureInvariant);
        private static readonly Regex OperatingSystemPattern = new Regex(@"^[A-Za-z0-9 ._+~()-]{1,64}\z", RegexOptions.CultureInvariant);
        private static readonly Regex ManagedFilePathPattern = new Regex(@"^/[A-Za-z0-9._@+/-]{1,1024}\z", RegexOptions.CultureInvariant);
        private static readonly Regex Sha256Pattern = new Regex(@"^[0-9a-f]{64}\z", RegexOptions.CultureInvariant);

        /// <summary>Every problem, as "json.path: what is wrong (allowed: …)"; empty when the state is sound.</summary>
        public static IReadOnlyList<string> Problems(ClusterState state)
        {
            var problems = new List<string>();
            StateShape.Check(state, string.Empty, problems);
            // Grammar checks read the values; a document with missing parts is reported by its shape alone.
            if (problems.Count > 0) return problems;

            if (!ClusterNames.IsValid(state.Name)) Add(problems, "name", state.Name, "is not a cluster name", NamingRules.LabelAllowed);
            if (state.Serial < 0) problems.Add("serial: " + state.Serial.ToString(CultureInfo.InvariantCulture) + " is negative (allowed: 0 or more)");
            if (state.Until is Planning.ClusterLayer until && !Enum.IsDefined(typeof(Planning.ClusterLayer), until)) problems.Add("until: is not a layer");
            CheckNodes(state.Nodes, problems);
            foreach (var entry in state.Applied)
            {
                if (!TokenPattern.IsMatch(entry.Key)) Add(problems, "applied", entry.Key, "is not a layer key", "letters, digits and . _ : + / = -");
                else if (entry.Value.Length > 0 && !TokenPattern.IsMatch(entry.Value)) Add(problems, "applied." + entry.Key, entry.Value, "is not a fingerprint", "letters, digits and . _ : + / = -");
            }
            if (state.AppliedSpec != null) CheckSpec("appliedSpec", state.AppliedSpec, problems);
            if (state.Journal != null) CheckJournal(state.Journal, problems);
            return problems;
        }

        private static void CheckNodes(IReadOnlyList<NodeState> nodes, List<string> problems)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < nodes.Count; i++)
            {
                var node = nodes[i];
                var path = "nodes[" + i.ToString(CultureInfo.InvariantCulture) + "]";
                if (!DnsNames.IsLabel(node.Name)) Add(problems, path + ".name", node.Name, "is not a node name", NamingRules.LabelAllowed);
                else if (!seen.Add(node.Name)) Add(problems, path + ".name", node.Name, "is used by an earlier node too", "each node name once");
                if (!DnsNames.IsLabel(node.Pool)) Add(problems, path + ".pool", node.Pool, "is not a pool name", NamingRules.LabelAllowed);
                if (!Enum.IsDefined(typeof(NodeRole), node.Role)) problems.Add(path + ".role: is not a node role");
                if (!ValueGrammar.IsIpv4(node.MeshAddress)) Add(problems, path + ".meshAddress", node.MeshAddress, "is not an IPv4 address", ValueGrammar.Ipv4Rule);
                if (node.PublicAddress != null && !DnsNames.IsEndpoint(node.PublicAddress))
                    Add(problems, path + ".publicAddress", node.PublicAddress, "is not an IP address or host name", DnsNames.EndpointRule);
                if (node.SshPort < 1 || node.SshPort > 65535) problems.Add(path + ".sshPort: " + node.SshPort.ToString(CultureInfo.InvariantCulture) + " is out of range (allowed: 1 to 65535)");
                if (!SystemNames.IsUser(node.SshUser)) Add(problems, path + ".sshUser", node.SshUser, "is not a user name", SystemNames.UserRule);
                if (node.WireGuardPublicKey != null && !ValueGrammar.IsWireGuardKey(node.WireGuardPublicKey))
                    Add(problems, path + ".wireGuardPublicKey", node.WireGuardPublicKey, "is not a WireGuard public key", ValueGrammar.WireGuardKeyRule);
                CheckHostKey(node, path, problems);
                if (node.OperatingSystem != null && !OperatingSystemPattern.IsMatch(node.OperatingSystem))
                    Add(problems, path + ".operatingSystem", node.OperatingSystem, "is not an operating system name", "letters, digits, spaces and . _ + ~ ( ) -, at most 64 characters");
                foreach (var file in node.ManagedFiles)
                {
                    if (!ManagedFilePathPattern.IsMatch(file.Key)) Add(problems, path + ".managedFiles", file.Key, "is not an absolute file path", "/ and letters, digits and . _ @ + - /");
                    else if (!Sha256Pattern.IsMatch(file.Value)) Add(problems, path + ".managedFiles." + file.Key, file.Value, "is not a SHA-256", "64 lowercase hex digits");
                }
                foreach (var resource in node.ProviderResources)
                {
                    if (!TokenPattern.IsMatch(resource.Key) || DisplayText.HasControlCharacters(resource.Value) || resource.Value.Length > 2048)
                        Add(problems, path + ".providerResources." + resource.Key, resource.Value, "is not a resource id", "one line of printable text");
                }
            }
        }

        private static void CheckHostKey(NodeState node, string path, List<string> problems)
        {
            var fingerprintOk = node.SshHostKeyFingerprint is null || ValueGrammar.IsHostKeyFingerprint(node.SshHostKeyFingerprint);
            if (!fingerprintOk) Add(problems, path + ".sshHostKeyFingerprint", node.SshHostKeyFingerprint!, "is not a host key fingerprint", ValueGrammar.FingerprintRule);
            if (node.SshHostKey is null) return;
            if (!ValueGrammar.IsHostKey(node.SshHostKey))
            {
                Add(problems, path + ".sshHostKey", node.SshHostKey, "is not an OpenSSH public key", ValueGrammar.HostKeyRule);
                return;
            }
            if (node.SshHostKeyFingerprint != null && fingerprintOk && !string.Equals(Fingerprint(node.SshHostKey), node.SshHostKeyFingerprint.TrimEnd('='), StringComparison.Ordinal))
                problems.Add(path + ".sshHostKeyFingerprint: is not the fingerprint of sshHostKey (allowed: the SHA256 fingerprint of the pinned key)");
        }

        private static string Fingerprint(string hostKey)
        {
            var blob = Convert.FromBase64String(hostKey.Substring(hostKey.IndexOf(' ') + 1));
            using var sha = SHA256.Create();
            return "SHA256:" + Convert.ToBase64String(sha.ComputeHash(blob)).TrimEnd('=');
        }

        private static void CheckJournal(JournalState journal, List<string> problems)
        {
            if (!TokenPattern.IsMatch(journal.PlanId)) Add(problems, "journal.planId", journal.PlanId, "is not a plan id", "letters, digits and . _ : + / = -");
            for (var i = 0; i < journal.CompletedSteps.Count; i++)
            {
                var step = journal.CompletedSteps[i];
                if (!TokenPattern.IsMatch(step)) Add(problems, "journal.completedSteps[" + i.ToString(CultureInfo.InvariantCulture) + "]", step, "is not a step key", "task/step");
            }
            foreach (var entry in journal.CompletedTargets)
            {
                if (!TokenPattern.IsMatch(entry.Key)) Add(problems, "journal.completedTargets", entry.Key, "is not a step key", "task/step");
                foreach (var target in entry.Value.Where(t => !TokenPattern.IsMatch(t)))
                    Add(problems, "journal.completedTargets." + entry.Key, target, "is not a target name", "a node or resource name");
            }
            if (journal.LastError != null && journal.LastError.Length > MaxLastErrorLength)
                problems.Add("journal.lastError: is " + journal.LastError.Length.ToString(CultureInfo.InvariantCulture) + " characters long (allowed: at most " + MaxLastErrorLength.ToString(CultureInfo.InvariantCulture) + ")");
            CheckSpec("journal.desiredSpec", journal.DesiredSpec, problems);
        }

        /// <summary>A spec in state is held to the manifest rules: it was valid when it was applied, and its values reach nodes.</summary>
        private static void CheckSpec(string path, ClusterSpec spec, List<string> problems)
        {
            var diagnostics = ManifestValidator.ValidateStored(spec, path);
            foreach (var diagnostic in diagnostics)
                problems.Add(path + " (" + diagnostic.FieldPath + "): " + diagnostic.Problem + (diagnostic.Allowed.Length > 0 ? " (allowed: " + diagnostic.Allowed + ")" : ""));
        }

        private static void Add(List<string> problems, string path, string value, string problem, string allowed) =>
            problems.Add(path + ": '" + DisplayText.Escape(Shorten(value)) + "' " + problem + " (allowed: " + allowed + ")");

        private static string Shorten(string value) => value.Length <= 120 ? value : value.Substring(0, 120) + "…";
    }
}
