using System.Security.Cryptography;
using System.Text;
using static MultiCloud.CloudDoubles.Aws.Ec2Xml;

namespace MultiCloud.CloudDoubles.Aws;

/// <summary>Regions, zones, instance-type offerings, images and key pairs.</summary>
public sealed partial class Ec2Double
{
    private IEnumerable<object?> DescribeRegions() => new object?[]
    {
        Set("regionInfo", Catalog.Regions.Where(r => r.Value).OrderBy(r => r.Key, StringComparer.Ordinal).Select(r => new object?[]
            { E("regionName", r.Key), E("regionEndpoint", $"ec2.{r.Key}.amazonaws.com"), E("optInStatus", "opt-in-not-required") })),
    };

    private IEnumerable<object?> DescribeAvailabilityZones(Ec2Call call) => new object?[]
    {
        Set("availabilityZoneInfo", Catalog.Zones(call.Region).Select((zone, i) => new object?[]
        {
            E("zoneName", zone), E("zoneState", "available"), E("regionName", call.Region), E("zoneId", call.Region[..3] + "-az" + (i + 1)),
            E("zoneType", "availability-zone"), E("optInStatus", "opt-in-not-required"),
        })),
    };

    private IEnumerable<object?> DescribeInstanceTypeOfferings(Ec2Call call)
    {
        var locationType = call.Query["LocationType"] ?? "region";
        var offers = Catalog.InstanceTypes.Keys.SelectMany(type => locationType == "availability-zone"
                ? Catalog.Zones(call.Region).Where(z => Catalog.Offers(type, z)).Select(z => (Type: type, Location: z))
                : new[] { (Type: type, Location: call.Region) })
            .Where(o => call.Query.Filters().All(f => f.Name switch
            {
                "instance-type" => f.Values.Contains(o.Type),
                "location" => f.Values.Contains(o.Location),
                _ => throw new Ec2Error(400, "InvalidParameterValue", $"The filter '{f.Name}' is invalid"),
            }));
        return new object?[]
        {
            Set("instanceTypeOfferingSet", offers.Select(o => new object?[] { E("instanceType", o.Type), E("locationType", locationType), E("location", o.Location) })),
        };
    }

    private IEnumerable<object?> DescribeImages(Ec2Call call)
    {
        var ids = call.Query.Strings("ImageId");
        foreach (var id in ids)
        {
            if (!System.Text.RegularExpressions.Regex.IsMatch(id, "^ami-[0-9a-f]{8,17}$")) throw new Ec2Error(400, "InvalidAMIID.Malformed", $"Invalid id: \"{id}\" (expecting \"ami-...\")");
            if (Catalog.Image(call.Region, id) is null) throw new Ec2Error(400, "InvalidAMIID.NotFound", $"The image id '[{id}]' does not exist");
        }
        var images = Catalog.Images.Where(i => i.Region == call.Region && (ids.Count == 0 || ids.Contains(i.Id)));
        return new object?[]
        {
            Set("imagesSet", images.Select(i => new object?[]
            {
                E("imageId", i.Id), E("imageLocation", "amazon/" + i.Name), E("imageState", "available"), E("imageOwnerId", "099720109477"),
                E("isPublic", "true"), E("architecture", "x86_64"), E("imageType", "machine"), E("name", i.Name),
                E("rootDeviceType", "ebs"), E("rootDeviceName", i.RootDevice), E("virtualizationType", "hvm"),
                Set("blockDeviceMapping", new[] { new object?[] { E("deviceName", i.RootDevice), E("ebs", E("snapshotId", "snap-0" + i.Id[4..]), E("volumeSize", i.RootSizeGb), E("deleteOnTermination", "true"), E("volumeType", "gp3")) } }),
            })),
        };
    }

    private IEnumerable<object?> ImportKeyPair(Ec2Call call)
    {
        var name = call.Query.Required("KeyName");
        if (Mine<Ec2KeyPair>(call).Any(k => k.Name == name)) throw new Ec2Error(400, "InvalidKeyPair.Duplicate", $"The keypair already exists");
        string text;
        try
        {
            text = Encoding.UTF8.GetString(Convert.FromBase64String(call.Query.Required("PublicKeyMaterial")));
        }
        catch (FormatException)
        {
            throw new Ec2Error(400, "InvalidKey.Format", "Key is not in valid OpenSSH public key format");
        }
        var fields = text.Trim().Split(' ');
        var keyType = fields[0] switch { "ssh-ed25519" => "ed25519", "ssh-rsa" => "rsa", _ => null };
        byte[] blob;
        try
        {
            blob = fields.Length >= 2 ? Convert.FromBase64String(fields[1]) : Array.Empty<byte>();
        }
        catch (FormatException)
        {
            blob = Array.Empty<byte>();
        }
        if (keyType is null || blob.Length == 0) throw new Ec2Error(400, "InvalidKey.Format", "Key is not in valid OpenSSH public key format");
        var key = new Ec2KeyPair
        {
            Id = NewId("key"), Account = call.Account, Region = call.Region, Name = name, KeyType = keyType,
            Fingerprint = Convert.ToBase64String(SHA256.HashData(blob)).TrimEnd('='), Tags = TagsOf(call, "key-pair", "key-pair"),
        };
        Add(key);
        return new object?[] { E("keyFingerprint", key.Fingerprint), E("keyName", key.Name), E("keyPairId", key.Id), Tags(key.Tags) };
    }

    private IEnumerable<object?> DescribeKeyPairs(Ec2Call call)
    {
        var names = call.Query.Strings("KeyName");
        var keys = Filter(Mine<Ec2KeyPair>(call), call, (k, filter) => filter switch
        {
            "key-name" => new[] { k.Name },
            "key-pair-id" => new[] { k.Id },
            "fingerprint" => new[] { k.Fingerprint },
            _ => null,
        }).Where(k => names.Count == 0 || names.Contains(k.Name)).ToList();
        foreach (var name in names.Where(n => keys.All(k => k.Name != n)))
            throw new Ec2Error(400, "InvalidKeyPair.NotFound", $"The key pair '{name}' does not exist");
        return new object?[]
        {
            Set("keySet", keys.Select(k => new object?[] { E("keyPairId", k.Id), E("keyName", k.Name), E("keyFingerprint", k.Fingerprint), E("keyType", k.KeyType), Tags(k.Tags) })),
        };
    }

    /// <summary>Deleting a key pair that does not exist succeeds, as in EC2.</summary>
    private IEnumerable<object?> DeleteKeyPair(Ec2Call call)
    {
        var name = call.Query["KeyName"];
        var id = call.Query["KeyPairId"];
        var key = Mine<Ec2KeyPair>(call).FirstOrDefault(k => (name != null && k.Name == name) || (id != null && k.Id == id));
        if (key != null) Remove(key);
        return new object?[] { E("return", "true"), Opt("keyPairId", key?.Id) };
    }
}
