namespace MultiCloud.CloudDoubles.Aws;

/// <summary>An AMI of the double: its region, root device and the size of its root snapshot.</summary>
public sealed record Ec2Image(string Id, string Region, string Name, string RootDevice = "/dev/sda1", int RootSizeGb = 8);

/// <summary>
/// What the EC2 double offers: regions (some opt-in and not enabled), their zones, instance types with vCPUs and the
/// zones each is offered in, and AMIs per region. Tests change it to make a size, zone or image unknown.
/// </summary>
public sealed class Ec2Catalog
{
    /// <summary>Region → enabled for the account (opt-in regions that are not enabled answer OptInRequired).</summary>
    public Dictionary<string, bool> Regions { get; } = new(StringComparer.Ordinal)
    {
        ["eu-central-1"] = true,
        ["eu-west-1"] = true,
        ["us-east-1"] = true,
        ["ap-east-1"] = false,
    };

    /// <summary>Instance type → vCPUs.</summary>
    public Dictionary<string, int> InstanceTypes { get; } = new(StringComparer.Ordinal)
    {
        ["t3.micro"] = 2,
        ["t3.large"] = 2,
        ["m6i.large"] = 2,
        ["m6i.xlarge"] = 4,
        ["c7g.large"] = 2,
    };

    /// <summary>(instance type, zone) pairs a type is not offered in: every other zone of every enabled region offers it.</summary>
    public HashSet<(string Type, string Zone)> NotOffered { get; } = new() { ("c7g.large", "eu-central-1c") };

    public List<Ec2Image> Images { get; } = new()
    {
        new Ec2Image("ami-0b7fd829e7758b06d", "eu-central-1", "ubuntu-noble-24.04-amd64-server"),
        new Ec2Image("ami-0a1b2c3d4e5f60718", "eu-west-1", "ubuntu-noble-24.04-amd64-server"),
        new Ec2Image("ami-0123456789abcdef0", "us-east-1", "debian-12-amd64", "/dev/xvda", 8),
    };

    public IReadOnlyList<string> Zones(string region) =>
        Regions.TryGetValue(region, out var enabled) && enabled ? new[] { region + "a", region + "b", region + "c" } : Array.Empty<string>();

    public bool Offers(string type, string zone) => InstanceTypes.ContainsKey(type) && !NotOffered.Contains((type, zone));

    public Ec2Image? Image(string region, string id) => Images.FirstOrDefault(i => i.Region == region && i.Id == id);
}
