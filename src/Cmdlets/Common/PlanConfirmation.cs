using System;
using MultiCloud.Engine.Planning;

namespace MultiCloud.Cmdlets
{
    /// <summary>The texts ShouldProcess shows for a plan: -WhatIf prints the plan, -Confirm asks about it.</summary>
    internal static class PlanConfirmation
    {
        /// <summary>What -WhatIf prints: the plan exactly as it would run.</summary>
        public static string Description(Plan plan) => PlanText.Render(plan);

        /// <summary>The -Confirm question, with the plan above it so the user sees what they agree to.</summary>
        public static string Question(Plan plan, string action) =>
            PlanText.Render(plan) + Environment.NewLine +
            (plan.IsEmpty
                ? $"Cluster '{plan.ClusterName}' needs no change. Continue?"
                : $"{action} cluster '{plan.ClusterName}' with these {plan.Tasks.Count} task(s)?");
    }
}
