using MultiCloud.Engine.Manifest;
using MultiCloud.Engine.Model;
using Xunit;

// Not "...Tests.Model": that namespace would hide MultiCloud.Engine.Model from the "Model.X" references in other test folders.
namespace MultiCloud.Engine.Tests.Models
{
    /// <summary>Assertions the spec edit and builder tests share: clean validation and the shape of an engine error.</summary>
    internal static class SpecAssert
    {
        /// <summary>The cluster of a shipped example manifest (examples/*.yaml).</summary>
        public static ClusterSpec Example(string name) =>
            ManifestReader.Parse(ExampleManifests.Get(name), name + ".yaml").ThrowIfInvalid().Clusters.Single();

        public static void ValidatesClean(ClusterSpec spec)
        {
            var diagnostics = ManifestValidator.Validate(new[] { new ManifestDocument(spec, new SourceMap("<test>")) });
            Assert.True(diagnostics.Count == 0, "expected no problems, got:\n  " + string.Join("\n  ", diagnostics));
        }

        public static MultiCloudException Fails(Action action, string errorId, ErrorKind kind, string message)
        {
            var error = Assert.Throws<MultiCloudException>(action);
            Assert.Equal(errorId, error.ErrorId);
            Assert.Equal(kind, error.Kind);
            Assert.Equal(message, error.Message);
            return error;
        }

        public static MultiCloudException InvalidParameter(Action action, string message) =>
            Fails(action, ErrorIds.InvalidParameter, ErrorKind.InvalidArgument, message);

        public static string[] PoolNames(ClusterSpec spec) => spec.NodePools.Select(p => p.Name).ToArray();

        /// <summary>Every place a spec can name a pool, as "where: name" lines, to prove a pool is gone from all of them.</summary>
        public static IEnumerable<string> PoolMentions(ClusterSpec spec) =>
            spec.NodePools.Select(p => "nodePools: " + p.Name)
                .Concat(spec.Kubernetes.ControlPools.Select(p => "control: " + p))
                .Concat(spec.Kubernetes.ComputePools.Select(p => "compute: " + p))
                .Concat(spec.LoadBalancers.SelectMany(lb => lb.Pools.Select(p => "lb " + lb.Name + " pools: " + p)))
                .Concat(spec.LoadBalancers.SelectMany(lb => lb.Roles.SelectMany(r => r.TargetPools.Select(p => "lb " + lb.Name + " role " + r.Name + ": " + p))));
    }
}
