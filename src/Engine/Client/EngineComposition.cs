using System;
using System.Collections.Generic;
using System.Linq;
using MultiCloud.Engine.Cloud;
using MultiCloud.Engine.Execution;
using MultiCloud.Engine.Kubernetes;
using MultiCloud.Engine.Kubernetes.Api;
using MultiCloud.Engine.LoadBalancing;
using MultiCloud.Engine.Nodes;
using MultiCloud.Engine.Providers;
using MultiCloud.Engine.Remote;

namespace MultiCloud.Engine.Client
{
    /// <summary>What a run's SSH transport is made from: the run's log and the settings (pinned host keys come with each target, from state).</summary>
    public sealed record RemoteShellSetup(string RunLogPath, IEngineLog Log, SshOptions Ssh);

    /// <summary>What a run's step handlers are made from: the way to a cluster's API and how long to wait on it.</summary>
    public sealed record StepHandlerSetup(Func<KubernetesApiSetup, IKubernetesApi> KubernetesApi, KubernetesOptions Kubernetes);

    /// <summary>
    /// How the engine is put together for a run: the SSH transport, the cloud providers, the Kubernetes API client and the step handlers.
    /// This is the one place they are registered; tests replace a part (a recording shell, a fake API, a failing
    /// handler) and keep the rest real.
    /// </summary>
    public sealed record EngineComposition
    {
        /// <summary>Makes the run's SSH transport; it is disposed when the run ends.</summary>
        public Func<RemoteShellSetup, IRemoteShell> RemoteShell { get; init; } = setup =>
            new SshNetShell(setup.RunLogPath, setup.Log, setup.Ssh);

        /// <summary>The cloud provider types (machines, DNS) the engine can use; see docs/providers.md.</summary>
        public ProviderCatalog Providers { get; init; } = ProviderCatalog.Default;

        /// <summary>Connects to a cluster's Kubernetes API (KubernetesClient over the API endpoint); tests put a recording fake here.</summary>
        public Func<KubernetesApiSetup, IKubernetesApi> KubernetesApi { get; init; } = KubernetesClientApi.Connect;

        /// <summary>Every step handler the engine has, made per run; a step kind without one fails with NotSupportedYet.</summary>
        public Func<StepHandlerSetup, IReadOnlyList<IStepHandler>> StepHandlers { get; init; } = setup =>
            NodeStepHandlers.All().Concat(CloudStepHandlers.All()).Concat(KubernetesStepHandlers.All(setup.KubernetesApi, setup.Kubernetes)).ToList();

        /// <summary>Probes load-balancer nodes before planning, so DNS follows their health.</summary>
        public Func<TimeSpan, ILoadBalancerProbe> LoadBalancerProbe { get; init; } = timeout => new TcpLoadBalancerProbe(timeout);

        public static EngineComposition Default { get; } = new EngineComposition();
    }
}
