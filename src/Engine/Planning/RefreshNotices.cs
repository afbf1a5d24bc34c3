using System.Collections.Generic;
using System.Linq;
using MultiCloud.Engine.Refresh;

namespace MultiCloud.Engine.Planning
{
    /// <summary>
    /// The notices of a plan made with a refresh: nodes not checked (and the tasks that will meet them), stale mesh
    /// pairs, nodes Kubernetes does not call Ready (no task repairs a kubelet; the notice says where to look).
    /// </summary>
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
            var kubernetes = KubernetesHealth.Of(context.Current, report, _ => false);
            if (kubernetes.ApiProblem != null) notices.Add(new PlanNotice(PlanNoticeKind.KubernetesNotReady, context.Current.Name, kubernetes.ApiProblem));
            foreach (var node in context.Current.Nodes.Where(n => kubernetes.ProblemOf(n.Name) != null))
                notices.Add(new PlanNotice(PlanNoticeKind.KubernetesNotReady, node.Name, kubernetes.ProblemOf(node.Name)!));
            return notices;
        }
    }
}
