using System.Collections;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Management.Automation.Language;
using System.Management.Automation.Runspaces;

namespace MultiCloud.Cmdlets
{
    /// <summary>
    /// Tab completion of names the engine knows: clusters of the state folder (-StateDirectory if typed, else the
    /// default), pools, nodes and load balancers of the cluster typed in -ClusterName, shipped examples. The engine
    /// picks the names; this only asks it and quotes what needs quoting.
    /// </summary>
    public abstract class EngineNameCompleter : IArgumentCompleter
    {
        // Completion must answer at once; a state folder on a slow disk gets this long.
        private const int TimeoutMilliseconds = 2000;

        private readonly int _kind;

        private protected EngineNameCompleter(int kind) => _kind = kind;

        public IEnumerable<CompletionResult> CompleteArgument(string commandName, string parameterName, string wordToComplete,
            CommandAst commandAst, IDictionary fakeBoundParameters)
        {
            var stateDirectory = fakeBoundParameters["StateDirectory"] as string;
            var clusterName = fakeBoundParameters["ClusterName"] as string;
            var names = CompletionQuery.Names(_kind, FullPath(stateDirectory), clusterName, wordToComplete.Trim('\'', '"'), TimeoutMilliseconds);
            return names.Select(name => new CompletionResult(Quoted(name), name, CompletionResultType.ParameterValue, name));
        }

        private static string? FullPath(string? path)
        {
            if (string.IsNullOrEmpty(path) || Path.IsPathRooted(path)) return path;
            var here = Runspace.DefaultRunspace?.SessionStateProxy?.Path?.CurrentFileSystemLocation?.ProviderPath;
            return here is null ? path : Path.Combine(here, path);
        }

        private static string Quoted(string name) =>
            name.IndexOfAny(new[] { ' ', '\'', '"', '$', '`', '(', ')', ';', ',', '{', '}', '@', '#' }) >= 0 ? "'" + name.Replace("'", "''") + "'" : name;
    }

    public sealed class ClusterNameCompleter : EngineNameCompleter
    {
        public ClusterNameCompleter() : base(0) { }
    }

    public sealed class NodePoolNameCompleter : EngineNameCompleter
    {
        public NodePoolNameCompleter() : base(1) { }
    }

    public sealed class NodeNameCompleter : EngineNameCompleter
    {
        public NodeNameCompleter() : base(2) { }
    }

    public sealed class LoadBalancerNameCompleter : EngineNameCompleter
    {
        public LoadBalancerNameCompleter() : base(3) { }
    }

    public sealed class ExampleNameCompleter : EngineNameCompleter
    {
        public ExampleNameCompleter() : base(4) { }
    }
}
