using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using MultiCloud.Engine.Execution;
using MultiCloud.Engine.Manifest;
using MultiCloud.Engine.Model;
using MultiCloud.Engine.Planning;
using MultiCloud.Engine.Providers;

namespace MultiCloud.Engine.Cloud
{
    /// <summary>
    /// The plan's question to the clouds' catalogues: do the regions, zones and server types of the pools that would get
    /// new machines exist there? Asked once per provider instance and region (in parallel), read-only, through
    /// <see cref="IMachineProvider.CheckPlacementAsync"/>. Values a catalogue lacks fail the plan with
    /// <see cref="ErrorIds.PlacementNotOffered"/>, every one at once, each naming file, line, field and the closest
    /// offered names; providers that could not be asked (no credentials here) become one notice of the plan.
    /// </summary>
    internal static class PlacementCheck
    {
        private sealed record Group(ProviderSpec Provider, string Region, IReadOnlyList<DynamicNodePoolSpec> Pools);

        private sealed record Outcome(Group Group, PlacementResult Result);

        public static async Task<Plan> RunAsync(Plan plan, CloudSession session, IEngineLog log, CancellationToken cancellationToken)
        {
            var groups = GroupsOf(plan);
            if (groups.Count == 0) return plan;
            var outcomes = await Task.WhenAll(groups.Select(group => AskAsync(group, session, log, cancellationToken))).ConfigureAwait(false);

            var problems = outcomes.SelectMany(o => o.Result.Problems.Select(p => Describe(plan.Desired, o.Group, p))).ToList();
            if (problems.Count > 0)
            {
                var source = ManifestSources.Find(plan.Desired);
                throw new MultiCloudException(ErrorIds.PlacementNotOffered, ErrorKind.NotFound,
                    $"cluster '{plan.ClusterName}': the clouds' catalogues do not offer {Planning.Describe.Count(problems.Count, "value", "values")} of the manifest " +
                    "(nothing was created):\n" + string.Join("\n", problems.Select(p => "  " + p)) + "\nFix these fields and plan again.")
                { Target = source?.File ?? plan.ClusterName };
            }

            var notChecked = outcomes.Where(o => !o.Result.Checked).GroupBy(o => o.Group.Provider.Name, StringComparer.Ordinal)
                .Select(g => $"{g.Key} ({g.First().Result.NotCheckedBecause})").ToList();
            if (notChecked.Count == 0) return plan;
            var notice = new PlanNotice(PlanNoticeKind.CatalogNotChecked, "cloud catalogues",
                "cloud catalogues not checked, so an unknown region or server type of these providers shows only when apply reaches it: " + string.Join("; ", notChecked));
            return plan with { Notices = plan.Notices.Append(notice).ToList() };
        }

        /// <summary>The pools that would get new machines, by provider instance and region.</summary>
        private static IReadOnlyList<Group> GroupsOf(Plan plan)
        {
            var newPools = plan.Nodes.Where(n => n.IsNew && n.Provider != null).Select(n => n.Pool).ToHashSet(StringComparer.Ordinal);
            return plan.Desired.NodePools.OfType<DynamicNodePoolSpec>().Where(p => newPools.Contains(p.Name))
                .GroupBy(p => (p.Provider, p.Region))
                .Select(g => new Group(plan.Desired.Providers.Single(p => p.Name == g.Key.Provider), g.Key.Region, g.ToList()))
                .ToList();
        }

        private static async Task<Outcome> AskAsync(Group group, CloudSession session, IEngineLog log, CancellationToken cancellationToken)
        {
            var request = new PlacementRequest(group.Region, group.Pools.Select(p => new PoolPlacement(p.Name, p.ServerType, p.Zone)).ToList());
            PlacementResult result;
            try
            {
                result = await session.Machines(group.Provider).CheckPlacementAsync(request, cancellationToken).ConfigureAwait(false);
            }
            catch (MultiCloudException e) when (e.Kind != ErrorKind.Canceled)
            {
                // No credentials here, a refused sign-in, an unreachable API: the plan is still right, only unchecked.
                result = PlacementResult.NotChecked(FirstLine(e.Message));
            }
            log.Write(LogLevel.Verbose, result.Checked
                ? $"catalogue of provider {group.Provider.Name} in {group.Region}: {result.Problems.Count} problem(s) for {group.Pools.Count} pool(s)"
                : $"catalogue of provider {group.Provider.Name} in {group.Region} not checked: {result.NotCheckedBecause}");
            return new Outcome(group, result);
        }

        /// <summary>"file:line:col: spec.nodePools.dynamic[0].serverType: node pool …", or "cluster NAME: …" for a spec that came from no file.</summary>
        private static string Describe(ClusterSpec spec, Group group, PlacementProblem problem)
        {
            var pool = group.Pools.Single(p => p.Name == problem.Pool);
            var field = problem.Field switch { PlacementField.Region => "region", PlacementField.Zone => "zone", _ => "serverType" };
            var path = ManifestPaths.Field(ManifestPaths.Pool(spec, pool), field);
            var closest = problem.Closest.Count == 0 ? "" : "; closest: " + string.Join(", ", problem.Closest);
            var text = $"node pool {problem.Pool} (provider {group.Provider.Name}): {problem.Problem}{closest}";
            if (ManifestSources.Find(spec) is { } source)
            {
                var (location, displayPath) = source.Locate(path);
                return new ManifestDiagnostic(location, displayPath, text, "").ToString();
            }
            return DisplayText.Escape($"cluster {spec.Name}: {path}: {text}");
        }

        private static string FirstLine(string text)
        {
            var end = text.IndexOf('\n');
            return end < 0 ? text : text.Substring(0, end);
        }
    }
}
