using System;
using System.Collections.Generic;
using System.Threading;
using MultiCloud.Engine.Client;

namespace MultiCloud.Cmdlets
{
    /// <summary>
    /// The engine side of tab completion, kept apart from the public completer types: those are loaded when the module
    /// is imported, before the engine's assembly can be resolved (see DependencyIsolation), so they must not name
    /// engine types.
    /// </summary>
    internal static class CompletionQuery
    {
        public static IReadOnlyList<string> Names(int kind, string? stateDirectory, string? clusterName, string prefix, int timeoutMilliseconds)
        {
            using var timeout = new CancellationTokenSource(timeoutMilliseconds);
            var client = new MultiCloudClient(new MultiCloudClientOptions { StateDirectory = stateDirectory });
            var query = client.CompleteNamesAsync((NameKind)kind, clusterName, prefix, timeout.Token);
            try
            {
                return query.Wait(timeoutMilliseconds) ? query.Result : Array.Empty<string>();
            }
            catch (AggregateException)
            {
                return Array.Empty<string>();
            }
        }
    }
}
