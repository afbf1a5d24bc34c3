using System;
using System.Collections.Generic;

namespace MultiCloud.Engine.Planning
{
    /// <summary>
    /// Gives out "&lt;pool&gt;-&lt;n&gt;" names with the lowest n that no node of the state (removed ones included), no
    /// explicit static name and no earlier allocation of this plan uses. One cursor per pool keeps large pools linear.
    /// </summary>
    internal sealed class NodeNameAllocator
    {
        private readonly HashSet<string> _used;
        private readonly Dictionary<string, int> _nextIndex = new Dictionary<string, int>(StringComparer.Ordinal);

        public NodeNameAllocator(IEnumerable<string> used) => _used = new HashSet<string>(used, StringComparer.Ordinal);

        public string Next(string pool)
        {
            var index = _nextIndex.TryGetValue(pool, out var next) ? next : 1;
            while (_used.Contains(NodeNameOrder.NameFor(pool, index))) index++;
            var name = NodeNameOrder.NameFor(pool, index);
            _used.Add(name);
            _nextIndex[pool] = index + 1;
            return name;
        }
    }
}
