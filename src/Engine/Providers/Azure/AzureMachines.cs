using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Azure.Core;
using Azure.ResourceManager.Resources;

namespace MultiCloud.Engine.Providers.Azure
{
    /// <summary>
    /// A machine is four resources in its region's resource group: a Standard static public IP, a NIC in the cluster's
    /// subnet behind its pool's security group, the Linux VM (SSH key only, user data as <c>customData</c>) and the VM's
    /// managed OS disk. Each is read before it is written, so a re-run after a crash finishes what is missing.
    /// </summary>
    internal sealed class AzureMachines
    {
        /// <summary>Azure refuses these as a VM's admin user (Compute's reserved names); found before anything is made.</summary>
        private static readonly HashSet<string> ReservedAdminUsers = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "administrator", "admin", "user", "user1", "test", "user2", "test1", "user3", "admin1", "1", "123", "a", "actuser", "adm", "admin2",
            "aspnet", "backup", "console", "david", "guest", "john", "owner", "root", "server", "sql", "support", "support_388945a0", "sys",
            "test2", "test3", "user4", "user5",
        };

        /// <summary>Azure takes at most 64 KiB of custom data, base64 encoded.</summary>
        private const int MaxCustomDataChars = 87380;

        private readonly AzureConnection connection;
        private readonly ArmResources resources;
        private readonly AzureIds ids;
        private readonly AzureCatalog catalog;

        public AzureMachines(AzureConnection connection, ArmResources resources, AzureIds ids)
        {
            this.connection = connection;
            this.resources = resources;
            this.ids = ids;
            catalog = new AzureCatalog(connection);
        }

        public async Task<MachineInfo> CreateAsync(MachineRequest request, CancellationToken cancellationToken)
        {
            var image = AzureImage.TryParse(request.Image)
                ?? throw Refused(request, ErrorIds.CloudNotFound, ErrorKind.NotFound, $"image '{request.Image}' is not an Azure marketplace image", "write the pool's image field as publisher:offer:sku:version, e.g. Canonical:ubuntu-24_04-lts:server:latest");
            if (ReservedAdminUsers.Contains(request.AdminUser))
                throw Refused(request, ErrorIds.CloudConfigurationInvalid, ErrorKind.InvalidArgument, $"Azure refuses '{request.AdminUser}' as a VM's admin user", "log in to Azure VMs as a non-reserved user with sudo");
            if (Convert.ToBase64String(Encoding.UTF8.GetBytes(request.UserData)).Length > MaxCustomDataChars)
                throw Refused(request, ErrorIds.CloudConfigurationInvalid, ErrorKind.InvalidArgument, "the machine's user data is larger than the 64 KiB Azure takes", "keep first-boot scripts small");

            var cluster = request.Cluster;
            var group = AzureIds.ResourceGroupName(cluster, request.Region);
            var machine = ids.Machine(group, cluster, request.NodeName);
            var location = new AzureLocation(request.Region);
            var tags = ResourceTags.For(cluster, request.Pool, request.NodeName);
            var fields = new ManifestFields(request.Region, request.ServerType, request.Image, request.Zone);

            var vm = await resources.GetOwnedAsync(machine.Vm, cluster, cancellationToken, fields).ConfigureAwait(false);
            if (vm is null || !string.Equals(ProvisioningState(vm), "Succeeded", StringComparison.OrdinalIgnoreCase))
            {
                await catalog.CheckAsync(request, image, cancellationToken).ConfigureAwait(false);
                if (await resources.GetOwnedAsync(machine.PublicAddress, cluster, cancellationToken, fields).ConfigureAwait(false) is null)
                    await resources.PutAsync(machine.PublicAddress, ArmResources.Data(location, tags, AzureResourceBodies.PublicAddress(), sku: "Standard"),
                        cancellationToken, AzureResourceBodies.Zones(request.Zone), fields).ConfigureAwait(false);
                if (await resources.GetOwnedAsync(machine.Nic, cluster, cancellationToken, fields).ConfigureAwait(false) is null)
                    await resources.PutAsync(machine.Nic, ArmResources.Data(location, tags, AzureResourceBodies.NetworkInterface(
                        Network(request, "subnet", ids.Subnet(cluster, request.Region)),
                        machine.PublicAddress.ToString(),
                        Network(request, "firewall/" + request.Pool, ids.SecurityGroup(cluster, request.Region, request.Pool)))), cancellationToken, fields: fields).ConfigureAwait(false);
                vm = await resources.PutAsync(machine.Vm, ArmResources.Data(location, tags,
                    AzureResourceBodies.VirtualMachine(request, image, machine.Disk.Name, machine.Nic.ToString())),
                    cancellationToken, AzureResourceBodies.Zones(request.Zone), fields).ConfigureAwait(false);
                // The OS disk is made by the VM without tags; tag it so a search by cluster id finds it too.
                await resources.PatchTagsAsync(machine.Disk, location, tags, cancellationToken).ConfigureAwait(false);
            }
            else if (await resources.GetAsync(machine.Disk, cancellationToken).ConfigureAwait(false) is { } disk && !ResourceTags.IsOwnedBy(ArmResources.Tags(disk), cluster))
            {
                // A run stopped between the VM's creation and the tagging of its disk.
                await resources.PatchTagsAsync(machine.Disk, location, tags, cancellationToken).ConfigureAwait(false);
            }
            var address = await AddressAsync(machine.PublicAddress, cancellationToken).ConfigureAwait(false)
                ?? throw Refused(request, ErrorIds.CloudRequestFailed, ErrorKind.Failed, $"the public IP {machine.PublicAddress.Name} has no address after the VM was created", "sync again");
            return Info(request.NodeName, request.Pool, request.Region, address, machine);
        }

