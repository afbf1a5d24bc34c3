using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Amazon;
using Amazon.EC2;
using Amazon.EC2.Model;

namespace MultiCloud.Engine.Providers.Aws
{
    /// <summary>
    /// The plan-time catalogue check of an AWS account: DescribeRegions (once per provider instance: is the region
    /// enabled for the account), DescribeInstanceTypeOfferings by availability zone for the pools' types (one per
    /// region), DescribeAvailabilityZones only when a pool names a zone, and the region's whole offering list only to
    /// suggest names for a type that is not offered.
    /// </summary>
    internal sealed class AwsPlacement
    {
        /// <summary>Where DescribeRegions is asked when the pool's own region refuses calls (not opted in).</summary>
        private const string HomeRegion = "us-east-1";

        private readonly AwsConnection connection;
        private readonly AwsCatalog catalog;
        private readonly LookupCache<IReadOnlyList<string>> enabledRegions = new(StringComparer.Ordinal);

        public AwsPlacement(AwsConnection connection, AwsCatalog catalog)
        {
            this.connection = connection;
            this.catalog = catalog;
        }

        public async Task<PlacementResult> CheckAsync(PlacementRequest request, CancellationToken cancellationToken)
        {
            if (!connection.Identity.ResolvesWithoutMetadataService)
                return PlacementResult.NotChecked("no accessKey in the manifest and no AWS credentials in the environment or profile files; only apply asks the instance metadata service");
            var region = request.Region;
            if (connection.Settings.Ec2EndpointFor(region) is null && !RegionEndpoint.EnumerableAllRegions.Any(r => r.SystemName == region))
                return RegionProblems(request, $"'{region}' is not an AWS region", RegionEndpoint.EnumerableAllRegions.Select(r => r.SystemName));
            IReadOnlyList<string> enabled;
            try
            {
                enabled = await EnabledRegionsAsync(region, cancellationToken).ConfigureAwait(false);
            }
            catch (CloudException e) when (e.CloudCode == "OptInRequired" && region != HomeRegion)
            {
                // Calls in a region the account has not opted into are refused; the home region lists what it has.
                enabled = await EnabledRegionsAsync(HomeRegion, cancellationToken).ConfigureAwait(false);
            }
            if (!enabled.Contains(region, StringComparer.Ordinal))
                return RegionProblems(request, $"region '{region}' is not enabled for this AWS account", enabled);

            var types = request.Pools.Select(p => p.ServerType).Distinct(StringComparer.Ordinal).ToList();
            var offered = (await OfferingsAsync(region, LocationType.AvailabilityZone, types, cancellationToken).ConfigureAwait(false))
                .ToLookup(o => o.InstanceType.Value, o => o.Location, StringComparer.Ordinal);
            var zones = request.Pools.Any(p => p.Zone != null) ? await catalog.ZonesAsync(region, cancellationToken).ConfigureAwait(false) : Array.Empty<string>();
            IReadOnlyList<string>? regionTypes = null;
            var problems = new List<PlacementProblem>();
            foreach (var pool in request.Pools)
            {
                if (pool.Zone is { } zone && !zones.Contains(zone, StringComparer.Ordinal))
                    problems.Add(ClosestNames.Problem(pool.Pool, PlacementField.Zone, zone, $"'{zone}' is not an availability zone of {region}", zones));
                else if (!offered.Contains(pool.ServerType))
                {
                    regionTypes ??= (await OfferingsAsync(region, LocationType.Region, null, cancellationToken).ConfigureAwait(false)).Select(o => o.InstanceType.Value).ToList();
                    problems.Add(ClosestNames.Problem(pool.Pool, PlacementField.ServerType, pool.ServerType, $"server type '{pool.ServerType}' is not offered in {region}", regionTypes));
                }
                else if (pool.Zone is { } chosen && !offered[pool.ServerType].Contains(chosen, StringComparer.Ordinal))
                {
                    var zonesWithType = offered[pool.ServerType].OrderBy(z => z, StringComparer.Ordinal).ToList();
                    problems.Add(ClosestNames.Problem(pool.Pool, PlacementField.Zone, chosen,
                        $"server type '{pool.ServerType}' is not offered in zone {chosen} (only in {string.Join(", ", zonesWithType)})", zonesWithType));
                }
            }
            return PlacementResult.Found(problems);
        }

        private static PlacementResult RegionProblems(PlacementRequest request, string problem, IEnumerable<string> offered) =>
            PlacementResult.Found(request.Pools.Select(pool => ClosestNames.Problem(pool.Pool, PlacementField.Region, request.Region, problem, offered)));

        /// <summary>The regions enabled for the account, asked once per provider instance (in the first region checked).</summary>
        private Task<IReadOnlyList<string>> EnabledRegionsAsync(string region, CancellationToken cancellationToken) =>
            enabledRegions.GetAsync("", () => connection.CallAsync<IReadOnlyList<string>>(region, "DescribeRegions", async ec2 =>
                ((await ec2.DescribeRegionsAsync(new DescribeRegionsRequest(), cancellationToken).ConfigureAwait(false)).Regions ?? new List<Region>())
                    .Select(r => r.RegionName).ToList(), cancellationToken));

        /// <summary>Every page of DescribeInstanceTypeOfferings in the region, filtered to <paramref name="types"/> when given.</summary>
        private Task<List<InstanceTypeOffering>> OfferingsAsync(string region, LocationType locationType, IReadOnlyList<string>? types, CancellationToken cancellationToken) =>
            connection.CallAsync(region, "DescribeInstanceTypeOfferings", async ec2 =>
            {
                var all = new List<InstanceTypeOffering>();
                string? next = null;
                do
                {
                    var request = new DescribeInstanceTypeOfferingsRequest { LocationType = locationType, NextToken = next };
                    if (types != null) request.Filters = new List<Filter> { new Filter("instance-type", types.ToList()) };
                    var page = await ec2.DescribeInstanceTypeOfferingsAsync(request, cancellationToken).ConfigureAwait(false);
                    all.AddRange(page.InstanceTypeOfferings ?? new List<InstanceTypeOffering>());
                    next = string.IsNullOrEmpty(page.NextToken) ? null : page.NextToken;
                }
                while (next != null);
                return all;
            }, cancellationToken, new PoolFields(Region: region));
    }
}
