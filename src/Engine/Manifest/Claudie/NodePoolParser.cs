using System.Collections.Generic;
using MultiCloud.Engine.Model;

namespace MultiCloud.Engine.Manifest.Claudie
{
    /// <summary>Reads spec.nodePools: the dynamic and static pool definitions clusters refer to by name.</summary>
    internal static class NodePoolParser
    {
        private static readonly string[] DynamicFields =
            { "name", "providerSpec", "count", "serverType", "image", "storageDiskSize", "autoscaler", "labels", "annotations", "taints", "machineSpec", "spot" };

        private static readonly string[] ProviderSpecFields = { "name", "region", "zone", "externalNetworkName" };

        // cpuCount, memory and the GPU counts only describe the server type to Claudie's autoscaler; MultiCloud asks the provider.
        private static readonly string[] MachineSpecFields = { "cpuCount", "memory", "nvidiaGpuCount", "nvidiaGpuType", "nvidiaGpu" };

        private static readonly string[] StaticFields = { "name", "nodes", "labels", "annotations", "taints", "sshPort" };

        private static readonly string[] StaticNodeFields = { "endpoint", "secretRef", "username" };

        public static IReadOnlyList<ImportedPool> Parse(MappingView spec, ImportContext context, SecretRefReader secrets)
        {
            var pools = new List<ImportedPool>();
            var nodePools = spec.Mapping("nodePools", new[] { "dynamic", "static" });
            if (nodePools is null) return pools;
            foreach (var (node, path) in nodePools.Sequence("dynamic"))
            {
                var fields = MappingView.Open(context, node, path, DynamicFields);
                if (fields != null) pools.Add(ParseDynamic(fields, context));
            }
            foreach (var (node, path) in nodePools.Sequence("static"))
            {
                var fields = MappingView.Open(context, node, path, StaticFields);
                if (fields != null) pools.Add(ParseStatic(fields, context, secrets));
            }
            return pools;
        }

        private static ImportedPool ParseDynamic(MappingView fields, ImportContext context)
        {
            var source = new SourceEntries();
            source.Add(string.Empty, fields.Location, fields.Path);
            var name = fields.RequiredString("name");
            source.Add(".name", name);

            var placement = fields.Mapping("providerSpec", ProviderSpecFields, required: true);
            var provider = placement?.RequiredString("name") ?? Missing(fields, "providerSpec.name");
            var region = placement?.RequiredString("region") ?? Missing(fields, "providerSpec.region");
            var zone = placement?.String("zone");
            var network = placement?.String("externalNetworkName");
            if (network != null && network.Value.Length > 0)
                context.Report(network.Location, network.Path, "externalNetworkName is only used by OpenStack, which has no MultiCloud provider", "remove the field");
            source.Add(".provider", provider);
            source.Add(".region", region);
            source.Add(".zone", zone);

            var serverType = fields.RequiredString("serverType");
            var image = fields.RequiredString("image");
            source.Add(".serverType", serverType);
            source.Add(".image", image);

            var count = fields.Int("count");
            source.Add(".count", count);
            var autoscaler = ParseAutoscaler(fields, source);
            var diskSize = fields.Int("storageDiskSize");
            source.Add(".diskSizeGb", diskSize);
            if (diskSize != null && diskSize.Value <= 0)
            {
                context.Report(diskSize, "storageDiskSize " + diskSize.Value + " asks for nodes without a storage disk, which MultiCloud does not offer",
                    "a size in GB, or remove the field for the default");
                diskSize = null;
            }

            ParseMachineSpec(fields, context);
            var spot = fields.Bool("spot");
            if (spot != null && spot.Value)
                context.Report(spot.Location, spot.Path, "spot instances are not supported", "false, or remove the field");

            var pool = new DynamicNodePoolSpec
            {
                Name = name.Value,
                Provider = provider.Value,
                Region = region.Value,
                Zone = zone?.Value,
                ServerType = serverType.Value,
                Image = image.Value,
                Count = count?.Value,
                Autoscaler = autoscaler,
                DiskSizeGb = diskSize?.Value,
                Labels = NodeMetadataParser.Map(fields, "labels", source),
                Annotations = NodeMetadataParser.Map(fields, "annotations", source),
                Taints = NodeMetadataParser.Taints(fields, context, source),
            };
            return new ImportedPool(name, pool, source, provider);
        }

