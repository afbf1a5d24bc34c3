using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.RegularExpressions;
using System.Threading;
using System.Threading.Tasks;
using Amazon.EC2;
using Amazon.EC2.Model;

namespace MultiCloud.Engine.Providers.Aws
{
    /// <summary>What a pool's machine needs from its image: the device its root volume is on and the size it must at least have.</summary>
    internal sealed record AwsImage(string Id, string RootDeviceName, int RootVolumeSizeGb);

    /// <summary>
    /// Checks a pool's zone, server type and image before anything of the machine is created, each with one cached
    /// lookup per run (DescribeAvailabilityZones per region, DescribeInstanceTypeOfferings per region and type,
    /// DescribeImages per image). RunInstances would refuse them too; asking first means no subnet or address is made
    /// for a machine that cannot exist, and the message names the manifest field.
    /// </summary>
    internal sealed class AwsCatalog
    {
        private static readonly Regex AmiId = new Regex("^ami-[0-9a-f]{8}([0-9a-f]{9})?$", RegexOptions.CultureInvariant);

        private readonly AwsConnection connection;
        private readonly LookupCache<IReadOnlyList<string>> zones = new(StringComparer.Ordinal);
        private readonly LookupCache<IReadOnlyList<string>> offerings = new(StringComparer.Ordinal);
        private readonly LookupCache<AwsImage> images = new(StringComparer.Ordinal);

        public AwsCatalog(AwsConnection connection) => this.connection = connection;

        /// <summary>The region's availability zones, sorted (their order fixes each zone's subnet range).</summary>
        public Task<IReadOnlyList<string>> ZonesAsync(string region, CancellationToken cancellationToken) =>
            zones.GetAsync(region, () => connection.CallAsync<IReadOnlyList<string>>(region, "DescribeAvailabilityZones", async ec2 =>
                ((await ec2.DescribeAvailabilityZonesAsync(new DescribeAvailabilityZonesRequest(), cancellationToken).ConfigureAwait(false)).AvailabilityZones ?? new List<AvailabilityZone>())
                    .Where(z => z.ZoneType is null || z.ZoneType == "availability-zone").Select(z => z.ZoneName).OrderBy(z => z, StringComparer.Ordinal).ToList(),
                cancellationToken));

        /// <summary>The zone the machine goes to (the pool's, or the first that offers its type) and its image; CloudNotFound naming the field otherwise.</summary>
        public async Task<(string Zone, AwsImage Image)> CheckAsync(MachineRequest request, CancellationToken cancellationToken)
        {
            var fields = new PoolFields(request.Region, request.ServerType, request.Image, request.Zone);
            if (!AmiId.IsMatch(request.Image))
                throw NotFound(request, $"image '{request.Image}' is not an AMI id", "write the pool's image field as the AMI id of the region (ami-0123456789abcdef0)");
            var regionZones = await ZonesAsync(request.Region, cancellationToken).ConfigureAwait(false);
            if (request.Zone != null && !regionZones.Contains(request.Zone))
                throw NotFound(request, $"zone '{request.Zone}' is not a zone of {request.Region} ({string.Join(", ", regionZones)})", "fix the pool's zone field, or leave it out");
            var offered = await offerings.GetAsync(request.Region + "|" + request.ServerType, () => connection.CallAsync<IReadOnlyList<string>>(request.Region,
                "DescribeInstanceTypeOfferings " + request.ServerType, async ec2 =>
                    ((await ec2.DescribeInstanceTypeOfferingsAsync(new DescribeInstanceTypeOfferingsRequest
                    {
                        LocationType = LocationType.AvailabilityZone,
                        Filters = new List<Filter> { new Filter("instance-type", new List<string> { request.ServerType }) },
                    }, cancellationToken).ConfigureAwait(false)).InstanceTypeOfferings ?? new List<InstanceTypeOffering>()).Select(o => o.Location).ToList(),
                cancellationToken, fields)).ConfigureAwait(false);
            if (offered.Count == 0)
                throw NotFound(request, $"server type '{request.ServerType}' is not offered in {request.Region}", "fix the pool's serverType field (aws ec2 describe-instance-type-offerings)");
            var zone = request.Zone ?? regionZones.FirstOrDefault(offered.Contains)
                ?? throw NotFound(request, $"no zone of {request.Region} offers server type '{request.ServerType}'", "fix the pool's serverType or region field");
            if (!offered.Contains(zone))
                throw NotFound(request, $"server type '{request.ServerType}' is not offered in zone '{zone}' (only in {string.Join(", ", offered.OrderBy(o => o, StringComparer.Ordinal))})",
                    "fix the pool's zone field, or its serverType field");
            var image = await images.GetAsync(request.Region + "|" + request.Image, () => ImageAsync(request, fields, cancellationToken)).ConfigureAwait(false);
            return (zone, image);
        }

        private Task<AwsImage> ImageAsync(MachineRequest request, PoolFields fields, CancellationToken cancellationToken) =>
            connection.CallAsync(request.Region, "DescribeImages " + request.Image, async ec2 =>
            {
                var found = (await ec2.DescribeImagesAsync(new DescribeImagesRequest { ImageIds = new List<string> { request.Image } }, cancellationToken).ConfigureAwait(false)).Images?.FirstOrDefault();
                if (found is null || found.State != ImageState.Available)
                    throw NotFound(request, $"image '{request.Image}' is not available in {request.Region}", "fix the pool's image field (an AMI id of that region)");
                var root = found.BlockDeviceMappings?.FirstOrDefault(m => m.DeviceName == found.RootDeviceName);
                return new AwsImage(found.ImageId, found.RootDeviceName ?? "/dev/xvda", root?.Ebs?.VolumeSize ?? 8);
            }, cancellationToken, fields);

        private CloudException NotFound(MachineRequest request, string problem, string remedy) =>
            CloudErrors.Create(ErrorIds.CloudNotFound, ErrorKind.NotFound, connection.Provider, $"check pool {request.Pool}", problem, remedy);
    }
}
