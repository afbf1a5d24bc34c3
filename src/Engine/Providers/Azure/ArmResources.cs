using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Azure;
using Azure.Core;
using Azure.ResourceManager.Resources;

namespace MultiCloud.Engine.Providers.Azure
{
    /// <summary>
    /// Resources by id through the SDK's generic resource API (<c>GenericResourceCollection</c>): get (absent is null),
    /// create-or-update awaited to the end of its long-running operation (Azure-AsyncOperation / Location polling as
    /// the SDK does it), delete (absent is success), and the ownership check every write starts with.
    /// </summary>
    internal sealed class ArmResources
    {
        private readonly AzureConnection connection;

        public ArmResources(AzureConnection connection) => this.connection = connection;

        public Task<GenericResourceData?> GetAsync(ResourceIdentifier id, CancellationToken cancellationToken, ManifestFields? fields = null) =>
            connection.CallAsync<GenericResourceData?>($"get {Describe(id)}", async arm =>
            {
                try
                {
                    var found = await arm.GetGenericResources().GetAsync(id, cancellationToken).ConfigureAwait(false);
                    return found.Value.Data;
                }
                catch (RequestFailedException e) when (e.Status == 404)
                {
                    return null;
                }
            }, cancellationToken, fields);

        /// <summary>The resource if it is this cluster's, null if absent; another owner's resource is <see cref="CloudErrors.NameTaken"/>.</summary>
        public async Task<GenericResourceData?> GetOwnedAsync(ResourceIdentifier id, ClusterIdentity cluster, CancellationToken cancellationToken, ManifestFields? fields = null)
        {
            var found = await GetAsync(id, cancellationToken, fields).ConfigureAwait(false);
            if (found != null && !ResourceTags.IsOwnedBy(Tags(found), cluster))
                throw CloudErrors.NameTaken(connection.Provider, $"create {Describe(id)}", id.Name);
            return found;
        }

        public Task<GenericResourceData> PutAsync(ResourceIdentifier id, GenericResourceData data, CancellationToken cancellationToken,
            ArmRequestAdditions.Addition? addition = null, ManifestFields? fields = null) =>
            connection.CallAsync($"create {Describe(id)}", async arm =>
            {
                using var scope = addition is null ? null : connection.Additions.For(id, addition);
                var operation = await arm.GetGenericResources().CreateOrUpdateAsync(WaitUntil.Completed, id, data, cancellationToken).ConfigureAwait(false);
                return operation.Value.Data;
            }, cancellationToken, fields);

        /// <summary>Sets the tags of a resource that was made for us without them (a VM's OS disk).</summary>
        public Task PatchTagsAsync(ResourceIdentifier id, AzureLocation location, IReadOnlyDictionary<string, string> tags, CancellationToken cancellationToken) =>
            connection.CallAsync($"tag {Describe(id)}", async arm =>
            {
                var patch = new GenericResourceData(location);
                foreach (var tag in tags) patch.Tags[tag.Key] = tag.Value;
                await arm.GetGenericResource(id).UpdateAsync(WaitUntil.Completed, patch, cancellationToken).ConfigureAwait(false);
            }, cancellationToken);

        public Task DeleteAsync(ResourceIdentifier id, CancellationToken cancellationToken, ArmRequestAdditions.Addition? addition = null) =>
            connection.CallAsync($"delete {Describe(id)}", async arm =>
            {
                using var scope = addition is null ? null : connection.Additions.For(id, addition);
                try
                {
                    await arm.GetGenericResource(id).DeleteAsync(WaitUntil.Completed, cancellationToken).ConfigureAwait(false);
                }
                catch (RequestFailedException e) when (e.Status == 404)
                {
                    // Already gone: deleting is idempotent.
                }
            }, cancellationToken);

        public static IReadOnlyDictionary<string, string> Tags(GenericResourceData data) => data.Tags.ToDictionary(t => t.Key, t => t.Value);

        public static GenericResourceData Data(AzureLocation location, IReadOnlyDictionary<string, string> tags, System.BinaryData? properties = null, string? sku = null)
        {
            var data = new GenericResourceData(location) { Properties = properties };
            if (sku != null) data.Sku = new global::Azure.ResourceManager.Resources.Models.ResourcesSku { Name = sku };
            foreach (var tag in tags) data.Tags[tag.Key] = tag.Value;
            return data;
        }

        /// <summary>"virtualMachines hybrid-control-az-1": the operation text in logs and errors.</summary>
        public static string Describe(ResourceIdentifier id) => id.ResourceType.Type.Split('/').Last() + " " + id.Name;
    }
}