        private static AutoscalerSpec? ParseAutoscaler(MappingView pool, SourceEntries source)
        {
            var fields = pool.Mapping("autoscaler", new[] { "min", "max" });
            if (fields is null) return null;
            var min = fields.Int("min", required: true);
            var max = fields.Int("max", required: true);
            source.Add(".autoscaler", fields.Location, fields.Path);
            source.Add(".autoscaler.min", min ?? new Located<int>(0, fields.Location, fields.FieldPath("min")));
            source.Add(".autoscaler.max", max ?? new Located<int>(0, fields.Location, fields.FieldPath("max")));
            return new AutoscalerSpec(min?.Value ?? 0, max?.Value ?? 0);
        }

        private static void ParseMachineSpec(MappingView pool, ImportContext context)
        {
            var fields = pool.Mapping("machineSpec", MachineSpecFields);
            if (fields is null) return;
            fields.Int("cpuCount");
            fields.Int("memory");
            fields.Int("nvidiaGpuCount");
            fields.Int("nvidiaGpu");
            var gpuType = fields.String("nvidiaGpuType");
            if (gpuType != null && gpuType.Value.Length > 0)
                context.Report(gpuType.Location, gpuType.Path, "attaching GPU accelerators to a server type is not supported",
                    "a server type that comes with its GPUs, without nvidiaGpuType");
        }

        private static ImportedPool ParseStatic(MappingView fields, ImportContext context, SecretRefReader secrets)
        {
            var source = new SourceEntries();
            source.Add(string.Empty, fields.Location, fields.Path);
            var name = fields.RequiredString("name");
            source.Add(".name", name);
            var sshPort = fields.Int("sshPort");

            var nodes = new List<StaticNodeSpec>();
            foreach (var (node, path) in fields.Sequence("nodes", required: true))
            {
                var nodeFields = MappingView.Open(context, node, path, StaticNodeFields);
                if (nodeFields is null) continue;
                var relative = ".nodes[" + nodes.Count + "]";
                var endpoint = nodeFields.RequiredString("endpoint");
                var user = nodeFields.String("username");
                var secret = secrets.Read(nodeFields, required: true);
                source.Add(relative, nodeFields.Location, path);
                source.Add(relative + ".endpoint", endpoint);
                source.Add(relative + ".user", user);
                source.Add(relative + ".port", sshPort);
                source.Add(relative + ".privateKey", secret);
                nodes.Add(new StaticNodeSpec
                {
                    Endpoint = endpoint.Value,
                    User = user?.Value ?? "root",
                    Port = sshPort?.Value ?? 22,
                    PrivateKey = secret is null ? null : ClaudieSecrets.Reference(secret.Value, ClaudieSecrets.PrivateKeyKey),
                });
            }
            if (fields.Has("nodes")) source.Add(".nodes", fields.LocationOf("nodes"), fields.FieldPath("nodes"));

            var pool = new StaticNodePoolSpec
            {
                Name = name.Value,
                Nodes = nodes,
                Labels = NodeMetadataParser.Map(fields, "labels", source),
                Annotations = NodeMetadataParser.Map(fields, "annotations", source),
                Taints = NodeMetadataParser.Taints(fields, context, source),
            };
            return new ImportedPool(name, pool, source, null);
        }

        private static Located<string> Missing(MappingView pool, string field) => new Located<string>(string.Empty, pool.Location, pool.FieldPath(field));
    }
}
