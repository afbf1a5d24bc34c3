using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;

namespace MultiCloud.Engine.Planning
{
    /// <summary>
    /// Renders a plan as stable, human text: what -WhatIf and `multicloud plan` show, and what the golden files hold.
    /// Only plan content goes in, in plan order, so equal plans render equal text.
    /// </summary>
    public static class PlanText
    {
        private const int ShownFingerprint = 12;

        public static string Render(Plan plan)
        {
            if (plan is null) throw new ArgumentNullException(nameof(plan));
            var text = new StringBuilder();
            text.Append(plan.IsDestroy ? "Destroy plan" : "Plan").Append(" for cluster ").Append(plan.ClusterName).Append('\n');
            text.Append("id ").Append(plan.Id).Append('\n');
            foreach (var warning in plan.Warnings) text.Append("warning: ").Append(warning).Append('\n');
            if (plan.IsEmpty)
            {
                text.Append(plan.Refresh is null || plan.Refresh.Nodes.Count == 0
                    ? "Nothing to do: the cluster matches its spec.\n"
                    : "Nothing to do: the cluster matches its spec, and its hosts what MultiCloud configured there.\n");
                AppendRefresh(text, plan);
                return text.ToString();
            }

            var added = plan.Nodes.Count(n => n.IsNew);
            text.Append(Describe.Count(plan.Tasks.Count, "task", "tasks")).Append("; ends with ").Append(Describe.Count(plan.Nodes.Count, "node", "nodes"))
                .Append(" (").Append(added.ToString(CultureInfo.InvariantCulture)).Append(" new), removes ")
                .Append(plan.RemovedNodes.Count.ToString(CultureInfo.InvariantCulture)).Append('\n');
            AppendRefresh(text, plan);
            AppendNodes(text, plan);
            if (plan.RemovedNodes.Count > 0)
                text.Append("\nRemoved nodes\n  ").Append(string.Join(", ", plan.RemovedNodes)).Append('\n');
            text.Append("\nTasks\n");
            var numberWidth = plan.Tasks.Count.ToString(CultureInfo.InvariantCulture).Length;
            for (var i = 0; i < plan.Tasks.Count; i++) AppendTask(text, (i + 1).ToString(CultureInfo.InvariantCulture).PadLeft(numberWidth), plan.Tasks[i]);
            return text.ToString();
        }

        /// <summary>What the refresh looked at, and everything it found that no task repairs.</summary>
        private static void AppendRefresh(StringBuilder text, Plan plan)
        {
            var report = plan.Refresh;
            if (report is null || report.Nodes.Count == 0)
            {
                // A plan made without asking hosts (a new cluster) can still carry notices: catalogues not checked.
                if (plan.Notices.Count > 0) text.Append("\nNotices\n");
                foreach (var notice in plan.Notices) text.Append("  ! ").Append(notice.Message).Append('\n');
                return;
            }
            var checkedCount = report.Nodes.Count(n => n.IsChecked);
            text.Append("\nRefresh at ").Append(report.StartedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture)).Append(" UTC: ")
                .Append(checkedCount.ToString(CultureInfo.InvariantCulture)).Append(" of ").Append(Describe.Count(report.Nodes.Count, "host", "hosts")).Append(" checked");
            var repairs = plan.Tasks.Count(t => t.Id.StartsWith("repair/", StringComparison.Ordinal));
            if (repairs > 0) text.Append(", ").Append(Describe.Count(repairs, "repair", "repairs")).Append(" planned");
            text.Append('\n');
            foreach (var notice in plan.Notices) text.Append("  ! ").Append(notice.Message).Append('\n');
        }

        private static void AppendNodes(StringBuilder text, Plan plan)
        {
            if (plan.Nodes.Count == 0) return;
            var rows = new List<string[]> { new[] { "name", "pool", "role", "mesh address", "status", "where" } };
            rows.AddRange(plan.Nodes.Select(n => new[]
            {
                n.Name, n.Pool, Describe.Role(n.Role), n.MeshAddress, n.IsNew ? "new" : "kept",
                n.Provider ?? Describe.Endpoint(n.User, n.Endpoint, n.Port),
            }));
            var widths = Enumerable.Range(0, rows[0].Length).Select(c => rows.Max(r => r[c].Length)).ToArray();
            text.Append("\nNodes\n");
            foreach (var row in rows)
            {
                var cells = row.Select((cell, c) => c == row.Length - 1 ? cell : cell.PadRight(widths[c]));
                text.Append("  ").Append(string.Join("  ", cells).TrimEnd()).Append('\n');
            }
        }

        private static void AppendTask(StringBuilder text, string number, PlanTask task)
        {
            var indent = new string(' ', number.Length + 4);
            text.Append("  ").Append(number).Append(". ").Append(task.Id)
                .Append(" [").Append(task.Kind).Append("] ").Append(task.Description).Append('\n');
            if (task.Targets.Count > 0)
                text.Append(indent).Append("on ").Append(string.Join(", ", task.Targets)).Append('\n');
            foreach (var step in task.Steps)
            {
                text.Append(indent).Append("- ").Append(step.Name).Append(" [").Append(step.Kind).Append("] ").Append(step.Description).Append('\n');
                text.Append(indent).Append("  targets: ").Append(string.Join(", ", step.Targets)).Append('\n');
            }
            foreach (var key in task.RecordsApplied.Keys.OrderBy(k => k, StringComparer.Ordinal))
            {
                var value = task.RecordsApplied[key];
                text.Append(indent).Append("records ").Append(key).Append(value.Length == 0 ? " removed" : " = " + Shorten(value)).Append('\n');
            }
        }

        private static string Shorten(string value) => value.Length > ShownFingerprint + 4 ? value.Substring(0, ShownFingerprint) + "..." : value;
    }
}
