using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Amazon.EC2;
using Amazon.EC2.Model;

namespace MultiCloud.Engine.Providers.Aws
{
    /// <summary>
    /// A machine is one EC2 instance (with its root volume and network interface, tagged in the RunInstances call and
    /// deleted with it) and, for pools named in <c>elasticIpPools</c>, an Elastic IP. A live instance tagged with the
    /// node is always looked for first; RunInstances carries the node's <see cref="AwsClientToken"/>, so even a run
    /// whose search missed an instance EC2 had not listed yet gets that instance back rather than a second one.
    /// </summary>
    internal sealed class AwsMachines
    {
        /// <summary>EC2 takes at most 16 KB of user data before base64.</summary>
        private const int MaxUserDataBytes = 16 * 1024;

        /// <summary>States of an instance that still exists (terminated ones stay visible for a while).</summary>
        internal static readonly List<string> LiveStates = new List<string> { "pending", "running", "stopping", "stopped" };

        private readonly AwsConnection connection;
        private readonly AwsNetworks networks;
        private readonly AwsCatalog catalog;
        private readonly AwsRegions regions;
        private readonly AwsAddresses addresses;

        public AwsMachines(AwsConnection connection, AwsNetworks networks, AwsCatalog catalog, AwsRegions regions)
        {
            this.connection = connection;
            this.networks = networks;
            this.catalog = catalog;
            this.regions = regions;
            addresses = new AwsAddresses(connection);
        }

        public async Task<MachineInfo> CreateAsync(MachineRequest request, CancellationToken cancellationToken)
        {
            if (Encoding.UTF8.GetByteCount(request.UserData) > MaxUserDataBytes)
                throw Refused(request, ErrorIds.CloudConfigurationInvalid, ErrorKind.InvalidArgument, "the machine's user data is larger than the 16 KB EC2 takes", "keep first-boot scripts small");
            regions.Used(request.Region);
            var region = request.Region;
            var elastic = connection.Settings.WantsElasticIp(request.Pool);
            var instance = (await FindAsync(region, request.Cluster, request.NodeName, LiveStates, cancellationToken).ConfigureAwait(false)).FirstOrDefault();
            if (instance is null)
            {
                var (zone, image) = await catalog.CheckAsync(request, cancellationToken).ConfigureAwait(false);
                if (request.DiskSizeGb is int size && size < image.RootVolumeSizeGb)
                    throw Refused(request, ErrorIds.CloudConfigurationInvalid, ErrorKind.InvalidArgument,
                        $"diskSizeGb {size} is smaller than image {image.Id}'s {image.RootVolumeSizeGb} GB root volume", $"set the pool's diskSizeGb to at least {image.RootVolumeSizeGb}");
                var subnet = await networks.EnsureSubnetAsync(request.Cluster, region, zone, Network(request, "network"), Network(request, "routeTable"), cancellationToken).ConfigureAwait(false);
                instance = await RunAsync(request, image, subnet, elastic, cancellationToken).ConfigureAwait(false);
            }
            else if (instance.State.Name == InstanceStateName.Stopped || instance.State.Name == InstanceStateName.Stopping)
            {
                var id = instance.InstanceId;
                await connection.CallAsync(region, "StartInstances " + request.NodeName, ec2 => ec2.StartInstancesAsync(new StartInstancesRequest { InstanceIds = new List<string> { id } }, cancellationToken), cancellationToken).ConfigureAwait(false);
            }
            instance = await WaitRunningAsync(request, instance.InstanceId, needsPublicAddress: !elastic, cancellationToken).ConfigureAwait(false);
            var address = instance.PublicIpAddress;
            string? allocation = null;
            if (elastic) (allocation, address) = await addresses.EnsureAsync(request, instance.InstanceId, cancellationToken).ConfigureAwait(false);
            return Info(instance, region, address ?? "", allocation);
        }

        public async Task<IReadOnlyList<MachineInfo>> FindAsync(ClusterIdentity cluster, CancellationToken cancellationToken)
        {
            var found = new List<MachineInfo>();
            foreach (var region in await regions.SearchAsync(cancellationToken).ConfigureAwait(false))
            {
                var instances = await FindAsync(region, cluster, null, LiveStates, cancellationToken).ConfigureAwait(false);
                var elastic = instances.Count == 0 ? new Dictionary<string, Address>() : await addresses.ByInstanceAsync(region, cluster, cancellationToken).ConfigureAwait(false);
                foreach (var instance in instances.Where(i => AwsTags.Value(i.Tags, ResourceTags.Node) != null))
                {
                    elastic.TryGetValue(instance.InstanceId, out var address);
                    found.Add(Info(instance, region, instance.PublicIpAddress ?? address?.PublicIp ?? "", address?.AllocationId));
                }
            }
            return found.OrderBy(m => m.NodeName, StringComparer.Ordinal).ToList();
        }

