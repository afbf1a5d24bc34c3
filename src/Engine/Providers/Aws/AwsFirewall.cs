using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Sockets;
using AddressFamily = System.Net.Sockets.AddressFamily;
using System.Threading;
using System.Threading.Tasks;
using Amazon.EC2;
using Amazon.EC2.Model;

namespace MultiCloud.Engine.Providers.Aws
{
    /// <summary>
    /// One security group per pool in the cluster's VPC, whose inbound rules are made exactly the requested set: what is
    /// missing is authorized, what is no longer asked for is revoked, what is there already is left alone (so an
    /// unchanged apply writes nothing). Outbound stays EC2's default (all), as nodes fetch packages and images.
    /// </summary>
    internal sealed class AwsFirewall
    {
        private readonly AwsConnection connection;

        public AwsFirewall(AwsConnection connection) => this.connection = connection;

        /// <summary>One inbound permission as EC2 keys it: protocol, single port, one source range.</summary>
        private sealed record Rule(string Protocol, int Port, string Source);

        public async Task<string> EnsureAsync(ClusterIdentity cluster, string region, string vpc, string pool, IReadOnlyList<FirewallRule> rules, CancellationToken cancellationToken)
        {
            var name = ResourceNames.Firewall(cluster, pool);
            var filters = new List<Filter>
            {
                new Filter("vpc-id", new List<string> { vpc }),
                new Filter("group-name", new List<string> { name }),
            };
            var group = await connection.CallAsync(region, "DescribeSecurityGroups", async ec2 =>
                (await ec2.DescribeSecurityGroupsAsync(new DescribeSecurityGroupsRequest { Filters = filters }, cancellationToken).ConfigureAwait(false)).SecurityGroups?.FirstOrDefault(),
                cancellationToken).ConfigureAwait(false);
            if (group != null && !ResourceTags.IsOwnedBy(AwsTags.ToDictionary(group.Tags), cluster))
                throw CloudErrors.NameTaken(connection.Provider, "CreateSecurityGroup " + name, name);
            var id = group?.GroupId ?? await connection.CallAsync(region, "CreateSecurityGroup " + name, async ec2 => (await ec2.CreateSecurityGroupAsync(new CreateSecurityGroupRequest
            {
                GroupName = name,
                Description = $"MultiCloud cluster {cluster.Name}, pool {pool}",
                VpcId = vpc,
                TagSpecifications = AwsTags.Specification(ResourceType.SecurityGroup, name, cluster, pool),
            }, cancellationToken).ConfigureAwait(false)).GroupId, cancellationToken).ConfigureAwait(false);

            var present = Rules(group?.IpPermissions).ToList();
            var wanted = rules.SelectMany(r => r.Sources.Select(s => (Rule: new Rule(Protocol(r.Protocol), r.Port, Cidr(s)), r.Description)))
                .GroupBy(w => w.Rule).Select(g => g.First()).ToList();
            var extra = present.Where(p => !wanted.Any(w => w.Rule == p.Rule)).Select(p => p.Permission).ToList();
            var missing = wanted.Where(w => !present.Any(p => p.Rule == w.Rule)).Select(w => Permission(w.Rule, w.Description)).ToList();
            if (extra.Count > 0)
                await connection.CallAsync(region, "RevokeSecurityGroupIngress " + name, ec2 =>
                    ec2.RevokeSecurityGroupIngressAsync(new RevokeSecurityGroupIngressRequest { GroupId = id, IpPermissions = extra }, cancellationToken), cancellationToken).ConfigureAwait(false);
            if (missing.Count > 0)
                await connection.CallAsync(region, "AuthorizeSecurityGroupIngress " + name, ec2 => ec2.AuthorizeSecurityGroupIngressAsync(new AuthorizeSecurityGroupIngressRequest
                {
                    GroupId = id,
                    IpPermissions = missing,
                    TagSpecifications = AwsTags.Specification(ResourceType.SecurityGroupRule, name, cluster, pool),
                }, cancellationToken), cancellationToken).ConfigureAwait(false);
            return id;
        }

        /// <summary>Each present permission split into single-source rules; anything not of that shape is revoked as it is.</summary>
        private static IEnumerable<(Rule? Rule, IpPermission Permission)> Rules(IEnumerable<IpPermission>? permissions)
        {
            foreach (var permission in permissions ?? Enumerable.Empty<IpPermission>())
            {
                var single = permission.FromPort is int from && permission.FromPort == permission.ToPort && permission.IpProtocol is "tcp" or "udp"
                    && (permission.UserIdGroupPairs ?? new List<UserIdGroupPair>()).Count == 0 && (permission.PrefixListIds ?? new List<PrefixListId>()).Count == 0;
                if (!single)
                {
                    yield return (null, permission);
                    continue;
                }
                foreach (var range in permission.Ipv4Ranges ?? new List<IpRange>())
                    yield return (new Rule(permission.IpProtocol!, permission.FromPort!.Value, range.CidrIp), new IpPermission
                    {
                        IpProtocol = permission.IpProtocol, FromPort = permission.FromPort, ToPort = permission.ToPort,
                        Ipv4Ranges = new List<IpRange> { new IpRange { CidrIp = range.CidrIp } },
                    });
                foreach (var range in permission.Ipv6Ranges ?? new List<Ipv6Range>())
                    yield return (new Rule(permission.IpProtocol!, permission.FromPort!.Value, range.CidrIpv6), new IpPermission
                    {
                        IpProtocol = permission.IpProtocol, FromPort = permission.FromPort, ToPort = permission.ToPort,
                        Ipv6Ranges = new List<Ipv6Range> { new Ipv6Range { CidrIpv6 = range.CidrIpv6 } },
                    });
            }
        }

        private static IpPermission Permission(Rule rule, string description)
        {
            var permission = new IpPermission { IpProtocol = rule.Protocol, FromPort = rule.Port, ToPort = rule.Port };
            if (rule.Source.Contains(':')) permission.Ipv6Ranges = new List<Ipv6Range> { new Ipv6Range { CidrIpv6 = rule.Source, Description = Describe(description) } };
            else permission.Ipv4Ranges = new List<IpRange> { new IpRange { CidrIp = rule.Source, Description = Describe(description) } };
            return permission;
        }

        private static string Protocol(FirewallProtocol protocol) => protocol == FirewallProtocol.Udp ? "udp" : "tcp";

        /// <summary>A bare address becomes a host range, as EC2 takes only CIDR blocks.</summary>
        private static string Cidr(string source)
        {
            var text = source.Trim();
            if (text.Contains('/')) return text;
            return IPAddress.TryParse(text, out var address) && address.AddressFamily == AddressFamily.InterNetworkV6 ? text + "/128" : text + "/32";
        }

        /// <summary>EC2 takes up to 255 characters of a limited alphabet in rule descriptions.</summary>
        private static string Describe(string text)
        {
            var kept = new string(text.Where(c => char.IsLetterOrDigit(c) || " ._-:/()#,@[]+=&;{}!$*".IndexOf(c) >= 0).ToArray());
            return kept.Length > 255 ? kept.Substring(0, 255) : kept;
        }
    }
}
