using System.Collections.Generic;
using MultiCloud.Engine.State;

namespace MultiCloud.Engine.Execution
{
    /// <summary>The state a run is building up; targets finishing in parallel apply their updates one at a time.</summary>
    internal sealed class WorkingState
    {
        private readonly object gate = new object();
        private ClusterState current;

        public WorkingState(ClusterState initial) => current = initial;

        public ClusterState Current
        {
            get { lock (gate) { return current; } }
        }

        public void Apply(StateUpdate update)
        {
            lock (gate)
            {
                current = update(current);
            }
        }

        public void Replace(ClusterState state)
        {
            lock (gate)
            {
                current = state;
            }
        }

        /// <summary>Records layer fingerprints; an empty value means the layer is gone and its key is removed.</summary>
        public void RecordApplied(IReadOnlyDictionary<string, string> records)
        {
            if (records.Count == 0)
            {
                return;
            }

            lock (gate)
            {
                var applied = new Dictionary<string, string>(System.StringComparer.Ordinal);
                foreach (var entry in current.Applied)
                {
                    applied[entry.Key] = entry.Value;
                }

                foreach (var record in records)
                {
                    if (record.Value.Length == 0)
                    {
                        applied.Remove(record.Key);
                    }
                    else
                    {
                        applied[record.Key] = record.Value;
                    }
                }

                current = current with { Applied = applied };
            }
        }
    }
}
