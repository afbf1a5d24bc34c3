using System.Collections.Generic;
using System.CommandLine;
using MultiCloud.Cli.Output;
using MultiCloud.Engine.Planning;

namespace MultiCloud.Cli.Commands
{
    /// <summary>`multicloud plan [FILE] [--until LAYER] [--no-refresh] [--output text|json]`: what an apply would do now, after checking
    /// the hosts (unless --no-refresh); changes nothing.</summary>
    internal static class PlanCommand
    {
        public static Command Create(HostContext host)
        {
            var source = new ManifestSource();
            var until = VerbOptions.Until();
            var output = VerbOptions.Output();
            var noRefresh = VerbOptions.NoRefresh();
            var command = new Command("plan", "Show what apply would do, task by task, without changing anything");
            source.AddTo(command);
            command.Add(until);
            command.Add(output);
            command.Add(noRefresh);
            VerbAction.Set(command, host, async invocation =>
            {
                var options = VerbOptions.PlanOptionsFor(invocation.Get(until));
                var refresh = VerbOptions.RefreshFor(invocation.Get(noRefresh));
                var plans = new List<Plan>();
                foreach (var cluster in source.Load(invocation))
                    plans.Add(await invocation.Client.PlanAsync(cluster, options, refresh, invocation.CancellationToken).ConfigureAwait(false));

                if (invocation.Get(output) == OutputFormat.Json)
                {
                    JsonOutput.Write(host.Terminal.Out, PlanDocument.From(plans));
                }
                else
                {
                    for (var i = 0; i < plans.Count; i++)
                    {
                        if (i > 0) host.Terminal.Out.WriteLine();
                        PlanPrinter.Write(host.Terminal, plans[i]);
                    }
                }
                return ExitCodes.Success;
            });
            return command;
        }
    }
}
