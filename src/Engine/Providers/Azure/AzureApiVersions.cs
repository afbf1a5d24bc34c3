using Azure.Core;
using Azure.ResourceManager;

namespace MultiCloud.Engine.Providers.Azure
{
    /// <summary>
    /// The ARM API versions MultiCloud speaks, pinned so the SDK never asks the provider registry for "the latest"
    /// (an extra call per type, and a version nobody tested). Each is listed as current in Microsoft's REST reference
    /// (learn.microsoft.com/rest/api/virtualnetwork, /compute, /dns); the DNS record-set API's newest GA is 2018-05-01.
    /// </summary>
    internal static class AzureApiVersions
    {
        public const string Network = "2024-05-01";
        public const string Compute = "2024-11-01";
        public const string Disks = "2024-03-02";
        public const string Dns = "2018-05-01";
        public const string ResourceSkus = "2021-07-01";

        public static void Apply(ArmClientOptions options)
        {
            foreach (var type in new[] { "virtualNetworks", "networkSecurityGroups", "publicIPAddresses", "networkInterfaces" })
                options.SetApiVersion(new ResourceType("Microsoft.Network/" + type), Network);
            options.SetApiVersion(new ResourceType("Microsoft.Compute/virtualMachines"), Compute);
            options.SetApiVersion(new ResourceType("Microsoft.Compute/disks"), Disks);
            options.SetApiVersion(new ResourceType("Microsoft.Network/dnsZones"), Dns);
            options.SetApiVersion(new ResourceType("Microsoft.Network/dnsZones/A"), Dns);
            options.SetApiVersion(new ResourceType("Microsoft.Network/dnsZones/AAAA"), Dns);
        }
    }
}
