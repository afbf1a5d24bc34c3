using System;
using System.Collections.Generic;
using System.Linq;
using MultiCloud.Engine.Execution;
using MultiCloud.Engine.Remote;
using MultiCloud.Engine.State;

namespace MultiCloud.Engine.Nodes
{
    /// <summary>State updates that node handlers return: change, add or remove one node.</summary>
    public static class NodeStateUpdates
    {
        /// <summary>Changes the named node; a node no longer in state is left alone.</summary>
        public static StateUpdate Change(string nodeName, Func<NodeState, NodeState> change) => state => state with
        {
            Nodes = state.Nodes.Select(node => node.Name == nodeName ? change(node) : node).ToList(),
        };

        /// <summary>Adds the node, or, when one of that name exists, changes it instead.</summary>
        public static StateUpdate AddOrChange(NodeState added, Func<NodeState, NodeState> changeExisting) => state =>
            state.Nodes.Any(node => node.Name == added.Name)
                ? Change(added.Name, changeExisting)(state)
                : state with { Nodes = state.Nodes.Concat(new[] { added }).ToList() };

        public static StateUpdate Remove(string nodeName) => state => state with
        {
            Nodes = state.Nodes.Where(node => node.Name != nodeName).ToList(),
        };

        /// <summary>
        /// Records the hashes a step's script reported for the files it manages (<see cref="Refresh.FileHashes.ReportLine"/>):
        /// a hash replaces the recorded one, "absent" removes it. A file the script did not report keeps its record.
        /// </summary>
        public static NodeState WithFileHashes(NodeState node, ScriptReport report, IEnumerable<string> paths)
        {
            var files = new SortedDictionary<string, string>(node.ManagedFiles.ToDictionary(p => p.Key, p => p.Value), StringComparer.Ordinal);
            foreach (var path in paths)
            {
                var hash = report.Get(Refresh.FileHashes.ReportKey(path));
                if (hash is null) continue;
                if (hash == Refresh.FileHashes.Absent) files.Remove(path);
                else files[path] = hash;
            }
            return node with { ManagedFiles = files };
        }

        /// <summary>Records a host key learned during the step (null: nothing learned, the node stays as it is).</summary>
        public static NodeState WithHostKey(NodeState node, HostKey? learned) => learned is null
            ? node
            : node with { SshHostKey = learned.PublicKey, SshHostKeyFingerprint = learned.Fingerprint };
    }
}