        /// <summary>Terminates the node's instance in every searched region, waits until EC2 says terminated, then releases its Elastic IP.</summary>
        public async Task DeleteAsync(ClusterIdentity cluster, string nodeName, CancellationToken cancellationToken)
        {
            foreach (var region in await regions.SearchAsync(cancellationToken).ConfigureAwait(false))
            {
                var going = await FindAsync(region, cluster, nodeName, LiveStates.Append("shutting-down").ToList(), cancellationToken).ConfigureAwait(false);
                var ids = going.Select(i => i.InstanceId).ToList();
                var running = going.Where(i => i.State.Name != InstanceStateName.ShuttingDown).Select(i => i.InstanceId).ToList();
                if (running.Count > 0)
                    await connection.CallAsync(region, "TerminateInstances " + nodeName, ec2 => ec2.TerminateInstancesAsync(new TerminateInstancesRequest { InstanceIds = running }, cancellationToken), cancellationToken).ConfigureAwait(false);
                if (ids.Count > 0)
                    await AwsPolling.UntilAsync(async () => (await FindAsync(region, cluster, nodeName, LiveStates.Append("shutting-down").ToList(), cancellationToken).ConfigureAwait(false)).Count == 0 ? "gone" : null,
                        () => CloudErrors.Create(ErrorIds.CloudRequestFailed, ErrorKind.Failed, connection.Provider, "TerminateInstances " + nodeName,
                            $"instance {string.Join(", ", ids)} did not reach 'terminated' within {AwsPolling.Limit.TotalMinutes} minutes", "sync again"), cancellationToken).ConfigureAwait(false);
                await addresses.ReleaseAsync(region, cluster, nodeName, cancellationToken).ConfigureAwait(false);
            }
        }

        /// <summary>Instances tagged with the cluster (and node) in these states.</summary>
        public Task<List<Instance>> FindAsync(string region, ClusterIdentity cluster, string? nodeName, List<string> states, CancellationToken cancellationToken)
        {
            var filters = AwsTags.OwnedBy(cluster, nodeName);
            filters.Add(new Filter("instance-state-name", states));
            return connection.CallAsync(region, "DescribeInstances", async ec2 =>
            {
                var found = new List<Instance>();
                string? next = null;
                do
                {
                    var page = await ec2.DescribeInstancesAsync(new DescribeInstancesRequest { Filters = filters, NextToken = next }, cancellationToken).ConfigureAwait(false);
                    found.AddRange((page.Reservations ?? new List<Reservation>()).SelectMany(r => r.Instances ?? new List<Instance>()));
                    next = page.NextToken;
                }
                while (!string.IsNullOrEmpty(next));
                return found.OrderBy(i => i.InstanceId, StringComparer.Ordinal).ToList();
            }, cancellationToken);
        }

        private async Task<Instance> RunAsync(MachineRequest request, AwsImage image, string subnet, bool elastic, CancellationToken cancellationToken)
        {
            var fields = new PoolFields(request.Region, request.ServerType, request.Image, request.Zone);
            var token = AwsClientToken.First(request.Cluster, request.NodeName);
            for (var generation = 0; generation < 16; generation++)
            {
                var launch = AwsLaunch.Request(request, image, subnet, Network(request, "firewall/" + request.Pool), Network(request, "sshKey"), elastic, token);
                var made = await connection.CallAsync(request.Region, "RunInstances " + request.NodeName, async ec2 =>
                {
                    try
                    {
                        return (await ec2.RunInstancesAsync(launch, cancellationToken).ConfigureAwait(false)).Reservation.Instances.Single();
                    }
                    catch (AmazonEC2Exception e) when (e.ErrorCode == "IdempotentParameterMismatch")
                    {
                        // The token made an instance with other parameters (a run with other user data): that instance is the node's.
                        connection.Log($"RunInstances {request.NodeName}: IdempotentParameterMismatch, so an earlier run launched this node; looking it up by its client token");
                        return null;
                    }
                }, cancellationToken, fields).ConfigureAwait(false)
                    ?? await ByClientTokenAsync(request, token, cancellationToken).ConfigureAwait(false);
                if (made.State.Name != InstanceStateName.Terminated && made.State.Name != InstanceStateName.ShuttingDown) return made;
                connection.Log($"client token of {request.NodeName} belongs to terminated instance {made.InstanceId}: taking the next one");
                token = AwsClientToken.After(token, made.InstanceId);
            }
            throw Refused(request, ErrorIds.CloudRequestFailed, ErrorKind.Failed, "16 instances of this node were made and terminated", "delete the node's terminated instances' history by waiting a day, or rename the pool");
        }

