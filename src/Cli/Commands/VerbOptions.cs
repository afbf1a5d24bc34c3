using System.CommandLine;
using MultiCloud.Cli.Output;
using MultiCloud.Engine.Client;
using MultiCloud.Engine.Planning;

namespace MultiCloud.Cli.Commands
{
    /// <summary>Options and arguments several verbs share; each verb gets its own instances.</summary>
    internal static class VerbOptions
    {
        public static Argument<string?> ManifestFile() => new Argument<string?>("FILE")
        {
            Description = "Manifest file (native or Claudie InputManifest); omitted means the shipped example (see --example)",
            Arity = ArgumentArity.ZeroOrOne,
        };

        public static Option<string?> Example() => new Option<string?>("--example")
        {
            Description = "Use a shipped example instead of a file (`multicloud examples` lists them)",
            HelpName = "NAME",
        };

        public static Argument<string> ClusterName() => new Argument<string>("NAME")
        {
            Description = "Cluster name",
        };

        public static Option<OutputFormat> Output() => new Option<OutputFormat>("--output", "-o")
        {
            Description = "text for people, json for scripts",
            HelpName = "text|json",
            DefaultValueFactory = _ => OutputFormat.Text,
        };

        public static Option<ClusterLayer?> Until() => new Option<ClusterLayer?>("--until")
        {
            Description = "Stop after this layer: Infrastructure, Nodes, Mesh, LoadBalancers, Kubernetes, Storage",
            HelpName = "LAYER",
        };

        public static Option<bool> Yes() => new Option<bool>("--yes", "-y")
        {
            Description = "Do not ask for confirmation (required when stdin is not a terminal)",
        };

        public static Option<string?> Out(string what) => new Option<string?>("--out")
        {
            Description = "Write " + what + " to this file instead of stdout",
            HelpName = "FILE",
        };

        public static Option<bool> NoRefresh() => new Option<bool>("--no-refresh")
        {
            Description = "Do not check the hosts first (one SSH round trip each); trust the state alone",
        };

        /// <summary>--no-refresh as the engine's refresh mode.</summary>
        public static RefreshMode RefreshFor(bool noRefresh) => noRefresh ? RefreshMode.StateOnly : RefreshMode.CheckHosts;

        /// <summary>--until as plan options; without it, null: the engine keeps the scope the cluster's state records.</summary>
        public static PlanOptions? PlanOptionsFor(ClusterLayer? until) =>
            until is null ? null : new PlanOptions { Until = until.Value };
    }
}
