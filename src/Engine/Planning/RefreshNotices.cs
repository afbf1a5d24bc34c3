using System.Collections.Generic;
using System.Linq;
using MultiCloud.Engine.Refresh;

namespace MultiCloud.Engine.Planning
{
    public enum PlanNoticeKind
    {
        /// <summary>A node the refresh could not reach; its drift is unknown.</summary>
        Unreachable,
        /// <summary>A node the refresh did not try or could not read.</summary>
        NotChecked,
        /// <summary>Two mesh members whose tunnel has not handshaken for too long.</summary>
        StaleHandshake,
        /// <summary>Cloud catalogues the plan could not ask whether the pools' regions and server types exist (no credentials).</summary>
        CatalogNotChecked,
    }

    /// <summary>Something the refresh found that no task can repair, shown with the plan: "compute-2 is unreachable: …".</summary>
    public sealed record PlanNotice(PlanNoticeKind Kind, string Subject, string Message);

    /// <summary>The notices of a plan made with a refresh: nodes not checked (and the tasks that will meet them), stale mesh pairs.</summary>
    internal static class RefreshNotices
    {
        public static IReadOnlyList<PlanNotice> Create(PlanningContext context, IReadOnlyList<PlanTask> tasks)
        {
            var report = context.Refresh;
            if (report is null) return new PlanNotice[0];
            var notices = new List<PlanNotice>();
            foreach (var observed in report.Nodes.Where(n => !n.IsChecked).OrderBy(n => n.Node, NodeNameOrder.Instance))
            {
                var touching = tasks.Where(t => t.Steps.Any(s => s.Targets.Contains(observed.Node))).Select(t => t.Id).ToList();
                var consequence = touching.Count == 0 ? "" : $"; {Describe.Names(touching)} will fail on it until it answers";
                var message = observed.Check == HostCheck.Unreachable
                    ? $"{observed.Node} is unreachable, so it was not checked: {observed.Problem}{consequence}"
                    : $"{observed.Node} was not checked: {observed.Problem}{consequence}";
                notices.Add(new PlanNotice(observed.Check == HostCheck.Unreachable ? PlanNoticeKind.Unreachable : PlanNoticeKind.NotChecked, observed.Node, message));
            }
            foreach (var pair in MeshHandshakes.Stale(context.Current, report))
                notices.Add(new PlanNotice(PlanNoticeKind.StaleHandshake, pair.First + " <-> " + pair.Second, pair.Describe()));
            return notices;
        }
    }
}
