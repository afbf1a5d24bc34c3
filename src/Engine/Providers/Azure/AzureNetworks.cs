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
    /// A cluster's resource group, virtual network (one subnet) and per-pool network security groups in one region.
    /// Each is read first: absent is created, this cluster's is kept (security rules updated in place when they
    /// changed), anyone else's is <see cref="CloudErrors.NameTaken"/> and left alone.
    /// </summary>
    internal sealed class AzureNetworks
    {
        private readonly AzureConnection connection;
        private readonly ArmResources resources;
        private readonly AzureIds ids;

        public AzureNetworks(AzureConnection connection, ArmResources resources, AzureIds ids)
        {
            this.connection = connection;
            this.resources = resources;
            this.ids = ids;
        }

        public async Task<NetworkInfo> EnsureAsync(NetworkRequest request, CancellationToken cancellationToken)
        {
            var cluster = request.Cluster;
            var location = new AzureLocation(request.Region);
            var fields = new ManifestFields(Region: request.Region);
            var group = await EnsureResourceGroupAsync(cluster, request.Region, cancellationToken).ConfigureAwait(false);

            var network = ids.Network(cluster, request.Region);
            if (await resources.GetOwnedAsync(network, cluster, cancellationToken, fields).ConfigureAwait(false) is null)
                await resources.PutAsync(network, ArmResources.Data(location, ResourceTags.For(cluster), AzureResourceBodies.VirtualNetwork()), cancellationToken, fields: fields).ConfigureAwait(false);

            var made = new Dictionary<string, string>
            {
                ["resourceGroup"] = group.ToString(),
                ["network"] = network.ToString(),
                ["subnet"] = ids.Subnet(cluster, request.Region).ToString(),
            };
            foreach (var pool in request.Firewalls.OrderBy(p => p.Key, System.StringComparer.Ordinal))
            {
                var securityGroup = ids.SecurityGroup(cluster, request.Region, pool.Key);
                var existing = await resources.GetOwnedAsync(securityGroup, cluster, cancellationToken, fields).ConfigureAwait(false);
                if (existing is null || !AzureResourceBodies.RuleFingerprints(existing.Properties).SequenceEqual(AzureResourceBodies.RuleFingerprints(pool.Value)))
                {
                    await resources.PutAsync(securityGroup, ArmResources.Data(location, ResourceTags.For(cluster, pool.Key), AzureResourceBodies.SecurityGroup(pool.Value)),
                        cancellationToken, fields: fields).ConfigureAwait(false);
                }
                made["firewall/" + pool.Key] = securityGroup.ToString();
            }
            return new NetworkInfo(made);
        }

        private async Task<ResourceIdentifier> EnsureResourceGroupAsync(ClusterIdentity cluster, string region, CancellationToken cancellationToken)
        {
            var name = AzureIds.ResourceGroupName(cluster, region);
            var existing = await FindResourceGroupAsync(name, cancellationToken).ConfigureAwait(false);
            if (existing != null)
            {
                if (!ResourceTags.IsOwnedBy(existing.Tags.ToDictionary(t => t.Key, t => t.Value), cluster))
                    throw CloudErrors.NameTaken(connection.Provider, "create resourceGroups " + name, name);
                return existing.Id;
            }
            var data = new ResourceGroupData(new AzureLocation(region));
            foreach (var tag in ResourceTags.For(cluster)) data.Tags[tag.Key] = tag.Value;
            return await connection.CallAsync("create resourceGroups " + name, async arm =>
            {
                var subscription = arm.GetSubscriptionResource(connection.SubscriptionId);
                var made = await subscription.GetResourceGroups().CreateOrUpdateAsync(WaitUntil.Completed, name, data, cancellationToken).ConfigureAwait(false);
                return made.Value.Id;
            }, cancellationToken, new ManifestFields(Region: region)).ConfigureAwait(false);
        }

        public Task<ResourceGroupData?> FindResourceGroupAsync(string name, CancellationToken cancellationToken) =>
            connection.CallAsync<ResourceGroupData?>("get resourceGroups " + name, async arm =>
            {
                try
                {
                    var subscription = arm.GetSubscriptionResource(connection.SubscriptionId);
                    return (await subscription.GetResourceGroups().GetAsync(name, cancellationToken).ConfigureAwait(false)).Value.Data;
                }
                catch (RequestFailedException e) when (e.Status == 404)
                {
                    return null;
                }
            }, cancellationToken);

        /// <summary>Every resource group tagged with the cluster's id (one per region the cluster uses in this subscription).</summary>
        public Task<IReadOnlyList<ResourceGroupData>> ClusterResourceGroupsAsync(ClusterIdentity cluster, CancellationToken cancellationToken) =>
            connection.CallAsync<IReadOnlyList<ResourceGroupData>>("list resourceGroups", async arm =>
            {
                var subscription = arm.GetSubscriptionResource(connection.SubscriptionId);
                var found = new List<ResourceGroupData>();
                await foreach (var group in subscription.GetResourceGroups().GetAllAsync(TagFilter(cluster), cancellationToken: cancellationToken).ConfigureAwait(false))
                {
                    if (ResourceTags.IsOwnedBy(group.Data.Tags.ToDictionary(t => t.Key, t => t.Value), cluster)) found.Add(group.Data);
                }
                return found;
            }, cancellationToken);

        public static string TagFilter(ClusterIdentity cluster) => $"tagName eq '{ResourceTags.ClusterId}' and tagValue eq '{cluster.Id}'";

        /// <summary>Deletes the region's resource group (and with it the network and security groups) once it holds no machine.</summary>
        public async Task DeleteAsync(ClusterIdentity cluster, string region, IReadOnlyList<string> machinesLeft, CancellationToken cancellationToken)
        {
            var name = AzureIds.ResourceGroupName(cluster, region);
            var existing = await FindResourceGroupAsync(name, cancellationToken).ConfigureAwait(false);
            if (existing is null) return;
            if (!ResourceTags.IsOwnedBy(existing.Tags.ToDictionary(t => t.Key, t => t.Value), cluster))
                throw CloudErrors.NameTaken(connection.Provider, "delete resourceGroups " + name, name);
            if (machinesLeft.Count > 0)
                throw CloudErrors.Create(ErrorIds.CloudRequestFailed, ErrorKind.Failed, connection.Provider, "delete resourceGroups " + name,
                    $"machines {string.Join(", ", machinesLeft)} still exist in {region}", "delete those nodes first (destroy does), then delete the network");
            await connection.CallAsync("delete resourceGroups " + name, async arm =>
            {
                try
                {
                    await arm.GetResourceGroupResource(existing.Id).DeleteAsync(WaitUntil.Completed, cancellationToken: cancellationToken).ConfigureAwait(false);
                }
                catch (RequestFailedException e) when (e.Status == 404)
                {
                    // Gone meanwhile: deleting is idempotent.
                }
            }, cancellationToken).ConfigureAwait(false);
        }
    }
}
