using System.Collections.Generic;
using System.Linq;
using MultiCloud.Engine.Planning;

namespace MultiCloud.Engine.Views
{
    /// <summary>
    /// One task of a plan as front ends show it (Get-MCPlan, -WhatIf, `multicloud plan --output json`). Kinds are
    /// names, so that PowerShell's ConvertTo-Json writes them as the console host's JSON does.
    /// </summary>
    public sealed class PlanTaskInfo
    {
        public string ClusterName { get; private set; } = "";
        public int Order { get; private set; }
        public string Id { get; private set; } = "";
        public string Kind { get; private set; } = "";
        public string Description { get; private set; } = "";
        public IReadOnlyList<string> Targets { get; private set; } = new string[0];
        public IReadOnlyList<string> Steps { get; private set; } = new string[0];

        public static IReadOnlyList<PlanTaskInfo> From(Plan plan) =>
            plan.Tasks.Select((task, index) => new PlanTaskInfo
            {
                ClusterName = plan.ClusterName,
                Order = index + 1,
                Id = task.Id,
                Kind = task.Kind.ToString(),
                Description = task.Description,
                Targets = task.Targets.Select(t => t.ToString()).ToList(),
                Steps = task.Steps.Select(s => s.Description).ToList(),
            }).ToList();
    }
}
