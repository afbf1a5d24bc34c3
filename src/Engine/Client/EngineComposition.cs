using System;
using System.Collections.Generic;
using System.Linq;
using MultiCloud.Engine.Cloud;
using MultiCloud.Engine.Execution;
using MultiCloud.Engine.LoadBalancing;
using MultiCloud.Engine.Nodes;
using MultiCloud.Engine.Providers;
using MultiCloud.Engine.Remote;

namespace MultiCloud.Engine.Client
{
    /// <summary>What a run's SSH transport is made from: the run's log, the cluster's known_hosts and the settings.</summary>
    public sealed record RemoteShellSetup(string RunLogPath, string KnownHostsPath, IEngineLog Log, SshOptions Ssh);

    /// <summary>
    /// How the engine is put together for a run: the SSH transport and the step handlers. This is the one place
    /// they are registered; tests replace a part (a recording shell, a failing handler) and keep the rest real.
    /// </summary>
    public sealed record EngineComposition
    {
        /// <summary>Makes the run's SSH transport; it is disposed when the run ends.</summary>
        public Func<RemoteShellSetup, IRemoteShell> RemoteShell { get; init; } = setup =>
            new OpenSshShell(setup.RunLogPath, OpenSshShell.NewControlDirectory(), setup.KnownHostsPath, setup.Log, setup.Ssh);

        /// <summary>The cloud provider types (machines, DNS) the engine can use; see docs/providers.md.</summary>
        public ProviderCatalog Providers { get; init; } = ProviderCatalog.Default;

        /// <summary>Every step handler the engine has; a step kind without one fails with NotSupportedYet.</summary>
        public Func<IReadOnlyList<IStepHandler>> StepHandlers { get; init; } = () => NodeStepHandlers.All().Concat(CloudStepHandlers.All()).ToList();

        /// <summary>Probes load-balancer nodes before planning, so DNS follows their health.</summary>
        public Func<TimeSpan, ILoadBalancerProbe> LoadBalancerProbe { get; init; } = timeout => new TcpLoadBalancerProbe(timeout);

        public static EngineComposition Default { get; } = new EngineComposition();
    }
}
