using System;
using System.Collections.Generic;
using System.IO;
using System.Text;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Azure.Core;
using Azure.Core.Pipeline;

namespace MultiCloud.Engine.Providers.Azure
{
    /// <summary>
    /// What <c>GenericResourceData</c> cannot carry, added to one write of one resource: the top-level <c>zones</c> of a
    /// VM or public IP, the <c>If-Match</c>/<c>If-None-Match</c> of a DNS record set, and dropping the <c>location</c> a
    /// record set has no field for. The addition is scoped to the calling async flow (AsyncLocal) and to the PUT,
    /// PATCH or DELETE of exactly that resource's path, so concurrent calls of the same client never see each other's.
    /// </summary>
    internal sealed class ArmRequestAdditions : HttpPipelinePolicy
    {
        private readonly AsyncLocal<Target?> current = new AsyncLocal<Target?>();

        private sealed record Target(string Path, Addition Addition);

        public sealed record Addition
        {
            public IReadOnlyDictionary<string, string> Headers { get; init; } = new Dictionary<string, string>();
            public IReadOnlyDictionary<string, JsonNode> BodyProperties { get; init; } = new Dictionary<string, JsonNode>();
            public IReadOnlyList<string> RemovedBodyProperties { get; init; } = Array.Empty<string>();
        }

        /// <summary>Applies <paramref name="addition"/> to writes of <paramref name="id"/> until the result is disposed.</summary>
        public IDisposable For(ResourceIdentifier id, Addition addition)
        {
            var previous = current.Value;
            current.Value = new Target(id.ToString(), addition);
            return new Scope(() => current.Value = previous);
        }

        public override void Process(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            Apply(message);
            ProcessNext(message, pipeline);
        }

        public override ValueTask ProcessAsync(HttpMessage message, ReadOnlyMemory<HttpPipelinePolicy> pipeline)
        {
            Apply(message);
            return ProcessNextAsync(message, pipeline);
        }

        private void Apply(HttpMessage message)
        {
            if (current.Value is not { } target) return;
            var addition = target.Addition;
            var request = message.Request;
            if (request.Method != RequestMethod.Put && request.Method != RequestMethod.Patch && request.Method != RequestMethod.Delete) return;
            if (!string.Equals(Uri.UnescapeDataString(request.Uri.Path).TrimEnd('/'), target.Path.TrimEnd('/'), StringComparison.OrdinalIgnoreCase)) return;

            foreach (var header in addition.Headers) request.Headers.SetValue(header.Key, header.Value);
            if (request.Content is null || (addition.BodyProperties.Count == 0 && addition.RemovedBodyProperties.Count == 0)) return;
            using var buffer = new MemoryStream();
            request.Content.WriteTo(buffer, message.CancellationToken);
            var body = JsonNode.Parse(buffer.ToArray())?.AsObject() ?? new JsonObject();
            foreach (var name in addition.RemovedBodyProperties) body.Remove(name);
            foreach (var property in addition.BodyProperties) body[property.Key] = property.Value.DeepClone();
            request.Content = RequestContent.Create(Encoding.UTF8.GetBytes(body.ToJsonString()));
        }

        private sealed class Scope : IDisposable
        {
            private Action? restore;
            public Scope(Action restore) => this.restore = restore;
            public void Dispose() => Interlocked.Exchange(ref restore, null)?.Invoke();
        }
    }
}
