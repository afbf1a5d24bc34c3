using System;
using System.Collections.Generic;
using MultiCloud.Engine.Model;

namespace MultiCloud.Engine.Manifest
{
    /// <summary>The inside of each pool: sizes, machine details, static nodes and taints.</summary>
    internal static class PoolRules
    {
        public const string CountOrAutoscaler = "exactly one of count or autoscaler";
        public const string PortRange = "1 to 65535";
        public const string FingerprintForm = "SHA256:<base64>, as printed by ssh-keygen -lf";

        public static void Check(ClusterCheck check)
        {
            var endpoints = new Dictionary<string, string>();
            foreach (var (pool, path) in check.Pools)
            {
                if (pool is DynamicNodePoolSpec dynamicPool) CheckDynamic(check, path, dynamicPool);
                if (pool is StaticNodePoolSpec staticPool) CheckStatic(check, path, staticPool, endpoints);
            }
        }

        private static void CheckDynamic(ClusterCheck check, string path, DynamicNodePoolSpec pool)
        {
            RequireText(check, ManifestPaths.Field(path, "region"), pool.Region, "region");
            RequireText(check, ManifestPaths.Field(path, "serverType"), pool.ServerType, "serverType");
            RequireText(check, ManifestPaths.Field(path, "image"), pool.Image, "image");

            if (pool.Count != null && pool.Autoscaler != null)
                check.Report(ManifestPaths.Field(path, "autoscaler"), "count and autoscaler are both set", CountOrAutoscaler);
            if (pool.Count is null && pool.Autoscaler is null)
                check.Report(ManifestPaths.Field(path, "count"), "neither count nor autoscaler is set", CountOrAutoscaler);
            if (pool.Count < 0)
                check.Report(ManifestPaths.Field(path, "count"), "count " + ClusterCheck.Number(pool.Count.Value) + " is negative", "0 or more");

            if (pool.Autoscaler is AutoscalerSpec autoscaler)
            {
                var autoscalerPath = ManifestPaths.Field(path, "autoscaler");
                if (autoscaler.Min < 0)
                    check.Report(ManifestPaths.Field(autoscalerPath, "min"), "min " + ClusterCheck.Number(autoscaler.Min) + " is negative", "0 or more");
                if (autoscaler.Max < 0)
                    check.Report(ManifestPaths.Field(autoscalerPath, "max"), "max " + ClusterCheck.Number(autoscaler.Max) + " is negative", "0 or more");
                if (autoscaler.Min > autoscaler.Max)
                    check.Report(autoscalerPath, "min " + ClusterCheck.Number(autoscaler.Min) + " is greater than max " + ClusterCheck.Number(autoscaler.Max), "min <= max");
            }

            if (pool.DiskSizeGb <= 0)
                check.Report(ManifestPaths.Field(path, "diskSizeGb"), "diskSizeGb " + ClusterCheck.Number(pool.DiskSizeGb.Value) + " is not positive", "1 or more");
        }

        private static void CheckStatic(ClusterCheck check, string path, StaticNodePoolSpec pool, Dictionary<string, string> endpoints)
        {
            if (pool.Nodes.Count == 0)
                check.Report(ManifestPaths.Field(path, "nodes"), "a static pool needs at least one node", "a list of nodes, each with an endpoint");

            for (var n = 0; n < pool.Nodes.Count; n++)
            {
                var node = pool.Nodes[n];
                var nodePath = ManifestPaths.Item(ManifestPaths.Field(path, "nodes"), n);
                var endpointPath = ManifestPaths.Field(nodePath, "endpoint");
                if (!DnsNames.IsEndpoint(node.Endpoint))
                    check.Report(endpointPath, "'" + node.Endpoint + "' is not an IP address or host name", DnsNames.EndpointRule);

                if (node.Port < 1 || node.Port > 65535)
                    check.Report(ManifestPaths.Field(nodePath, "port"), "port " + ClusterCheck.Number(node.Port) + " is out of range", PortRange);
                else if (node.Endpoint.Length > 0)
                {
                    var key = node.Endpoint.ToLowerInvariant() + ":" + ClusterCheck.Number(node.Port);
                    if (endpoints.TryGetValue(key, out var firstPath))
                        check.Report(endpointPath, node.Endpoint + " port " + ClusterCheck.Number(node.Port) + " is already used at " + check.Where(firstPath), "each machine once per cluster");
                    else
                        endpoints[key] = endpointPath;
                }

                if (node.User.Length == 0)
                    check.Report(ManifestPaths.Field(nodePath, "user"), "user is empty", SystemNames.UserRule);
                else if (!SystemNames.IsUser(node.User))
                    check.Report(ManifestPaths.Field(nodePath, "user"), "'" + node.User + "' is not a user name", SystemNames.UserRule);
                if (node.HostKeyFingerprint != null && !IsFingerprint(node.HostKeyFingerprint))
                    check.Report(ManifestPaths.Field(nodePath, "hostKeyFingerprint"), "'" + node.HostKeyFingerprint + "' is not a SHA256 host key fingerprint", FingerprintForm);
                if (node.PrivateKey != null)
                    ProviderRules.CheckCredential(check, ManifestPaths.Field(nodePath, "privateKey"), node.PrivateKey);
            }
        }

        private static bool IsFingerprint(string text) => ValueGrammar.IsHostKeyFingerprint(text);

        private static void RequireText(ClusterCheck check, string path, string value, string field)
        {
            if (value.Trim().Length == 0) check.Report(path, field + " is empty", YamlFields.TextType);
        }
    }
}
