using Azure.Core;

namespace MultiCloud.Engine.Providers.Azure
{
    /// <summary>
    /// The ARM ids of everything MultiCloud makes in one subscription, derived only from cluster, region, pool and node
    /// (<see cref="ResourceNames"/>): one resource group per cluster and region holds the network, the pools' security
    /// groups and every machine with its NIC, public IP and OS disk.
    /// </summary>
    internal sealed class AzureIds
    {
        private readonly AzureConnection connection;

        public AzureIds(AzureConnection connection) => this.connection = connection;



        public static string ResourceGroupName(ClusterIdentity cluster, string region) => ResourceNames.OfRegion(cluster, region, "rg");

        public ResourceIdentifier ResourceGroup(ClusterIdentity cluster, string region) =>
            new ResourceIdentifier($"/subscriptions/{connection.Subscription}/resourceGroups/{ResourceGroupName(cluster, region)}");

        public ResourceIdentifier Resource(string resourceGroup, string type, string name) =>
            new ResourceIdentifier($"/subscriptions/{connection.Subscription}/resourceGroups/{resourceGroup}/providers/{type}/{name}");

        public ResourceIdentifier Network(ClusterIdentity cluster, string region) =>
            Resource(ResourceGroupName(cluster, region), "Microsoft.Network/virtualNetworks", ResourceNames.OfRegion(cluster, region, "net"));

        public ResourceIdentifier Subnet(ClusterIdentity cluster, string region) =>
            new ResourceIdentifier(Network(cluster, region) + "/subnets/" + AzureResourceBodies.SubnetName);

        public ResourceIdentifier SecurityGroup(ClusterIdentity cluster, string region, string pool) =>
            Resource(ResourceGroupName(cluster, region), "Microsoft.Network/networkSecurityGroups", ResourceNames.Firewall(cluster, pool));

        /// <summary>The ids of one machine's resources, in the order they are deleted.</summary>
        public MachineIds Machine(string resourceGroup, ClusterIdentity cluster, string node) => new MachineIds(
            Resource(resourceGroup, "Microsoft.Compute/virtualMachines", ResourceNames.Machine(cluster, node)),
            Resource(resourceGroup, "Microsoft.Network/networkInterfaces", ResourceNames.OfMachine(cluster, node, "nic")),
            Resource(resourceGroup, "Microsoft.Network/publicIPAddresses", ResourceNames.OfMachine(cluster, node, "ip")),
            Resource(resourceGroup, "Microsoft.Compute/disks", ResourceNames.OfMachine(cluster, node, "disk")));

        public ResourceIdentifier RecordSet(string resourceGroup, string zone, string type, string name) =>
            Resource(resourceGroup, "Microsoft.Network/dnsZones", $"{zone}/{type}/{name}");
    }

    internal sealed record MachineIds(ResourceIdentifier Vm, ResourceIdentifier Nic, ResourceIdentifier PublicAddress, ResourceIdentifier Disk)
    {
        public ResourceIdentifier[] InDeleteOrder => new[] { Vm, Nic, PublicAddress, Disk };
    }
}
