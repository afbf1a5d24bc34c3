using System.Collections.Concurrent;

namespace MultiCloud.CloudDoubles;

/// <summary>Ways a cloud call can be made to fail; each double renders them in its API's own error format.</summary>
public enum InjectedFailure
{
    /// <summary>429 with the API's throttling error and a Retry-After.</summary>
    Throttled,
    /// <summary>The API's quota error (cores, addresses …).</summary>
    QuotaExceeded,
    /// <summary>500 with the API's internal-error shape.</summary>
    ServerError,
    /// <summary>401/403 with the API's authentication error.</summary>
    Unauthorized,
}

/// <summary>
/// Failures a test arms before a run: "the next N calls of operation X fail with Y". Operations are named as the
/// real API names them ("RunInstances", "PUT virtualMachines", "POST /servers"); each double documents its names.
/// </summary>
public sealed class FailurePlan
{
    private readonly ConcurrentDictionary<string, Queue<InjectedFailure>> armed = new(StringComparer.Ordinal);

    public void FailNext(string operation, InjectedFailure failure, int times = 1)
    {
        var queue = armed.GetOrAdd(operation, _ => new Queue<InjectedFailure>());
        lock (queue)
        {
            for (var i = 0; i < times; i++) queue.Enqueue(failure);
        }
    }

    /// <summary>The failure armed for this call of <paramref name="operation"/>, consumed; null when the call should succeed.</summary>
    public InjectedFailure? Take(string operation)
    {
        if (!armed.TryGetValue(operation, out var queue)) return null;
        lock (queue)
        {
            return queue.Count > 0 ? queue.Dequeue() : null;
        }
    }
}
