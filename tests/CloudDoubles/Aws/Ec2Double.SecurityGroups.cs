using static MultiCloud.CloudDoubles.Aws.Ec2Xml;

namespace MultiCloud.CloudDoubles.Aws;

/// <summary>Security groups and their inbound rules.</summary>
public sealed partial class Ec2Double
{
    /// <summary>Inbound rules a security group may have (EC2's default quota).</summary>
    public int RulesPerGroupLimit { get; set; } = 60;

    private IEnumerable<Ec2SecurityGroup> Groups(Ec2Call call) =>
        Mine<Ec2SecurityGroup>(call).Concat(vpcParts.Values.Select(p => p.Group).Where(g => g.Account == call.Account && g.Region == call.Region));

    private IEnumerable<object?> CreateSecurityGroup(Ec2Call call)
    {
        var name = call.Query.Required("GroupName");
        var description = call.Query.Required("GroupDescription");
        var vpc = Get<Ec2Vpc>(call, call.Query.Required("VpcId"), "InvalidVpcID.NotFound", "vpc");
        if (name.StartsWith("sg-", StringComparison.OrdinalIgnoreCase) || name.Length > 255)
            throw new Ec2Error(400, "InvalidParameterValue", $"Invalid value '{name}' for groupName. Group names may not be in the format sg-*.");
        if (Groups(call).Any(g => g.VpcId == vpc.Id && g.Name == name))
            throw new Ec2Error(400, "InvalidGroup.Duplicate", $"The security group '{name}' already exists for VPC '{vpc.Id}'");
        var group = new Ec2SecurityGroup
        {
            Id = NewId("sg"), Account = call.Account, Region = call.Region, Name = name, Description = description, VpcId = vpc.Id,
            Tags = TagsOf(call, "security-group", "security-group"),
        };
        Add(group);
        return new object?[] { E("return", "true"), E("groupId", group.Id), Tags(group.Tags) };
    }

    private IEnumerable<object?> DescribeSecurityGroups(Ec2Call call)
    {
        var ids = call.Query.Strings("GroupId");
        var names = call.Query.Strings("GroupName");
        var groups = Filter(Groups(call), call, (g, f) => f switch
        {
            "group-id" => new[] { g.Id }, "group-name" => new[] { g.Name }, "vpc-id" => new[] { g.VpcId }, "description" => new[] { g.Description }, _ => null,
        }).Where(g => (ids.Count == 0 || ids.Contains(g.Id)) && (names.Count == 0 || names.Contains(g.Name))).ToList();
        foreach (var id in ids.Where(i => groups.All(g => g.Id != i))) throw new Ec2Error(400, "InvalidGroup.NotFound", $"The security group '{id}' does not exist");
        return new object?[]
        {
            Set("securityGroupInfo", groups.Select(g => new object?[]
            {
                E("ownerId", g.Account), E("groupId", g.Id), E("groupName", g.Name), E("groupDescription", g.Description), E("vpcId", g.VpcId),
                Set("ipPermissions", g.Ingress.GroupBy(p => (p.Protocol, p.FromPort, p.ToPort)).Select(rule => new object?[]
                {
                    E("ipProtocol", rule.Key.Protocol), E("fromPort", rule.Key.FromPort), E("toPort", rule.Key.ToPort), E("groups"),
                    Set("ipRanges", rule.Where(p => !p.Cidr.Contains(':')).Select(p => new object?[] { E("cidrIp", p.Cidr), Opt("description", p.Description) })),
                    Set("ipv6Ranges", rule.Where(p => p.Cidr.Contains(':')).Select(p => new object?[] { E("cidrIpv6", p.Cidr), Opt("description", p.Description) })),
                    E("prefixListIds"),
                })),
                Set("ipPermissionsEgress", new[] { new object?[] { E("ipProtocol", "-1"), E("groups"), Set("ipRanges", new[] { new object?[] { E("cidrIp", "0.0.0.0/0") } }), E("ipv6Ranges"), E("prefixListIds") } }),
                Tags(g.Tags),
            })),
        };
    }