        private async Task<Instance> ByClientTokenAsync(MachineRequest request, string token, CancellationToken cancellationToken)
        {
            var filters = new List<Filter> { new Filter("client-token", new List<string> { token }) };
            var found = await connection.CallAsync(request.Region, "DescribeInstances", async ec2 =>
                ((await ec2.DescribeInstancesAsync(new DescribeInstancesRequest { Filters = filters }, cancellationToken).ConfigureAwait(false)).Reservations ?? new List<Reservation>())
                    .SelectMany(r => r.Instances ?? new List<Instance>()).FirstOrDefault(), cancellationToken).ConfigureAwait(false);
            return found ?? throw Refused(request, ErrorIds.CloudRequestFailed, ErrorKind.Failed,
                "EC2 answered IdempotentParameterMismatch for the node's client token but lists no instance with it yet", "sync again in a minute");
        }

        private Task<Instance> WaitRunningAsync(MachineRequest request, string id, bool needsPublicAddress, CancellationToken cancellationToken) =>
            AwsPolling.UntilAsync(() => connection.CallAsync(request.Region, "DescribeInstances " + id, async ec2 =>
            {
                Instance? instance;
                try
                {
                    instance = (await ec2.DescribeInstancesAsync(new DescribeInstancesRequest { InstanceIds = new List<string> { id } }, cancellationToken).ConfigureAwait(false))
                        .Reservations?.SelectMany(r => r.Instances ?? new List<Instance>()).FirstOrDefault();
                }
                catch (AmazonEC2Exception e) when (e.ErrorCode == "InvalidInstanceID.NotFound")
                {
                    return null; // EC2 lists a new instance a moment after RunInstances answers.
                }
                if (instance?.State.Name == InstanceStateName.Terminated || instance?.State.Name == InstanceStateName.ShuttingDown)
                    throw Refused(request, ErrorIds.CloudRequestFailed, ErrorKind.Failed, $"instance {id} stopped existing while it started ({instance.StateReason?.Message ?? instance.State.Name})",
                        "sync again; if it repeats, look at the instance's state reason in the EC2 console");
                return instance?.State.Name == InstanceStateName.Running && (!needsPublicAddress || !string.IsNullOrEmpty(instance.PublicIpAddress)) ? instance : null;
            }, cancellationToken), () => Refused(request, ErrorIds.CloudRequestFailed, ErrorKind.Failed, $"instance {id} was not running with a public address after {AwsPolling.Limit.TotalMinutes} minutes", "sync again"),
            cancellationToken);

        private static string Network(MachineRequest request, string kind) =>
            request.Network.Resources.TryGetValue(kind, out var id) ? id
                : throw new InvalidOperationException($"the network of region {request.Region} has no '{kind}': call EnsureNetworkAsync for every pool of the region first");

        private static MachineInfo Info(Instance instance, string region, string address, string? allocation)
        {
            var resources = new Dictionary<string, string> { ["instance"] = instance.InstanceId };
            var root = instance.BlockDeviceMappings?.FirstOrDefault(m => m.DeviceName == instance.RootDeviceName)?.Ebs?.VolumeId;
            if (root != null) resources["volume"] = root;
            if (instance.NetworkInterfaces?.FirstOrDefault()?.NetworkInterfaceId is { } nic) resources["networkInterface"] = nic;
            if (allocation != null) resources["eip"] = allocation;
            return new MachineInfo
            {
                NodeName = AwsTags.Value(instance.Tags, ResourceTags.Node) ?? "",
                Pool = AwsTags.Value(instance.Tags, ResourceTags.Pool) ?? "",
                Region = region,
                PublicAddress = address,
                Resources = resources,
            };
        }

        private CloudException Refused(MachineRequest request, string errorId, ErrorKind kind, string problem, string remedy) =>
            CloudErrors.Create(errorId, kind, connection.Provider, $"create machine {request.NodeName} of pool {request.Pool}", problem, remedy);
    }
}
