using YamlDotNet.RepresentationModel;

namespace MultiCloud.Engine.Manifest.Claudie
{
    /// <summary>Reads the whole InputManifest document into <see cref="ClaudieInput"/>, reporting every structural problem.</summary>
    internal static class InputManifestParser
    {
        public const string Kind = "InputManifest";

        // status is written by Claudie's operator; a manifest saved with kubectl get -o yaml carries it.
        private static readonly string[] TopFields = { "apiVersion", "kind", "metadata", "spec", "status" };

        private static readonly string[] SpecFields = { "providers", "nodePools", "kubernetes", "loadBalancers" };

        // The fields of a Kubernetes ObjectMeta; only name matters to the import.
        private static readonly string[] MetadataFields =
        {
            "name", "namespace", "labels", "annotations", "uid", "resourceVersion", "generation", "creationTimestamp",
            "deletionTimestamp", "deletionGracePeriodSeconds", "finalizers", "managedFields", "ownerReferences", "generateName", "selfLink",
        };

        public static ClaudieInput? Parse(YamlMappingNode root, ImportContext context)
        {
            var top = MappingView.Open(context, root, string.Empty, TopFields)!;
            var kind = top.String("kind", required: true);
            if (kind != null && kind.Value != Kind)
                context.Report(kind, "unknown kind '" + kind.Value + "' for apiVersion " + ManifestVocabulary.ClaudieApiVersion, Kind);
            top.Mapping("metadata", MetadataFields);

            var spec = top.Mapping("spec", SpecFields, required: true);
            if (spec is null) return null;

            var secrets = new SecretRefReader(context);
            var providers = ProviderParser.Parse(spec, context, secrets);
            var pools = NodePoolParser.Parse(spec, context, secrets);
            var kubernetes = KubernetesClusterParser.Parse(spec, context);
            var (roles, loadBalancers) = LoadBalancerParser.Parse(spec, context);

            var shared = new SourceEntries();
            shared.Add(ManifestPaths.Spec, spec.Location, spec.Path);
            shared.Add(ManifestPaths.Providers, spec.LocationOf("providers"), spec.FieldPath("providers"));
            shared.Add(ManifestPaths.NodePools, spec.LocationOf("nodePools"), spec.FieldPath("nodePools"));
            shared.Add(ManifestPaths.DynamicPools, spec.LocationOf("nodePools"), spec.FieldPath("nodePools.dynamic"));
            shared.Add(ManifestPaths.StaticPools, spec.LocationOf("nodePools"), spec.FieldPath("nodePools.static"));
            shared.Add(ManifestPaths.LoadBalancers, spec.LocationOf("loadBalancers"), spec.FieldPath("loadBalancers.clusters"));
            return new ClaudieInput(shared, providers, pools, kubernetes, roles, loadBalancers);
        }
    }
}