    /// <summary>IpPermissions.N as single-source permissions (one per range).</summary>
    private static List<(string Protocol, int From, int To, string Cidr, string? Description)> Permissions(Ec2Query query)
    {
        var permissions = new List<(string, int, int, string, string?)>();
        foreach (var permission in query.Items("IpPermissions"))
        {
            var protocol = (permission.Required("IpProtocol")).ToLowerInvariant();
            if (protocol is not ("tcp" or "udp" or "icmp" or "-1")) throw new Ec2Error(400, "InvalidParameterValue", $"Invalid value '{protocol}' for IP protocol. Unknown protocol.");
            var from = permission.Int("FromPort") ?? -1;
            var to = permission.Int("ToPort") ?? -1;
            if (protocol is "tcp" or "udp" && (from < 0 || to > 65535 || from > to))
                throw new Ec2Error(400, "InvalidParameterValue", $"Invalid value '{from}-{to}' for portRange. Must specify both from and to ports with TCP/UDP.");
            foreach (var range in permission.Items("IpRanges")) permissions.Add((protocol, from, to, Cidr(range.Required("CidrIp"), ipv6: false), range["Description"]));
            foreach (var range in permission.Items("Ipv6Ranges")) permissions.Add((protocol, from, to, Cidr(range.Required("CidrIpv6"), ipv6: true), range["Description"]));
        }
        if (permissions.Count == 0) throw new Ec2Error(400, "MissingParameter", "No ip permissions were given (IpPermissions.N.IpRanges or Ipv6Ranges)");
        return permissions;
    }

    private static string Cidr(string cidr, bool ipv6)
    {
        var parts = cidr.Split('/');
        if (parts.Length != 2 || !System.Net.IPAddress.TryParse(parts[0], out var ip) || (ip.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6) != ipv6 || !int.TryParse(parts[1], out _))
            throw new Ec2Error(400, "InvalidParameterValue", $"CIDR block {cidr} is malformed");
        return cidr;
    }

    private IEnumerable<object?> AuthorizeSecurityGroupIngress(Ec2Call call)
    {
        var group = Get<Ec2SecurityGroup>(call, call.Query.Required("GroupId"), "InvalidGroup.NotFound", "security group");
        var added = new List<Ec2Permission>();
        foreach (var (protocol, from, to, cidr, description) in Permissions(call.Query))
        {
            if (group.Ingress.Concat(added).Any(p => p.Protocol == protocol && p.FromPort == from && p.ToPort == to && p.Cidr == cidr))
                throw new Ec2Error(400, "InvalidPermission.Duplicate", $"the specified rule \"peer: {cidr}, {protocol.ToUpperInvariant()}, from port: {from}, to port: {to}, ALLOW\" already exists");
            added.Add(new Ec2Permission(protocol, from, to, cidr, description, NewId("sgr")));
        }
        if (group.Ingress.Count + added.Count > RulesPerGroupLimit)
            throw new Ec2Error(400, "RulesPerSecurityGroupLimitExceeded", "The maximum number of rules per security group has been reached.");
        TagsOf(call, "security-group-rule", "security-group-rule");
        group.Ingress.AddRange(added);
        return new object?[]
        {
            E("return", "true"),
            Set("securityGroupRuleSet", added.Select(p => new object?[] { E("securityGroupRuleId", p.RuleId), E("groupId", group.Id), E("isEgress", "false"), E("ipProtocol", p.Protocol), E("fromPort", p.FromPort), E("toPort", p.ToPort), Opt(p.Cidr.Contains(':') ? "cidrIpv6" : "cidrIpv4", p.Cidr) })),
        };
    }

    private IEnumerable<object?> RevokeSecurityGroupIngress(Ec2Call call)
    {
        var group = Get<Ec2SecurityGroup>(call, call.Query.Required("GroupId"), "InvalidGroup.NotFound", "security group");
        var removing = Permissions(call.Query).Select(r => group.Ingress.FirstOrDefault(p => p.Protocol == r.Protocol && p.FromPort == r.From && p.ToPort == r.To && p.Cidr == r.Cidr)
            ?? throw new Ec2Error(400, "InvalidPermission.NotFound", $"The specified rule does not exist in this security group.")).ToList();
        group.Ingress.RemoveAll(removing.Contains);
        return Return();
    }

    private IEnumerable<object?> DeleteSecurityGroup(Ec2Call call)
    {
        var id = call.Query.Required("GroupId");
        if (vpcParts.Values.Any(p => p.Group.Id == id))
            throw new Ec2Error(400, "CannotDelete", $"the specified group: \"{id}\" name: \"default\" cannot be deleted by a user");
        var group = Get<Ec2SecurityGroup>(call, id, "InvalidGroup.NotFound", "security group");
        if (Mine<Ec2Instance>(call).Any(i => i.State != "terminated" && i.SecurityGroups.Contains(group.Id)))
            throw new Ec2Error(400, "DependencyViolation", $"resource {group.Id} has a dependent object");
        Remove(group);
        return new object?[] { E("return", "true"), E("groupId", group.Id) };
    }
}
