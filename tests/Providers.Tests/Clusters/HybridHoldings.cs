namespace MultiCloud.Providers.Tests.Clusters;

/// <summary>
/// What the doubles hold for a cluster of the shipped hybrid example, as "api type name" lines (names, not ids, so
/// runs compare), and what they must hold for a given set of nodes: per node its VM and what hangs off it, per
/// pool its firewall, per cloud region its network — nothing else, nothing twice.
/// </summary>
public static class HybridHoldings
{
    /// <summary>ARM and EC2 resources from the ledger; Hetzner and Cloudflare as <see cref="DoublesEnvironment.Holdings"/> lists them.</summary>
    public static IReadOnlyList<string> Of(HybridDoubles hybrid, string clusterId)
    {
        var arm = hybrid.Ledger.OwnedBy(clusterId).Where(r => r.Api == "arm")
            .Select(r => $"arm {r.Type.Substring(r.Type.LastIndexOf('/') + 1)} {r.Id.Substring(r.Id.LastIndexOf('/') + 1)}");
        var ec2 = hybrid.Ledger.OwnedBy(clusterId).Where(r => r.Api == "ec2")
            .Select(r => $"ec2 {r.Type} {(r.Tags.TryGetValue("Name", out var name) ? name : r.Id)}");
        return arm.Concat(ec2).Concat(hybrid.Doubles.Holdings(clusterId)).OrderBy(line => line, StringComparer.Ordinal).ToList();
    }

    /// <summary>What the clouds must hold for these nodes of cluster <paramref name="cluster"/> (the own machine holds nothing).</summary>
    public static IReadOnlyList<string> Expected(string cluster, IEnumerable<string> nodes)
    {
        var lines = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var node in nodes)
        {
            var pool = node.Substring(0, node.LastIndexOf('-'));
            var vm = cluster + "-" + node;
            switch (pool)
            {
                case "control-az":
                case "compute-az":
                    var region = pool == "control-az" ? "westeurope" : "northeurope";
                    lines.UnionWith(new[]
                    {
                        $"arm resourceGroups {cluster}-{region}-rg", $"arm virtualNetworks {cluster}-{region}-net", $"arm networkSecurityGroups {cluster}-{pool}-fw",
                        $"arm virtualMachines {vm}", $"arm disks {vm}-disk", $"arm networkInterfaces {vm}-nic", $"arm publicIPAddresses {vm}-ip",
                    });
                    break;
                case "compute-aws":
                    lines.UnionWith(new[]
                    {
                        $"ec2 vpc {cluster}-eu-central-1-net", $"ec2 internet-gateway {cluster}-eu-central-1-igw", $"ec2 route-table {cluster}-eu-central-1-routes",
                        $"ec2 key-pair {cluster}-eu-central-1-key", $"ec2 subnet {cluster}-eu-central-1a-subnet", $"ec2 security-group {cluster}-{pool}-fw",
                        $"ec2 instance {vm}", $"ec2 volume {vm}-disk", $"ec2 network-interface {vm}-nic",
                    });
                    break;
                case "lb-hetzner":
                    lines.UnionWith(new[] { $"ssh_key {cluster}-ssh", $"firewall {cluster}-{pool}-fw", $"server {vm}" });
                    break;
            }
        }
        return lines.ToList();
    }
}
