using System;
using System.Collections.Generic;
using MultiCloud.Engine.Execution;
using MultiCloud.Engine.Nodes;
using MultiCloud.Engine.Providers;
using MultiCloud.Engine.Remote;

namespace MultiCloud.Engine.Client
{
    /// <summary>What a run's SSH transport is made from: the run's log and the settings (pinned host keys come with each target, from state).</summary>
    public sealed record RemoteShellSetup(string RunLogPath, IEngineLog Log, SshOptions Ssh);

    /// <summary>
    /// How the engine is put together for a run: the SSH transport and the step handlers. This is the one place
    /// they are registered; tests replace a part (a recording shell, a failing handler) and keep the rest real.
    /// </summary>
    public sealed record EngineComposition
    {
        /// <summary>Makes the run's SSH transport; it is disposed when the run ends.</summary>
        public Func<RemoteShellSetup, IRemoteShell> RemoteShell { get; init; } = setup =>
            new SshNetShell(setup.RunLogPath, setup.Log, setup.Ssh);

        /// <summary>The cloud provider types (machines, DNS) the engine can use; see docs/providers.md.</summary>
        public ProviderCatalog Providers { get; init; } = ProviderCatalog.Default;

        /// <summary>Every step handler the engine has; a step kind without one fails with NotSupportedYet.</summary>
        public Func<IReadOnlyList<IStepHandler>> StepHandlers { get; init; } = NodeStepHandlers.All;

        public static EngineComposition Default { get; } = new EngineComposition();
    }
}
