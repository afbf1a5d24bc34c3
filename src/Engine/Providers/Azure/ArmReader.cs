using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Azure;
using Azure.Core;
using Azure.ResourceManager;

namespace MultiCloud.Engine.Providers.Azure
{
    /// <summary>
    /// Read-only ARM calls that are not resources (the Resource SKUs list, the marketplace image versions), sent
    /// through the <see cref="ArmClient"/>'s own pipeline — the same credential, retries and transport — the way the
    /// SDK's resource-provider packages extend <see cref="ArmResource"/>.
    /// </summary>
    internal sealed class ArmReader : ArmResource
    {
        public ArmReader(ArmClient client, ResourceIdentifier subscription) : base(client, subscription)
        {
        }

        /// <summary>GET <paramref name="path"/> below the ARM endpoint; null when ARM answers 404.</summary>
        public async Task<JsonDocument?> GetJsonAsync(string path, string apiVersion, string? filter, CancellationToken cancellationToken)
        {
            using var message = Pipeline.CreateMessage();
            var request = message.Request;
            request.Method = RequestMethod.Get;
            request.Uri.Reset(Endpoint);
            request.Uri.AppendPath(path, escape: false);
            request.Uri.AppendQuery("api-version", apiVersion, true);
            if (filter != null) request.Uri.AppendQuery("$filter", filter, true);
            request.Headers.Add("Accept", "application/json");
            await Pipeline.SendAsync(message, cancellationToken).ConfigureAwait(false);
            var response = message.Response;
            if (response.Status == 404) return null;
            if (response.Status != 200) throw new RequestFailedException(response);
            return JsonDocument.Parse(response.Content.ToMemory());
        }
    }
}