        public async Task<IReadOnlyList<MachineInfo>> FindAsync(ClusterIdentity cluster, CancellationToken cancellationToken)
        {
            var tagged = await connection.CallAsync<IReadOnlyList<GenericResourceData>>("list resources", async arm =>
            {
                var found = new List<GenericResourceData>();
                var subscription = arm.GetSubscriptionResource(connection.SubscriptionId);
                await foreach (var resource in subscription.GetGenericResourcesAsync(AzureNetworks.TagFilter(cluster), cancellationToken: cancellationToken).ConfigureAwait(false))
                    found.Add(resource.Data);
                return found;
            }, cancellationToken).ConfigureAwait(false);

            var machines = new List<MachineInfo>();
            foreach (var vm in tagged.Where(r => r.ResourceType == "Microsoft.Compute/virtualMachines" && ResourceTags.IsOwnedBy(ArmResources.Tags(r), cluster)))
            {
                var tags = ArmResources.Tags(vm);
                if (!tags.TryGetValue(ResourceTags.Node, out var node)) continue;
                tags.TryGetValue(ResourceTags.Pool, out var pool);
                var machine = ids.Machine(vm.Id.ResourceGroupName!, cluster, node);
                var address = await AddressAsync(machine.PublicAddress, cancellationToken).ConfigureAwait(false);
                machines.Add(Info(node, pool ?? "", vm.Location.Name, address ?? "", machine));
            }
            return machines.OrderBy(m => m.NodeName, StringComparer.Ordinal).ToList();
        }

        /// <summary>Deletes the node's VM, NIC, public IP and OS disk in every region group of the cluster, in that order (Azure refuses to delete what is attached).</summary>
        public async Task DeleteAsync(ClusterIdentity cluster, string nodeName, IReadOnlyList<ResourceGroupData> groups, CancellationToken cancellationToken)
        {
            foreach (var group in groups)
            {
                foreach (var id in ids.Machine(group.Name, cluster, nodeName).InDeleteOrder)
                    await resources.DeleteAsync(id, cancellationToken).ConfigureAwait(false);
            }
        }

        private async Task<string?> AddressAsync(ResourceIdentifier publicAddress, CancellationToken cancellationToken)
        {
            var ip = await resources.GetAsync(publicAddress, cancellationToken).ConfigureAwait(false);
            return AzureResourceBodies.Text(ip?.Properties, "ipAddress");
        }

        private static string? ProvisioningState(GenericResourceData data) => AzureResourceBodies.Text(data.Properties, "provisioningState");

        private static string Network(MachineRequest request, string kind, ResourceIdentifier derived) =>
            request.Network.Resources.TryGetValue(kind, out var id) ? id : derived.ToString();

        private static MachineInfo Info(string node, string pool, string region, string address, MachineIds machine) => new MachineInfo
        {
            NodeName = node,
            Pool = pool,
            Region = region,
            PublicAddress = address,
            Resources = new Dictionary<string, string>
            {
                ["vm"] = machine.Vm.ToString(),
                ["nic"] = machine.Nic.ToString(),
                ["publicIp"] = machine.PublicAddress.ToString(),
                ["disk"] = machine.Disk.ToString(),
            },
        };

        private CloudException Refused(MachineRequest request, string errorId, ErrorKind kind, string problem, string remedy) =>
            CloudErrors.Create(errorId, kind, connection.Provider, $"create machine {request.NodeName} of pool {request.Pool}", problem, remedy);
    }
}
