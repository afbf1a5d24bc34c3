using System.Collections.Concurrent;

namespace MultiCloud.CloudDoubles;

/// <summary>One resource a double holds, as the cloud would list it.</summary>
public sealed record LedgerEntry(string Api, string Type, string Id, IReadOnlyDictionary<string, string> Tags);

/// <summary>One call a double answered, for the benchmark's call counts and for "a no-op run mutates nothing".</summary>
public sealed record LedgerCall(string Api, string Operation, bool Mutating, int Status);

/// <summary>
/// Every resource the doubles of one test hold, and every call they answered. Tests assert on it: after destroy
/// nothing of the cluster is left; after a crash and a re-run nothing is duplicated.
/// </summary>
public sealed class ResourceLedger
{
    private readonly ConcurrentDictionary<(string Api, string Id), LedgerEntry> resources = new();
    private readonly ConcurrentQueue<LedgerCall> calls = new();

    public void Put(LedgerEntry entry) => resources[(entry.Api, entry.Id)] = entry;

    public bool Remove(string api, string id) => resources.TryRemove((api, id), out _);

    public IReadOnlyList<LedgerEntry> Resources => resources.Values.OrderBy(r => r.Api, StringComparer.Ordinal).ThenBy(r => r.Id, StringComparer.Ordinal).ToList();

    /// <summary>Resources whose tags say they belong to the cluster with this id.</summary>
    public IReadOnlyList<LedgerEntry> OwnedBy(string clusterId) =>
        Resources.Where(r => r.Tags.TryGetValue("multicloud-cluster-id", out var id) && id == clusterId).ToList();

    public void Record(LedgerCall call) => calls.Enqueue(call);

    public IReadOnlyList<LedgerCall> Calls => calls.ToList();
}
